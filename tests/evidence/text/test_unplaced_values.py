"""Values of several groups in one sentence whose arms do not resolve are left out with a finding, not written
under "all"; a whole-population value and values at two times stay. Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc

_DESIGN = "Ninety adults were randomized to zorvaline (n = 30), mirtaline (n = 30) or placebo (n = 30)."


def _read(text: str, norm) -> tuple[list[tuple[str, float | None]], list[str]]:
    rows, findings = statements.extract(abstract_doc(_DESIGN, text), norm)
    got = [(r.arm_id or "all", r.value) for r in rows if r.outcome != "ENROLLED"]
    return got, [f.check for f in findings]


def test_unresolved_group_values_are_left_out_with_a_finding(norm) -> None:
    got, checks = _read("After 6 weeks, remission rates were 48%, 44% and 24% in the first two groups and 30% in "
                        "the others.", norm)
    assert not [v for a, v in got if a == "all" and v in (48.0, 44.0, 24.0)]
    assert "arm_not_resolved" in checks


def test_a_whole_population_value_stays(norm) -> None:
    got, checks = _read("Complete remission was achieved by 74% of all patients in the three groups.", norm)
    assert ("all", 74.0) in got and "arm_not_resolved" not in checks


def test_values_at_two_times_without_group_words_stay(norm) -> None:
    got, _ = _read("The complete remission rate increased from 61% at week 4 to 83% at week 12.", norm)
    assert {v for _, v in got} >= {61.0, 83.0}


def test_resolved_arms_are_untouched(norm) -> None:
    got, checks = _read("Remission rates were 48% in the zorvaline group, 44% in the mirtaline group and 24% in the "
                        "placebo group.", norm)
    assert ("a1", 48.0) in got and ("a3", 24.0) in got and "arm_not_resolved" not in checks
