"""What a sentence counts versus whom (issue 11): "the percentage of patients with a complete response" measures
the complete response; "among patients with a complete response" names a subgroup. Invented sentences, real
normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc


def _rows(norm, *texts: str) -> list[tuple]:
    rows, _ = statements.extract(abstract_doc(*texts), norm)
    return [(r.outcome, r.value, r.subgroup) for r in rows]


def test_the_percentage_of_patients_with_a_response_measures_the_response(norm) -> None:
    assert _rows(norm, "The percentage of patients with a complete response or better was 52.3%.") == [
        ("CR", 52.3, "all")
    ]
    assert ("CR", 61.0, "all") in _rows(norm, "The proportion of patients who achieved complete remission was 61%.")


def test_patients_with_a_response_in_a_lead_in_are_still_a_subgroup(norm) -> None:
    assert ("OS", 80.0, "CR") in _rows(norm, "Among patients with a complete response, the 2-year OS was 80%.")


def test_a_statistic_label_in_brackets_does_not_hide_what_was_measured(norm) -> None:
    rows, _ = statements.extract(
        abstract_doc("The 48 h tramadol requirement (mean ± standard deviation) was 61.2 ± 18.4 mg."), norm
    )
    assert [(r.outcome_raw, r.statistic, r.value, r.spread_value) for r in rows] == [
        ("48 h tramadol requirement", "mean", 61.2, 18.4)
    ]


def test_one_value_said_once_for_two_outcomes_belongs_to_both(norm) -> None:
    rows, _ = statements.extract(
        abstract_doc("In the high-risk group, median PFS and median OS were 2.4 months (95% CI, 1.1 to 3.9)."), norm
    )
    assert {(r.outcome, r.value) for r in rows} == {("PFS", 2.4), ("OS", 2.4)}
    rows, _ = statements.extract(abstract_doc("The median PFS and OS were 12.1 and 20.3 months."), norm)
    assert {(r.outcome, r.value) for r in rows} == {("PFS", 12.1), ("OS", 20.3)}
