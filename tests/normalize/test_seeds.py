"""Every drug, regimen, AE, fusion and outcome term of the two seed papers maps correctly.

The seeds stay in ../shared/seeds; the expectations below are (term as written, canonical) pairs,
checked by finding the term's mention in the seed text, so nothing of the seed text is copied here.
"""

from __future__ import annotations

import re

import pytest

from evidex.normalize.matcher import Matcher
from tests.conftest import seed_path

ABSTRACT_EXPECTED = {
    "drug": {"Blinatumomab": "blinatumomab", "belintuo": "blinatumomab", "Bellinto": "blinatumomab",
             "Bellinto Euro monoclonal": "blinatumomab", "berintuo": "blinatumomab", "Berlintal": "blinatumomab",
             "berlinto": "blinatumomab", "berinto": "blinatumomab"},
    "therapy": {"CAR-T": "CAR-T", "CAR T cells": "CAR-T", "CAR-T cells": "CAR-T"},
    "outcome": {"cytokine release syndrome": "CRS", "CRS": "CRS", "severe CRS": "CRS", "neurotoxicity": "ICANS",
                "MRD conversion rate": "MRD_NEG", "MRD regression rate": "MRD_NEG", "CR rate": "CR",
                "granulocyte implantation": "NEUTROPHIL_ENGRAFTMENT", "acute graft versus host disease": "AGVHD",
                "acute GVHD": "AGVHD", "transplantation-related deaths": "TRM",
                "transplant-related mortality rate": "TRM",
                "progression-free survival": "PFS", "PFS": "PFS", "overall survival": "OS", "OS": "OS",
                "progressing": "PROGRESSION", "disease progression": "PROGRESSION"},
    "subgroup": {"unremitting": "non-remission", "not in remission": "non-remission",
                 "without bridging transplantation": "no-HSCT", "with bridging transplantation": "HSCT"},
}
PAPER_EXPECTED = {
    "drug": {"blinatumomab": "blinatumomab", "dexamethasone": "dexamethasone", "methotrexate": "methotrexate",
             "cytarabine": "cytarabine", "HD-MTX": "methotrexate", "flumatinib": "flumatinib", "CCNU": "lomustine",
             "ATG": "anti-thymocyte globulin", "TSPA": "thiotepa", "cladribine": "cladribine",
             "melphalan": "melphalan", "thiotepa": "thiotepa", "lomustine": "lomustine", "G-CSF": "G-CSF",
             "fludarabine": "fludarabine", "cyclophosphamide": "cyclophosphamide"},
    "ae": {"fever": "Fever", "leukopenia": "White blood cell decreased", "thrombocytopenia": "Platelet count decreased",
           "hepatic impairment": "Alanine aminotransferase increased", "edema": "Generalized edema",
           "oliguria": "Urine output decreased", "cardiotoxicity": "Cardiac disorders - Other, specify",
           "coagulation abnormalities": "Investigations - Other, specify", "hypertension": "Hypertension",
           "capillary leakage syndrome": "Capillary leak syndrome", "hemorrhagic cystitis": "Cystitis noninfective",
           "thrombotic microangiopathy": "Hemolytic uremic syndrome",
           "hepatic small vein occlusion": "Sinusoidal obstruction syndrome", "headache": "Headache",
           "neutropenia": "Neutrophil count decreased", "hypokalemia": "Hypokalemia", "anemia": "Anemia",
           "lymphopenia": "Lymphocyte count decreased", "liver insufficiency": "Alanine aminotransferase increased",
           "myocardial damage": "Cardiac disorders - Other, specify", "secondary hypertension": "Hypertension"},
    "outcome": {"complete remission": "CR", "remission rate": "CR", "overall survival": "OS",
                "disease-free survival": "DFS", "cytokine release syndrome": "CRS",
                "immune effector cell-associated neurotoxicity syndrome": "ICANS", "ICANS": "ICANS",
                "neutrophil implantation": "NEUTROPHIL_ENGRAFTMENT", "platelet implantation": "PLATELET_ENGRAFTMENT",
                "acute GVHD": "AGVHD", "skin rejection": "AGVHD_SKIN", "intestinal rejection": "AGVHD_GUT",
                "infection": "INFECTION", "relapse": "RELAPSE"},
    "regimen": {"FLAG": "FLAG", "CLAG": "CLAG", "BuCy": "BuCy"},
    "grading_system": {"grading system proposed by Lee et al": "Lee 2014",
                       "Common Terminology Criteria for Adverse Events version 5.0": "CTCAE v5.0",
                       "1994 Consensus Conference on Acute GVHD Grading": "Glucksberg 1994"},
    "donor": {"Father": "father", "Mother": "mother", "Sister": "sister", "compatriot": "sibling"},
}
# AE phrases the lab-direction parser handles: found with normalize() on the phrase as written.
PAPER_LAB_PHRASES = {"decreased serum potassium levels": "Hypokalemia",
                     "decreased serum calcium levels": "Hypocalcemia", "elevated uric acid levels": "Hyperuricemia"}
FUSIONS = {"MLL-AF4": "KMT2A::AFF1", "BCR-ABL": "BCR::ABL1", "TEL-AML1": "ETV6::RUNX1", "TEL-AMLL": "ETV6::RUNX1",
           "P2RYB-CRLF2": "P2RY8::CRLF2", "TAF15-ZNF384": "TAF15::ZNF384", "TCF3-HLF": "TCF3::HLF"}


def _found(matcher: Matcher, text: str, kind: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in matcher.mentions(text, kinds=(kind,)):
        out.setdefault(" ".join(text[m.start : m.end].split()), set()).add(m.term.canonical or "")
    return out


@pytest.mark.parametrize("kind", sorted(ABSTRACT_EXPECTED))
def test_abstract_terms(matcher: Matcher, kind: str) -> None:
    text = seed_path("000").read_text(encoding="utf-8")
    found = _found(matcher, text, kind)
    for written, canonical in ABSTRACT_EXPECTED[kind].items():
        assert written in text
        assert found.get(written) == {canonical}, f"{written!r}: {found.get(written)}"


@pytest.mark.parametrize("kind", sorted(PAPER_EXPECTED))
def test_paper_terms(matcher: Matcher, kind: str) -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    found = _found(matcher, text, kind)
    for written, canonical in PAPER_EXPECTED[kind].items():
        assert written in text
        assert found.get(written) == {canonical}, f"{written!r}: {found.get(written)}"


def test_paper_lab_phrases_and_fusions(matcher: Matcher) -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    for written, canonical in {**PAPER_LAB_PHRASES, **FUSIONS}.items():
        assert written in text
        kind = "fusion" if canonical.count("::") else "ae"
        assert matcher.normalize(written, kind).canonical == canonical, written


def test_abstract_has_no_false_drug_mentions(matcher: Matcher) -> None:
    text = seed_path("000").read_text(encoding="utf-8")
    drugs = {m.term.canonical for m in matcher.mentions(text, kinds=("drug",))}
    assert drugs == {"blinatumomab"}


def _regimen_cells(text: str) -> list[str]:
    """Conditioning cells of the transplant table: the part of a row before the donor."""
    cells = []
    for line in text.splitlines():
        match = re.match(r"^\s*(?:\d+\s+)?((?:[A-Za-z0-9]{2,5}\s*\+\s*)+[A-Za-z0-9]{2,5})\s*\+?\s*(?:\||Father|Mother"
                         r"|Sister|Unrelated)", line)
        if match:
            cells.append(match.group(1))
    return cells


def test_paper_conditioning_cells_resolve_completely(matcher: Matcher) -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    cells = _regimen_cells(text)
    assert len(cells) >= 14
    column = "; ".join(cells)  # the column's other cells are the context a table reader passes
    known = {"lomustine", "fludarabine", "cytarabine", "G-CSF", "busulfan", "cyclophosphamide", "cladribine",
             "anti-thymocyte globulin", "thiotepa", "total body irradiation", "melphalan"}
    for cell in cells:
        terms = matcher.components(cell, column)
        assert all(t.canonical in known for t in terms), (cell, [(t.raw, t.canonical, t.note) for t in terms])
