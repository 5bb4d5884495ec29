"""Hematopoietic cell transplantation (HCT, the registries' name) is the therapy HSCT, and a patient who underwent
it reached the outcome HSCT. "HCT" alone stays unread: it is also the haematocrit of a blood count. Invented text."""

from __future__ import annotations

import pytest

from evidex.normalize.matcher import Matcher


@pytest.mark.parametrize("label", ["hematopoietic cell transplantation", "Allogeneic hematopoietic cell transplant",
                                   "allo-HCT", "allogeneic HCT", "haematopoietic cell transplantation"])
def test_cell_transplantation_is_hsct(matcher: Matcher, label: str) -> None:
    term = matcher.normalize(label, "therapy")
    assert (term.kind, term.canonical, term.code) == ("therapy", "HSCT", "C15431")
    assert term.method in ("synonym", "abbreviation")  # a name of the vocabulary, not a fuzzy guess


@pytest.mark.parametrize("label", ["Underwent allogeneic HCT", "Proceeded to hematopoietic cell transplantation"])
def test_reaching_cell_transplantation_is_the_outcome_hsct(matcher: Matcher, label: str) -> None:
    term = matcher.normalize(label, "outcome")
    assert (term.kind, term.canonical) == ("outcome", "HSCT")


def test_bare_hct_is_no_transplant(matcher: Matcher) -> None:
    assert matcher.normalize("HCT", None, "Hemoglobin, platelets and HCT after treatment").canonical != "HSCT"
