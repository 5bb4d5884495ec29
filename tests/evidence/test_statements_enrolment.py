"""Who was counted, as abstracts and results sections say it (issue 11): the group a lead-in counts before its
results, groups that were evaluable, a hospital's name that is no new sentence. Invented sentences, real
normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc


def _enrolled(norm, *texts: str) -> set[tuple[int | None, str]]:
    rows, _ = statements.extract(abstract_doc(*texts), norm)
    return {(r.events, r.subgroup) for r in rows if r.outcome == "ENROLLED"}


def test_a_lead_in_group_is_counted_with_its_description(norm) -> None:
    assert (40, "above 60 years old") in _enrolled(norm, "In 40 patients above 60 years old, the CR rate was 70.0%.")
    assert (86, "all") in _enrolled(norm, "Among 86 patients (median age, 41 years) treated, 70 (81%) responded.")


def test_a_described_lead_in_group_whose_size_a_rate_carries_is_no_second_row(norm) -> None:
    rows, _ = statements.extract(abstract_doc("Of the 15 patients with relapsed disease, the CR rate was 80.0% "
                                              "(12 cases)."), norm)  # fmt: skip
    assert [(r.outcome, r.events, r.total) for r in rows] == [("CR", 12, 15)]


def test_a_lead_in_group_named_by_an_adverse_event_is_no_enrolment(norm) -> None:
    text = "Among 19 patients with atrial fibrillation of any grade, atrial fibrillation led to discontinuation in two."
    assert not any(n == 19 for n, _ in _enrolled(norm, text))
    assert (
        _enrolled(norm, "In four cases, infection was caused by fungi, including two cases of aspergillosis.") == set()
    )


def test_groups_that_were_evaluable_are_counted_for_each_purpose(norm) -> None:
    assert (57, "all") in _enrolled(norm, "In the phase 2 part, 57 patients received the drug and were evaluable.")
    found = _enrolled(norm, "In the registry cohort, 310 and 296 patients were evaluable for response and survival, "
                            "respectively.")  # fmt: skip
    assert found >= {(310, "evaluable for response"), (296, "evaluable for survival")}


def test_a_capitalised_name_after_a_preposition_starts_no_sentence(norm) -> None:
    text = ("Clinical data for 30 patients with AML who received azacitidine from 2019 to 2021 at The Central "
            "Hospital of Riverside were retrospectively analyzed.")  # fmt: skip
    assert (30, "all") in _enrolled(norm, text)


def test_a_lead_in_of_screened_or_eligible_people_or_of_an_event_group_is_no_enrolment(norm) -> None:
    assert not any(n == 440 for n, _ in _enrolled(norm, "Of 440 patients screened, 366 were randomized."))
    assert not any(n == 89 for n, _ in _enrolled(norm, "Of the 89 eligible subjects, 31 declined to participate."))
    assert not any(n == 18 for n, _ in _enrolled(norm, "Of the 18 patients readmitted to hospital, half recovered."))
    assert (328, "all") in _enrolled(norm, "Of 328 patients enrolled, 276 patients completed the trial.")


def test_each_dose_level_of_a_design_sentence_has_its_size(norm) -> None:
    text = "In phase 1, patients received the drug at 0.6 (n = 4), 0.9 (n = 7), or 1.2 (n = 10) mg/m2 on days 1 and 8."
    assert _enrolled(norm, text) == {(4, "dose level 0.6"), (7, "dose level 0.9"), (10, "dose level 1.2")}
    durations = _enrolled(norm, "Patients were randomized to 48 (n = 61) or 24 weeks (n = 58) of treatment.")
    assert durations == {(61, "all"), (58, "all")}


def test_a_sentence_saying_only_who_received_the_treatment_gives_the_size(norm) -> None:
    assert (412, "all") in _enrolled(norm, "As of March 2023, 412 patients with AML had received venetoclax.")
    assert not any(n == 12 for n, _ in _enrolled(norm, "Overall, 12 patients received venetoclax and 5 relapsed."))


def test_a_flow_chart_line_of_people_assessed_for_eligibility_is_no_enrolment(norm) -> None:
    assert _enrolled(norm, "Assessed for eligibility (n=610).") == set()


def test_the_number_of_a_name_is_no_group_size(norm) -> None:
    got = _enrolled(norm, "Treatment-naive HIV-1 patients were randomly assigned to 24 (n = 61) or 48 weeks (n = 60).",
                    "A total of 121 patients with COVID-19 pneumonia were enrolled.")  # fmt: skip
    assert {n for n, _ in got} & {1, 19} == set() and 121 in {n for n, _ in got}
    got = _enrolled(norm, "Patients were enrolled in the Tailored Therapy for Genotype 2 Chronic Hepatitis C Patients "
                    "trial.", "Stage 4 patients were excluded; 58 patients were enrolled.")  # fmt: skip
    assert {n for n, _ in got} == {58}
