"""Group sizes and enrolment counts beyond "N patients were enrolled": a count split into arm sizes that add up to
it, one count for each arm, a subset in brackets, a group divided into arms, an "among N cases with A" size per
arm. Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements, study
from tests.evidence.conftest import abstract_doc


def _enrolled(*texts: str, norm) -> set[tuple[str, str, int]]:
    doc = abstract_doc(*texts)
    model = study.build(doc, norm, [])
    rows, _ = statements.extract(doc, norm, model)
    out = set()
    for r in rows:
        if r.outcome == "ENROLLED":
            arm = model.by_id(r.arm_id) if r.arm_id else None
            out.add((arm.label if arm else "all", r.subgroup or "all", r.events))
    return out


def test_a_count_whose_arm_sizes_add_up_to_it_is_the_whole(norm) -> None:
    got = _enrolled("Twelve patients received either blinatumomab (n = 7) or inotuzumab ozogamicin (n = 5), and the "
                    "diagnosis was made on imaging (100%) or cerebrospinal fluid (40%).", norm=norm)  # fmt: skip
    assert ("all", "all", 12) in got
    apart = _enrolled("Twelve patients received either blinatumomab (n = 7) or inotuzumab ozogamicin (n = 4), and the "
                      "diagnosis was made on imaging (100%) or cerebrospinal fluid (40%).", norm=norm)  # fmt: skip
    assert ("all", "all", 12) not in apart


def test_a_compound_with_an_en_dash_still_describes_the_counted_people(norm) -> None:
    got = _enrolled("This report describes the outcomes of 150 heavily pretreated triple-class–exposed patients who "
                    "received blinatumomab (n = 90) or chemotherapy (n = 60) in three centers.", norm=norm)  # fmt: skip
    assert ("all", "all", 150) in got


def test_one_count_for_each_arm_is_every_arms_size_of_the_subset_named(norm) -> None:
    got = _enrolled("A total of 120 patients were treated with blinatumomab (n = 70) or chemotherapy (n = 50).",
                    "Propensity score matching identified 45 patients in each cohort. The CR rate was 80% and 60% in "
                    "the blinatumomab and chemotherapy groups, respectively.", norm=norm)  # fmt: skip
    assert {x for x in got if x[2] == 45} == {("blinatumomab", "propensity matched", 45),
                                               ("chemotherapy", "propensity matched", 45)}  # fmt: skip


def test_a_subset_in_brackets_beside_the_whole(norm) -> None:
    got = _enrolled("Eighty-one patients (78 evaluable) with a median age of 50 years were enrolled.", norm=norm)
    assert {("all", "all", 81), ("all", "evaluable", 78)} <= got


def test_patients_divided_into_groups_are_the_whole_but_a_planned_division_is_not(norm) -> None:
    assert ("all", "all", 60) in _enrolled("METHODS: Sixty patients were divided into two groups according to the "
                                           "induction regimen.", norm=norm)  # fmt: skip
    assert not _enrolled("METHODS: A sample size of 60 patients was planned; they were to be divided into two groups "
                         "according to the induction regimen.", norm=norm)  # fmt: skip


def test_a_methods_group_named_by_its_transplant_is_the_study_but_not_a_results_group(norm) -> None:
    got = _enrolled("Methods The clinical data of 28 children with thalassemia who received haploidentical "
                    "hematopoietic stem cell transplantation were retrospectively analyzed.", norm=norm)  # fmt: skip
    assert ("all", "all", 28) in got
    later = _enrolled("Results Of the 40 patients, 12 children who received hematopoietic stem cell transplantation "
                      "were analyzed for late effects.", norm=norm)  # fmt: skip
    assert not any(n == 12 for _, _, n in later)


def test_the_group_of_each_arm_counted_after_among(norm) -> None:
    design = ("Methods: We retrospectively studied 120 elderly patients. The patients were divided into two groups by "
              "induction regimens, including 61 cases of decitabine regimen and 59 cases of standard chemotherapy "
              "regimen.")  # fmt: skip
    for spaced in ("", " "):
        got = _enrolled(design, f"In 37 patients above 65 years old, the CR rate among 26 cases with decitabine "
                                f"regimen{spaced}(65.4%) and 11 cases with standard chemotherapy "
                                f"regimen{spaced}(72.7%) was not different.", norm=norm)  # fmt: skip
        assert {x for x in got if x[2] in (26, 11)} == {("decitabine", "above 65 years old", 26),
                                                         ("standard chemotherapy", "above 65 years old", 11)}


def test_a_count_and_its_percent_fit_a_whole_number_of_people(norm) -> None:
    doc = abstract_doc("One child died of transplant-related causes (12.5%). Eleven cases with relapsed disease "
                       "(72.7%) were seen.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    assert any(r.events == 1 and r.value == 12.5 for r in rows)
    assert not any(r.events == 11 and r.value == 72.7 for r in rows)


def test_a_regimen_written_with_plus_before_an_arm_names_that_groups_cell(norm) -> None:
    doc = abstract_doc("Patients with T-ALL were randomly assigned to nelarabine (n = 310) or no nelarabine (n = 320).",
                       "Patients treated with the most effective arm, HD-MTX plus nelarabine, had a 4-year EFS of 89% "
                       "(n = 151).")  # fmt: skip
    model = study.build(doc, norm, [])
    rows, _ = statements.extract(doc, norm, model)
    (size,) = [r for r in rows if r.outcome == "ENROLLED" and r.events == 151]
    assert size.arm_label == "HD-MTX plus nelarabine" and model.by_id(size.arm_id).label == "nelarabine"


def test_an_arm_split_by_a_second_treatment_gives_subgroup_sizes_of_that_arm(norm) -> None:
    design = ("We studied adults with acute lymphoblastic leukemia (ALL) after haploidentical (n = 150) and 8/8 "
              "HLA-matched unrelated donor (n = 900) transplantation.")  # fmt: skip
    got = _enrolled(design, "Haploidentical recipients received tacrolimus and mycophenolate for GVHD prophylaxis; 90 "
                            "patients received myeloablative and 60 received reduced intensity conditioning regimens.",
                    norm=norm)  # fmt: skip
    assert {x for x in got if x[2] in (90, 60)} == {("haploidentical", "myeloablative", 90),
                                                     ("haploidentical", "reduced intensity", 60)}  # fmt: skip
    drugs = _enrolled(design, "Haploidentical recipients were followed for 2 years; 90 patients received tacrolimus "
                              "and 60 received sirolimus.", norm=norm)  # fmt: skip
    assert not any(n in (90, 60) for _, _, n in drugs)


def test_counts_of_the_groups_after_a_division_and_events_by_kind_are_no_whole(norm) -> None:
    got = _enrolled("Fifty patients with knee pain were divided into 2 groups consisting of 1) 20 adults with a "
                    "recent injury and 2) 30 adults with chronic pain.", norm=norm)  # fmt: skip
    assert ("all", "all", 50) in got and not any(n in (20, 30) and s == "all" and a == "all" for a, s, n in got)
    kinds = _enrolled("Patients were randomized to placebo (n = 120) or drug X (n = 118). Serious adverse events were "
                      "related to study drug in five patients receiving drug X: rash (n = 2), dizziness (n = 1) and "
                      "vomiting (n = 2).", norm=norm)  # fmt: skip
    assert not any(n == 5 for _, _, n in kinds)


def test_a_visit_label_number_is_no_count(norm) -> None:
    doc = abstract_doc("Week 8 CGI-I response rate for drug X (68.7%) was greater than for placebo (52.1%).")
    rows, _ = statements.extract(doc, norm)
    assert not any(r.events == 8 for r in rows)


def test_an_arm_counted_in_words_in_the_sentence_that_defines_it(norm) -> None:
    text = ("We gave CD22 CAR T cells to 40 patients with relapsed B-ALL. Nine CR patients received no further "
            "treatment, and 4 of them remained in remission. Thirteen CR patients were bridged to transplantation, "
            "and 10 of them remained in remission.")  # fmt: skip
    doc = abstract_doc(text)
    model = study.build(doc, norm, [])
    assert len(model.arms) == 2  # the study model names the two groups from these sentences
    got = _enrolled(text, norm=norm)
    assert {x for x in got if x[2] in (9, 13)} == {("no further treatment", "all", 9), ("transplantation", "all", 13)}
