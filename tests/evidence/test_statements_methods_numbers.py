# ruff: noqa: E501
"""Numbers of the methods read as results (read-through of text rows on real trial PDFs): the analysis, the visits
planned, the instructions given, the allocation ratio, consent, a pilot study's values, a schedule in fractions of an
hour. Such a sentence gives no result row (an enrolment count it states stays). Invented sentences, real
normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc as _doc


def _results(norm, *texts: str):
    rows, _ = statements.extract(_doc(*texts), norm)
    return [r for r in rows if r.outcome != "ENROLLED" and r.domain != "baseline"]


def test_an_analysis_method_is_no_result(norm) -> None:
    assert _results(norm, "Median percent change in headache frequency over 8 weeks of blinded treatment in trough-level subgroups was analyzed using the Wilcoxon rank-sum test.") == []
    assert _results(norm, "Expected response rates of 20% and 40% were compared using the chi-square test.") == []


def test_planned_visits_and_scheduled_assessments_are_no_results(norm) -> None:
    assert _results(norm, "All participants were planned to have echocardiographic follow-up at 6 ± 1 months.") == []
    assert _results(norm, "Follow-up assessments included a video-recorded consultation with a simulated patient at 3, 6 and 9 months.") == []


def test_instructions_and_schedules_are_no_results(norm) -> None:
    assert _results(norm, "Subjects were instructed to take paracetamol 750 mg up to 6/6 hours if needed.") == []
    assert _results(norm, "In the recovery room, blood pressure was recorded every 1/2 h until discharge.") == []


def test_an_allocation_ratio_sentence_keeps_only_who_was_enrolled(norm) -> None:
    rows, _ = statements.extract(_doc("At week 4, slow responders were randomly assigned in a 1:1 ratio to a total treatment duration of 36 or 18 weeks."), norm)
    assert [r for r in rows if r.outcome != "ENROLLED"] == []


def test_consent_and_a_pilot_study_give_no_results(norm) -> None:
    assert _results(norm, "We obtained informed consent from 120 women (group A: 61 [50.8%], group B: 59 [49.2%]) who were listed for day surgery.") == []
    assert _results(norm, "In groups A, B and C, enamel hardness was 310 ± 21, 335 ± 25 and 352 ± 30, respectively, according to a pilot study.") == []


def test_a_value_before_the_start_of_the_intervention_is_baseline(norm) -> None:
    rows, _ = statements.extract(_doc("Emollients had been applied in 88.2% of the children for a mean (SD) of 96.1 (40.3) days before the start of the diet."), norm)
    assert rows and {r.domain for r in rows} == {"baseline"}


def test_a_result_beside_the_test_that_gave_its_p_stays(norm) -> None:
    got = _results(norm, "Patients were randomized to ginger or placebo.",
                   "Nausea scores fell by 2.1 ± 0.8 points with ginger and by 1.2 ± 0.9 points with placebo (p = 0.01, t-test).")
    assert len(got) >= 2
