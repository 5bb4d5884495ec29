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


def test_cohorts_without_a_named_control_have_none(norm) -> None:
    doc = _doc("In this retrospective study, 60 adults with low back pain were divided into three groups by presentation: acute pain (group A, n = 23), a minor collision (group B, n = 19) and radicular pain (group C, n = 18).")
    model = study.build(doc, norm, [])
    assert model.design == "cohorts"
    assert [(a.n, a.role) for a in model.arms] == [(23, "experimental"), (19, "experimental"), (18, "experimental")]
    trial = study.build(_doc("Sixty adults were randomly assigned to zorvaline 10 mg (n = 20), zorvaline 20 mg (n = 20) or mirtaline (n = 20)."), norm, [])
    assert [a.role for a in trial.arms].count("control") == 1  # a trial keeps the listing convention


def test_groups_with_no_control_are_each_compared_with_the_later_named() -> None:
    from evidex.evidence import comparisons
    from evidex.evidence.study import StudyArm, StudyModel
    from evidex.models import Evidence

    model = StudyModel(arms=[StudyArm(arm_id=f"a{i}", arm=f"g{i}", label=f"Group {i}", role="experimental") for i in (1, 2, 3)])
    rows = [Evidence(study_id="t", arm=f"g{i}", arm_label=f"Group {i}", outcome="", outcome_raw="disc herniation",
                     statistic="proportion", events=e, total=20, value=e * 5.0, arm_id=f"a{i}", comparison_id="s:1")
            for i, e in ((1, 17), (2, 6), (3, 15))]  # fmt: skip
    _, comps = comparisons.build(rows, model)
    assert sorted((c.arm_e_id, c.arm_c_id) for c in comps) == [("a1", "a2"), ("a1", "a3"), ("a2", "a3")]
