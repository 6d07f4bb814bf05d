"""Hostile input gets a message, never a traceback; hostile text is inert wherever it goes."""

import contextlib
import io
import os
import shutil
import tempfile
import unittest

import orgnet
from orgnet.cli import main

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.normpath(os.path.join(HERE, "..", "data", "fixture"))


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as e:
            code = e.code
    return code, out.getvalue(), err.getvalue()


class MalformedBatches(unittest.TestCase):
    """The shapes of issue 24's reproducers: each is exit 2 and one line naming the batch's
    line, and nothing is written."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="orgnet-batch-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def check(self, content: bytes, expected: str):
        path = os.path.join(self.tmp, "b.jsonl")
        with open(path, "wb") as f:
            f.write(b'{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": "x"}\n')
            f.write(content)
        out = os.path.join(self.tmp, "out")
        code, _, err = run(["edit", FIXTURE, path, "-o", out])
        self.assertEqual(code, 2, err)
        self.assertNotIn("Traceback", err)
        self.assertEqual(err.strip(), "orgnet: %s:2: %s" % (path, expected))
        self.assertFalse(os.path.exists(out))

    def test_nesting_100000_deep(self):
        self.check(b"[" * 100000 + b"]" * 100000 + b"\n",
                   "nested too deeply (an edit is one flat JSON object)")

    def test_a_5000_digit_number(self):
        self.check(b'{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": '
                   + b"9" * 5000 + b"}\n",
                   "Exceeds the limit (4300 digits) for integer string conversion: value has "
                   "5000 digits")

    def test_bytes_that_are_not_utf8(self):
        self.check(b'{"op": "set", "value": "\xff\xfe"}\n', "byte 25 (0xff) is not UTF-8 text")

    def test_an_op_that_is_a_list(self):
        self.check(b'{"op": ["set"]}\n', 'op ["set"] is not one of add_column, add_link, insert, '
                   'remove, remove_link, remove_row, rename, reparent, set, set_row')

    def test_a_deep_value(self):
        self.check(b'{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": '
                   + b"[" * 500 + b"]" * 500 + b"}\n",
                   'value: expected text, got [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['
                   '[[[[[[[[[[[[')


if __name__ == "__main__":
    unittest.main()
