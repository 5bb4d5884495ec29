# ruff: noqa: E501
"""studies.csv `design`: whether the paper randomized the groups it compares (invented abstracts)."""

from __future__ import annotations

import pytest

from evidex import frames
from evidex.evidence import study
from tests.evidence.conftest import abstract_doc as _doc


@pytest.mark.parametrize(("text", "design"), [
    ("Ninety adults were randomly assigned to zorvaline (n = 45) or placebo (n = 45).", "rct"),
    ("This retrospective study compared 60 patients treated with laser lithotripsy (n = 32) with 28 treated with open surgery (n = 28).", "cohorts"),
    ("In this non-randomized comparison, 40 patients received zorvaline (n = 20) and 20 received mirtaline (n = 20).", "cohorts"),
    ("We report a retrospective analysis of the 120 patients who were randomized to zorvaline (n = 60) or placebo (n = 60).", "rct"),
])  # fmt: skip
def test_design_from_what_the_paper_says_of_its_groups(norm, text: str, design: str) -> None:
    assert study.build(_doc(text), norm, []).design == design


def test_one_group_is_a_single_arm_design(norm) -> None:
    doc = _doc("Forty patients received tisagenlecleucel (n = 40). The CR rate was 80%.", title="Tisagenlecleucel in adults with relapsed ALL")
    assert study.build(doc, norm, []).design == "single"


def test_the_design_is_a_column_of_studies() -> None:
    assert ("design", frames.STR) in frames.COLUMNS["studies"]
