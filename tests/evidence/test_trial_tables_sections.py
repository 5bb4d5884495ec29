"""Sections without indentation: the first row under a section says what its children are.

A baseline table pasted without indents lists "Race, n (%)" and under it "White", "Black", "Asian", "Other":
all four are races, not only the first; "BMI, mean (SD)" after them, a variable with its own statistic, is
not. A results table lists "VAS score" and under it "Day 0", "Day 1", and then "Complications", which is no
day of the VAS. Invented tables, real layouts.
"""

from __future__ import annotations

from evidex.evidence import build
from evidex.models import Document
from tests.evidence.conftest import trial_doc


def _doc(rows: list[list[str]], caption: str) -> Document:
    return trial_doc("Tavoxetine versus placebo in adolescents with major depressive disorder", (caption, rows))


def _raws(bundle) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.outcome_raw for e in bundle.evidence}


def test_named_children_of_a_section_all_keep_it(normalizer) -> None:
    rows = [["", "Tavoxetine (n = 60)", "Placebo (n = 58)"],
            ["Race, n (%)", "", ""],
            ["White", "41 (68.3)", "38 (65.5)"],
            ["Black", "12 (20.0)", "13 (22.4)"],
            ["Other", "7 (11.7)", "7 (12.1)"],
            ["BMI, mean (SD), kg/m2", "21.3 (4.1)", "22.0 (3.8)"],
            ["ASA physical status, n", "", ""],
            ["I", "30", "28"],
            ["II", "25", "24"],
            ["III", "5", "6"]]  # fmt: skip
    b = build(_doc(rows, "Demographic and baseline characteristics"), normalizer)
    assert {"Race, n (%) — White", "Race, n (%) — Black", "Race, n (%) — Other"} <= _raws(b)
    assert {"ASA physical status, n — II", "ASA physical status, n — III"} <= _raws(b)
    assert not {"Black", "Other", "II", "III"} & _raws(b), "a sibling lost its section"
    assert "BMI, mean (SD), kg/m2" in _raws(b), "a variable with its own statistic ends the list of races"


def test_a_name_after_value_children_ends_the_section(normalizer) -> None:
    rows = [["", "Group A (n = 22)", "Group B (n = 20)", "p value"],
            ["Mean hospital stay, days", "4.2±1.2", "2.1±1.1", "<0.001"],
            ["VAS score", "", "", ""],
            ["Day 0", "6.4±1.3", "5.1±1.6", "0.008"],
            ["Day 1", "4.3±1.0", "3.6±1.2", "0.093"],
            ["Complications", "5 (22.7%)", "7 (35%)", "0.591"]]  # fmt: skip
    b = build(_doc(rows, "Comparison of intraoperative and postoperative data"), normalizer)
    assert {"VAS score — Day 0", "VAS score — Day 1", "Complications"} <= _raws(b)
