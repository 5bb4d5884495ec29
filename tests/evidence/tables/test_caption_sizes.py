"""A caption that sizes the groups ("... in the coaching group (n = 70) and in the usual care group (n = 68)") gives
the table's denominators to the columns whose header prints none: those analysed, not those randomized.
Invented table and methods."""

from __future__ import annotations

from dataclasses import replace

from evidex.evidence import build
from evidex.models import TextBlock
from tests.evidence.conftest import trial_doc

GRID = [["Knowledge domain", "Coaching group", "Usual care group", "p-value"],
        ["Symptoms", "0.13 (0.39)", "-0.06 (0.39)", "0.003"],
        ["Diet", "0.13 (0.22)", "0.10 (0.20)", "0.40"]]  # fmt: skip
METHODS = TextBlock("Adults were randomized to coaching (n = 75) or usual care (n = 75).", "methods", "paragraph",
                    page=2)  # fmt: skip


def _totals(caption: str, normalizer) -> dict[str, set]:
    doc = trial_doc("Coaching versus usual care in type 2 diabetes", (caption, GRID))
    doc = replace(doc, blocks=(*doc.blocks, METHODS))
    out: dict[str, set] = {}
    for e in build(doc, normalizer).evidence:
        if e.prov.table and e.statistic == "mean":
            out.setdefault(e.arm_label, set()).add(e.total)
    return out


def test_the_captions_sizes_are_the_columns_denominators(normalizer) -> None:
    got = _totals("Knowledge score changes between baseline and 12 months in the coaching group (n = 70) and in "
                  "the usual care group (n = 68)", normalizer)  # fmt: skip
    assert got == {"Coaching group": {70}, "Usual care group": {68}}


def test_without_sizes_in_the_caption_the_arms_n_stays(normalizer) -> None:
    got = _totals("Knowledge score changes between baseline and 12 months (N = 150)", normalizer)
    assert got == {"Coaching group": {75}, "Usual care group": {75}}
