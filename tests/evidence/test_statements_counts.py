"""Numbers, grades and verbs as real results sections write them, each form with an invented sentence and the real
normalizer: thousands separators, survival estimates with ± SE, grades inside brackets, counts of a graded part,
verbs that name the outcome, zero counts that are not zero counts, one kind of adverse event, and a sentence that
refers back to the outcome before it."""

from __future__ import annotations

import pytest

from evidex.evidence import statements
from evidex.evidence.text import cues, stats
from evidex.normalize import load
from tests.evidence.conftest import corpus_document


@pytest.fixture(scope="module")
def normalizer():
    return load()


def _rows(normalizer, *texts: str, title: str = "Gilteritinib in relapsed AML") -> list:
    doc = corpus_document({"id": "c", "title": title, "blocks": [{"section": "results", "text": t} for t in texts]})
    return statements.extract(doc, normalizer)[0]


def test_thousands_separators_and_numbers_right_after_a_comma() -> None:
    assert [(x.events, x.value) for x in stats.find("of 2,417 patients (38%)")] == [(2417, 38)]
    assert [x.value for x in stats.find("was 9.1 months overall,64.5% at 1 year")][:2] == [9.1, 64.5]
    assert stats.find("grades 1,2,3") == []


def test_a_survival_estimate_with_plus_minus_is_a_percent_with_its_standard_error(normalizer) -> None:
    (row,) = _rows(normalizer, "The 4-year event-free survival was 71.3%±2.4%.")
    assert (row.outcome, row.statistic, row.value, row.spread, row.spread_value) == ("EFS", "proportion", 71.3, "SE",
                                                                                      2.4)  # fmt: skip


def test_a_grade_inside_a_bracket_grades_only_that_brackets_number(normalizer) -> None:
    rows = _rows(normalizer, "Cytokine release syndrome occurred in 64% (5% grade ≥3) and infections in 27%.")
    assert {(r.outcome, r.value, r.grade) for r in rows} == {("CRS", 64, "any"), ("CRS", 5, ">=3"),
                                                             ("INFECTION", 27, "any")}  # fmt: skip


def test_a_bracket_without_numbers_describes_what_it_follows(normalizer) -> None:
    (row,) = _rows(normalizer, "Three patients (4%) had severe CRS (all grade 3).")
    assert (row.outcome, row.events, row.grade) == ("CRS", 3, "3")


def test_each_item_of_a_bracketed_list_has_its_own_grade(normalizer) -> None:
    rows = _rows(normalizer, "Bleeding was seen in 11 patients (grade 1/2 in 8 patients, grade 3 in 3 patients).")
    assert {(r.events, r.grade) for r in rows} >= {(8, "1-2"), (3, "3")}
    rows = _rows(normalizer, "Six patients had hepatotoxicity (4 grade 2, 2 fatal).")
    assert {(r.events, r.grade) for r in rows} == {(6, "any"), (4, "2"), (2, "5")}


@pytest.mark.parametrize(
    ("text", "outcome", "events"),
    [
        ("Of the 64 patients, 50 (78%) responded (complete remission, 31 patients, 48%).", "ORR", 50),
        ("Nine patients (14%) relapsed after transplantation.", "RELAPSE", 9),
        ("Four patients (6%) died within 30 days.", "DEATH", 4),
    ],
)
def test_a_verb_after_a_count_names_the_outcome(normalizer, text: str, outcome: str, events: int) -> None:
    rows = _rows(normalizer, text)
    assert (outcome, events) in {(r.outcome, r.events) for r in rows}
    assert all(r.subgroup == "all" for r in rows)


def test_without_excess_is_no_zero_count(normalizer) -> None:
    assert _rows(normalizer, "The regimen was feasible without excess neurotoxicity.") == []
    rows = _rows(normalizer, "There were no unexpected toxicities: no cytokine release syndrome of grade ≥3.")
    assert [(r.outcome, r.events, r.grade) for r in rows] == [("CRS", 0, ">=3")]


def test_one_kind_of_adverse_event_is_not_all_adverse_events(normalizer) -> None:
    rows = _rows(normalizer, "Nine major bleeding adverse events occurred, and no patient had ocular side effects.")
    assert {(r.outcome, r.outcome_raw, r.events) for r in rows} == {("", "major bleeding adverse events", 9),
                                                                    ("", "ocular side effects", 0)}  # fmt: skip
    (row,) = _rows(normalizer, "Treatment-related adverse events occurred in 12 patients (19%).")
    assert row.outcome == "AE_TOTAL"


def test_the_corresponding_values_take_the_outcome_before_them(normalizer) -> None:
    rows = _rows(normalizer, "The 2-year overall survival was 74% in patients with standard risk; among those with "
                             "a higher relapse risk, the corresponding values were 61% and 58%.")  # fmt: skip
    assert {(r.outcome, r.value, r.timepoint_months) for r in rows} == {("OS", 74, 24), ("OS", 61, 24), ("OS", 58, 24)}


def test_follow_up_time_is_no_landmark() -> None:
    assert cues.timepoints("an analysis with additional 12-month follow-up showed") == []
    assert cues.timepoints("the 12-month OS was 60%") == [(4, 12, 12.0)]


def test_definitions_give_no_rows(normalizer) -> None:
    assert _rows(normalizer, "Molecular relapse was defined as MRD of at least 0.01% in two samples.") == []


def test_a_landmark_before_the_first_number_times_the_whole_list(normalizer) -> None:
    rows = _rows(normalizer, "Eighteen-month duration of response, event-free survival and overall survival rates "
                             "were 58.1%, 49.0% and 71.4%, respectively; the CR rate was 80%.")  # fmt: skip
    assert {(r.outcome, r.value, r.timepoint_months) for r in rows} == {
        ("DOR", 58.1, 18), ("EFS", 49.0, 18), ("OS", 71.4, 18), ("CR", 80, None)}  # fmt: skip


def test_a_landmark_in_a_bracket_with_its_number_and_a_list_that_keeps_its_statistic(normalizer) -> None:
    rows = _rows(normalizer, "The median survival was 8.1 months for patients in first salvage (34% at 1 year) and "
                             "3.9 months for patients in second salvage.")  # fmt: skip
    assert {(r.statistic, r.value, r.timepoint_months) for r in rows} == {
        ("median", 8.1, None), ("proportion", 34, 12), ("median", 3.9, None)}  # fmt: skip


def test_a_day_landmark_and_times_relative_to_an_event() -> None:
    assert cues.timepoints("day 28 platelet recovery was 71%") == [(0, 6, 0.92)]
    assert cues.timepoints("patients relapsing within 6 months of transplantation") == []


def test_a_percent_that_sets_a_threshold_is_no_result(normalizer) -> None:
    rows = _rows(normalizer, "Among patients with less than 20% blasts and those with 20% or more, CR rates were "
                             "81.8% (18/22) and 60.0% (12/20), respectively.")  # fmt: skip
    assert sorted(r.value for r in rows) == [60.0, 81.8]


def test_n_beside_a_survival_estimate_is_the_group_size(normalizer) -> None:
    rows = _rows(normalizer, "The 2-year EFS was 47.1% (n = 34) in patients without prior transplant.")
    assert {(r.outcome, r.events, r.value) for r in rows} == {("EFS", None, 47.1), ("ENROLLED", 34, None)}


def test_a_count_with_its_share_of_a_named_group(normalizer) -> None:
    (row,) = _rows(normalizer, "MRD negativity was documented in 52 patients (76% of responders).")
    assert (row.outcome, row.statistic, row.events, row.value) == ("MRD_NEG", "proportion", 52, 76)


def test_participles_and_abbreviations_inside_the_counted_phrase(normalizer) -> None:
    rows = _rows(normalizer, "Thirty patients (61%) had CR, with 22 (73%) achieving minimal residual disease (MRD) "
                             "negativity.")  # fmt: skip
    assert {(r.outcome, r.events) for r in rows} == {("CR", 30), ("MRD_NEG", 22)}


def test_counts_that_size_a_timed_group_or_a_product_code_are_no_counts(normalizer) -> None:
    rows = _rows(normalizer, "Eighteen patients proceeded to HSCT at a median of 41 days (IQR, 33-55).",
                 "Compared with the parent product, XYZ-20417 had a higher proportion of naive T cells.")  # fmt: skip
    assert [(r.outcome, r.statistic, r.value) for r in rows] == [("TIME_TO_HSCT", "median", 41)]


def test_died_of_names_the_kind_of_death(normalizer) -> None:
    (row,) = _rows(normalizer, "Three patients (6.0%) died of treatment-related causes.")
    assert (row.outcome, row.events, row.value) == ("TREATMENT_DEATH", 3, 6.0)


def test_follow_up_counted_is_the_followed_population(normalizer) -> None:
    rows = _rows(normalizer, "Of 320 patients enrolled, 288 patients had follow-up data reported.")
    assert {(r.outcome, r.events) for r in rows} == {("ENROLLED", 320), ("ENROLLED", 288)}


def test_a_survival_probability_written_as_a_fraction_is_a_percent(normalizer) -> None:
    rows = _rows(normalizer, "The 2-year overall survival was 0.64 (0.55-0.72) and the 2-year non-relapse mortality "
                             "was 0.12 (0.07-0.18).", title="Fludarabine conditioning")  # fmt: skip
    assert {(r.outcome, r.statistic, r.value, r.low, r.high) for r in rows} == {
        ("OS", "proportion", 64, 55, 72), ("NRM", "proportion", 12, 7, 18)}  # fmt: skip


def test_an_interval_after_a_percent_takes_its_kind_from_the_label(normalizer) -> None:
    (row,) = _rows(normalizer, "The overall response rate (95% CI) was 58% (44-71).")
    assert (row.value, row.low, row.high, row.spread) == (58, 44, 71, "95% CI")


def test_a_date_is_no_fraction() -> None:
    assert stats.find("data were analysed as of 03/2022") == []


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Event-free survival was longer with A than with B (hazard ratio for disease progression or death, 0.71; "
         "95% CI, 0.55 to 0.92).", "PFS"),
        ("At a median follow-up of 60 months, 41 patients in group A and 58 in group B had died (hazard ratio, 0.66; "
         "95% CI, 0.44 to 0.98).", "OS"),
        ("The analysis showed a 31% reduction in the risk of death (HR, 0.69; 95% CI, 0.51-0.94).", "OS"),
    ],
)  # fmt: skip
def test_an_effect_measure_that_names_its_events(normalizer, text: str, outcome: str) -> None:
    (hr,) = [r for r in _rows(normalizer, text) if r.statistic == "hazard_ratio"]
    assert hr.outcome == outcome


def test_an_aside_after_a_value_does_not_name_it(normalizer) -> None:
    rows = _rows(normalizer, "The 3-year event-free survival was 88.1±1.9% with A and 80.2±2.6% with B (difference in "
                             "restricted mean survival time, 41 days; 95% CI, 12 to 70).",
                 title="A versus B in childhood ALL")  # fmt: skip
    assert {r.outcome for r in rows} == {"EFS"}
    assert [r.arm for r in rows if r.statistic == "difference"] == ["all"]


def test_each_median_of_a_list_not_reached(normalizer) -> None:
    rows = _rows(normalizer, "The median overall survival (OS) and event-free survival (EFS) were not reached.")
    assert {(r.outcome, r.statistic, r.value) for r in rows} == {("OS", "median", None), ("EFS", "median", None)}


def test_every_one_of_a_counted_group(normalizer) -> None:
    rows = _rows(normalizer, "After two cycles, complete remission was obtained in all of the 31 patients.")
    assert [(r.outcome, r.statistic, r.events, r.total) for r in rows] == [("CR", "proportion", 31, 31)]


def test_one_value_of_every_outcome_of_a_list(normalizer) -> None:
    rows = _rows(normalizer, "The 2-year overall survival rate and 2-year event-free survival rate were both 88.0%.")
    assert {(r.outcome, r.value, r.timepoint_months) for r in rows} == {("OS", 88.0, 24), ("EFS", 88.0, 24)}


def test_grades_listed_pair_with_values_in_order(normalizer) -> None:
    rows = _rows(normalizer, "The incidences of acute GVHD of grades I-II and III-IV were 21% and 9%, respectively.")
    assert {(r.outcome, r.grade, r.value) for r in rows} == {("AGVHD", "1-2", 21), ("AGVHD", "3-4", 9)}


def test_the_time_it_took_to_reach_an_outcome(normalizer) -> None:
    rows = _rows(normalizer, "To achieve CR, it took ( 4.1 ± 0.6 ) weeks in group A and ( 3.2 ± 0.9 ) weeks in B.")
    assert {(r.outcome, r.outcome_raw, r.statistic, r.value, r.unit) for r in rows} == {
        ("", "time to CR", "mean", 4.1, "weeks"), ("", "time to CR", "mean", 3.2, "weeks")}  # fmt: skip


def test_terms_interrupted_by_their_abbreviation_and_odd_hyphens(normalizer) -> None:
    rows = _rows(normalizer, "The minimal residual disease (MRD)-negative rate was 64.0%.",
                 "One patient developed human cytomegalovirus(CMV)infection.",
                 "The 3⁃year event⁃free survival rate was 71.2%.",
                 "Two patients (4.8%) were dead in total.")  # fmt: skip
    assert {(r.outcome, r.value or r.events) for r in rows} == {("MRD_NEG", 64.0), ("Cytomegalovirus infection "
        "reactivation", 1), ("EFS", 71.2), ("DEATH", 4.8)}  # fmt: skip


def test_a_rate_noun_after_an_outcome_is_no_subgroup(normalizer) -> None:
    rows = _rows(normalizer, "There was no significant difference in complete response rate between the A and B "
                             "groups (71% vs 69%, P>0.05).", title="A versus B in relapsed ALL")  # fmt: skip
    assert {(r.outcome, r.value, r.subgroup) for r in rows} == {("CR", 71, "all"), ("CR", 69, "all")}


def test_a_state_named_right_before_its_bracket(normalizer) -> None:
    rows = _rows(normalizer, "Patients were treated in first relapse (31%) or with primary refractory disease (14%).")
    assert {(r.outcome, r.value) for r in rows} == {("RELAPSED", 31), ("REFRACTORY", 14)}


def test_a_graded_item_takes_its_own_modifier_with_the_parallel_head(normalizer) -> None:
    rows = _rows(normalizer, "Day-100 acute grade 2-4 (21% vs 35%) and 2-year chronic GVHD (26% vs 47%) were lower "
                             "with A.", title="A versus B for GVHD prophylaxis")  # fmt: skip
    assert {(r.outcome, r.grade, r.value) for r in rows} == {("AGVHD", "2-4", 21), ("AGVHD", "2-4", 35),
                                                             ("CGVHD", "any", 26), ("CGVHD", "any", 47)}  # fmt: skip


def test_terms_inside_a_group_phrase_are_not_what_is_measured(normalizer) -> None:
    (row,) = _rows(normalizer, "The MRD-negative rate among patients with a CR or a CRi was 72.0%.")
    assert (row.outcome, row.value) == ("MRD_NEG", 72.0)


def test_relative_changes_and_time_windows_are_no_values(normalizer) -> None:
    rows = _rows(normalizer, "The risk of death was 40% lower with A.",
                 "Five and three patients discontinued during the first 6 and 12 months, respectively.")  # fmt: skip
    assert sorted((r.statistic, r.events, r.value) for r in rows) == [("count", 3, None), ("count", 5, None)]


def test_a_class_of_events_with_its_kind_keeps_the_words(normalizer) -> None:
    rows = _rows(normalizer, "Fungal infection occurred in 12% and severe infections in 20%.")
    assert {(r.outcome, r.outcome_raw, r.value) for r in rows} == {("", "Fungal infection", 12),
                                                                   ("INFECTION", "infections", 20)}  # fmt: skip


def test_a_count_with_its_interval_of_a_group_that_achieved_a_state(normalizer) -> None:
    (row,) = _rows(normalizer, "Nine (60.0%, 95% confidence interval [CI]: 32.3-83.7) of the 15 patients with overt "
                               "disease achieved CR.")  # fmt: skip
    assert (row.outcome, row.events, row.total, row.value, row.low, row.high) == ("CR", 9, 15, 60.0, 32.3, 83.7)


def test_the_first_value_in_brackets_sets_the_topic(normalizer) -> None:
    rows = _rows(normalizer, "All patients (100%) achieved a complete remission (CR); 90% after induction.")
    assert [(r.outcome, r.value) for r in rows] == [("CR", 100), ("CR", 90)]


def test_counts_of_a_graded_outcome_and_parts_of_a_group(normalizer) -> None:
    rows = _rows(normalizer, "CRS occurred in all, including 30 patients with grade 1-2 (mild) CRS and 4 patients with "
                             "grade 3-4 (severe) CRS.",
                 "Nine CR patients received no consolidation, and 4 of them remained in remission.")  # fmt: skip
    got = {(r.outcome, r.outcome_raw, r.statistic, r.events, r.total, r.grade) for r in rows}
    assert {("CRS", "CRS", "count", 30, None, "1-2"), ("CRS", "CRS", "count", 4, None, "3-4"),
            ("", "remained in remission", "proportion", 4, 9, "")} <= got  # fmt: skip


def test_a_list_of_percents_shares_the_phrase_after_it(normalizer) -> None:
    rows = _rows(normalizer, "At infusion, 18.2% and 12.4% [infants: 9.1%] had high tumour burden.")
    assert {(r.outcome_raw, r.value) for r in rows} == {("high tumour burden", v) for v in (18.2, 12.4, 9.1)}


def test_overall_mortality_in_an_effect_is_os(normalizer) -> None:
    rows = _rows(normalizer, "Relapse (HR, 0.71; P = .04) was lower; overall mortality (HR, 1.28) was higher.")
    assert {(r.outcome, r.value) for r in rows} == {("RELAPSE", 0.71), ("OS", 1.28)}


def test_an_appositive_grade_grades_the_row_before_only(normalizer) -> None:
    rows = _rows(normalizer, "CRS occurred in 5 cases (31.3%), all grade 1-2, and ICANS in 2 cases (12.5%).")
    assert {(r.outcome, r.grade) for r in rows} == {("CRS", "1-2"), ("ICANS", "any")}


def test_a_state_after_of_the_n_describes_the_denominator(normalizer) -> None:
    rows = _rows(normalizer, "Overall, 15 of 20 children achieved CR (75.0%), including 5 of the 8 children in "
                             "non-remission (62.5%).")  # fmt: skip
    assert {(r.outcome, r.events, r.total, r.subgroup) for r in rows} == {("CR", 15, 20, "all"),
                                                                        ("CR", 5, 8, "non-remission")}  # fmt: skip


def test_engraftment_time_is_engraftment(normalizer) -> None:
    (row,) = _rows(normalizer, "The median neutrophil engraftment time was 12 (range 10-16) days.")
    assert (row.outcome, row.value, row.unit) == ("NEUTROPHIL_ENGRAFTMENT", 12, "days")


def test_the_outcome_named_before_a_with_clause_of_values(normalizer) -> None:
    rows = _rows(normalizer, "The 3-year relapse-free survival rates did not differ between donor types, with 61.2%, "
                             "57.0% and 55.4% for A, B and C transplants, respectively.")  # fmt: skip
    assert {(r.outcome, r.value, r.timepoint_months) for r in rows} == {("RFS", v, 36) for v in (61.2, 57.0, 55.4)}


def test_a_percent_of_patients_achieving_an_outcome(normalizer) -> None:
    rows = _rows(normalizer, "The overall response rate was 94%, with 61.1% of the patients achieving complete "
                             "response or stringent complete response.")  # fmt: skip
    assert {(r.outcome, r.value) for r in rows} == {("ORR", 94), ("CR", 61.1)}


def test_the_duration_of_a_therapy_and_deaths_from_its_adverse_events(normalizer) -> None:
    rows = _rows(normalizer, "Over a median duration of 38 months of drug A therapy, no new signals emerged.",
                 "At final analysis, 9 and two patients had died from treatment-emergent adverse events in the "
                 "two arms, respectively.")  # fmt: skip
    assert {(r.outcome, r.value, r.events) for r in rows} == {("TREATMENT_DURATION", 38, None),
                                                              ("TREATMENT_DEATH", None, 9),
                                                              ("TREATMENT_DEATH", None, 2)}  # fmt: skip
