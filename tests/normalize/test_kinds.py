"""Adverse events, fusions, outcomes, subgroups, grading systems, donors: codes and canonical forms."""

from __future__ import annotations

import pytest

from evidex.codes import SUBGROUPS, Outcome
from evidex.normalize.matcher import Matcher


@pytest.mark.parametrize(
    ("raw", "term", "llt"),
    [("Fever", "Fever", "10016558"), ("leukopenia", "White blood cell decreased", "10049182"),
     ("decreased serum potassium", "Hypokalemia", "10021018"), ("elevated uric acid", "Hyperuricemia", "10020907"),
     ("thrombocytopenia", "Platelet count decreased", "10035528"), ("hypocalcaemia", "Hypocalcemia", "10020949"),
     ("capillary leakage syndrome", "Capillary leak syndrome", "10007196")],
)
def test_ae_phrases_map_to_ctcae_with_meddra_code(matcher: Matcher, raw: str, term: str, llt: str) -> None:
    found = matcher.normalize(raw, "ae")
    assert (found.canonical, found.code_system, found.code) == (term, "CTCAE v5.0", llt)


def test_lab_direction_parser_covers_unlisted_combinations(matcher: Matcher) -> None:
    # Neither phrase is in ae_phrases.csv: they are built from analyte + direction.
    assert matcher.normalize("reduced plasma magnesium levels", "ae").canonical == "Hypomagnesemia"
    assert matcher.normalize("serum glucose elevated", "ae").canonical == "Hyperglycemia"


def test_approximate_ae_mapping_says_so(matcher: Matcher) -> None:
    term = matcher.normalize("hepatic impairment", "ae")
    assert term.canonical == "Alanine aminotransferase increased" and "approximate" in term.note


def test_icans_is_an_outcome_not_a_ctcae_term(matcher: Matcher) -> None:
    assert matcher.normalize("ICANS").kind == "outcome"
    assert matcher.normalize("ICANS", "ae").canonical is None


@pytest.mark.parametrize(
    ("raw", "canonical", "hgnc"),
    [("MLL-AF4", "KMT2A::AFF1", "HGNC:7132;HGNC:7135"), ("TEL-AML1", "ETV6::RUNX1", "HGNC:3495;HGNC:10471"),
     ("TEL-AMLL", "ETV6::RUNX1", "HGNC:3495;HGNC:10471"), ("P2RYB-CRLF2", "P2RY8::CRLF2", "HGNC:15524;HGNC:14281"),
     ("BCR-ABL", "BCR::ABL1", "HGNC:1014;HGNC:76"), ("E2A/PBX1", "TCF3::PBX1", "HGNC:11633")],
)
def test_fusions_in_hgnc_notation(matcher: Matcher, raw: str, canonical: str, hgnc: str) -> None:
    term = matcher.normalize(raw, "fusion")
    assert (term.canonical, term.other_codes) == (canonical, hgnc)


def test_ocr_repaired_fusion_is_marked(matcher: Matcher) -> None:
    assert matcher.normalize("TEL-AMLL", "fusion").method == "ocr"
    assert matcher.normalize("TEL-AML1", "fusion").method == "synonym"
    assert matcher.normalize("ETV6::RUNX1", "fusion").method == "exact"


def test_unknown_gene_pair_is_not_a_fusion(matcher: Matcher) -> None:
    assert matcher.normalize("CAR-T", "fusion").canonical is None
    assert matcher.normalize("FOO-BAR", "fusion").canonical is None


CONTRACT_OUTCOMES = [
    "ENROLLED", "AGE", "SEX_MALE", "FOLLOW_UP", "CR", "MRD_NEG", "ORR", "OS", "PFS", "DFS", "EFS", "LFS",
    "RFS", "PROGRESSION", "RELAPSE", "CRS", "ICANS", "AGVHD", "AGVHD_SKIN", "AGVHD_GUT", "CGVHD", "TRM",
    "TREATMENT_DEATH", "TIME_TO_HSCT", "NEUTROPHIL_ENGRAFTMENT", "PLATELET_ENGRAFTMENT", "INFECTION",
    "AE_TOTAL",
]


def test_every_contract_outcome_code_is_a_concept(matcher: Matcher) -> None:
    for code in CONTRACT_OUTCOMES:
        term = matcher.normalize(code, "outcome")
        assert (term.canonical, term.code_system, term.code) == (code, "evidex", code)


def test_outcome_concepts_are_codes_of_evidex_codes(matcher: Matcher) -> None:
    known = {o.value for o in Outcome}
    assert {c.canonical for c in matcher.vocab.kinds_of("outcome")} <= known


@pytest.mark.parametrize(
    ("raw", "code"),
    [("MRD regression rate", "MRD_NEG"), ("granulocyte implantation", "NEUTROPHIL_ENGRAFTMENT"),
     ("transplantation-related deaths", "TRM"), ("12-month OS rate", "OS"), ("median PFS", "PFS"),
     ("complete remission", "CR"), ("leukemia-free survival", "LFS"), ("neurotoxicity", "ICANS")],
)
def test_outcome_phrases(matcher: Matcher, raw: str, code: str) -> None:
    assert matcher.normalize(raw, "outcome").canonical == code


def test_every_contract_subgroup_is_a_concept(matcher: Matcher) -> None:
    for qualifier in SUBGROUPS:
        assert matcher.normalize(qualifier, "subgroup").canonical == qualifier
    assert matcher.normalize("unremitting", "subgroup").canonical == "non-remission"
    assert matcher.normalize("recurrence", "subgroup").canonical == "relapsed"


@pytest.mark.parametrize(
    ("raw", "system"),
    [("Lee et al.", "Lee 2014"), ("ASTCT consensus grading", "ASTCT 2019"), ("MAGIC", "MAGIC 2016"),
     ("1994 Consensus Conference on Acute GVHD Grading", "Glucksberg 1994"), ("CTCAE v5", "CTCAE v5.0")],
)
def test_grading_systems(matcher: Matcher, raw: str, system: str) -> None:
    assert matcher.normalize(raw, "grading_system").canonical == system


def test_donor_machine_translation(matcher: Matcher) -> None:
    assert matcher.normalize("compatriot", "donor").canonical == "sibling"
    assert matcher.normalize("Unrelated donor", "donor").canonical == "unrelated"


@pytest.mark.parametrize(
    ("raw", "term"),
    [("elevated alkaline phosphatase", "Alkaline phosphatase increased"),
     ("decreased ejection fraction", "Ejection fraction decreased"),
     ("decreased white blood cell count", "White blood cell decreased"), ("raised INR", "INR increased")],
)
def test_any_ctcae_direction_term_reads_both_ways(matcher: Matcher, raw: str, term: str) -> None:
    # None of these phrases is listed anywhere: they come from the CTCAE term "<analyte> increased|decreased".
    assert matcher.normalize(raw, "ae").canonical == term
