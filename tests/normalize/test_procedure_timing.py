"""Words that say when a transplant came ("subsequent", "poststudy", "off-study") do not change which procedure it
is, nor that a patient who proceeded to it reached the outcome HSCT. Invented labels."""

from __future__ import annotations

import pytest

from evidex.normalize.matcher import Matcher


@pytest.mark.parametrize("label", ["Patients proceeding to poststudy transplant", "Proceeded to post-study HSCT",
                                   "Subsequent HSCT", "went on to receive a subsequent allogeneic transplant"])
def test_a_transplant_after_the_study_is_the_outcome_hsct(matcher: Matcher, label: str) -> None:
    term = matcher.normalize(label, "outcome")
    assert (term.kind, term.canonical) == ("outcome", "HSCT")


@pytest.mark.parametrize("label", ["subsequent allogeneic stem cell transplant", "off-study transplant"])
def test_a_later_transplant_is_the_therapy_hsct(matcher: Matcher, label: str) -> None:
    assert matcher.normalize(label, "therapy").canonical == "HSCT"


def test_timing_word_alone_names_nothing(matcher: Matcher) -> None:
    assert not matcher.normalize("Subsequent therapy", "outcome").mapped
    assert matcher.normalize("subsequent relapse", "outcome").canonical == "RELAPSE"
