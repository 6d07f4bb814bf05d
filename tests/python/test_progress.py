"""Issue 14, point 6: progress functions and Ctrl-C for every long call, on the district; and a
real SIGINT into a long exact betweenness in a child process."""

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

import orgnet

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")


class ProgressTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.net = orgnet.Network.load(DISTRICT)
        cls.snapshot = os.path.join(tempfile.mkdtemp(), "district.orgnet")
        cls.net.save_snapshot(cls.snapshot)

    @classmethod
    def tearDownClass(cls):
        cls.net.close()
        os.remove(cls.snapshot)

    def calls(self):
        """(work, call(progress)) for every long call; each returns something comparable."""
        net = self.net
        graph = orgnet.links(net)
        reach = orgnet.reach(net)
        org = net.orgs.ids()[len(net.orgs) // 2]
        self.addCleanup(graph.close)
        self.addCleanup(reach.close)

        def closing(make, read):
            def run(progress):
                with make(progress) as made:
                    return read(made)
            return run
        return [
            ("load", closing(lambda p: orgnet.Network.load(DISTRICT, progress=p),
                             lambda n: n.counts())),
            ("snapshot", closing(lambda p: orgnet.Network.open(self.snapshot, progress=p),
                                 lambda n: n.counts())),
            ("coverage", closing(lambda p: orgnet.coverage(net, progress=p),
                                 lambda c: c.finding_counts())),
            ("matching", closing(lambda p: orgnet.match(net, progress=p), lambda m: m.total)),
            ("betweenness", lambda p: graph.betweenness(300, 5, progress=p)),
            ("suggest", lambda p: graph.suggest(org, progress=p)),
            ("siting", lambda p: reach.site(5, progress=p)),
        ]

    def test_snapshot_save_reports_and_a_stop_leaves_no_file(self):
        folder = tempfile.mkdtemp()
        reports = []
        path = os.path.join(folder, "watched.orgnet")
        self.net.save_snapshot(path, progress=lambda d, t, w: reports.append((d, t, w)))
        self.assertEqual(reports[-1], (1, 1, "snapshot"))
        with orgnet.Network.open(path) as again:
            self.assertEqual(again.counts(), self.net.counts())
        stopped = os.path.join(folder, "stopped.orgnet")
        try:
            self.net.save_snapshot(stopped, progress=lambda d, t, w: False)
        except orgnet.CancelledError:
            self.assertFalse(os.path.exists(stopped))
        else:  # written before the first report: whole
            self.assertTrue(orgnet.is_snapshot(stopped))
        self.assertEqual([n for n in os.listdir(folder) if n.startswith(".")], [])

    def test_every_long_call_reports_and_stops(self):
        for work, call in self.calls():
            with self.subTest(work=work):
                plain = call(None)
                reports = []
                self.assertEqual(call(lambda d, t, w: reports.append((d, t, w))), plain)
                self.assertTrue(reports)
                self.assertEqual(reports[-1], (reports[-1][1], reports[-1][1], work))
                with self.assertRaisesRegex(orgnet.CancelledError,
                                            "^%s cancelled by the progress handler$" % work):
                    call(lambda d, t, w: False)
                # A failing progress function stops the call and its error comes out.
                with self.assertRaisesRegex(ZeroDivisionError, "division"):
                    call(lambda d, t, w: 1 / 0)
                with self.assertRaisesRegex(TypeError, "progress must be a function"):
                    call(42)
        self.assertEqual(self.net.counts()["orgs"], 2332)  # still usable afterwards

    def test_brokers_sample_like_the_command_line_and_say_so(self):
        with orgnet.links(self.net) as graph:
            exact = graph.brokers(5)
            self.assertEqual((exact.samples, exact.method), (0, "exact"))
            self.assertEqual([b.id for b in exact], [b.id for b in graph.brokers(5, samples=0)])
            sampled = graph.brokers(5, samples=100, seed=3)
            self.assertEqual((sampled.samples, sampled.seed), (100, 3))
            self.assertEqual(sampled.method, "estimated from 100 sampled sources")
            # The work of exact betweenness decides: orgs x (orgs + linked pairs).
            from orgnet._limits import EXACT_BETWEENNESS_WORK
            self.assertEqual(orgnet.cobuild.broker_sampling(10000, None, 0), (0, "exact"))
            big, method = orgnet.cobuild.broker_sampling(10000, None, 1)
            self.assertEqual(big, orgnet.cobuild.SAMPLED_SOURCES)
            self.assertEqual(10000 * 10000, EXACT_BETWEENNESS_WORK)
            self.assertEqual(orgnet.cobuild.broker_sampling(19999, None, 57000)[0],
                             orgnet.cobuild.SAMPLED_SOURCES)  # issue 24's 47 s case
            self.assertEqual(orgnet.cobuild.broker_sampling(20000, 0, 57000), (0, "exact"))


CHILD = textwrap.dedent("""
    import random, signal, sys, orgnet
    # As in a terminal (a shell's background job would start with SIGINT ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    b = orgnet.Builder()
    n = 30000
    for i in range(n):
        b.add("orgs", id="o%d" % i, name="n", kind="branch", parent="" if i == 0 else "o%d" % (i // 3))
    rng = random.Random(1)
    for l in range(90000):
        x, y = rng.randrange(n), rng.randrange(n)
        if x != y:
            b.add("links", a="o%d" % x, b="o%d" % y, kind="pairing", since="2024-01-%02d" % (1 + l % 28),
                  until=str(l))
    net = b.build()
    graph = orgnet.links(net, on=orgnet.EVERY_LINK)
    print("ready", flush=True)
    graph.betweenness()  # exact: minutes
    print("finished", flush=True)
""")


class CtrlCTest(unittest.TestCase):
    def test_sigint_stops_a_long_call_with_keyboard_interrupt(self):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([os.path.dirname(os.path.dirname(orgnet.__file__))] +
                                            sys.path)
        child = subprocess.Popen([sys.executable, "-c", CHILD.replace('until=str(l)', 'until=""')],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                 text=True)
        try:
            self.assertEqual(child.stdout.readline().strip(), "ready")
            time.sleep(0.5)
            child.send_signal(signal.SIGINT)
            # Run to its end the call would take minutes: stopping shows as an exit well before.
            out, err = child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        self.assertNotIn("finished", out)
        self.assertIn("KeyboardInterrupt", err)
        self.assertNotEqual(child.returncode, 0)


if __name__ == "__main__":
    unittest.main()
