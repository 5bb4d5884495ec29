"""The two seed papers, read with the real normalizer: the rows a reviewer would extract are there.

Seed facts come from reading the seeds (see the brief); nothing here is copied into the parser.
"""

from __future__ import annotations

import pytest

from evidex.evidence import statements
from evidex.extract.text import read_text_document
from evidex.normalize import load


def _rows(path):
    doc = read_text_document(path, "seed")
    rows, findings = statements.extract(doc, load())
    return doc, rows, findings


def _one(rows, **want):
    hits = [r for r in rows if all(getattr(r, k) == v for k, v in want.items())]
    assert hits, f"no row with {want}"
    return hits[0]


@pytest.fixture(scope="module")
def paper():
    from tests.conftest import seed_path

    return _rows(seed_path("004"))


@pytest.fixture(scope="module")
def abstract():
    from tests.conftest import seed_path

    return _rows(seed_path("000"))


def test_004_enrolment_baseline_and_remission(paper) -> None:
    _, rows, _ = paper
    assert _one(rows, outcome="ENROLLED", section="methods").events == 33
    assert {r.arm for r in rows if r.section != "table"} == {"blinatumomab"}
    cr = _one(rows, outcome="CR", section="abstract", subgroup="all")
    assert (cr.events, cr.total, cr.value) == (26, 33, 78.8)
    refractory = _one(rows, outcome="CR", subgroup="refractory")
    relapsed = _one(rows, outcome="CR", subgroup="relapsed")
    assert (refractory.events, refractory.total, relapsed.events, relapsed.total) == (10, 11, 16, 22)
    male = _one(rows, outcome="SEX_MALE", statistic="proportion")
    assert (male.events, male.value) == (21, 63.6)
    assert _one(rows, outcome="SEX_FEMALE").events == 11
    age = _one(rows, outcome="AGE", statistic="mean")
    assert (age.value, age.spread, age.spread_value, age.unit) == (7.6, "SD", 3.7, "years")


def test_004_survival_comparisons_carry_their_p_values(paper) -> None:
    _, rows, _ = paper
    cr = _one(rows, outcome="OS", subgroup="CR", section="results")
    ncr = _one(rows, outcome="OS", subgroup="non-CR", section="results")
    assert (cr.events, cr.total, cr.value, cr.p_value) == (25, 26, 96.1, 0.002)
    assert (ncr.events, ncr.total, ncr.value, ncr.p_value) == (4, 7, 57.1, 0.002)
    hsct = _one(rows, outcome="OS", subgroup="CR;HSCT", section="results")
    no_hsct = _one(rows, outcome="OS", subgroup="CR;no-HSCT", section="results")
    assert (hsct.events, hsct.total, hsct.value, hsct.p_value) == (14, 15, 93.3, 0.4)
    assert (no_hsct.events, no_hsct.total, no_hsct.value, no_hsct.p_value) == (11, 11, 100.0, 0.4)
    hr = _one(rows, outcome="OS", statistic="hazard_ratio")
    assert (hr.value, hr.spread, hr.low, hr.high) == (0.07, "95% CI", 0.01, 0.92)


def test_004_follow_up_and_engraftment(paper) -> None:
    _, rows, _ = paper
    fu = _one(rows, outcome="FOLLOW_UP", section="results")
    assert (fu.statistic, fu.value, fu.low, fu.high, fu.spread, fu.unit) == ("median", 10.7, 7.2, 14.3, "IQR", "months")
    neut = _one(rows, outcome="NEUTROPHIL_ENGRAFTMENT", statistic="median")
    assert (neut.value, neut.spread, neut.spread_value, neut.unit) == (13.1, "SD", 2.7, "days")


def test_004_transplant_outcomes_belong_to_the_transplanted_group(paper) -> None:
    _, rows, _ = paper
    gvhd = _one(rows, outcome="AGVHD", section="results")
    assert (gvhd.subgroup, gvhd.events, gvhd.total, gvhd.total_derived, gvhd.value) == ("HSCT", 10, 15, True, 66.7)
    assert _one(rows, outcome="TIME_TO_HSCT").subgroup == "HSCT"


def test_004_adverse_event_list_keeps_grade_scope(paper) -> None:
    _, rows, _ = paper
    g3 = _one(rows, outcome="AE_GRADE3")
    assert (g3.events, g3.total, g3.value, g3.grade) == (79, 163, 48.5, ">=3")
    wbc = [r for r in rows if r.outcome == "White blood cell decreased"]
    got = [(r.grade, r.events, r.total, r.total_derived) for r in wbc]
    assert got == [("any", 28, 33, True), (">=3", 24, 33, True)]
    assert all(r.code_system == "CTCAE v5.0" and r.code and r.grading_system == "CTCAE v5.0" for r in wbc)
    crs = _one(rows, outcome="CRS", grade=">=3", section="results")
    assert (crs.events, crs.grading_system) == (2, "Lee 2014")


def test_004_discussion_reports_of_other_studies_are_not_evidence(paper) -> None:
    _, rows, _ = paper
    discussion = [r for r in rows if r.section == "discussion"]
    assert discussion, "this study's results restated in the discussion are kept"
    assert not [r for r in discussion if r.value in (85.2, 70.4, 63.0, 71.3, 58.4, 54.4, 39.0, 87.0, 29.0, 0.43, 0.62)]
    assert all("et al" not in r.quote or "present study" in r.quote for r in discussion)


def test_000_arms_subgroups_and_changing_denominators(abstract) -> None:
    _, rows, _ = abstract
    assert {r.arm for r in rows} == {"blinatumomab", "CAR-T"}
    blin = _one(rows, outcome="CRS", arm="blinatumomab", subgroup="MRD-positive", grade="any")
    assert (blin.events, blin.total, blin.value, blin.total_derived) == (4, 12, 33.3, True)
    cart = _one(rows, outcome="CRS", arm="CAR-T", subgroup="MRD-positive", grade="any")
    assert (cart.events, cart.total, cart.value) == (8, 9, 88.9)  # evaluable in 9 of 14
    severe = _one(rows, outcome="CRS", arm="CAR-T", subgroup="MRD-positive", grade=">=3")
    assert (severe.events, severe.total) == (2, 9)
    icans = _one(rows, outcome="ICANS", arm="CAR-T", subgroup="MRD-positive")
    assert (icans.events, icans.total) == (1, 14)
    nr = _one(rows, outcome="CRS", arm="CAR-T", subgroup="non-remission", grade="any")
    assert (nr.events, nr.total, nr.value, nr.total_derived) == (56, 59, 94.9, False)
    cr = _one(rows, outcome="CR", arm="blinatumomab", subgroup="non-remission")
    assert (cr.events, cr.total) == (7, 9)


def test_000_survival_landmarks_medians_and_gaps(abstract) -> None:
    _, rows, findings = abstract
    assert _one(rows, outcome="PFS", arm="blinatumomab", statistic="median").value is None  # not achieved
    pfs6 = _one(rows, outcome="PFS", arm="blinatumomab", timepoint_months=6.0)
    assert pfs6.value == 79.7
    cart = _one(rows, outcome="PFS", arm="CAR-T", statistic="median", subgroup="all")
    assert (cart.value, cart.unit) == (12.33, "months")
    days = _one(rows, outcome="PFS", arm="CAR-T", statistic="median", subgroup="HSCT;MRD-positive")
    assert (days.value, days.unit) == (638.0, "days")
    assert _one(rows, outcome="OS", arm="CAR-T", timepoint_months=24.0).value == 45.5
    cut = _one(rows, outcome="OS", arm="blinatumomab", timepoint_months=12.0)
    assert cut.value is None
    iqr_only = _one(rows, outcome="NEUTROPHIL_ENGRAFTMENT", arm="blinatumomab")
    assert (iqr_only.value, iqr_only.low, iqr_only.high, iqr_only.spread) == (None, 13.5, 26.0, "IQR")
    assert sum(f.check == "missing_value" for f in findings) == 2


def test_rows_quote_their_sentence(paper, abstract) -> None:
    for doc, rows, _ in (paper, abstract):
        for r in rows:
            assert r.quote and r.prov.method
            if r.section != "table":
                assert doc.text[r.prov.char_start : r.prov.char_end] == r.quote
