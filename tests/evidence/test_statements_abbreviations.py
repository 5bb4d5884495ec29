"""An abbreviation the paper defines after an outcome term names that outcome where it later stands alone (issue 11):
"treatment-related adverse events (TRAEs)" then "The incidence of Grade >=3 TRAEs was 75%". Invented sentences,
real normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from evidex.evidence.text.context import abbreviations
from tests.evidence.conftest import abstract_doc


def test_an_abbreviation_defined_once_names_its_outcome_later(norm) -> None:
    doc = abstract_doc("Grade ≥3 treatment-related adverse events (TRAEs) occurred in 81% of patients.",
                       "The incidence of Grade ≥3 TRAEs was 75% in patients older than 70 years.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    assert {(r.outcome, r.grade, r.value) for r in rows} >= {("AE_GRADE3", ">=3", 81.0), ("AE_GRADE3", ">=3", 75.0)}


def test_only_an_abbreviation_made_of_the_terms_letters_is_learnt(norm) -> None:
    text = ("Patients in continuous complete remission (CCR) were 40%; the mean age (SD) was 51 years; "
            "gastroesophageal reflux disease (GERD) was reported in 12 patients.")  # fmt: skip
    found = abbreviations(text, norm)
    assert set(found) == {"GERD"}
    assert found["GERD"].kind == "ae"


def test_an_abbreviation_naming_what_a_group_or_test_is_about_is_no_event(norm) -> None:
    doc = abstract_doc(
        "Patients with gastroesophageal reflux disease (GERD) were randomized to education or usual care.",
        "At 2 months, 90 patients (88%) in the GERD -education group completed a knowledge test on GERD.",
    )
    rows, _ = statements.extract(doc, norm)
    assert not any(r.outcome == "Gastroesophageal reflux disease" for r in rows)
