"""A mean written with its SD in a bracket ("1.05% (SD = 2.0; CI95%: 0.55; 1.55)", "-1.05 [sd = 2.0]",
"49.05 years (SD 10.62)") is a mean and its SD, never a percentage; "CI95%" is the level of an interval, no value.
Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from evidex.evidence.text import stats
from tests.evidence.conftest import abstract_doc

_DESIGN = "Ninety adults were randomized to coaching (n = 45) or usual care (n = 45)."


def test_the_bracketed_sd_forms() -> None:
    for text, value, sd in (("fell by 1.05% (SD = 2.0; CI95%: 0.55; 1.55) overall", 1.05, 2.0),
                            ("changed by -1.05 [sd = 2.0] in all", -1.05, 2.0),
                            ("was 49.05 years (SD 10.62)", 49.05, 10.62),
                            ("was 12.5 (standard deviation, 3.1)", 12.5, 3.1)):  # fmt: skip
        found = [s for s in stats.find(text) if s.rule == "value_sd.v1"]
        assert [(s.value, s.spread, s.spread_value) for s in found] == [(value, "SD", sd)], text


def test_a_percent_mean_with_its_sd_per_arm(norm) -> None:
    text = ("From baseline to 12 months, the decrease in HbA1c levels was 1.05% (SD = 2.0; CI95%: 0.55; 1.55) in the "
            "coaching group and 0.15% (SD = 1.7; CI95%: -0.30; 0.60) in the usual care group, p = 0.006.")
    rows, _ = statements.extract(abstract_doc(_DESIGN, text), norm)
    got = [(r.arm_id, r.statistic, r.value, r.unit, r.spread_value) for r in rows if r.outcome != "ENROLLED"]
    assert got == [("a1", "mean", 1.05, "%", 2.0), ("a2", "mean", 0.15, "%", 1.7)]


def test_the_level_of_a_ci_is_no_value() -> None:
    assert not [s for s in stats.find("the mean fell by 3.2 (CI95%: 1.1; 5.3)") if s.value == 95.0]
