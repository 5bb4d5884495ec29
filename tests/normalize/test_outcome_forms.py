"""Outcome names as results tables and abstracts write them: with a time of measurement, the result word first,
a verb of reaching a transplant, a footnote letter glued on, a misspelled qualifier. Invented labels."""

from __future__ import annotations

import pytest

from evidex.normalize import outcome_forms
from evidex.normalize.matcher import Matcher


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Negative MRD at the end of cycle 2", "MRD_NEG"),
        ("Negative MRD at the end of consolidation", "MRD_NEG"),
        ("MRD negativity at day 29", "MRD_NEG"),
        ("MRD-negative rate after 2 cycles", "MRD_NEG"),
        ("end-of-induction MRD negativity", "MRD_NEG"),
        ("negative minimal residual disease", "MRD_NEG"),
        ("Complete remission after induction", "CR"),
        ("Overall survival at 3 years", "OS"),
        ("Underwent allogeneic hematopoietic stem cell transplantation", "HSCT"),
        ("Proceeded to transplant", "HSCT"),
        ("Patients who underwent HSCT", "HSCT"),
        ("Bridged to HSCT", "HSCT"),
        ("Proceeded to stem cell transplantd", "HSCT"),  # footnote letter glued to the last word
        ("Overall survivalb", "OS"),
        ("Acute GVHD, grade II-IV, at day 100", "AGVHD"),  # grade after the name, then a time
        ("Severe (grade 3-4) acute GVHD", "AGVHD"),
        ("cGVHD, moderate to severe", "CGVHD"),
        ("Extensive chronic GVHD", "CGVHD"),
        ("ICANS, grade 3 or higher", "ICANS"),
        ("2-y OS", "OS"),
        ("Overall survival, 3-year", "OS"),
        ("OS from transplantation", "OS"),
        ("Moderate/severe cGVHD", "CGVHD"),
        ("MRD negativity by 8-color flow cytometry at day 29", "MRD_NEG"),  # method of assessment, then time
        ("Negative MRD by RQ-PCR", "MRD_NEG"),
        ("ORR per investigator assessment", "ORR"),
    ],
)
def test_outcome_label_variants_take_the_outcome_code(matcher: Matcher, label: str, code: str) -> None:
    term = matcher.normalize(label)
    assert (term.kind, term.canonical) == ("outcome", code)
    assert term.method == "synonym"  # a table label accepts only exact/synonym/abbreviation answers


@pytest.mark.parametrize(
    "label",
    [
        "Pain at 6 months",  # a time after an AE name is no outcome code, and never the CTCAE term
        "Hospital stay at day 30",
        "Received prior HSCT",  # a baseline fact, no verb of reaching the transplant
        "Underwent prior HSCT",
        "Negative for CMV",
        "Pain, grade 3",  # an AE with a grade is the caller's AE lookup, not an outcome form
        "Mild pain",
        "Pain by VAS",
        "Fever by day 3",
    ],
)
def test_forms_do_not_invent_an_outcome(matcher: Matcher, label: str) -> None:
    term = matcher.normalize(label)
    assert not (term.mapped and term.kind == "outcome"), term


def test_past_tense_is_no_footnote_letter() -> None:
    assert outcome_forms.unmarked("Relapsed", lambda w: w.lower() in {"relapse"}) == ""
    assert outcome_forms.unmarked("Relapsef", lambda w: w.lower() in {"relapse"}) == "Relapse"
    assert outcome_forms.unmarked("Relapse", lambda w: w.lower() in {"relapse"}) == ""


def test_time_words_are_split_from_the_outcome() -> None:
    assert outcome_forms.timeless("Negative MRD at the end of cycle 1") == "Negative MRD"
    assert outcome_forms.timeless("CR rate after two cycles") == "CR rate"
    assert outcome_forms.timeless("day 28 MRD response") == "MRD response"
    assert outcome_forms.timeless("Negative MRD") == ""
    assert outcome_forms.result_last("negative MRD") == "MRD negative"


@pytest.mark.parametrize(
    ("text", "written", "code"),
    [
        ("Four patients had chonic graft-versus-host disease (30.0%).", "chonic graft-versus-host disease", "CGVHD"),
        ("grade I-II chronc GVHD occurred in 2 patients", "chronc GVHD", "CGVHD"),
        ("febrle neutropenia was seen in 12 patients", "febrle neutropenia", "Febrile neutropenia"),
    ],
)
def test_misspelled_qualifier_keeps_its_concept(matcher: Matcher, text: str, written: str, code: str) -> None:
    found = {text[m.start : m.end]: m.term.canonical for m in matcher.mentions(text)}
    assert found.get(written) == code, found


def test_real_words_near_a_qualifier_are_not_misspellings(matcher: Matcher) -> None:
    text = "Several adverse events and a clinic GVHD review were recorded."
    found = {text[m.start : m.end]: m.term.canonical for m in matcher.mentions(text)}
    assert found.get("adverse events") == "AE_TOTAL"
    assert "CGVHD" not in found.values()  # "clinic" is no misspelled "chronic"


@pytest.mark.parametrize(
    ("label", "canonical", "method"),
    [
        ("II-IV degree aGVHD", "AGVHD", "synonym"),  # a translation's "degree" for grade
        ("I-II degree chronc graft-versus-host disease", "CGVHD", "fuzzy"),  # misspelled inside a graded form
        ("Sinusoidal obstruction syndrome/veno-occlusive disease", "Sinusoidal obstruction syndrome", "synonym"),
    ],
)
def test_graded_misspelled_and_slashed_names(matcher: Matcher, label: str, canonical: str, method: str) -> None:
    term = matcher.normalize(label)
    assert (term.canonical, term.method) == (canonical, method)


def test_slash_between_two_concepts_is_not_one(matcher: Matcher) -> None:
    assert not matcher.normalize("CRS/ICANS").mapped
