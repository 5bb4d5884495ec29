"""A table whose label column is headed "Mean change from randomization (SD)" holds changes in every row, though
neither the caption nor the arm columns say so (invented table in the style of a safety-data table)."""

from __future__ import annotations

from evidex.evidence import build
from tests.evidence.conftest import trial_doc


def _raw(stub: str, normalizer) -> dict[tuple[str, float], str]:
    doc = trial_doc("Zorvaline versus placebo in bipolar depression",
                    ("Table 4 Weight, glucose and lipid data, mean (SD), safety population",
                     [[stub, "Zorvaline 300 mg (n = 120)", "Placebo (n = 118)"],
                      ["Total cholesterol (mg/dL)", "-2.1 (2.2)", "-3.4 (2.4)"],
                      ["Insulin (pmol/L)", "28.0 (7.9)", "11.6 (8.1)"]]))  # fmt: skip
    return {(e.arm_label, e.value): e.outcome_raw for e in build(doc, normalizer).evidence if e.value is not None}


def test_a_stub_header_naming_changes_marks_every_row(normalizer) -> None:
    got = _raw("Mean change from randomization (SD)", normalizer)
    assert "change" in got[("Placebo", 11.6)] and "change" in got[("Zorvaline 300 mg", -2.1)]


def test_a_plain_stub_header_marks_nothing(normalizer) -> None:
    got = _raw("Parameter", normalizer)
    assert "change" not in got[("Placebo", 11.6)]
