"""The domain of a sentence row whose outcome is outside the vocabulary: a result (efficacy) unless it is graded
or its words name a harm ("adverse", "complications", "side effects"). Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc

_DESIGN = "Eighty adults were randomized to zorvaline (n = 40) or usual care (n = 40)."


def _domains(text: str, norm) -> dict[float | None, str]:
    rows, _ = statements.extract(abstract_doc(_DESIGN, text), norm)
    return {r.value: r.domain for r in rows if r.outcome != "ENROLLED"}


def test_an_uncoded_result_is_efficacy(norm) -> None:
    got = _domains("The stone-free rate was 87% in the zorvaline group and 64% in the usual care group.", norm)
    assert got.get(87.0) == "efficacy" and got.get(64.0) == "efficacy"


def test_an_uncoded_harm_is_safety(norm) -> None:
    got = _domains("Postoperative complications occurred in 12% of the zorvaline group and 30% of the usual care "
                   "group.", norm)
    assert got.get(12.0) == "safety" and got.get(30.0) == "safety"


def test_a_coded_adverse_event_stays_safety(norm) -> None:
    got = _domains("Nausea occurred in 13% of the zorvaline group and 40% of the usual care group.", norm)
    assert got.get(13.0) == "safety"
