"""A table of characteristics at entry is a baseline table whatever its caption says.

"Comparability of the randomised groups at trial entry", "Description of the study population" or no caption
at all: when the rows are mostly who the patients were at entry (age, sex, race, BMI, smoking, ...) and
nothing places the numbers later (a change, a follow-up, "Week 12"), the rows are baseline, not results. A
weight-loss trial's table of weight and BMI at week 12 stays results. Invented tables, real layouts.
"""

from __future__ import annotations

import pytest

from evidex.evidence import build
from evidex.models import Document
from tests.evidence.conftest import trial_doc


def _doc(rows: list[list[str]], caption: str) -> Document:
    return trial_doc("Vaginal progesterone versus placebo in women at risk of preterm birth", (caption, rows))


ENTRY = [["", "Progesterone (n = 390)", "Placebo (n = 394)"],
         ["Maternal age (years)", "29.8 (5.6)", "30.1 (5.4)"],
         ["Ethnicity", "", ""],
         ["White", "280 (71.8)", "290 (73.6)"],
         ["Asian", "60 (15.4)", "54 (13.7)"],
         ["Other", "50 (12.8)", "50 (12.7)"],
         ["BMI category", "", ""],
         ["Normal", "200 (51.3)", "210 (53.3)"],
         ["Overweight", "190 (48.7)", "184 (46.7)"],
         ["Current smoker", "41 (10.5)", "39 (9.9)"],
         ["Nulliparous", "150 (38.5)", "160 (40.6)"]]  # fmt: skip


@pytest.mark.parametrize("caption", ["Comparability of randomised study groups at trial entry", "Table 1", ""])
def test_characteristics_at_entry_are_baseline(normalizer, caption: str) -> None:
    b = build(_doc(ENTRY, caption), normalizer)
    assert len(b.evidence) >= 10
    assert {e.domain for e in b.evidence} == {"baseline"}


def test_weight_at_a_later_week_stays_results(normalizer) -> None:
    rows = [["", "Orlistat (n = 120)", "Placebo (n = 118)"],
            ["Age (years), mean (SD)", "44.1 (9.8)", "45.0 (10.2)"],
            ["Weight at week 12 (kg), mean (SD)", "88.4 (12.1)", "92.0 (12.9)"],
            ["BMI at week 12, mean (SD)", "31.2 (3.9)", "32.6 (4.1)"],
            ["Waist circumference (cm), mean (SD)", "101.3 (9.9)", "104.8 (10.6)"]]  # fmt: skip
    b = build(_doc(rows, "Table 2"), normalizer)
    later = [e for e in b.evidence if "week 12" in e.outcome_raw or "Waist" in e.outcome_raw]
    assert len(later) == 6 and "baseline" not in {e.domain for e in later}


def test_change_in_weight_stays_results(normalizer) -> None:
    rows = [["", "Orlistat (n = 120)", "Placebo (n = 118)"],
            ["Weight (kg)", "-5.1 (3.2)", "-1.9 (2.8)"],
            ["BMI (kg/m2)", "-1.8 (1.1)", "-0.7 (1.0)"],
            ["Smokers who quit", "12 (10.0)", "11 (9.3)"]]  # fmt: skip
    b = build(_doc(rows, "Mean change from randomisation"), normalizer)
    assert len(b.evidence) and "baseline" not in {e.domain for e in b.evidence}


def test_a_subgroup_analysis_by_characteristics_stays_results(normalizer) -> None:
    b = build(_doc(ENTRY, "Subgroup analyses of prespecified factors for response"), normalizer)
    rows = [e for e in b.evidence if e.subgroup.startswith(("Ethnicity", "BMI category"))]
    assert len(rows) >= 8 and "baseline" not in {e.domain for e in rows}
    assert {e.outcome_raw for e in rows} == {"Subgroup analyses of prespecified factors for response"}
