"""'39% of patients in the control group and 34% (of patients) in the intervention group developed X': each group's
value, about what the verb after the last item names (the list spans the clause cut at "and"). Invented sentences,
real normalizer."""

from __future__ import annotations

import pytest

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc

_DESIGN = "One hundred twenty adults were randomized to coaching (n = 59) or usual care (n = 64)."


@pytest.mark.parametrize("text, outcome", [
    ("39% of patients in the usual care group and 34% of patients in the coaching group developed wound infection "
     "(p = 0.55).", "Wound infection"),
    ("39% of patients in the usual care group and 34% in the coaching group had a readmission.", "readmission"),
])  # fmt: skip
def test_each_group_value_of_a_parallel_list(norm, text: str, outcome: str) -> None:
    rows, _ = statements.extract(abstract_doc(_DESIGN, text), norm)
    got = [(r.arm_id, r.value, r.outcome or r.outcome_raw) for r in rows if r.outcome != "ENROLLED"]
    assert got == [("a2", 39.0, outcome), ("a1", 34.0, outcome)]


def test_a_lone_group_value_with_no_list_reads_nothing_more(norm) -> None:
    rows, _ = statements.extract(abstract_doc(_DESIGN, "39% of patients in the usual care group, and most of them "
                                              "were women."), norm)  # fmt: skip
    assert not [r for r in rows if r.value == 39.0 and r.outcome_raw.startswith("were")]
