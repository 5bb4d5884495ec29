""""The control group" in the text where the study names its control otherwise ("usual care", "No intervention"):
the phrase is the one arm whose role is control. Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements, study
from tests.evidence.conftest import abstract_doc


def _rows(design: str, text: str, norm) -> list[tuple[str, float | None]]:
    doc = abstract_doc(design, text)
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    return [((a.label if (a := model.by_id(r.arm_id)) else "all"), r.value) for r in rows if r.outcome != "ENROLLED"]


def test_the_control_group_is_the_one_control_arm(norm) -> None:
    got = _rows("Sixty patients were randomized to zorvaline (n = 30) or usual care (n = 30).",
                "Nausea occurred in 13% of patients in the zorvaline group and in 40% in the control group.", norm)
    assert ("zorvaline", 13.0) in got and ("usual care", 40.0) in got


def test_control_names_no_arm_when_the_study_has_no_single_control(norm) -> None:
    got = _rows("Sixty patients were randomized to zorvaline (n = 30) or mirtaline (n = 30).",
                "Nausea occurred in 13% of patients in the zorvaline group and in 40% in the control group.", norm)
    assert ("mirtaline", 40.0) not in got
