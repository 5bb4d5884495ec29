"""Values told of the participants before treatment ("before enrolment", "a history of", "at baseline") are
baseline characteristics, unless the sentence also tells a later time or a change. Invented sentences."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc

_DESIGN = "Eighty adults were randomized to coaching (n = 40) or usual care (n = 40)."


def _domains(text: str, norm) -> set[str]:
    rows, _ = statements.extract(abstract_doc(_DESIGN, text), norm)
    return {r.domain for r in rows if r.outcome != "ENROLLED"}


def test_before_treatment_is_baseline(norm) -> None:
    assert _domains("Before enrolment, 93.5% of the infants had used topical corticosteroids.", norm) == {"baseline"}
    assert _domains("A history of anxiety was reported in 1 patient (0.9%) in the coaching group.", norm) == {
        "baseline"}


def test_a_later_time_or_new_event_keeps_the_result(norm) -> None:
    got = _domains("Treatment-emergent anxiety, new or worse than at baseline, occurred in 3 patients (7.5%) in the "
                   "coaching group.", norm)  # fmt: skip
    assert got and "baseline" not in got
    assert _domains("Nausea occurred in 13% of the coaching group and 40% of the usual care group.", norm) == {"safety"}
