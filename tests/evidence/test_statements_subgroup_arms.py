"""Results of each arm inside a subgroup, as machine-translated abstracts list them (issue 11): "the CR rate among
26 cases with A (65.4%) and 11 cases with B (72.7%)". Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements, study
from tests.evidence.conftest import abstract_doc


def test_each_arm_of_a_subgroup_keeps_its_value_and_its_count(norm) -> None:
    doc = abstract_doc(
        "Methods: The patients were divided into two groups, including 64 cases of azacitidine regimen and 52 cases "
        "of intensive chemotherapy regimen.",
        "Results: In 41 patients above 60 years old, the CR rate among 25 cases with azacitidine regimen(56.0%) and "
        "16 cases with intensive chemotherapy regimen(75.0%) showed no statistical significance.",
    )
    model = study.build(doc, norm, [])
    rows, _ = statements.extract(doc, norm, model)
    got = {(model.by_id(r.arm_id).label if r.arm_id else "all", r.value, r.total) for r in rows if r.outcome == "CR"}
    assert got == {("azacitidine", 56.0, 25), ("intensive chemotherapy", 75.0, 16)}


def test_a_lead_in_arm_holds_no_longer_than_its_part_of_the_abstract(norm) -> None:
    doc = abstract_doc(
        "METHODS: Forty patients were divided into two groups. In the standard chemotherapy group (Group A, n=15), "
        "VCP was used in induction. In the intensified chemotherapy group (Group B, n=25), the national regime was "
        "followed. RESULTS: After 4 weeks of treatment, CR was obtained in all of the 40 patients."
    )
    rows, _ = statements.extract(doc, norm, study.build(doc, norm, []))
    (cr,) = [r for r in rows if r.outcome == "CR"]
    assert (cr.arm_id, cr.events, cr.total) == ("", 40, 40)
