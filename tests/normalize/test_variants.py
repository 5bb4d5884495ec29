"""Table-driven: every row of data/variants.csv (MT, OCR, misspelling, context, negative cases)."""

from __future__ import annotations

import pytest

from tests.normalize.evaluate import FILES, rows, run_one

ROWS = [row for name in FILES for row in rows(name)]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['category']}:{r['raw']}:{r['context'][:12]}" for r in ROWS])
def test_variant_maps_as_expected(row: dict[str, str]) -> None:
    outcome = run_one(row)
    assert outcome.got == outcome.expected, f"{row['raw']!r} ({row['kind']}) -> {outcome.got!r}"


def test_variant_list_has_negative_cases() -> None:
    # The figures are only meaningful with near-miss names that must NOT map to the drug they resemble.
    negatives = [r for r in rows("variants.csv") if r["category"] == "negative"]
    assert len(negatives) >= 25
    assert sum(1 for r in negatives if not r["expected"]) >= 15
