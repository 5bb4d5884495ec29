# ruff: noqa: E501
"""Arms of the study model and per-arm attribution of result sentences, class by class, on invented text.

Each test is one phrasing family seen in real abstracts (the heme set), written here in new words:
strata a study reports by, sequential dose cohorts, studies compared by name, groups listed in one
bracket, a word only one arm's name has, values tied to the arm written right after them, one named
arm of two, "respectively" and "vs" without arm names, follow-up inside a comparison, and titles.
"""

from __future__ import annotations

from evidex import evidence
from evidex.evidence import statements, study
from evidex.models import Document
from tests.evidence.conftest import abstract_doc as _doc


def _arms(doc: Document, norm) -> list[tuple[str, int | None]]:
    return [(a.label, a.n) for a in study.build(doc, norm, []).arms]


def _rows(doc: Document, norm) -> list[tuple[str, str, float | None]]:
    """(arm label as the row carries it, outcome, value) of every row with a value."""
    rows, _ = statements.extract(doc, norm)
    return [(r.arm_label if r.arm_id else "all", r.outcome, r.value) for r in rows if r.value is not None]


def _arm_of(doc: Document, norm, outcome: str, value: float) -> str:
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    (row,) = [r for r in rows if r.outcome == outcome and r.value == value]
    arm = model.by_id(row.arm_id)
    return arm.label if arm is not None else "all"


# ---- the study model's text sources ---------------------------------------------------------------


def test_strata_named_as_groups_are_the_arms(norm) -> None:
    doc = _doc("Sixty adults in first remission were consolidated after induction. The 2-year overall survival was 81% and 58% in the chemotherapy and HSCT groups, respectively.")
    assert [label for label, _ in _arms(doc, norm)] == ["chemotherapy", "HSCT"]
    assert _arm_of(doc, norm, "OS", 81) == "chemotherapy"
    assert _arm_of(doc, norm, "OS", 58) == "HSCT"


def test_a_treatment_and_its_negation_are_strata_but_responses_are_not(norm) -> None:
    treated = _doc("Of 18 MRD-positive adults, 7 proceeded to transplant. Leukemia-free survival of the allo-SCT and non-allo-SCT groups was 71.4% and 36.4%, respectively.")
    assert [label for label, _ in _arms(treated, norm)] == ["allo-SCT", "non-allo-SCT"]
    by_response = _doc("Overall survival of the CR and non-CR groups was 90.0% and 40.0%, respectively.")
    assert _arms(by_response, norm) == []
    by_marker = _doc("Relapse rates in the MRD-positive and MRD-negative groups were 44% and 12%.")
    assert _arms(by_marker, norm) == []


def test_sequential_dose_cohorts_of_one_drug(norm) -> None:
    doc = _doc("The first 30 adults received single-dose blinatumomab every 4 weeks. In the next 26 adults, the schedule was changed to blinatumomab weekly on days 1, 8 and 15. Remission rates were 50% and 62% for single-dose and weekly blinatumomab, respectively. Median survival was 6.1 months with the single-dose schedule and 8.4 months with the weekly schedule.")
    assert _arms(doc, norm) == [("single-dose blinatumomab", 30), ("weekly blinatumomab", 26)]
    rows, _ = statements.extract(doc, norm)
    sizes = {(r.arm_label, r.events) for r in rows if r.outcome == "ENROLLED"}
    assert sizes == {("single-dose blinatumomab", 30), ("weekly blinatumomab", 26)}
    assert _arm_of(doc, norm, "CR", 50) == "single-dose blinatumomab"
    assert _arm_of(doc, norm, "CR", 62) == "weekly blinatumomab"


def test_two_studies_compared_by_name(norm) -> None:
    doc = _doc("We compared the registry cohort ORCA-2 with the 3-year results of the phase 2 trial KESTREL-1. The complete response rates were 61% in KESTREL-1 and 15% in ORCA-2.")
    assert sorted(label for label, _ in _arms(doc, norm)) == ["KESTREL-1", "ORCA-2"]
    assert _arm_of(doc, norm, "CR", 61) == "KESTREL-1"
    assert _arm_of(doc, norm, "CR", 15) == "ORCA-2"


def test_groups_listed_in_one_bracket(norm) -> None:
    doc = _doc("We analysed 940 transplants (n = 120 haploidentical offspring; n = 820 matched sibling) for acute leukemia.")
    assert _arms(doc, norm) == [("haploidentical offspring", 120), ("matched sibling", 820)]
    by_disease = _doc("Of 300 treated patients, 250 had follow-up (ALL, n = 140; NHL, n = 110).")
    assert [a.arm for a in study.build(by_disease, norm, []).arms] == ["ALL", "nhl"]  # the disease ALL is no "all"


def test_a_prior_therapy_is_a_trait_not_an_arm(norm) -> None:
    doc = _doc("For patients with 1 prior therapy (n = 12), the remission rate was 92%, and for those with ≥2 prior therapies (n = 40) it was 70%.")
    assert _arms(doc, norm) == []


def test_title_with_or_without_and_a_head_that_names_no_treatment(norm) -> None:
    pm = _doc("The 2-year overall survival was 40%.", title="Low-dose cytarabine with or without venetoclax in older adults with AML")
    assert [label for label, _ in _arms(pm, norm)] == ["Low-dose cytarabine", "Low-dose cytarabine + venetoclax"]
    after = _doc("The 1-year overall survival was 64%.", title="Outcomes of allogeneic transplantation after blinatumomab")
    assert [a.arm for a in study.build(after, norm, []).arms] == ["blinatumomab"]


def test_table_columns_of_different_drugs_stay_apart(norm) -> None:
    model = study.build(_doc("x"), norm, [("CAR-T Any grade", 40, 5, ""), ("Blinatumomab Any grade", 38, 5, "")])
    assert [(a.arm, a.n) for a in model.arms] == [("CAR-T", 40), ("blinatumomab", 38)]


# ---- per-arm attribution in a sentence --------------------------------------------------------------

_TWO_DONORS = "We studied 600 adults after haploidentical (n = 150) and 8/8 HLA-matched unrelated donor (n = 450) transplantation."


def test_a_word_only_one_arm_has_names_it(norm) -> None:
    doc = _doc(_TWO_DONORS, "Chronic GVHD at 2 years was lower after haploidentical compared with matched unrelated donor transplants (28% vs 49%, P < .001).")
    assert _arm_of(doc, norm, "CGVHD", 28) == "haploidentical"
    assert _arm_of(doc, norm, "CGVHD", 49) == "8/8 HLA-matched unrelated donor"
    rows, _ = statements.extract(doc, norm)
    assert any(r.arm_label == "matched unrelated donor transplants" for r in rows)  # the words as written


def test_values_tied_to_the_arm_written_right_after_them(norm) -> None:
    doc = _doc("Patients were randomized to daratumumab (n = 200) or control (n = 198).", "Overall and complete response rates were 91% and 47% in the daratumumab group vs 80% and 25% in the control group, respectively.")
    assert _arm_of(doc, norm, "ORR", 91) == "daratumumab"
    assert _arm_of(doc, norm, "CR", 47) == "daratumumab"
    assert _arm_of(doc, norm, "ORR", 80) == "control"
    assert _arm_of(doc, norm, "CR", 25) == "control"


def test_overall_values_beside_arm_values_stay_the_studys(norm) -> None:
    doc = _doc("The first 30 adults received single-dose blinatumomab every 4 weeks. In the next 26 adults, the schedule was changed to blinatumomab weekly on days 1, 8 and 15.", "The median overall survival was 7.0 months overall, 6.1 months with the single-dose schedule, and 8.4 months with the weekly schedule.")
    assert _arm_of(doc, norm, "OS", 7.0) == "all"
    assert _arm_of(doc, norm, "OS", 6.1) == "single-dose blinatumomab"


def test_one_named_arm_of_two_implies_the_other(norm) -> None:
    arms = "Patients were randomized to ibrutinib (n = 120) or chlorambucil (n = 118)."
    side_by_side = _doc(arms, "Infections were more common with ibrutinib (31% vs 19%).")
    assert (_arm_of(side_by_side, norm, "INFECTION", 31), _arm_of(side_by_side, norm, "INFECTION", 19)) == ("ibrutinib", "chlorambucil")
    named_second = _doc("Patients were randomized to azacitidine alone (n = 100) or azacitidine plus venetoclax (n = 110).", "The 2-year overall survival was 22% with azacitidine alone and 41% with the addition of venetoclax.")
    assert _arm_of(named_second, norm, "OS", 41) == "azacitidine plus venetoclax"
    assert _arm_of(named_second, norm, "OS", 22) == "azacitidine alone"
    apart = _doc(arms, "Febrile neutropenia occurred in 9% of patients, and was less frequent with chlorambucil (2%).")
    assert _arm_of(apart, norm, "Febrile neutropenia", 9) == "all"  # values apart: the 9% is everyone's
    assert _arm_of(apart, norm, "Febrile neutropenia", 2) == "chlorambucil"


def test_respectively_and_vs_without_arm_names_take_the_study_order(norm) -> None:
    arms = "Patients were randomized to early ATG (n = 60) or late ATG (n = 55)."
    resp = _doc(arms, "The 1-year progression-free survival was 70.5% and 52.0%, respectively.")
    assert (_arm_of(resp, norm, "PFS", 70.5), _arm_of(resp, norm, "PFS", 52.0)) == ("early ATG", "late ATG")
    listed = _doc(arms, "At 2 years, overall survival and progression-free survival were 85.0% vs 70.1% and 77.3% vs 60.2%, respectively.")
    assert [(_arm_of(listed, norm, o, v)) for o, v in (("OS", 85.0), ("OS", 70.1), ("PFS", 77.3), ("PFS", 60.2))] == [
        "early ATG", "late ATG", "early ATG", "late ATG"]
    outcomes_only = _doc(arms, "The 3-year overall survival and disease-free survival were 71% and 65%, respectively.")
    assert _arm_of(outcomes_only, norm, "OS", 71) == "all"  # "respectively" pairs the outcomes, not arms


def test_follow_up_inside_a_comparison_is_the_studys(norm) -> None:
    doc = _doc("Patients were randomized to tisagenlecleucel (n = 90) or standard care (n = 92).", "Median event-free survival was longer with tisagenlecleucel versus standard care (11.2 vs. 3.1 months; median follow-up: 20.5 months).")
    rows, _ = statements.extract(doc, norm)
    (fu,) = [r for r in rows if r.outcome == "FOLLOW_UP"]
    assert fu.arm == "all" and not fu.arm_id


def test_the_whole_stage_writes_the_text_arms(norm) -> None:
    doc = _doc("Sixty adults in first remission were consolidated after induction. The 2-year overall survival was 81% and 58% in the chemotherapy and HSCT groups, respectively.")
    bundle = evidence.build(doc, norm)
    assert [a.arm_label for a in bundle.arms] == ["chemotherapy", "HSCT"]


def test_the_assigning_sentence_beats_later_counts_of_the_groups(norm) -> None:
    doc = _doc(
        "In total, 240 adults were randomly assigned to ferrotab 1,500 mg daily (n = 81), ferrotab 750 mg daily (n = 80), or placebo (n = 79).",
        "Serious adverse events related to the study drug occurred in five patients receiving ferrotab 1,500 mg -- pancreatitis (n = 1), rash (n = 2), and syncope (n = 2).",
        "Nine adults in the ferrotab 1,500 mg group, 6 in the ferrotab 750 mg group, and 3 in the placebo group were lost to follow-up.",
    )
    assert _arms(doc, norm) == [("ferrotab 1,500 mg daily", 81), ("ferrotab 750 mg daily", 80), ("placebo", 79)]


def test_a_condition_after_with_is_a_trait(norm) -> None:
    doc = _doc("Sixty adults with ketoacidosis (n = 28) and severe hyperglycemia (n = 32) were included in the study.")
    assert _arms(doc, norm) == []


def test_in_each_group_holds_for_every_arm(norm) -> None:
    doc = _doc("Patients were randomized to busulfan (n = 90) or treosulfan (n = 88).", "Two fatal infections occurred in each group.")
    rows, _ = statements.extract(doc, norm)
    infections = sorted(r.arm_label for r in rows if r.outcome == "INFECTION")
    assert infections == ["busulfan", "treosulfan"]


def test_corresponding_values_take_the_arms_of_the_sentence_before(norm) -> None:
    doc = _doc("Patients were randomized to chemotherapy alone (n = 300) or blinatumomab plus chemotherapy (n = 305).",
               "The 3-year disease-free survival was 96.0% with blinatumomab plus chemotherapy and 88.2% with chemotherapy alone. Among those at higher risk, the corresponding values were 91.4% and 80.6%.")
    assert _arm_of(doc, norm, "DFS", 91.4) == "blinatumomab plus chemotherapy"
    assert _arm_of(doc, norm, "DFS", 80.6) == "chemotherapy alone"


def test_groups_counted_one_sentence_at_a_time(norm) -> None:
    doc = _doc("Forty adults received the CAR T cells. Nine responding patients received no further treatment, and 4 of them relapsed. Fourteen responding patients were promptly bridged to transplantation; the 1-year leukemia-free survival was 68.2% among them.")
    assert _arms(doc, norm) == [("no further treatment", 9), ("transplantation", 14)]


def test_an_arm_named_by_the_head_of_its_hyphenated_name_or_a_plural(norm) -> None:
    doc = _doc("Of 900 adults, 400 underwent MSD-HSCT, 300 underwent URD-HSCT and 200 underwent haplo-identical HSCT.",
               "Chronic GVHD was less frequent after MSDs than after haplo transplants (18% vs 35%).")
    assert _arm_of(doc, norm, "CGVHD", 18) == "MSD-HSCT"
    assert _arm_of(doc, norm, "CGVHD", 35) == "haplo-identical HSCT"


def test_a_value_after_a_list_of_arms_is_no_single_arms(norm) -> None:
    doc = _doc("Twelve adults received either ibrutinib (n = 7) or acalabrutinib (n = 5), and febrile neutropenia was seen in 25% of them.")
    assert _arm_of(doc, norm, "Febrile neutropenia", 25) == "all"


def test_groups_named_by_a_letter_or_numeral(norm) -> None:
    counted = _doc("Ninety patients were divided into 3 groups consisting of 1) 35 adults with chronic neck pain but no prior surgery (group A), 2) 30 adults who had had a minor fall (group B), and 3) 25 adults with radiating pain (group C).")
    assert _arms(counted, norm) == [("Group A", 35), ("Group B", 30), ("Group C", 25)]
    defined = _doc("A total of 80 adults were randomly recruited to two groups of 40 each: Group I: 20 ml 0.5% bupivacaine + 1 ml saline. Group II: 20 ml 0.5% bupivacaine + 50 mcg fentanyl.",
                   "The mean age was 47.8 ± 8.4 years in Group II and 45.2 ± 9.1 years in Group I.")
    assert _arms(defined, norm) == [("Group I", 40), ("Group II", 40)]
    rows, _ = statements.extract(defined, norm)
    means = sorted((r.arm_label, r.value) for r in rows if r.statistic == "mean")
    assert means == [("Group I", 45.2), ("Group II", 47.8)]


def test_an_arm_name_written_right_after_its_value(norm) -> None:
    doc = _doc("Children were randomized to BU/FLU (n = 120) or TREO/FLU (n = 110).", "The 3-year cumulative incidence of relapse (0.28 (0.21-0.35) BU/FLU, 0.33 (0.25-0.41) TREO/FLU, p = 0.41) did not differ.")
    model = study.build(doc, norm, [])
    rows, _ = statements.extract(doc, norm)
    got = sorted((model.by_id(r.arm_id).label, r.value) for r in rows if r.outcome == "RELAPSE" and r.arm_id)
    assert [label for label, _ in got] == ["BU/FLU", "TREO/FLU"] and got[0][1] < got[1][1]
    short = _doc("Children were randomized to BU/FLU (n = 120) or TREO/FLU (n = 110).", "Non-relapse mortality (0.12 (0.08-0.17) BU, 0.15 (0.10-0.21) TREO, p = 0.5) was comparable.")
    rows, _ = statements.extract(short, norm)
    got = sorted((model.by_id(r.arm_id).label, r.arm_label) for r in rows if r.outcome == "NRM" and r.arm_id)
    assert got == [("BU/FLU", "BU"), ("TREO/FLU", "TREO")]  # the head of "BU/FLU" names it
