# ruff: noqa: E501
""" "The combination induced higher rates (98% vs 88%)": values set against each other with no arm named are
not given to the arms in the order the paper introduced them when the sentence's subject is a treatment that
acts; "the combination" names the one arm that combines treatments (invented sentences, heme style)."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc as _doc

_METHODS = "We analysed 120 older adults treated with standard CVAD (n = 70) or with zelotuzumab plus low-dose CVD (n = 50)."


def _rows(text: str, norm) -> set[tuple[str, float]]:
    rows, _ = statements.extract(_doc(_METHODS, text), norm)
    return {(r.arm_label and r.arm_id or "all", r.value) for r in rows if r.value is not None and r.outcome != "ENROLLED"}


def test_the_combination_names_the_arm_that_combines_treatments(norm) -> None:
    got = _rows("The antibody and chemotherapy combination induced higher response rates (96% vs 81%).", norm)
    assert ("a2", 96.0) in got and ("a1", 81.0) in got


def test_an_acting_subject_that_names_no_arm_blocks_the_introduction_order(norm) -> None:
    rows, _ = statements.extract(_doc("We analysed 120 older adults treated with standard CVAD (n = 70) or with zelotuzumab and CVD (n = 50).",
                                      "The novel regimen induced higher response rates (96% vs 81%)."), norm)
    placed = {(r.arm_id, r.value) for r in rows if r.value in (96.0, 81.0) and r.arm_id}
    assert placed == set()  # which arm the regimen is, the sentence does not say


def test_values_against_each_other_with_no_subject_keep_the_introduction_order(norm) -> None:
    got = _rows("At 2 years, overall survival was 61% vs 74% (P = .02).", norm)
    assert ("a1", 61.0) in got and ("a2", 74.0) in got
