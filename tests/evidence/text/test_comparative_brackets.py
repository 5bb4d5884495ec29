"""'X was lower in the A group (3.1 ± 1.0) than in the B group (4.9 ± 1.2)': each group's value in the bracket
after its name, about the outcome named before the comparative. Invented sentences, real normalizer."""

from __future__ import annotations

import pytest

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc

_DESIGN = "Ninety adults were randomized to coaching (n = 45) or usual care (n = 45)."


@pytest.mark.parametrize("text, want", [
    ("The mean pain score was lower in the coaching group (3.1 ± 1.0) than in the usual care group (4.9 ± 1.2).",
     [("a1", 3.1, 1.0, "pain score"), ("a2", 4.9, 1.2, "pain score")]),
    ("The weight loss was significantly greater (p = 0.01) in the coaching group (-2.4 [sd = 1.9]) than in the usual "
     "care group (-0.6 [sd = 2.2]).", [("a1", -2.4, 1.9, "weight loss"), ("a2", -0.6, 2.2, "weight loss")]),
    ("Satisfaction was higher in the coaching group (45%) than in the usual care group (30%).",
     [("a1", 45.0, None, "Satisfaction"), ("a2", 30.0, None, "Satisfaction")]),
])  # fmt: skip
def test_values_in_the_groups_brackets(norm, text: str, want: list) -> None:
    rows, _ = statements.extract(abstract_doc(_DESIGN, text), norm)
    got = [(r.arm_id, r.value, r.spread_value, r.outcome_raw) for r in rows if r.outcome != "ENROLLED"]
    assert got == want
