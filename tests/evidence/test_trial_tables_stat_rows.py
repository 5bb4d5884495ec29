"""Rows that hold the p-values or test statistics of a within-group test are not arm values.

"Comparison of mean values before and after treatment" tables often print, under each measure, a "p" row with
the p of each group's own before-after test; those numbers are no group's mean. Invented tables, real layouts.
"""

from __future__ import annotations

import pytest

from evidex.evidence import build
from evidex.evidence.tables import cues
from evidex.models import Document
from tests.evidence.conftest import trial_doc


def _doc(rows: list[list[str]], caption: str) -> Document:
    return trial_doc(
        "Low-level laser versus sham laser with exercise for shoulder impingement", (caption, rows), first=2
    )


def test_within_group_p_rows_give_no_arm_values(normalizer) -> None:
    rows = [["", "Laser (n = 24)", "Sham (n = 23)", "p"],
            ["Pain (VAS)", "", "", ""],
            ["Baseline (mean±SD)", "7.2±1.6", "7.5±1.8", "0.34"],
            ["Posttreatment (mean±SD)", "3.8±1.5", "4.6±2.1", "0.21"],
            ["p", "0.000**", "0.001**", ""],
            ["Shoulder flexion", "", "", ""],
            ["Baseline (mean±SD)", "156±31", "167±21", "0.28"],
            ["Posttreatment (mean±SD)", "168±23", "174±15", "0.31"],
            ["P value", "0.011*", "0.040*", ""]]  # fmt: skip
    b = build(_doc(rows, "Comparison of mean values of pain and range of motion before and after treatment"),
              normalizer)  # fmt: skip
    values = sorted(e.value for e in b.evidence if e.statistic == "mean")
    assert values == [3.8, 4.6, 7.2, 7.5, 156, 167, 168, 174], "the p rows' 0.000 and 0.011 are no means"
    assert not [e for e in b.evidence if e.outcome_raw.endswith((" — p", "P value"))]


def test_categories_that_look_like_statistics_stay(normalizer) -> None:
    rows = [["", "Drug A (n = 40)", "Drug B (n = 40)"],
            ["IL28B genotype, n (%)", "", ""],
            ["TT", "30 (75.0)", "28 (70.0)"],
            ["GT/GG", "10 (25.0)", "12 (30.0)"],
            ["Sex, n (%)", "", ""],
            ["F", "22 (55.0)", "19 (47.5)"]]  # fmt: skip
    b = build(_doc(rows, "Baseline characteristics"), normalizer)
    assert sorted(e.events for e in b.evidence if e.outcome_raw.endswith("TT")) == [28, 30]
    assert sorted(e.events for e in b.evidence if e.outcome_raw.split(" — ")[-1] == "F") == [19, 22]


@pytest.mark.parametrize(("text", "want"), [("t", True), ("t a", True), ("Z-score", True), ("TT", False),
                                            ("GG", False), ("F", True)])  # fmt: skip
def test_test_statistic_headers(text: str, want: bool) -> None:
    assert cues.is_test_statistic(text) is want
