# ruff: noqa: E501
"""A sentence's count of the patients of one group is a share of that group (invented sentences)."""

from __future__ import annotations

from evidex.evidence import derive, statements, study
from tests.evidence.conftest import abstract_doc as _doc


def _rows(text: str, norm) -> set[tuple[str, str, int | None, int | None]]:
    doc = _doc("Two hundred adults were randomly assigned to the intervention group (n = 100) or the control group (n = 100).", text)
    model = study.build(doc, norm, [])
    rows, _ = statements.extract(doc, norm, model)
    return {(r.arm_id, r.statistic, r.events, r.total) for r in derive.apply(rows, model) if r.outcome != "ENROLLED"}


def test_patients_of_a_group_counted_are_a_share_of_it(norm) -> None:
    got = _rows("One year after surgery, 21 patients in the intervention group compared to 30 patients in the control group had died.", norm)
    assert {("a1", "count", 21, 100), ("a2", "count", 30, 100)} <= got


def test_a_count_of_events_keeps_no_denominator(norm) -> None:
    got = _rows("Diarrhea was reported in 3 patients on the control group regimen and 4 episodes of vomiting occurred.", norm)
    assert not any(total == 100 and events == 4 for _, _, events, total in got)


def test_the_two_groups_counts_form_one_comparison(norm) -> None:
    from evidex.evidence import comparisons

    doc = _doc("Two hundred adults were randomly assigned to the intervention group (n = 100) or the control group (n = 100).",
               "One year after surgery, 21 patients in the intervention group compared to 30 patients in the control group had died.")
    model = study.build(doc, norm, [])
    rows, _ = statements.extract(doc, norm, model)
    _, comps = comparisons.build(derive.apply(rows, model), model)
    assert [(c.arm_e_id, c.events_e, c.n_e, c.arm_c_id, c.events_c, c.n_c) for c in comps] == [("a1", 21, 100, "a2", 30, 100)]
