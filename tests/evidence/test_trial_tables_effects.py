"""An effect column that does not say which effect ("Treatment effect (95% CI)"): a ratio is no difference.

Invented tables in the layout of perinatal trials' outcome tables.
"""

from __future__ import annotations

from dataclasses import replace

from evidex.evidence import build
from evidex.evidence.tables.armlevel import _ratio_shaped
from tests.evidence.conftest import trial_doc

TITLE = "Nightly progesterone gel versus placebo gel in women with a short cervix"
ROWS = [["Outcome", "Progesterone (n = 390)", "Placebo (n = 397)", "Treatment effect (95% CI)"],
        ["Preterm birth, n (%)", "101 (25.9)", "106 (26.7)", "0.97 (0.77-1.22)"],
        ["Change in cervical length, mm, mean (SD)", "-2.1 (4.0)", "-3.0 (4.2)", "0.90 (0.32-1.48)"]]  # fmt: skip


def _effects(footnote: str, normalizer) -> dict[str, str]:  # type: ignore[no-untyped-def]
    doc = trial_doc(TITLE, ("Outcomes of the women and their infants", ROWS))
    doc = replace(doc, tables=(replace(doc.tables[0], footnotes=(footnote,) if footnote else ()),))
    return {e.outcome_raw: e.statistic for e in build(doc, normalizer).evidence if not e.arm_id}


def test_a_ratio_shaped_interval_takes_the_ratio_a_footnote_names(normalizer) -> None:
    got = _effects("Treatment effects are unadjusted relative risks, or mean differences for continuous outcomes.",
                   normalizer)  # fmt: skip
    assert got == {"Preterm birth, n (%)": "risk_ratio", "Change in cervical length, mm, mean (SD)": "difference"}


def test_a_ratio_shaped_interval_with_no_ratio_named_is_left_out(normalizer) -> None:
    got = _effects("", normalizer)
    assert got == {"Change in cervical length, mm, mean (SD)": "difference"}


def test_the_shape_of_an_interval() -> None:
    assert _ratio_shaped(0.92, 0.61, 1.38) and _ratio_shaped(1.43, 0.72, 2.85)
    assert not _ratio_shaped(0.90, 0.32, 1.48)  # even on the linear scale: a difference
    assert not _ratio_shaped(1.01, 0.99, 1.03)  # even on both scales: nothing tells
    assert not _ratio_shaped(-0.5, -1.2, 0.2)
