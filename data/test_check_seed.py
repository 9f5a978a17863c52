"""Tests of check_seed.py's rules for basis, bounded dates and event statuses.

    python3 -m unittest data/test_check_seed.py

Each case writes a one-source, two-entity file and checks that the checker finds (or does not
find) the error it names.
"""
from __future__ import annotations

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_seed import validate  # noqa: E402

TEXT = "The envoy is scheduled to meet the minister on January 22. Earlier this week he spoke."

BASE = """\
format: diplograph/v1
sources:
  - {{id: source/a, title: A, textFile: a.txt}}
entities:
  - {{id: person/envoy, kind: Person, name: Envoy}}
  - {{id: event/meeting, kind: Event, name: Meeting, date: "{date}"{statuses}}}
relations:
  - {{from: person/envoy, type: PARTICIPATED_IN, to: event/meeting, role: envoy, {extra}
     confidence: 0.8, status: reported, sources: [source/a], quote: "scheduled to meet the minister"}}
"""


def run(date="2026-01-22", extra="basis: stated,", statuses="", warnings=False):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "a.txt"), "w", encoding="utf-8") as fh:
            fh.write(TEXT)
        path = os.path.join(d, "seed.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(BASE.format(date=date, extra=extra, statuses=statuses))
        rep, _ = validate(path)
        return rep.warnings if warnings else rep.errors


class Basis(unittest.TestCase):
    def test_stated_is_clean(self):
        self.assertEqual(run(), [])

    def test_missing(self):
        self.assertTrue(any("missing required field 'basis'" in e for e in run(extra="")))

    def test_unknown_word(self):
        self.assertTrue(any("basis 'guessed'" in e for e in run(extra="basis: guessed,")))

    def test_inferred_needs_note(self):
        self.assertTrue(any("needs a basisNote" in e for e in run(extra="basis: inferred,")))
        self.assertEqual(run(extra='basis: inferred, basisNote: "Read from the schedule.",'), [])

    def test_stated_has_no_note(self):
        self.assertTrue(any("only an inferred fact" in e for e in run(extra='basis: stated, basisNote: "x",')))


class BoundedDates(unittest.TestCase):
    def test_forms(self):
        for date in ("../2026-01-22", "2026-01-19/2026-01-26", "2026-01-19/..", "2026-01/2026-01-22"):
            with self.subTest(date=date):
                self.assertEqual(run(date=date), [])

    def test_bad_forms(self):
        for date, why in (("../..", "no bound"), ("2026-01-27/2026-01-26", "earliest bound comes after"),
                          ("2026-01-19/", "write '..'"), ("2026-02-30/..", "not a calendar date"),
                          ("2026-01-19/2026-01-22/2026-01-26", "is not 'YYYY'")):
            with self.subTest(date=date):
                self.assertTrue(any(why in e for e in run(date=date)), run(date=date))

    def test_bounded_valid_time_must_overlap_the_event(self):
        errs = run(extra='basis: stated, validFrom: "../2026-01-21", validTo: "../2026-01-21",')
        self.assertTrue(any("do not overlap" in e for e in errs), errs)


class EventStatuses(unittest.TestCase):
    OK = ', statuses: [{status: scheduled, since: "../2026-01-22", sources: [source/a], quote: "is scheduled to meet"}]'

    def test_clean(self):
        self.assertEqual(run(statuses=self.OK), [])

    def test_unknown_status(self):
        st = self.OK.replace("scheduled,", "planned,")
        self.assertTrue(any("status 'planned'" in e for e in run(statuses=st)))

    def test_since_required(self):
        st = ', statuses: [{status: held, sources: [source/a], quote: "is scheduled to meet"}]'
        self.assertTrue(any("missing required field 'since'" in e for e in run(statuses=st)))

    def test_quote_verbatim(self):
        st = self.OK.replace("is scheduled to meet", "was held")
        self.assertTrue(any("not a verbatim substring" in e for e in run(statuses=st)))

    def test_date_order(self):
        st = (', statuses: [{status: held, since: "2026-01-22", sources: [source/a], quote: "spoke"},'
              ' {status: scheduled, since: "2026-01-01", sources: [source/a], quote: "spoke"}]')
        self.assertTrue(any("date order" in e for e in run(statuses=st)))


class DescriptionQuotes(unittest.TestCase):
    def test_paraphrase_in_quotes_warns(self):
        # the event mapping takes extra fields through `statuses`, here a description
        ok = ', description: \'Said he "spoke".\''
        bad = ', description: \'Said he "gave a speech".\''
        self.assertEqual(run(statuses=ok, warnings=True), [])
        self.assertTrue(any("gave a speech" in w for w in run(statuses=bad, warnings=True)))


if __name__ == "__main__":
    unittest.main()
