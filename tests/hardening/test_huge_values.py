"""Numbers no paper prints and cells no term fills (issue 14): each found by the fuzzer, each checked here at its cause.

- a 20-digit percent reached validate's rounding check, which outgrew Decimal's 28 digits;
- a 382-digit day count in a patient table read as infinity, then a standard deviation over it;
- whole rows glued into one cell were tried glyph by glyph, each variant normalized whole (quadratic).
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from evidex.evidence.tables.patients import repair
from evidex.evidence.tables.patients.mapper import CellKinds
from evidex.evidence.tables.patients.terms import Terms
from evidex.pipeline import default_engines
from evidex.validate import percents
from evidex.validate.common import plain, reads_as
from tests.validate.helpers import ev, study_frames


def test_rounding_is_decided_exactly_at_any_size() -> None:
    assert reads_as(Decimal(5) * 100 / 7, 1e20, 20) is False  # was decimal.InvalidOperation
    assert reads_as(1e20, 1e20, 2) and reads_as(123456789012345678901234567890.0, 1.2345678901234568e29, 3)
    assert reads_as(Decimal(25) * 100 / 26, 96.1, 1) and reads_as(Decimal(25) * 100 / 26, 96.2, 1)
    assert reads_as(Decimal(1) * 100 / 3, 33.33333333333333, 40) is False  # 40 places: no float is that exact
    assert reads_as(math.inf, math.inf, 1) is False and reads_as(50.0, math.nan, 1) is False


def test_an_infinite_number_is_missing_like_nan() -> None:
    assert plain(math.inf) is None and plain(np.float64(-np.inf)) is None and plain(np.float64("nan")) is None
    assert plain(np.float64(1e20)) == 1e20 and plain(np.int64(3)) == 3


def test_a_percent_outside_0_100_is_left_to_the_schema() -> None:
    quote = "5 of the 7 children (99999999999999999999.99999999999999999999%)"
    row = ev("CR", events=5, total=7, value=1e20, quote=quote)
    assert percents.check(study_frames(evidence=(row,))["evidence"]) == []
    wrong = ev("CR", events=5, total=7, value=81.4, quote="5 of the 7 children (81.4%)")
    assert [f.check for f in percents.check(study_frames(evidence=(wrong,))["evidence"])] == ["percent_mismatch"]


def test_a_number_too_large_for_a_cell_is_left_empty_with_a_reason() -> None:
    for raw in ("9" * 400, "99999999999999999999", "+35" + "9" * 30):
        cell = repair.parse_number("days_to_hsct", raw)
        assert cell.value is None and cell.problem and "too large" in cell.problem and len(cell.problem) < 60
    assert repair.parse_number("days_to_hsct", "+18").value == 18.0
    assert repair.parse_number("follow_up_months", "22 18").value == 22.18


class Counting:
    """The real normalizer, counting how often a regimen is split and resolved."""

    def __init__(self) -> None:
        self.base, self.calls = default_engines().normalizer, 0

    def normalize(self, *a, **kw):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.base.normalize(*a, **kw)

    def components(self, *a, **kw):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.base.components(*a, **kw)


def test_a_long_glued_cell_is_asked_about_a_bounded_number_of_times() -> None:
    row = ("Chemotherapy 12 | Chemotherapy Y 0 31 Chemotherapy 0.8 11.5 TAF15-ZNF384 71 | 0.6 TAF15-ZNF384 N - | "
           "N 20.1 38 | Chemotherapy Y 243 Chemotherapy 0.5 0.0 TAF15-ZNF384 12 | 1.0 TAF15-ZNF384 N - | N 20.0")
    counts = []
    for text in (row, row + " | " + row, row + " | " + row + " | " + row):
        n = Counting()
        CellKinds(Terms(n, page=1))(text)  # type: ignore[arg-type]
        counts.append(n.calls)
    assert counts[0] <= 12 and counts[-1] <= counts[0] + 2, counts  # no glyph variants: constant in the length
    assert len(repair.glyph_variants("Chemotherapy + CAR-r")) >= 2  # a term's glyph slips are still tried
    assert repair.glyph_variants("Chemotherapy " * 6) == []
