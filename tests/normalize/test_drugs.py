"""Drug names: blinatumomab and its variants, near misses of other drugs, codes and provenance."""

from __future__ import annotations

import pytest

from evidex.models import Normalizer
from evidex.normalize.matcher import Matcher

BLINA_VARIANTS = ["Bellinto", "belintuo", "berintuo", "berinto", "berlinto", "Berlintal", "Bellinto Euro monoclonal",
                  "Blinatumumab", "Blincyto", "MT103", "blinatumomab", "BLINATUMOMAB"]
# Real drugs (and non-drugs) one or two edits or one syllable away from blinatumomab or its variants.
NEAR_MISSES = ["belimumab", "Belantamab", "belantamab mafodotin", "brentuximab", "conatumumab", "Bevacizumab",
               "Berinert", "Bellini", "Berlin", "Blinded", "solitomab", "catumaxomab", "blontuvetmab", "Belanta",
               "Bellevue", "Blinatinib", "tebentafusp", "Brentuximb", "Conatumomab"]


def test_matcher_implements_the_normalizer_protocol(matcher: Matcher) -> None:
    assert isinstance(matcher, Normalizer)


@pytest.mark.parametrize("raw", BLINA_VARIANTS)
def test_blinatumomab_variants(matcher: Matcher, raw: str) -> None:
    term = matcher.normalize(raw, "drug")
    assert term.canonical == "blinatumomab"
    assert (term.code_system, term.code) == ("RxNorm", "1597258")
    assert "ATC:L01FX07" in term.other_codes and "UNII:4FR53SIF3A" in term.other_codes
    assert term.method in {"exact", "synonym", "abbreviation", "phonetic", "fuzzy"}
    assert term.vocab_version.startswith("evidex-vocab ")


@pytest.mark.parametrize("raw", NEAR_MISSES)
def test_near_misses_never_become_blinatumomab(matcher: Matcher, raw: str) -> None:
    assert matcher.normalize(raw, "drug").canonical != "blinatumomab"
    assert matcher.normalize(raw).canonical != "blinatumomab"


@pytest.mark.parametrize("raw", ["Blinatumumab", "Blinatumomb", "blinatumonab", "Bellinto", "Berlintal"])
def test_blinatumomab_variants_never_become_another_drug(matcher: Matcher, raw: str) -> None:
    assert matcher.normalize(raw).canonical in {"blinatumomab", None}


def test_transliteration_is_reported_as_phonetic_with_its_syllables(matcher: Matcher) -> None:
    term = matcher.normalize("berintuo", "drug")
    assert term.method == "phonetic"
    assert term.alias == "bei lin tuo"
    assert "runner-up" in term.note


def test_misspelling_is_reported_as_fuzzy(matcher: Matcher) -> None:
    term = matcher.normalize("Blinatumumab", "drug")
    assert term.method == "fuzzy" and term.alias == "blinatumomab"
    assert 0.85 <= (term.score or 0) < 1


def test_exact_generic_name(matcher: Matcher) -> None:
    term = matcher.normalize("Inotuzumab ozogamicin", "drug")
    assert (term.canonical, term.method, term.score) == ("inotuzumab ozogamicin", "exact", 1.0)
    assert term.code == "1942950"


def test_unknown_word_is_unmapped_with_a_note(matcher: Matcher) -> None:
    term = matcher.normalize("Soochow", "drug")
    assert term.canonical is None and not term.mapped
    assert term.method == "" and term.note


@pytest.mark.parametrize(
    ("raw", "context", "expected"),
    [
        ("MP", "conditioning regimen", "melphalan"),
        ("MP", "maintenance therapy", "mercaptopurine"),
        ("MP", "GVHD prophylaxis", "methylprednisolone"),
        ("MP", "", None),
        ("Cy", "", None),
        ("Cy", "preparative regimen", "cyclophosphamide"),
    ],
)
def test_abbreviations_follow_context(matcher: Matcher, raw: str, context: str, expected: str | None) -> None:
    term = matcher.normalize(raw, "drug", context)
    assert term.canonical == expected
    if expected is None:
        assert "needs context" in term.note


def test_car_t_products_and_generic_car_t(matcher: Matcher) -> None:
    assert matcher.normalize("Kymriah", "drug").canonical == "tisagenlecleucel"
    assert matcher.normalize("tisa-cel").canonical == "tisagenlecleucel"
    generic = matcher.normalize("CAR T cells")
    assert (generic.canonical, generic.kind) == ("CAR-T", "therapy")
