"""Regimen and therapy strings -> one Term per component, OCR damage and context included."""

from __future__ import annotations

import pytest

from evidex.normalize.matcher import Matcher


def names(matcher: Matcher, raw: str, context: str = "", kind: str | None = None) -> list[str | None]:
    return [t.canonical for t in matcher.components(raw, context, kind=kind)]


def test_contract_example(matcher: Matcher) -> None:
    assert names(matcher, "CCNU + FLAG + BuCy + ATG") == [
        "lomustine", "fludarabine", "cytarabine", "G-CSF", "busulfan", "cyclophosphamide", "anti-thymocyte globulin"]


def test_ocr_damaged_conditioning(matcher: Matcher) -> None:
    terms = matcher.components("CONU + TBL + Cy + ATG")
    assert [t.canonical for t in terms] == [
        "lomustine", "total body irradiation", "cyclophosphamide", "anti-thymocyte globulin"]
    assert [t.method for t in terms[:2]] == ["ocr", "ocr"]
    assert terms[0].raw == "CONU" and "CCNU" in terms[0].note


def test_mp_is_melphalan_next_to_conditioning_agents(matcher: Matcher) -> None:
    assert names(matcher, "TBI + Cy + Flu + BU + MP")[-1] == "melphalan"
    assert names(matcher, "6-MP + MTX", "maintenance") == ["mercaptopurine", "methotrexate"]


def test_truncated_regimen_needs_context(matcher: Matcher) -> None:
    alone = matcher.components("CCNU + CLA + BUCy")
    assert alone[1].canonical is None and "CLAG" in alone[1].note
    confirmed = names(matcher, "CCNU + CLA + BUCy", context="CCNU + CLAG + BUCy + ATG")
    assert confirmed[1:4] == ["cladribine", "cytarabine", "G-CSF"]


def test_component_terms_keep_the_regimen(matcher: Matcher) -> None:
    flag = matcher.components("FLAG")
    assert all(t.raw == "FLAG" and t.alias == "FLAG" and t.method == "abbreviation" for t in flag)
    assert all(t.note == "component of FLAG" for t in flag)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Chemotherapy + CAR-T", ["chemotherapy", "CAR-T"]),
     ("Chemotherapy + CAR-T +HSCT", ["chemotherapy", "CAR-T", "HSCT"]),
     ("HsCT", ["HSCT"]), ("CART", ["CAR-T"]), ("Blinatumomab", ["blinatumomab"])],
)
def test_therapy_cells(matcher: Matcher, raw: str, expected: list[str]) -> None:
    assert names(matcher, raw, "Prior therapy", kind="therapy") == expected


def test_graft_source_cells(matcher: Matcher) -> None:
    assert names(matcher, "BM + PT", "graft source") == ["BM", "PB"]
    assert names(matcher, "cB", kind="graft_source") == ["CB"]


def test_explain_prints_one_row_per_component(matcher: Matcher) -> None:
    from evidex.normalize import explain

    assert [t.canonical for t in explain("BuCy")] == ["busulfan", "cyclophosphamide"]
    assert [t.canonical for t in explain("Bellinto")] == ["blinatumomab"]
    unknown = explain("qwertyzzz")
    assert len(unknown) == 1 and unknown[0].canonical is None


def test_doses_and_schedules_are_not_components(matcher: Matcher) -> None:
    assert names(matcher, "Flu 30 mg/m2 d-6 to -2 + Bu 3.2 mg/kg + ATG (2.5 mg/kg x 4 d)") == [
        "fludarabine", "busulfan", "anti-thymocyte globulin"]
    assert names(matcher, "TBI 12 Gy + Cy 60 mg/kg") == ["total body irradiation", "cyclophosphamide"]


def test_several_terms_are_refused_by_normalize(matcher: Matcher) -> None:
    term = matcher.normalize("Chemotherapy + CAR-T", "therapy")
    assert term.canonical is None and "components()" in term.note
