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
