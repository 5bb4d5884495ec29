"""validate() must never raise on what other stages hand it: empty, partial or odd frames."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidex import frames
from evidex.validate import validate
from tests.validate.helpers import ev, study_frames

_OUTCOMES = st.sampled_from(["CR", "OS", "ENROLLED", "SEX_MALE", "SEX_FEMALE", "FOLLOW_UP", "GRAFT_CB", "NON_CR", "x"])
_STATS = st.sampled_from(["proportion", "count", "median", "mean", "hazard_ratio", ""])
_SECTIONS = st.sampled_from(["abstract", "results", "methods", "discussion", "table", ""])
_SUBGROUPS = st.sampled_from(["all", "CR", "non-CR", "male", "CR;HSCT", "MRD-positive", "free text"])
_INT = st.none() | st.integers(-5, 500)
_NUM = st.none() | st.floats(-10, 1000, allow_nan=False)


@st.composite
def _rows(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(0, 12))
    return tuple(
        ev(draw(_OUTCOMES), section=draw(_SECTIONS), statistic=draw(_STATS), subgroup=draw(_SUBGROUPS),
           arm=draw(st.sampled_from(["all", "blinatumomab", "CAR-T"])), events=draw(_INT), total=draw(_INT),
           value=draw(_NUM), low=draw(_NUM), high=draw(_NUM), spread=draw(st.sampled_from(["", "IQR", "SD"])),
           total_derived=draw(st.booleans()), quote=draw(st.text(max_size=40)))
        for _ in range(n)
    )  # fmt: skip


def test_no_frames_at_all() -> None:
    assert validate({}) == []
    assert validate({name: frames.empty(name) for name in frames.TABLES}) == []


@settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(_rows())
def test_any_evidence_rows_give_findings_not_exceptions(rows: tuple) -> None:
    found = validate(study_frames(evidence=rows))
    assert all(f.stage == "validate" and f.severity in ("error", "warning", "info") for f in found)
    assert len({(f.check, f.ref, f.message) for f in found}) == len(found)
