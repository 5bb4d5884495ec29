"""A proportion's denominator derived from its count and printed percent only when the percent pins it down
(Cochrane Handbook 6.5.2: derive what the paper determines, never guess)."""

from __future__ import annotations

from evidex.evidence import derive
from evidex.evidence.study import StudyArm, StudyModel
from evidex.models import Evidence


def test_only_the_one_whole_number_that_gives_the_percent() -> None:
    assert derive.only_total(159, 83.2) == 191  # 159/191 = 83.25%, no other n gives 83.2
    assert derive.only_total(51, 72.9, most=76) == 70
    assert derive.only_total(3, 100) == 3


def test_a_coarse_percent_derives_nothing() -> None:
    assert derive.only_total(166, 9) is None  # any n from 1747 to 1953 prints as 9%
    assert derive.only_total(7, 2.3) is None  # 298 to 311


def test_fill_leaves_an_ambiguous_total_empty() -> None:
    study = StudyModel(arms=[StudyArm("a1", "coaching", "Coaching", role="experimental", n=1850)])
    row = Evidence(study_id="s", arm="coaching", arm_id="a1", outcome="", outcome_raw="under 5 years",
                   statistic="proportion", events=166, value=9.0, section="table", subgroup="all")  # fmt: skip
    assert derive.fill(row, study).total is None
    exact = derive.fill(Evidence(study_id="s", arm="coaching", arm_id="a1", outcome="", outcome_raw="x",
                                 statistic="proportion", events=159, value=83.2, section="table", subgroup="all"),
                        study)  # fmt: skip
    assert exact.total == 191 and "total_from_percent" in exact.derived
