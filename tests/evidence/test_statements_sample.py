# ruff: noqa: E501
"""Rows that tell who the sample is, not what treatment did (read-through of text rows on real trial PDFs): the
participant flow (screening, reaching, retaining, completing the study, follow-up completeness) is left out, and
the sample's make-up (age, ancestry, schooling, how it compares with the population) is baseline. Invented
sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from evidex.evidence.text import sample
from tests.evidence.conftest import abstract_doc as _doc


def _rows(norm, *texts: str):
    rows, _ = statements.extract(_doc(*texts), norm)
    return [r for r in rows if r.outcome != "ENROLLED"]


def test_recruitment_steps_are_no_results(norm) -> None:
    rows = _rows(norm, "Of the 1,262 families invited, 610 (48.3%) were reached by telephone, 402 (65.9%) "
                       "completed screening and 95 (23.6%) were deemed eligible.")
    assert rows == []


def test_completing_the_study_is_flow_but_completing_treatment_is_an_outcome(norm) -> None:
    rows = _rows(norm, "Patients were randomized to ginger or placebo.",
                 "Of 212 patients enrolled, 190 continued to participate through week 8 and 181 completed the "
                 "16-week trial.")
    assert rows == []
    kept = _rows(norm, "Patients were randomized to ginger or placebo.",
                 "The rate of therapy completion was 85.0% in the ginger group and 65.6% in the placebo group.")
    assert {r.value for r in kept} >= {85.0, 65.6}


def test_retained_participants_are_flow(norm) -> None:
    rows = _rows(norm, "By month 6, 17 (70.8%) of the enrolled children were retained in the usual care group.")
    assert rows == []


def test_the_share_followed_up_is_flow_but_an_event_by_a_follow_up_visit_is_not(norm) -> None:
    assert _rows(norm, "After 6 months, loss to follow-up reached 11.4% (n = 23).") == []
    kept = _rows(norm, "Patients were randomized to coaching or usual care.",
                 "More patients in the coaching group kept taking their inhaler until the 12 month follow-up "
                 "(71/104 vs 58/109, p < 0.05).")
    assert {r.events for r in kept} >= {71, 58}


def test_the_make_up_of_the_sample_is_baseline(norm) -> None:
    rows = _rows(norm, "The sample was 71.3% White, 12.4% Black or African American and 3.1% Asian.",
                 "Mean ± SD age was 47 ± 12 years and 55% were women.")
    assert rows and {r.domain for r in rows} == {"baseline"}


def test_a_sample_set_against_its_population_is_baseline(norm) -> None:
    rows = _rows(norm, "Graduates were overrepresented in the sample (25/41, 61.0% vs 22.4%).")
    assert rows and {r.domain for r in rows} == {"baseline"}


def test_a_result_naming_no_trait_stays_a_result(norm) -> None:
    rows = _rows(norm, "Patients were randomized to ginger or placebo.",
                 "Nausea scores fell by 2.1 ± 0.8 points with ginger and by 1.2 ± 0.9 points with placebo.")
    assert rows and "baseline" not in {r.domain for r in rows}


def _sexes(norm, *texts: str):
    rows, _ = statements.extract(_doc(*texts), norm)
    return {(r.outcome, r.value, r.events) for r in rows if r.outcome in ("SEX_FEMALE", "SEX_MALE")}


def test_women_who_did_something_are_the_participants_not_a_sex_split(norm) -> None:
    assert _sexes(norm, "Six women (11.5%) used the diary in every one of the 10 weeks, and 14 (26.9%) in 5 to 9 weeks.") == set()
    assert _sexes(norm, "In all, 640 (29.1%) women consented to take part after the study nurse phoned them.") == set()
    assert _sexes(norm, "Thirty-eight women received the allocated gel.") == set()
    assert _sexes(norm, "Seven out of 22 women (31.8%) found the text reminders very helpful.") == set()
    assert _sexes(norm, "Outcomes at 6 weeks were available for all 640 (100%) women, with no losses to follow-up.") == set()


def test_a_sex_split_stays(norm) -> None:
    assert ("SEX_FEMALE", 47.1, None) in _sexes(norm, "Overall, the mean age was 41.2 years; 47.1% of patients were women.")
    assert {e for _, _, e in _sexes(norm, "The study included 31 (57.4%) men and 23 (42.6%) women.")} >= {31, 23}
    assert not sample.sex_as_people("Women accounted for 58.0% of the sample.")
