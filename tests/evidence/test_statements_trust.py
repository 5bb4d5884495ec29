# ruff: noqa: E501
"""Rows the text reader must leave out or leave armless rather than guess (read-through of text rows on real trial
PDFs): a count beside "n =" that names no people, flow-chart and missing-data counts, a count of everyone
randomised to a list of arms, the value set against a named arm's in a study of more groups, eligibility
criteria. Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements, study
from evidex.models import Document
from tests.evidence.conftest import abstract_doc as _doc


def _enrolled(norm, *texts: str) -> set[tuple[int | None, str, str]]:
    doc = _doc(*texts)
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    out = set()
    for r in rows:
        if r.outcome == "ENROLLED":
            arm = model.by_id(r.arm_id)
            out.add((r.events, r.subgroup, arm.label if arm is not None else "all"))
    return out


def _values(doc: Document, norm) -> list[tuple[str, str, float | None]]:
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    out = []
    for r in rows:
        arm = model.by_id(r.arm_id)
        out.append((arm.label if arm is not None else "all", r.outcome_raw or r.outcome, r.value))
    return out


def test_a_size_beside_things_that_are_no_people_is_no_enrolment(norm) -> None:
    got = _enrolled(norm, "The diet score covered bread (n=9), cheese (n=4) and sweets (n=12).")
    assert got == set()
    assert _enrolled(norm, "Site visits took place in Norway (n = 21) and Chile, n = 7.") == set()


def test_flow_and_missing_data_counts_are_no_enrolment(norm) -> None:
    assert _enrolled(norm, "Failed screening (n=41)") == set()
    assert _enrolled(norm, "cMissing data, n=6.") == set()
    assert _enrolled(norm, "Did not receive the allocated treatment (n=2).") == set()
    assert {n for n, _, _ in _enrolled(norm, "Randomly allocated (n=84)")} == {84}


def test_a_size_of_people_is_kept_and_a_parallel_one_with_it(norm) -> None:
    got = _enrolled(norm, "Response rates were reported for patients younger than 40 years (n = 22) and older (n = 31).")
    assert {n for n, _, _ in got} == {22, 31}


def test_a_labelled_size_of_people_is_that_subgroup(norm) -> None:
    got = _enrolled(norm, "The safety set held 210 patients (infants, n = 90; toddlers, n = 120).")
    assert (90, "infants", "all") in got and (120, "toddlers", "all") in got


def test_people_who_did_not_have_something_are_no_arm_size(norm) -> None:
    got = _enrolled(norm, "Patients were randomized to early surgery or to watchful waiting.",
                    "All enrolled patients had imaging, but two patients in the early surgery group did not have a second scan.")
    assert not any(n == 2 for n, _, _ in got)


def test_everyone_randomised_to_a_list_of_arms_belongs_to_no_one_arm(norm) -> None:
    got = _enrolled(norm, "Patients were randomized to vitamin D or placebo.",
                    "A total of 64 patients were randomly assigned to either vitamin D or placebo.")
    assert (64, "all", "all") in got
    assert not any(n == 64 and arm != "all" for n, _, arm in got)


def test_women_who_were_randomised_are_the_enrolment(norm) -> None:
    rows, _ = statements.extract(_doc("Four hundred and twelve women were randomly allocated to a pessary or to no treatment."), norm)
    assert {(r.outcome, r.events) for r in rows if r.events} == {("ENROLLED", 412)}


def test_the_value_set_against_a_named_arm_in_a_study_of_more_groups_is_left_out(norm) -> None:
    doc = _doc("Patients (n = 90) were randomized to A-therapy (n = 30), B-therapy (n = 30) or C-therapy (n = 30).",
               "A-therapy patients had higher rates of healing (71.0% versus 44.0%, P<0.01).")
    rows = [r for r in _values(doc, norm) if r[2] in (71.0, 44.0)]
    assert rows == [("A-therapy", "healing", 71.0)] or all(v != 44.0 for _, _, v in rows)
    assert not any(v == 44.0 for _, _, v in rows)


def test_eligibility_ages_are_no_result(norm) -> None:
    rows, _ = statements.extract(_doc("Results: Adults were included if they were between the ages of 21 and 70 years and had asthma."), norm)
    assert rows == []


def test_people_described_as_ineligible_for_something_are_still_enrolled(norm) -> None:
    got = _enrolled(norm, "We randomly assigned 640 patients who were ineligible for surgery to receive A or B.")
    assert (640, "all", "all") in got
    assert (13, "all", "all") in _enrolled(norm, "The dose was confirmed (expansion cohort; n = 13).")


def test_a_flow_chart_box_of_an_arm_is_its_size_and_completion_of_tests_is_no_flow(norm) -> None:
    got = _enrolled(norm, "Patients were randomized to vitamin D or placebo.", "Placebo n = 58")
    assert (58, "all", "placebo") in got
    got = _enrolled(norm, "Forty adults were randomized upon the completion of baseline tests to yoga or to no yoga.")
    assert 40 in {n for n, _, _ in got}


_THREE = "Patients (n = 90) were randomized to A-therapy (n = 30), B-therapy (n = 30) or C-therapy (n = 30)."


def test_a_value_before_a_bracket_of_arm_values_is_of_all_patients(norm) -> None:
    doc = _doc(_THREE, "Nausea occurred in 31.0% of patients (A-therapy, 28.0%; B-therapy, 30.0%; and C-therapy, 35.0%).")
    got = {(arm, v) for arm, _, v in _values(doc, norm) if v is not None}
    assert {("A-therapy", 28.0), ("B-therapy", 30.0), ("C-therapy", 35.0)} <= got
    assert ("A-therapy", 31.0) not in got and ("A-therapy", 35.0) not in got


def test_an_arm_before_a_comma_outside_a_bracket_labels_no_value(norm) -> None:
    doc = _doc(_THREE, "Compared with C-therapy, 45.0% of patients receiving A-therapy healed.")
    assert ("C-therapy", "healed", 45.0) not in _values(doc, norm)


def test_values_in_the_bracket_right_after_an_arm_are_that_arms(norm) -> None:
    doc = _doc(_THREE, "Response rates were greater for B-therapy (78.0%; p = 0.01) than for C-therapy (62.0%); A-therapy (68.0%) did not differ.")
    got = {(arm, v) for arm, _, v in _values(doc, norm) if v is not None}
    assert {("B-therapy", 78.0), ("C-therapy", 62.0), ("A-therapy", 68.0)} <= got


def test_a_risk_difference_by_its_abbreviation_is_no_arm_proportion(norm) -> None:
    rows, _ = statements.extract(_doc("Patients were randomized to 12-week or 6-week therapy.",
                                      "Cure was more frequent with 12-week than 6-week therapy (81.0% versus 62.5%, RD: 18.5% [95% CI: 4.1% to 32.9%]; P = 0.01)."), norm)  # fmt: skip
    rd = [r for r in rows if r.value == 18.5]
    assert rd and all(r.statistic == "difference" and r.arm == "all" for r in rd)


def test_an_arm_named_by_its_duration_gives_no_landmark(norm) -> None:
    rows, _ = statements.extract(_doc("Patients were randomized to 48-week or 24-week therapy.",
                                      "Serious AEs occurred in the 48-week and 24-week arms (4.3% versus 3.2%)."), norm)  # fmt: skip
    told = [r for r in rows if r.value in (4.3, 3.2)]
    assert told and all(r.timepoint_months is None for r in told)


def test_a_dose_per_patient_and_one_patient_each_are_no_group(norm) -> None:
    assert _enrolled(norm, "The block was repeated on the other side for a total of 20 ml per patient.") == set()
    got = _enrolled(norm, "Patients were randomized to vitamin D or placebo.",
                    "Three patients had fractures: two on vitamin D (wrist and hip, one patient each) and one on placebo.")
    assert not any(n == 1 for n, _, _ in got)


def test_a_list_of_group_numerals_names_each_group(norm) -> None:
    doc = _doc("Twenty patients were treated with laser (Group I), and 21 patients were treated with surgery (Group II).",
               "The mean BMI were 25.9±2.3 kg/m2 and 27.8±1.3 kg/m2 in group I and II, respectively (p=0.002).")
    got = {(arm, v) for arm, _, v in _values(doc, norm) if v in (25.9, 27.8)}
    assert got == {("laser", 25.9), ("surgery", 27.8)}


def test_words_before_an_arm_in_brackets_describe_the_arm_not_a_subgroup(norm) -> None:
    rows, _ = statements.extract(_doc("Sixty patients were divided into two groups: group A (n = 30) and group B (n = 30).",
                                      "The frequencies of findings were as follows: in patients with acute knee pain (group A), effusion (87%) and edema (61%); in patients with chronic knee pain (group B), effusion (31.6%) and edema (21.1%)."), norm)  # fmt: skip
    told = [r for r in rows if r.value is not None]
    assert len(told) == 4 and all(r.subgroup == "all" for r in told)


def test_the_end_of_a_range_or_a_standard_deviation_is_no_summary_value(norm) -> None:
    rows, _ = statements.extract(_doc("The mean age of infants at inclusion was 8 months (median 7, range 3–12 months).",
                                      "Age ranged from 22 to 48 years, with a mean of 35.1 years and a standard deviation of 6.2 years."), norm)  # fmt: skip
    values = {r.value for r in rows}
    assert 12.0 not in values and 6.2 not in values and 8.0 in values


def test_keywords_give_no_rows(norm) -> None:
    from evidex.evidence.text import lexicon

    assert statements._LIST_LINE.match("Keywords: asthma, T helper type 2/T helper type 1 response")
    assert lexicon.section_label("Keywords: asthma") is None  # only the line itself is skipped
    rows, _ = statements.extract(_doc("Results: CR was reached in 40% of patients. Keywords: leukemia, type 2 diabetes, "
                                      "T helper cell type 1 response, 2 doses"), norm)  # fmt: skip
    assert [r.value for r in rows] == [40.0]


def test_a_line_of_figure_axis_letters_is_no_sentence() -> None:
    assert statements._garbled("–21.5%* e u q 40 e r f e r 10 u z i e 11.3% s n 12 a i d e")
    assert not statements._garbled("In group A, 4 of 20 patients (20%) had a grade 3 event.")


def test_a_count_that_defines_the_event_is_no_count(norm) -> None:
    rows, _ = statements.extract(_doc("Patients were randomized to vitamin D or placebo.",
                                      "61% of patients in the placebo group had at least one hospitalization or died, and 42% of "
                                      "patients in the vitamin D group had at least 1 hospitalization or died (p = 0.13)."), norm)  # fmt: skip
    assert not any(r.events == 1 and r.statistic == "count" for r in rows)
    assert any(r.value == 42.0 for r in rows)  # the rate of that event stays


def test_the_event_an_at_least_count_defines_is_the_outcome_of_the_value_before_it(norm) -> None:
    doc = _doc("Adults were randomized to a nurse coaching group (n = 70) or a control group (n = 72).",
               "58% of patients in the control group had at least one hospitalization or died, and 40% of patients "
               "in the coaching group had at least 1 hospitalization or died (p = 0.04).")  # fmt: skip
    got = {(arm, outcome, value) for arm, outcome, value in _values(doc, norm) if value in (58.0, 40.0)}
    assert got == {("control", "hospitalization", 58.0), ("nurse coaching", "hospitalization", 40.0)}


def test_how_long_a_drug_was_given_and_when_data_were_collected_are_no_results(norm) -> None:
    rows, _ = statements.extract(_doc("Forty patients, mean age 61 years, were randomized to vitamin D or placebo once daily for six weeks.",
                                      "At 3 and 12 months follow-up data corresponding to baseline were collected by postal questionnaires."), norm)  # fmt: skip
    values = {r.value for r in rows}
    assert 6.0 not in values and 3.0 not in values and 61.0 in values


def test_a_concentration_is_no_rate(norm) -> None:
    rows, _ = statements.extract(_doc("Results: Group A received 20 ml 0.5% bupivacaine and the teeth were kept in saline "
                                      "containing 0.1% thymol; 45% of patients needed rescue analgesia."), norm)  # fmt: skip
    values = {r.value for r in rows}
    assert 0.5 not in values and 0.1 not in values and 45.0 in values
