"""The header vocabulary of ``data/pt_headers.csv``: phrases, the word pieces they are made of, abbreviations,
side words, units and stop words. Everything the header mapper knows about words comes from here.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parents[2] / "data" / "pt_headers.csv"
STEM = 5  # words sharing their first five letters are one word ("bridged" / "bridging", "genetic" / "genetics")
MIN_CUT = 3  # a word cut short with '.' ("Resp.") is read as the one known word it begins, from three letters


@dataclass(frozen=True)
class Vocab:
    phrases: dict[str, str]  # cleaned phrase -> field
    abbreviations: dict[str, str]  # abbreviation -> the words it stands for
    sides: dict[str, str]  # word -> pre | post
    units: dict[str, str]  # unit spelling -> pct | months | days | years | count
    stops: frozenset[str]
    votes: dict[str, dict[str, float]] = field(default_factory=dict)  # word (stem) -> field -> weight
    acronyms: dict[str, str] = field(default_factory=dict)  # "bmb" -> field of "bone marrow blasts"

    def word_votes(self, word: str, cut: bool = False) -> dict[str, float]:
        """Fields a header word points to: a known word or its stem; a word cut short, by the known word it begins."""
        if word in self.acronyms:
            return {self.acronyms[word]: 1.0}
        hit = self.votes.get(stem(word))
        if hit or not cut or len(word) < MIN_CUT:
            return hit or {}
        begun = {w for w in self.votes if w.startswith(word[:STEM])}
        return self.votes[begun.pop()] if len(begun) == 1 else {}


def stem(word: str) -> str:
    """A word's first five letters, a plural 's' dropped first ("lines" / "line", "blasts" / "blast")."""
    w = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
    return w[:STEM]


def clean(text: str) -> str:
    """Header text as compared: lower case, units in brackets and '%' dropped, separators as spaces."""
    t = re.sub(r"\([^)]*\)", " ", text.lower())
    t = re.sub(r"[%|:/_\-–*]+", " ", t)
    t = re.sub(r"[^\w .]", " ", t)
    return re.sub(r"\s+", " ", t).strip(" .")


def _rows() -> list[dict[str, str]]:
    lines = [ln for ln in DATA.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    rows = _rows()
    by_kind: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        term = r["term"] if r["kind"] in ("unit", "abbreviation") else clean(r["term"])
        by_kind[r["kind"]][term] = r["means"]
    phrases = by_kind["phrase"]
    stops = frozenset(by_kind["stop"])
    return Vocab(phrases, by_kind["abbreviation"], by_kind["side"], by_kind["unit"], stops,
                 _votes(phrases, stops, set(by_kind["side"])), _acronyms(phrases, stops))  # fmt: skip


def _votes(phrases: dict[str, str], stops: frozenset[str], sides: set[str]) -> dict[str, dict[str, float]]:
    """Each phrase word votes for its phrase's field, weighted by the share of its phrases naming that field."""
    count: dict[str, Counter[str]] = defaultdict(Counter)
    for phrase, f in phrases.items():
        for w in set(phrase.split()):
            if w not in stops and w not in sides and not w.isdigit():
                count[stem(w)][f] += 1
    return {w: {f: n / sum(c.values()) for f, n in c.items()} for w, c in count.items()}


def _acronyms(phrases: dict[str, str], stops: frozenset[str]) -> dict[str, str]:
    """Initials of the known phrases of three words or more ("bone marrow blasts" -> "bmb"), when unambiguous."""
    seen: dict[str, set[str]] = defaultdict(set)
    for phrase, f in phrases.items():
        words = [w for w in phrase.split() if w not in stops]
        if len(words) >= 3:
            seen["".join(w[0] for w in words)].add(f)
    return {a: fs.pop() for a, fs in seen.items() if len(fs) == 1 and a not in phrases}


def version() -> str:
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    return first.split(":", 1)[1].strip()
