"""GVHD without "acute" or "chronic" names neither: an overall incidence of graft-versus-host disease is no acute
GVHD rate (NCIt keeps them apart: C3063 for any GVHD, C4980 acute, C4981 chronic). A misspelled qualifier still
decides the concept when the words after it name none alone. Invented text."""

from __future__ import annotations

import pytest

from evidex.normalize.matcher import Matcher


def _found(matcher: Matcher, text: str) -> dict[str, str | None]:
    return {text[m.start : m.end]: m.term.canonical for m in matcher.mentions(text)}


@pytest.mark.parametrize("label", ["GVHD", "graft-versus-host disease", "Graft versus host disease",
                                   "GVHD, grade II-IV", "2-year GVHD"])
def test_unqualified_gvhd_is_no_acute_gvhd(matcher: Matcher, label: str) -> None:
    term = matcher.normalize(label, "outcome")
    assert term.canonical != "AGVHD"


@pytest.mark.parametrize(("label", "code"), [("acute GVHD", "AGVHD"), ("aGVHD", "AGVHD"),
                                             ("chronic graft versus host disease", "CGVHD"),
                                             ("Grade III-IV acute graft-versus-host disease", "AGVHD")])
def test_qualified_gvhd_keeps_its_code(matcher: Matcher, label: str, code: str) -> None:
    assert matcher.normalize(label, "outcome").canonical == code


def test_running_text_gvhd_without_qualifier_names_nothing(matcher: Matcher) -> None:
    found = _found(matcher, "The overall incidence of GVHD was 31.0%, and acute GVHD occurred in 9 patients.")
    assert found.get("acute GVHD") == "AGVHD"
    assert "GVHD" not in found


@pytest.mark.parametrize(
    ("text", "written", "code"),
    [("Three children had chronnic graft-versus-host disease.", "chronnic graft-versus-host disease", "CGVHD"),
     ("Ventrikular fibrillation was seen in one patient.", "Ventrikular fibrillation", "Ventricular fibrillation"),
     ("Platelet and neutrophyl engraftment occurred by day 21.", "neutrophyl engraftment", "NEUTROPHIL_ENGRAFTMENT")],
)
def test_misspelled_qualifier_before_words_that_name_nothing_alone(matcher: Matcher, text: str, written: str,
                                                                  code: str) -> None:
    assert _found(matcher, text).get(written) == code


def test_real_word_before_shared_words_is_no_qualifier(matcher: Matcher) -> None:
    found = _found(matcher, "Median engraftment was reached by day 14; clinic fibrillation records were reviewed.")
    assert set(found.values()) <= {None}
