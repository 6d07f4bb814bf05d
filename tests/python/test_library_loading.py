"""A missing, foreign or stale liborgnet: ``import orgnet`` raises ImportError/OSError naming
the file and what is wrong with it, and the command line says the same in one line with exit
code 1, never a traceback. The foreign and stale libraries are built here with the C compiler."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import orgnet
from orgnet._capi import ABI_VERSION
from orgnet._capi_gen import FUNCTIONS

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.normpath(os.path.join(HERE, "..", "..", "bindings", "python"))
DISTRICT = os.path.normpath(os.path.join(HERE, "..", "..", "examples", "district"))


def run(args, library):
    env = dict(os.environ, ORGNET_LIBRARY=library, PYTHONPATH=PACKAGE)
    return subprocess.run([sys.executable] + args, env=env, capture_output=True, text=True)


class LibraryLoading(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="orgnet-libload-")
        cls.compiler = shutil.which("cc")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def shared_library(self, name, source):
        if self.compiler is None:
            self.skipTest("no C compiler (cc) to build the stand-in library")
        c_file = os.path.join(self.tmp, name + ".c")
        with open(c_file, "w") as f:
            f.write(source)
        path = os.path.join(self.tmp, name + ".so")
        subprocess.run([self.compiler, "-shared", "-fPIC", "-o", path, c_file], check=True)
        return path

    def assert_refused(self, library, message):
        command = run(["-m", "orgnet", "check", DISTRICT], library)
        self.assertEqual(command.returncode, 1, command.stderr)
        self.assertEqual(command.stdout, "")
        self.assertEqual(command.stderr, "orgnet: %s\n" % message)
        program = run(["-c", "import orgnet"], library)
        self.assertNotEqual(program.returncode, 0)
        self.assertIn("Traceback", program.stderr)  # a program gets the exception itself
        self.assertTrue(program.stderr.rstrip().endswith(message), program.stderr)

    def test_a_missing_file_named_by_the_variable(self):
        missing = os.path.join(self.tmp, "no-such-liborgnet.so")
        self.assert_refused(missing, "ORGNET_LIBRARY=%s: no such file" % missing)

    def test_a_file_that_is_no_library(self):
        text = os.path.join(self.tmp, "notes.txt")
        with open(text, "w") as f:
            f.write("not a shared object\n")
        command = run(["-m", "orgnet", "check", DISTRICT], text)
        self.assertEqual(command.returncode, 1)
        self.assertTrue(command.stderr.startswith("orgnet: cannot load %s: " % text),
                        command.stderr)
        self.assertEqual(command.stderr.count("\n"), 1)

    def test_a_library_that_is_not_orgnet(self):
        other = self.shared_library("other", "int other_function(void) { return 0; }\n")
        self.assert_refused(other, "%s is not liborgnet (it has no orgnet_abi_version)" % other)

    def test_another_abi(self):
        older = self.shared_library(
            "older_abi", "int orgnet_abi_version(void) { return %d; }\n" % (ABI_VERSION + 7))
        self.assert_refused(older, "%s speaks C ABI %d; this package needs ABI %d" %
                            (older, ABI_VERSION + 7, ABI_VERSION))

    def test_a_stale_build_of_the_same_abi(self):
        # The ABI's number and two functions: every other function of the package is missing.
        present = ["orgnet_abi_version", "orgnet_network_free"]
        stale = self.shared_library(
            "stale", "int orgnet_abi_version(void) { return %d; }\n"
                     "void orgnet_network_free(void* network) { (void)network; }\n" % ABI_VERSION)
        missing = [name for name in FUNCTIONS if name not in present]
        self.assert_refused(stale, "%s lacks %d of this package's functions (%s, ...): it was "
                            "built from older sources; rebuild it or set ORGNET_LIBRARY" %
                            (stale, len(missing), ", ".join(missing[:3])))

    def test_the_real_library_loads(self):
        command = run(["-m", "orgnet", "--version"], orgnet.library_path)
        self.assertEqual(command.returncode, 0, command.stderr)
        self.assertIn(orgnet.__version__, command.stdout)


if __name__ == "__main__":
    unittest.main()
