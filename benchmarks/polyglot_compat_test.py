#!/usr/bin/env python3
"""Checks the comparison rules of polyglot_compat.py on outputs written here (no kernel needed).

Run: python3 benchmarks/polyglot_compat_test.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polyglot_compat as pc  # noqa: E402


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def result(data, kind="execute_result"):
    return {"output_type": kind, "data": data}


ERROR = {"output_type": "error", "ename": "E", "evalue": "", "traceback": []}


class CompareRules(unittest.TestCase):
    def setUp(self):
        self.corpus = tempfile.mkdtemp(prefix="polyglot-test-")
        os.mkdir(os.path.join(self.corpus, "csharp-notebooks"))
        self.paths = pc.Paths(self.corpus)

    def compare(self, saved, ours, old=False, mapped=False, text_exempt=False):
        return pc.compare(saved, ours, {"old": old, "mapped": mapped, "text_exempt": text_exempt}, self.paths)

    def test_equal_text_passes_and_a_changed_digit_fails(self):
        self.assertIsNone(self.compare([stream("x = 1.5\r\n")], [stream("x = 1.5\n")]))
        self.assertEqual("different text", self.compare([stream("x = 1.5\n")], [stream("x = 1.6\n")]))

    def test_an_error_must_match_and_rich_kinds_must_be_there(self):
        self.assertEqual("error", self.compare([stream("1\n")], [ERROR]))
        self.assertEqual("no error where the saved cell failed", self.compare([ERROR], [stream("1\n")]))
        self.assertEqual("missing text/html", self.compare([result({"text/html": "<table/>"})], [result({"text/plain": "t"})]))

    def test_paths_into_the_repository_compare_from_its_folder_down(self):
        saved = [stream("found here: C:\\dev\\csharp-notebooks\\data\\x.csv\n")]
        ours = [stream(f"found here: {self.corpus}/csharp-notebooks/data/x.csv\n")]
        self.assertIsNone(self.compare(saved, ours))

    def test_an_old_last_write_output_must_end_our_text(self):
        saved = [result({"text/plain": "last line\r\n"})]
        self.assertIsNone(self.compare(saved, [stream("first line\nlast line\n")]))
        self.assertEqual("different text", self.compare(saved, [stream("last line\nanother\n")]))

    def test_old_notebooks_compare_a_single_saved_output_with_our_last(self):
        saved = [result({"text/html": "<table/>"})]
        ours = [stream("x.csv found here\n"), result({"text/html": "<table/>"})]
        self.assertIsNone(self.compare(saved, ours, old=True))
        self.assertEqual("different text", self.compare(saved, ours, old=False))

    def test_numbers_may_differ_by_one_percent_only_where_a_package_version_was_mapped(self):
        saved, ours = [stream("price $274.48k\n")], [stream("price $274.79k\n")]
        self.assertEqual("tolerance", self.compare(saved, ours, mapped=True))
        self.assertEqual("different text", self.compare(saved, ours, mapped=False))
        self.assertEqual("different text", self.compare(saved, [stream("price $290.00k\n")], mapped=True))
        self.assertEqual("different text", self.compare(saved, [stream("cost $274.48k\n")], mapped=True))

    def test_cells_whose_text_cannot_repeat_compare_errors_and_kinds_only(self):
        self.assertIsNone(self.compare([stream("45\n")], [stream("15\n")], text_exempt=True))
        self.assertEqual("text missing", self.compare([stream("45\n")], [], text_exempt=True))

    def test_unserved_packages_and_mapping_notes_are_read_from_the_kernels_report(self):
        page = ("<div><strong>Installed Packages</strong><ul><li><span>A, 1.0</span></li></ul>"
                "<strong>Not on the package source</strong><ul><li><span>B, 2.0</span></li></ul>"
                "<strong>Notes</strong><ul><li><span>A 0.9 is not on the package source; 1.0, the nearest version above it, was installed.</span></li></ul></div>")
        _, _, _, _, unserved, notes = pc.classify([result({"text/html": page}, "display_data")])
        self.assertEqual(["B, 2.0"], unserved)
        self.assertTrue(pc.MAPPED_NOTE.search(notes[0]))


if __name__ == "__main__":
    unittest.main()
