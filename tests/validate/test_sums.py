from __future__ import annotations

from evidex.validate import sums
from tests.validate.helpers import ev, study_frames


def _count(outcome: str, n: int, subgroup: str = "all", arm: str = "blinatumomab", **kw: object):
    return ev(outcome, statistic="count", events=n, subgroup=subgroup, arm=arm, **kw)


def _checks(*rows) -> list:
    return sums.check(study_frames(evidence=rows)["evidence"])


def test_sex_counts_that_miss_a_patient_are_flagged() -> None:
    [x] = _checks(
        _count("ENROLLED", 33), _count("SEX_MALE", 21, quote="21 male and 11 female", page=2), _count("SEX_FEMALE", 11)
    )
    assert (x.check, x.severity, x.page, x.quote) == ("sum_mismatch", "error", 2, "21 male and 11 female")
    assert "21 male + 11 female = 32" in x.message and "33" in x.message


def test_consistent_partitions_pass() -> None:
    assert (
        _checks(
            _count("ENROLLED", 33),
            _count("REFRACTORY", 11),
            _count("RELAPSED", 22),
            ev("CR", events=26, total=33, value=78.8),
            _count("NON_CR", 7),
        )
        == []
    )


def test_subgroup_sizes_against_the_arm() -> None:
    rows = (
        _count("ENROLLED", 80, arm="CAR-T"),
        _count("ENROLLED", 14, "MRD-positive", arm="CAR-T"),
        _count("ENROLLED", 68, "non-remission", arm="CAR-T"),
        _count("ENROLLED", 21),
        _count("ENROLLED", 12, "MRD-positive"),
        _count("ENROLLED", 9, "non-remission"),
    )
    [x] = _checks(*rows)
    assert "14 MRD-positive + 68 non-remission = 82" in x.message and "CAR-T" in x.message and "80" in x.message


def test_non_exhaustive_subgroups_may_leave_patients_out() -> None:
    # Transplanted or not is usually said of responders only: fewer than the whole is no contradiction.
    assert _checks(_count("ENROLLED", 33), _count("ENROLLED", 15, "HSCT"), _count("ENROLLED", 11, "no-HSCT")) == []
    [x] = _checks(_count("ENROLLED", 33), _count("ENROLLED", 25, "HSCT"), _count("ENROLLED", 11, "no-HSCT"))
    assert "25 HSCT + 11 no-HSCT = 36" in x.message


def test_nested_groups_and_single_arm_all() -> None:
    # "Among the 26 with CR, 15 underwent HSCT and 11 did not": the whole is the CR group, stated as arm "all".
    rows = (
        ev("CR", events=26, total=33, value=78.8, arm="all"),
        _count("ENROLLED", 15, "CR;HSCT"),
        _count("ENROLLED", 12, "CR;no-HSCT"),
    )
    [x] = _checks(*rows)
    assert "15 HSCT + 12 no-HSCT = 27" in x.message and "26" in x.message


def test_graft_sources_against_transplants() -> None:
    base = (_count("ENROLLED", 15, "HSCT"), _count("GRAFT_BM_PB", 5, "HSCT"), _count("GRAFT_PB", 8, "HSCT"))
    assert _checks(*base, _count("GRAFT_CB", 2, "HSCT")) == []
    [x] = _checks(*base, _count("GRAFT_CB", 3, "HSCT"))
    assert "Graft source counts" in x.message and "= 16" in x.message


def test_landmark_rows_and_derived_totals_are_not_group_sizes() -> None:
    assert (
        _checks(
            _count("ENROLLED", 33),
            ev("SEX_MALE", events=21, total=30, total_derived=True, value=63.6),
            _count("SEX_FEMALE", 12),
            ev("CR", events=5, total=9, timepoint_months=6.0, value=55.6),
        )
        == []
    )


def test_next_therapies_of_responders_may_not_exceed_them() -> None:
    cr = ev("CR", events=26, total=33, value=78.8)
    nxt = [_count("HSCT", 15, "CR"), _count("NEXT_CHEMOTHERAPY", 8, "CR"), _count("NEXT_BLINATUMOMAB", 2, "CR")]
    assert _checks(cr, *nxt, _count("NEXT_CAR_T", 1, "CR")) == []
    assert _checks(cr, *nxt) == []  # one patient with no further therapy is no contradiction
    [x] = _checks(cr, *nxt, _count("NEXT_CAR_T", 2, "CR"))
    assert "15 HSCT + 8 chemotherapy + 2 blinatumomab + 2 CAR-T = 27" in x.message and "26" in x.message
