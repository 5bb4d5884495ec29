"""String keys the vocabulary index is built on.

Both the vocabulary and the input go through the same functions, so any
folding done here (case, punctuation, British spelling, plural) is symmetric
and cannot make two different vocabulary entries collide silently: the index
reports such collisions as ambiguity instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# British -> American spellings that occur in clinical papers. Applied to whole
# lower-case strings; each pattern is anchored on letters that make it safe.
_BRITISH = (
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aemia"), "emia"),
    (re.compile(r"\boe(dem|soph|strog)"), r"e\1"),
    (re.compile(r"(rrh|pn)oea\b"), r"\1ea"),
    (re.compile(r"leuc(?=o|aem|em|yt)"), "leuk"),
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"(tum|col|behavi|fav)our"), r"\1or"),
    (re.compile(r"isation"), "ization"),
    (re.compile(r"paediatr"), "pediatr"),
    (re.compile(r"ciclosporin"), "cyclosporine"),
)

_NON_WORD = re.compile(r"[^0-9a-z\u4e00-\u9fff+]+")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})


def clean(raw: str) -> str:
    """Unicode-normalized, dash-unified, whitespace-collapsed text (case kept)."""
    text = unicodedata.normalize("NFKC", raw).translate(_DASHES)
    return " ".join(text.split()).strip(" .,;:")


_BRITISH_HINT = re.compile(r"ae|oe|leuc|sulph|our|isation|ciclo")


def american(text: str) -> str:
    if not _BRITISH_HINT.search(text):
        return text
    for pattern, repl in _BRITISH:
        text = pattern.sub(repl, text)
    return text


def _singular(word: str) -> str:
    # Light, symmetric plural folding: "deaths"/"death", "abnormalities"/"abnormality".
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=131072)
def key(raw: str) -> str:
    """Loose key: lower case, American spelling, punctuation as single spaces, singular words."""
    text = american(clean(raw).lower())
    words = [w for w in _NON_WORD.split(text) if w]
    return " ".join(_singular(w) for w in words)


@lru_cache(maxsize=131072)
def compact(raw: str) -> str:
    """Key without any separator: "CAR-T", "CAR T" and "CART" all give "cart"."""
    return key(raw).replace(" ", "")


def letters(raw: str) -> str:
    return re.sub(r"[^a-z]", "", raw.lower())
