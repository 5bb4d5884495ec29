"""Rows of a trial table that only name a time ("Post-procedure", "6-month follow-up", "Day 1") under a measure.

The time is when the measure above was taken: the row's outcome is that measure, its timepoint the time, and
the time's words give it neither the FOLLOW_UP code nor a unit ("Day 1" holds a pain score, not days).
Every table here is invented, in the layouts angiographic and pain trials use.
"""

from __future__ import annotations

import pytest

from evidex.evidence import build
from evidex.evidence.tables.emit import unit
from evidex.evidence.tables.labels import time_only
from evidex.models import Document
from tests.evidence.conftest import trial_doc


def _doc(rows: list[list[str]], caption: str) -> Document:
    return trial_doc(
        "Quarzolimus-eluting versus velmarolimus-eluting stents in small coronary arteries",
        (caption, rows),
        first=3,
        page=4,
    )


def test_a_follow_up_time_under_a_measure_is_that_measure_at_that_time(normalizer) -> None:
    rows = [["", "Quarzo stent (n=52)", "Velmaro stent (n=50)", "p"],
            ["Follow-up, months", "6.4±0.8", "6.3±0.9", "0.55"],
            ["Minimal lumen diameter (mm)", "", "", ""],
            ["Post-procedure", "2.71±0.33", "2.80±0.29", "0.15"],
            ["6-month follow-up", "2.52±0.47", "2.49±0.51", "0.77"],
            ["Late lumen loss (mm)", "", "", ""],
            ["6-month follow-up", "0.19±0.30", "0.31±0.41", "0.09"]]  # fmt: skip
    b = build(_doc(rows, "Quantitative coronary angiography"), normalizer)
    later = [e for e in b.evidence if e.outcome_raw.endswith("6-month follow-up")]
    assert sorted(e.value for e in later) == [0.19, 0.31, 2.49, 2.52]
    assert all(e.outcome != "FOLLOW_UP" and e.domain != "survival" for e in later), "a time row is no follow-up"
    assert all(e.timepoint_months == 6.0 for e in later)
    assert all(e.unit != "month" for e in later), "the 6 months are when, not what, the values measure"
    assert {e.outcome_raw for e in later if e.value in (0.19, 0.31)} == {"Late lumen loss (mm) — 6-month follow-up"}
    duration = [e for e in b.evidence if e.outcome_raw == "Follow-up, months"]
    assert {(e.outcome, e.unit) for e in duration} == {("FOLLOW_UP", "months")}, "a follow-up duration still is one"


def test_a_time_row_takes_its_code_from_the_measure_above(normalizer) -> None:
    rows = [["", "Quarzo (n=40)", "Placebo (n=41)"],
            ["Overall survival, %", "", ""],
            ["12 months", "85.0", "72.5"]]  # fmt: skip
    b = build(_doc(rows, "Outcomes by group"), normalizer)
    os_rows = [e for e in b.evidence if e.outcome_raw.endswith("12 months")]
    assert os_rows and {e.outcome for e in os_rows} == {"OS"}
    assert {e.timepoint_months for e in os_rows} == {12.0}


def test_a_day_row_of_a_pain_score_has_no_unit_of_days(normalizer) -> None:
    rows = [["", "Group A (n=30)", "Group B (n=30)", "P value"],
            ["Mean hospital stay, days", "4.2±1.2", "2.1±1.1", "<0.001"],
            ["VAS score", "", "", ""],
            ["Day 0", "6.4±1.3", "5.1±1.6", "0.008"],
            ["Day 1", "4.3±1.0", "3.6±1.2", "0.093"]]  # fmt: skip
    b = build(_doc(rows, "Comparison of intraoperative and postoperative data"), normalizer)
    stay = [e for e in b.evidence if "hospital stay" in e.outcome_raw]
    assert {e.unit for e in stay} == {"days"}
    day1 = [e for e in b.evidence if e.outcome_raw == "VAS score — Day 1"]
    assert sorted(e.value for e in day1) == [3.6, 4.3]
    assert {e.unit for e in day1} == {""}
    assert {round(e.timepoint_months or 0, 2) for e in day1} == {0.03}


@pytest.mark.parametrize(
    ("label", "want"),
    [("9-month follow-up", True), ("Day 1", True), ("Week 12", True), ("Baseline", True),
     ("Follow-up at 12 months", True), ("Baseline (mean ± SD)", True), ("Follow-up, months", False),
     ("Median follow-up (months)", False), ("Fever on day 4", False), ("Pain at 12 months", False),
     ("24-month OS", False), ("30-day mortality", False), ("End of treatment", False)],
)  # fmt: skip
def test_time_only_labels(label: str, want: bool) -> None:
    assert time_only(label) is want


@pytest.mark.parametrize(
    ("label", "want"),
    [("Age (years)", "years"), ("Mean hospital stay, days", "days"), ("Weight (kg)", "kg"),
     ("VAS score — Day 1", ""), ("RVD (mm) — 9-month follow-up", ""), ("Seizure frequency (seizures/28 days)", ""),
     ("Correct dose for a child (4 years and 20 kg)", ""), ("Duration of symptoms (days) — Week 2", "days"),
     ("Diastolic BP, mm Hg 0.40", "mm hg")],
)  # fmt: skip
def test_unit_words_beside_a_number_are_quantities_not_units(label: str, want: str) -> None:
    assert unit(label, "", "mean") == want
