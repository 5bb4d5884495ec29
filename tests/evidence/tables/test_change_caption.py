"""A caption that calls its values changes from entry makes each value without a time of its own a change.

"Changes in clinical measures from baseline to 6 months", "Score changes between baseline (T0) and the end of
follow-up" over columns that are only the arms: each value is the arm's change, and its outcome says so. The
same caption over Baseline and 6-month columns prints levels: those keep their times and no change label.
Invented tables, real layouts.
"""

from __future__ import annotations

import pytest

from evidex.evidence import build
from tests.evidence.conftest import trial_doc

ARMS_ONLY = [["", "Education (n = 64)", "Usual care (n = 66)", "p-value"],
             ["Body weight, kg", "-1.42 ± 2.71", "0.10 ± 2.65", "0.002"],
             ["HbA1c, %", "-0.95 ± 1.80", "-0.20 ± 1.66", "0.01"]]  # fmt: skip

WITH_TIMES = [["", "Education (n = 64)", "", "Usual care (n = 66)", ""],
              ["", "Baseline", "6 months", "Baseline", "6 months"],
              ["Body weight, kg", "81.2 ± 12.0", "79.8 ± 11.6", "80.7 ± 12.9", "80.8 ± 13.1"]]  # fmt: skip

TITLE = "Peer-led education versus usual care in type 2 diabetes"


@pytest.mark.parametrize("caption", ["Changes in clinical measures from baseline to 6 months",
                                     "Score changes between baseline (T0) and the end of follow-up"])  # fmt: skip
def test_values_under_a_change_caption_are_changes(normalizer, caption: str) -> None:
    rows = [e for e in build(trial_doc(TITLE, (caption, ARMS_ONLY)), normalizer).evidence if e.prov.table]
    assert len(rows) >= 4
    assert all(e.outcome_raw.endswith("(change from baseline)") for e in rows)


def test_values_with_their_own_times_stay_levels(normalizer) -> None:
    doc = trial_doc(TITLE, ("Changes in clinical measures from baseline to 6 months", WITH_TIMES))
    rows = [e for e in build(doc, normalizer).evidence if e.prov.table]
    assert len(rows) >= 4
    assert not any("change" in e.outcome_raw for e in rows)


def test_a_caption_without_a_start_marks_nothing(normalizer) -> None:
    doc = trial_doc(TITLE, ("Changes in clinical outcomes, education versus usual care", ARMS_ONLY))
    rows = [e for e in build(doc, normalizer).evidence if e.prov.table]
    assert rows and not any("change" in e.outcome_raw for e in rows)
