from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evidex.validate import percents
from tests.validate.helpers import ev, study_frames


def _flags(**kw: object) -> list[str]:
    f = study_frames(evidence=(ev("OS", **kw),))
    return [x.check for x in percents.check(f["evidence"])]


def test_rounded_and_truncated_percents_pass() -> None:
    assert _flags(events=25, total=26, value=96.1, quote="96.1% (25/26)") == []  # 96.15 truncated
    assert _flags(events=25, total=26, value=96.2, quote="96.2% (25/26)") == []  # rounded
    assert _flags(events=4, total=15, value=26.6, quote="four (26.6%)") == []
    assert _flags(events=10, total=11, value=90.9, quote="90.9% (10/11)") == []
    assert _flags(events=11, total=11, value=100.0, quote="100% (11/11)") == []


def test_wrong_percent_is_an_error_naming_the_numbers() -> None:
    f = study_frames(evidence=(ev("OS", events=28, total=33, value=87.9, quote="OS was 87.9% (28/33)", page=5),))
    [x] = percents.check(f["evidence"])
    assert (x.check, x.severity, x.page, x.column) == ("percent_mismatch", "error", 5, "value")
    assert "28/33 = 84.8%" in x.message and "87.9%" in x.message
    assert x.quote == "OS was 87.9% (28/33)" and x.ref.endswith(":e1")


def test_precision_comes_from_the_printed_number() -> None:
    # "50%" for 5/9 (55.6) is wrong even at whole-percent precision; "56%" is right.
    assert _flags(events=5, total=9, value=50.0, quote="5/9 (50%)") == ["percent_mismatch"]
    assert _flags(events=5, total=9, value=56.0, quote="5/9 (56%)") == []
    # Printed with two decimals, 12.1 would not be accepted for 8/66 = 12.12.
    assert _flags(events=8, total=66, value=12.10, quote="12.10% (8/66)") == ["percent_mismatch"]


def test_percent_without_a_stated_denominator() -> None:
    rows = (
        ev("CRS", events=8, total=14, value=88.9, total_derived=True),  # 8/9 evaluable: a subset, not an error
        ev("CRS", events=4, total=48, value=6.2, total_derived=True),  # 4/64: more patients than the group
        ev("ICANS", events=14, value=72.2),  # 14/19 = 73.7, 14/20 = 70.0: no whole N prints 72.2
        ev("ICANS", events=2, value=16.7),  # 2/12
    )
    found = percents.check(study_frames(evidence=rows)["evidence"])
    assert [(x.ref[-2:], x.severity) for x in found] == [("e2", "warning"), ("e3", "error")]
    assert "implies 64-65 patients, more than the 48" in found[0].message
    assert "is not" in found[1].message and "of any whole number of patients" in found[1].message


def test_denominators() -> None:
    assert percents.denominators(25, 96.1, 1) == [26]
    assert percents.denominators(1, 16.7, 1) == [6]
    assert percents.denominators(14, 72.2, 1) == []
    assert percents.denominators(3, 50.0, 0) == [6]


def test_incomplete_rows_are_not_checked() -> None:
    assert _flags(events=8, value=88.9) == []
    assert _flags(events=8, total=9) == []


def _row_flags(**kw: object) -> list[str]:
    """The same check on a plain row, fast enough for property tests."""
    row = {"statistic": "proportion", "arm": "all", "subgroup": "all", "outcome": "OS", **kw}
    return [f.check for f in [percents._check_row(row)] if f is not None]


@settings(deadline=None, max_examples=300)
@given(st.integers(1, 400).flatmap(lambda t: st.tuples(st.integers(0, t), st.just(t))), st.integers(0, 2))
def test_any_rounded_or_truncated_percent_passes(et: tuple[int, int], places: int) -> None:
    e, t = et
    exact = 100 * e / t
    scale = 10**places
    for v in (round(exact * scale + 1e-9) / scale, int(exact * scale + 1e-9) / scale):
        text = f"{v:.{places}f}%"
        assert _row_flags(events=e, total=t, value=float(f"{v:.{places}f}"), quote=text) == []


@settings(deadline=None, max_examples=300)
@given(st.integers(2, 400).flatmap(lambda t: st.tuples(st.integers(0, t), st.just(t))), st.sampled_from([-1, 1]))
def test_a_percent_off_by_a_tenth_beyond_rounding_is_flagged(et: tuple[int, int], sign: int) -> None:
    e, t = et
    exact = 100 * e / t
    v = round(exact + sign * 0.25, 1)
    if not 0 <= v <= 100:
        return
    assert _row_flags(events=e, total=t, value=v, quote=f"{v:.1f}%") == ["percent_mismatch"]
