"""Phonetic keys for transliterated and machine-translated drug names.

Chinese drug names are transliterations; a machine translation renders their
pinyin syllables with English spelling (贝林妥 bei-lin-tuo -> "Bellinto",
"belintuo", "berinto", "Berlintal"). The key keeps consonant shape and
collapses what varies between such renderings: vowel quality, doubled
letters, voicing (t/d, p/b, k/g) and the r/l swap. A key match is a candidate
only; the cascade still demands a clear margin over the runner-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from evidex.normalize.vocab import Concept, Vocabulary

_DIGRAPHS = (("ph", "f"), ("zh", "j"), ("ch", "j"), ("sh", "s"), ("ck", "k"), ("ng", "n"), ("qu", "k"))
_LETTERS = str.maketrans({"q": "j", "x": "s", "z": "s", "c": "k", "g": "k", "p": "b", "t": "d", "r": "l", "v": "f"})
_VOWELS = re.compile(r"[aeiouyw]+")
_REPEATS = re.compile(r"(.)\1+")

# Chinese names of antibodies end in 单抗 (dan kang, "monoclonal antibody"); MT translates it
# rather than transliterating it, so it is not part of the phonetic stem.
_TRANSLATED_TAILS = (("dan", "kang"),)
MIN_SYLLABLES = 3


def phonetic_key(word: str) -> str:
    text = re.sub(r"[^a-z]", "", word.lower())
    for digraph, repl in _DIGRAPHS:
        text = text.replace(digraph, repl)
    text = text.translate(_LETTERS)
    text = _VOWELS.sub("a", text)
    return _REPEATS.sub(r"\1", text)


@dataclass(frozen=True, slots=True)
class Form:
    key: str
    concept: Concept
    source: str  # "inn" or the pinyin syllables the key was made from
    spelling: str  # the letters the key was made from


def _stem(syllables: tuple[str, ...]) -> tuple[str, ...]:
    for tail in _TRANSLATED_TAILS:
        if syllables[-len(tail) :] == tail:
            return syllables[: -len(tail)]
    return syllables


def build_forms(vocab: Vocabulary) -> list[Form]:
    """Phonetic forms of every drug: its INN words and the syllable prefixes of its Chinese name."""
    forms: dict[tuple[str, str, str], Form] = {}
    for concept in vocab.kinds_of("drug"):
        first = concept.canonical.split()[0]
        for word in {first, concept.canonical}:
            k = phonetic_key(word)
            if len(k) >= 4:
                forms.setdefault((k, concept.canonical, word), Form(k, concept, "inn", word))
    for concept, syllables in vocab.chinese:
        stem = _stem(syllables)
        for n in range(min(MIN_SYLLABLES, len(stem)), len(syllables) + 1):
            part = syllables[:n]
            k = phonetic_key("".join(part))
            forms.setdefault((k, concept.canonical, "".join(part)), Form(k, concept, " ".join(part), "".join(part)))
    return list(forms.values())


@dataclass(frozen=True, slots=True)
class PhoneticHit:
    concept: Concept
    score: float  # best over the concept's transliterated (pinyin) forms
    form: Form | None
    any_score: float  # best over all its forms, English names included: what a competitor scores


def consonants(key: str) -> str:
    return key.replace("a", "")


def ranked(token: str, forms: list[Form]) -> list[PhoneticHit]:
    """Per concept, best first by its transliterated forms. A score is the mean of key similarity and spelling
    similarity, so that two names with one key ("te li tuo", "da lei tuo" -> "dalada") are told apart."""
    k = phonetic_key(token)
    spelled = re.sub(r"[^a-z]", "", token.lower())
    best: dict[str, PhoneticHit] = {}
    for form in forms:
        score = (Indel.normalized_similarity(k, form.key) + Indel.normalized_similarity(spelled, form.spelling)) / 2
        hit = best.get(form.concept.canonical) or PhoneticHit(form.concept, 0.0, None, 0.0)
        if form.source != "inn" and score > hit.score:
            hit = PhoneticHit(form.concept, score, form, max(hit.any_score, score))
        elif score > hit.any_score:
            hit = PhoneticHit(hit.concept, hit.score, hit.form, score)
        best[form.concept.canonical] = hit
    return sorted(best.values(), key=lambda h: -h.score)
