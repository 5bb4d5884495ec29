"""Transliterated (pinyin) drug names: generated MT renderings map to their drug; fragments never to another."""

from __future__ import annotations

import csv

import pytest

from evidex.normalize.matcher import Matcher
from tests.normalize.mt_variants import VOCAB, generated

GENERATED = generated()


@pytest.mark.parametrize(("raw", "expected"), GENERATED, ids=[raw for raw, _ in GENERATED])
def test_generated_mt_rendering(matcher: Matcher, raw: str, expected: str) -> None:
    term = matcher.normalize(raw, "drug")
    assert term.canonical == expected
    assert term.method in {"phonetic", "fuzzy", "synonym", "exact"}


def test_syllable_fragments_never_name_another_drug(matcher: Matcher) -> None:
    with VOCAB.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        syllables = row["pinyin"].split()
        for n in (1, 2):
            fragment = "".join(syllables[:n]).capitalize()
            assert matcher.normalize(fragment, "drug").canonical in {None, row["canonical"]}, fragment


@pytest.mark.parametrize("raw", ["Beilintuomab", "Berintomab", "Beilinto-treated"])
def test_glued_suffixes(matcher: Matcher, raw: str) -> None:
    assert matcher.normalize(raw, "drug").canonical == "blinatumomab"
