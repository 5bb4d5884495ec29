# ruff: noqa: E501
"""Values of a comparison and the groups, outcomes and kinds they belong to, class by class, on invented text.

Each test is one phrasing family seen in real abstracts (the heme set), written here in new words: a bracket
of values closing one outcome of a list, a relative change of a risk that is no rate, fatal adverse events
that are treatment deaths, a group size tied to the arm the study model found in the same sentence,
a comparator's bracket of values pairing with the outcomes listed before it, and counts of enrolment.
"""

from __future__ import annotations

import pytest

from evidex.evidence import statements, study
from evidex.models import Document
from tests.evidence.conftest import abstract_doc as _doc


def _rows(doc: Document, norm) -> list[tuple[str, str, str, float | None]]:
    """(arm label, outcome, statistic, value) of every row with a value."""
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    out = []
    for r in rows:
        if r.value is None:
            continue
        arm = model.by_id(r.arm_id)
        out.append((arm.label if arm is not None else "all", r.outcome, r.statistic, r.value))
    return out


def test_a_bracket_of_values_closes_its_outcome_before_the_next_one(norm) -> None:
    doc = _doc("Engraftment was similar between the marrow group (n=120) and the blood group (n=60).",
               "Marrow recipients had better overall survival(71.2%±3.9% and 58.0%±7.5%, P=0.021) and event-free survival(63.5%±4.1% and 47.9%±8.0%, P=0.048).")  # fmt: skip
    rows = _rows(doc, norm)
    assert ("marrow", "OS", "proportion", 71.2) in rows
    assert ("blood", "OS", "proportion", 58.0) in rows
    assert ("marrow", "EFS", "proportion", 63.5) in rows
    assert ("blood", "EFS", "proportion", 47.9) in rows


def test_an_abbreviation_in_brackets_still_joins_a_list_of_outcomes(norm) -> None:
    doc = _doc("The 3-year overall survival (OS) and event-free survival were 81% and 66%, respectively.")
    rows = _rows(doc, norm)
    assert ("all", "OS", "proportion", 81.0) in rows
    assert ("all", "EFS", "proportion", 66.0) in rows


@pytest.mark.parametrize("sentence", [
    "The 1-year survival rate was 61% with the new regimen, and a 58% reduction in the risk of death was seen.",
    "Treatment gave a 31% relative decrease in the hazard of progression (HR 0.69; 95% CI, 0.52-0.91).",
    "The risk of relapse was 40% lower with maintenance than without it.",
])  # fmt: skip
def test_a_relative_change_of_a_risk_is_no_rate(sentence: str, norm) -> None:
    rows = _rows(_doc(sentence), norm)
    assert not [r for r in rows if r[2] == "proportion" and r[3] in (58.0, 31.0, 40.0)], rows


@pytest.mark.parametrize("sentence", [
    "Grade 3 neutropenia occurred in 4 patients, and no fatal adverse events were reported.",
    "No study drug-related fatal adverse events occurred.",
])  # fmt: skip
def test_no_fatal_adverse_events_is_no_treatment_death(sentence: str, norm) -> None:
    rows, _ = statements.extract(_doc("A total of 30 patients were enrolled.", sentence), norm)
    deaths = [r for r in rows if r.outcome == "TREATMENT_DEATH"]
    assert [(r.events, r.grade) for r in deaths] == [(0, "")]
    assert not [r for r in rows if r.outcome in ("AE_TOTAL", "AE_GRADE3") and r.grade == "5"]


def test_a_group_size_takes_the_arm_the_study_found_in_the_same_sentence(norm) -> None:
    doc = _doc("We analyzed 150 adults treated with standard FLAG (n = 88) or with the combination of venetoclax plus reduced-dose FLAG with or without gilteritinib (n = 62).")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    enrolled = [(r.arm_id != "", r.events) for r in rows if r.outcome == "ENROLLED"]
    assert (False, 62) not in enrolled  # never the whole study's size
    assert (True, 62) in enrolled and (True, 88) in enrolled


def test_a_comparators_bracket_pairs_with_the_rows_listed_before_it(norm) -> None:
    doc = _doc("Between 2012 and 2018, 80 patients received drug A and 75 received drug B.",
               "Drug A was associated with higher rates of grade 2 to 4 neutropenia (38.1%), severe mucositis (12.0%) and early mortality (9.4%), compared with drug B (20.5%, 4.1%, and 2.6%, respectively; P < .05).")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    got = {(_arm(model, r), r.value) for r in rows if r.value is not None}
    assert {("drug A", 38.1), ("drug A", 12.0), ("drug A", 9.4)} <= got
    assert {("drug B", 20.5), ("drug B", 4.1), ("drug B", 2.6)} <= got
    b = {r.value: r for r in rows if r.arm_id and model.by_id(r.arm_id).label == "drug B"}
    assert b[20.5].grade == "2-4"
    assert b[20.5].outcome == rows[[r.value for r in rows].index(38.1)].outcome


@pytest.mark.parametrize(("sentence", "outcome", "grade"), [
    ("Severe acute GVHD developed in 6 recipients (8%).", "AGVHD", "3-4"),
    ("Moderate to severe chronic GVHD was less frequent after the new prophylaxis (HR 0.61; 95% CI, 0.40-0.93).", "CGVHD", "moderate-severe"),
    ("Severe cytokine release syndrome occurred in 3 patients (10%).", "CRS", ">=3"),
])  # fmt: skip
def test_a_severity_word_reads_on_the_outcomes_own_scale(sentence: str, outcome: str, grade: str, norm) -> None:
    rows, _ = statements.extract(_doc(sentence), norm)
    assert [r.grade for r in rows if r.outcome == outcome and r.value is not None] == [grade]


@pytest.mark.parametrize(("sentence", "n"), [
    ("A retrospective analysis was performed for 63 children with bone marrow relapse.", 63),
    ("We retrospectively evaluated the outcome of cord blood grafts in 212 transplant recipients.", 212),
    ("This study examines safety in 417 patients with relapsed and refractory lymphoma treated in 12 centers.", 417),
    ("The clinical data of 36 adults with aplastic anemia were retrospectively analyzed.", 36),
])  # fmt: skip
def test_a_sentence_describing_the_study_counts_its_patients(sentence: str, n: int, norm) -> None:
    rows, _ = statements.extract(_doc(sentence), norm)
    assert [(r.arm_id, r.events) for r in rows if r.outcome == "ENROLLED"] == [("", n)]


def test_counts_listed_before_arms_pair_in_order(norm) -> None:
    doc = _doc("Forty-two and 45 patients older than 70 years were randomized to azacitidine and decitabine, respectively.",
               "Seventy and 66 children (median age 7.1 years) received regimen X or regimen Y, respectively.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    enrolled = {(_arm(model, r), r.events) for r in rows if r.outcome == "ENROLLED"}
    assert {("azacitidine", 42), ("decitabine", 45)} <= enrolled
    assert ("all", 45) not in enrolled
    ages = [(r.arm_id, r.value) for r in rows if r.outcome == "AGE"]
    assert ages == [("", 7.1)]


def test_a_number_glued_to_a_word_is_no_count_of_patients(norm) -> None:
    rows, _ = statements.extract(_doc("Data from 980 adult CR1 AML patients were analyzed."), norm)
    assert [r.events for r in rows if r.outcome == "ENROLLED"] == [980]


def test_a_follow_up_visit_is_when_not_what_was_measured(norm) -> None:
    doc = _doc("Patients were randomized to the coaching group or the usual care group.",
               "There were no differences between the groups in readmission rate during the whole 12-month follow-up. However, significantly more patients in the coaching group kept taking statins until the 9 month follow-up (71/104 vs 55/101, p = 0.02).",
               "At a median follow-up of 31.5 months, 22 patients had died.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    kept = {(_arm(model, r), r.events, r.total, r.outcome_raw) for r in rows
            if r.events in (71, 55)}  # fmt: skip
    assert kept == {("coaching", 71, 104, "kept taking statins"), ("usual care", 55, 101, "kept taking statins")}
    assert [r.value for r in rows if r.outcome == "FOLLOW_UP"] == [31.5]


def test_a_donors_match_grade_is_no_proportion(norm) -> None:
    doc = _doc("We compared recipients of 8/8 HLA-matched unrelated donor (n = 410) and 7/8 MUD (n = 95) grafts.")
    rows, _ = statements.extract(doc, norm)
    assert not [r for r in rows if r.statistic == "proportion"]
    assert sorted(r.events for r in rows if r.outcome == "ENROLLED") == [95, 410]


def test_a_dosing_sentence_still_says_who_was_randomized(norm) -> None:
    doc = _doc("Patients (N = 186) were randomized 1:1 to drug A (n = 94) or placebo (n = 92) in 21-day cycles, plus dexamethasone on days 1 to 4.",
               "A sample size of 200 patients was planned to detect a 15% difference with 80% power.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    assert sorted(r.events for r in rows if r.outcome == "ENROLLED") == [92, 94, 186]
    assert not [r for r in rows if r.outcome != "ENROLLED"]


@pytest.mark.parametrize("sentence", [
    "Twenty-four consecutive patients with AL amyloidosis, including 6 with prior transplant, were enrolled.",
    "The study enrolled patients in remission; we retrospectively analyzed outcomes in24patients with aplastic anemia.",
])  # fmt: skip
def test_the_enrolled_group_past_an_aside_or_glued_to_its_word(sentence: str, norm) -> None:
    rows, _ = statements.extract(_doc(sentence), norm)
    assert [r.events for r in rows if r.outcome == "ENROLLED"] == [24]


def test_refractory_to_a_class_of_drugs_is_no_refractory_disease(norm) -> None:
    rows, _ = statements.extract(_doc("Of the 40 participants, 88% were triple-class refractory and 20% had primary refractory disease."), norm)
    got = {(r.outcome, r.value) for r in rows if r.value is not None}
    assert ("REFRACTORY", 88.0) not in got
    assert ("", 88.0) in got


def test_an_arm_inside_a_bracket_of_other_values_is_not_the_outer_values(norm) -> None:
    doc = _doc("Patients were assigned to cohort A (n = 40) or cohort B (n = 41).",
               "All patients (100%) responded; 78% after two cycles (75% in cohort A and 80% in cohort B).",
               "Two-year survival was 0.64 (0.55-0.72) (cohort A) and 0.70 (0.61-0.78) (cohort B).")  # fmt: skip
    rows = _rows(doc, norm)
    assert [r[0] for r in rows if r[3] == 78.0] == ["all"]
    assert ("cohort A", "ORR", "proportion", 75.0) in rows or [r[0] for r in rows if r[3] == 75.0] == ["cohort A"]
    assert [r[0] for r in rows if r[3] == 64.0] == ["cohort A"]


def test_respectively_closes_the_list_of_outcomes(norm) -> None:
    doc = _doc("The median OS and EFS were not reached, and the 3-year OS and EFS were 74% and 61%, respectively, with better results in patients younger than 40 years (EFS, 88%).")
    got = {(r[1], r[3]) for r in _rows(doc, norm)}
    assert ("OS", 74.0) in got and ("EFS", 61.0) in got


def test_mostly_low_grade_describes_the_spread_not_the_grade(norm) -> None:
    rows, _ = statements.extract(_doc("Cytokine release syndrome occurred in 72% of patients, predominantly low grade."), norm)
    assert [(r.value, r.grade) for r in rows if r.outcome == "CRS"] == [(72.0, "any")]


def test_a_count_in_brackets_after_an_adverse_event_is_no_group(norm) -> None:
    rows, _ = statements.extract(_doc("The only adverse event leading to discontinuation in more than one patient was neutropenia (n=3)."), norm)
    assert not [r for r in rows if r.outcome == "ENROLLED"]


def test_a_group_size_labelled_inside_a_bracket(norm) -> None:
    doc = _doc("A total of 300 patients received the product, and 250 had follow-up data (MM, n = 160; FL, n = 90).")
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    sizes = {(_arm(model, r), r.events) for r in rows if r.outcome == "ENROLLED"}
    assert {("MM", 160), ("FL", 90)} <= sizes
    assert ("FL", 160) not in sizes and ("all", 90) not in sizes


def test_a_marrow_or_molecular_remission_is_no_complete_remission(norm) -> None:
    rows, _ = statements.extract(_doc("In all, 20 patients (25%) achieved CR and 6 (8%) had a bone marrow CR without count recovery."), norm)
    assert [r.value for r in rows if r.outcome == "CR"] == [25.0]


def test_medians_in_the_plural_and_not_reached_with_its_interval(norm) -> None:
    rows, _ = statements.extract(_doc("Medians (95% CI) for OS were not reached (NR; 3.4-NE) and 19.2 mo (11.0-27.5) in the two strata, respectively."), norm)
    os_rows = [(r.statistic, r.value, r.low) for r in rows if r.outcome == "OS"]
    assert ("median", None, 3.4) in os_rows and ("median", 19.2, 11.0) in os_rows


def test_at_n_years_after_the_transplant_is_a_landmark(norm) -> None:
    rows, _ = statements.extract(_doc("Overall survival at 3 years following cord blood transplantation was an estimated 48 ± 2%."), norm)
    assert [(r.value, r.timepoint_months) for r in rows if r.outcome == "OS"] == [(48.0, 36.0)]


def test_not_reached_versus_a_value_gives_both_arms(norm) -> None:
    doc = _doc("Patients were randomly assigned to receive zanubrutinib or bendamustine.",
               "Zanubrutinib resulted in significantly longer progression-free survival than did bendamustine (median, not reached vs. 22.7 months), with a risk of progression or death that was 70% lower with zanubrutinib than with bendamustine (hazard ratio, 0.30; P<0.001).")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    pfs = {(_arm(model, r), r.statistic, r.value) for r in rows if r.outcome == "PFS"}
    assert ("zanubrutinib", "median", None) in pfs and ("bendamustine", "median", 22.7) in pfs
    assert ("all", "hazard_ratio", 0.3) in pfs
    assert not [r for r in rows if r.value == 70.0]


def test_counts_of_each_group_before_the_verb_they_share(norm) -> None:
    doc = _doc("Patients were assigned to A+CHP or CHOP.",
               "At a median follow-up of 66 months, 51 patients in the A+CHP group and 73 in the CHOP group had died (hazard ratio, 0.66; 95% CI, 0.46 to 0.95).")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    deaths = {(_arm(model, r), r.events) for r in rows if r.outcome == "DEATH"}
    assert deaths == {("A+CHP", 51), ("CHOP", 73)}


@pytest.mark.parametrize(("sentence", "value", "total"), [
    ("Remission was achieved in 20 of 26 evaluable patients (77%), which accounted for 62.5% of all 32 enrolled patients.", 62.5, 32),
    ("Among patients with at least 12 months of follow-up (N=312; median follow-up 28.4 months), the best overall response of complete remission was 81.0%.", 81.0, 312),
])  # fmt: skip
def test_the_denominator_of_a_percent_written_after_it_or_in_the_lead(sentence: str, value: float, total: int, norm) -> None:
    rows, _ = statements.extract(_doc(sentence), norm)
    assert [r.total for r in rows if r.value == value] == [total]
    assert total in [r.events for r in rows if r.outcome == "ENROLLED"]


def test_a_group_with_an_outcome_in_its_name_keeps_its_size(norm) -> None:
    rows, _ = statements.extract(_doc("Patients with grade 3 CRS (n = 14) had a median OS of 6.1 months."), norm)
    assert 14 in [r.events for r in rows if r.outcome == "ENROLLED"]


def test_a_quantifier_alone_names_no_outcome(norm) -> None:
    rows, _ = statements.extract(_doc("Most (21/25 [84%]) of these events resolved after a dose interruption."), norm)
    assert not [r for r in rows if (r.outcome_raw or "").strip().lower() in ("most", "the most")]


def test_the_number_of_cycles_given_is_how_long_treatment_lasted(norm) -> None:
    rows, _ = statements.extract(_doc("The median number of azacitidine cycles administered was 4 (range: 1-11)."), norm)
    assert [(r.outcome, r.value, r.low, r.high, r.unit) for r in rows] == [("TREATMENT_DURATION", 4.0, 1.0, 11.0, "cycles")]


def test_one_landmark_of_the_sentence_and_values_before_a_list_of_arms(norm) -> None:
    doc = _doc("Patients received grafts from haplo-identical donors (n = 120), cord blood (CB) grafts (n = 210) or a matched sibling donor (MSD, n = 900).",
               "Relapse incidence depended on donor type and was estimated at 31 ± 4% and 27 ± 3% after haplo alloHSCT and CB grafts at 3 years vs 22 ± 1% following MSD alloHSCT.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    got = {(r.value, r.timepoint_months, _arm(model, r)) for r in rows
           if r.value in (31.0, 27.0, 22.0)}  # fmt: skip
    assert {(v, t) for v, t, _ in got} == {(31.0, 36.0), (27.0, 36.0), (22.0, 36.0)}
    assert len({arm for _, _, arm in got}) == 3


def test_a_numbered_point_is_no_reference(norm) -> None:
    doc = _doc("Results (1) The median time of neutrophil engraftment was 12 days. The incidence rate of graft failure was 3.6%. (2) The incidence rate of chronic GVHD was 10.7%.",
               "As reported before (12), relapse occurred in 40% of such patients.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    got = {(r.outcome or r.outcome_raw, r.value) for r in rows}
    assert ("graft failure", 3.6) in got and ("CGVHD", 10.7) in got
    assert not [r for r in rows if r.value == 40.0]


def _arm(model: study.StudyModel, r) -> str:
    """The label of the study arm a row belongs to, "all" for a whole-study row."""
    return model.by_id(r.arm_id).label if r.arm_id else "all"
