"""Find vocabulary terms in running text with one pass over its word tokens.

Aliases are indexed as token sequences keyed by their first token, after the same folding
the cascade uses (case, British spelling, plural), plus a joined form for short multi-token
aliases ("CAR-T" also as "cart"). Upper-case abbreviations must match case exactly ("OS",
"CR" never match "os", "cr"). Longest match first, non-overlapping. Unknown drug names
(machine-translated, misspelled) are looked for only next to a treatment cue
("berintuo-treated group", "treatment with Bellinto") and go through the cascade, which
accepts them only with a clear margin.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from evidex.models import Mention, Term
from evidex.normalize.cascade import KIND_ORDER, Cascade, Query
from evidex.normalize.text import _singular, american
from evidex.normalize.vocab import Alias, Vocabulary

_TOKEN = re.compile(r"[A-Za-z0-9\u4e00-\u9fff]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LINE_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*")
_GAP = re.compile(r"[\s\-\u2010-\u2014./()]{0,4}")
# Aliases too common as plain words to report as mentions.
_STOP = {"all", "total", "overall", "none", "age", "son", "cord", "transplant", "follow", "enrolled", "male",
         "female", "death", "mortality", "toxicity", "remission"}
# A word next to a treatment cue: "berintuo-treated", "Bellinto Euro", "treatment with Bellinto". The cues are
# found first (few), then the word beside them.
_CUE_AFTER = re.compile(
    r"(?i)\b(?:euro|ou|monoclonal|mono|treat|group|therap|transplant|bridg|infusion|arm\b|regimen|induc|based|"
    r"combined|alone|cycle|course)|\("
)
_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z][a-z]{4,})[\s\-]*$")
_CUE_BEFORE = re.compile(r"\b(?:with|after|of|received|receiving|using|plus|and|by|following)\s+"
                         r"([a-z]{5,})(?![a-z0-9])")
_TAIL_AFTER = re.compile(r"(?:[\s-]+(?:euro|ou|monoclonal|antibody|antibodies|mab))+", re.IGNORECASE)
# "ALL" in running text is the disease, never the subgroup "all".
_DISEASE = {"ALL", "AML", "CML", "CLL", "MDS"}


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    return _singular(american(token.lower()))


@dataclass(frozen=True, slots=True)
class Entry:
    folded: tuple[str, ...]
    exact: tuple[str, ...] | None  # case-sensitive tokens for abbreviations
    alias: Alias
    size: int = 1
    kind: str = ""


def case_sensitive(alias: Alias) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias.text)
    return alias.type in {"abbreviation", "code"} or len(letters) <= 4 or (letters.isupper() and len(letters) <= 6)


def build_index(vocab: Vocabulary) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for alias in vocab.aliases:
        if alias.gate or alias.text.lower() in _STOP or "+" in alias.text:
            continue
        toks = _TOKEN.findall(alias.text)
        if not toks:
            continue
        cs = case_sensitive(alias)
        forms = [toks]
        if len(toks) > 1 and len("".join(toks)) <= 8:
            forms.append(["".join(toks)])
        for form in forms:
            entry = Entry(tuple(fold(t) for t in form), tuple(form) if cs else None, alias, len(form),
                          alias.concept.kind)
            index.setdefault(entry.folded[0], []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.folded))
    return index


def qualified_index(index: dict[str, list[Entry]]) -> dict[tuple[str, ...], list[Entry]]:
    """Entries whose first word decides the concept, keyed by the words after it: the rest alone names another
    concept of the kind ("febrile" + "neutropenia"), or the rest follows several concepts' first words and names
    none alone ("acute" / "chronic" + "graft-versus-host disease": AGVHD / CGVHD)."""
    bare = {e.folded: e for entries in index.values() for e in entries}
    by_rest: dict[tuple[str, ...], list[Entry]] = {}
    for entries in index.values():
        for e in entries:
            if len(e.folded) > 1 and not e.exact:
                by_rest.setdefault(e.folded[1:], []).append(e)
    out: dict[tuple[str, ...], list[Entry]] = {}
    for rest, qualified in by_rest.items():
        alone = bare.get(rest)
        for e in qualified:
            if alone is not None:
                decides = alone.kind == e.kind and alone.alias.concept != e.alias.concept
            else:
                decides = len({q.alias.concept for q in qualified if q.kind == e.kind}) > 1
            if decides:
                out.setdefault(rest, []).append(e)
    return out


def rests_by_first(qualified: dict[tuple[str, ...], list[Entry]],
                   index: dict[str, list[Entry]]) -> dict[str, list[tuple[str, ...]]]:
    """The keys of ``qualified_index`` that name no entry alone, by their first word, longest first."""
    bare = {e.folded for entries in index.values() for e in entries}
    out: dict[str, list[tuple[str, ...]]] = {}
    for rest in qualified:
        if rest not in bare:
            out.setdefault(rest[0], []).append(rest)
    for rests in out.values():
        rests.sort(key=len, reverse=True)
    return out


def adjacent(text: str, matches: list, i: int, n: int) -> bool:
    """Whether tokens i .. i+n-1 stand next to each other, with only spaces, hyphens or brackets between them."""
    return all(_GAP.fullmatch(text, matches[j].end(), matches[j + 1].start()) for j in range(i, i + n - 1))


Resolver = Callable[[str, str | None, str], Term]


class Scanner:
    def __init__(self, vocab: Vocabulary, cascade: Cascade, resolve: Resolver) -> None:
        self.vocab, self.cascade, self.resolve = vocab, cascade, resolve
        self.index = build_index(vocab)
        self.qualified = qualified_index(self.index)
        self.rests = rests_by_first(self.qualified, self.index)
        self._guesses: dict[str, Term | None] = {}
        self._terms: dict[tuple[str, int], Term] = {}
        # Chinese names are matched as substrings: Chinese text has no spaces between words.
        self._cjk = [a for a in vocab.aliases if _CJK.search(a.text)]

    def scan(self, text: str, kinds: tuple[str, ...] = ()) -> tuple[Mention, ...]:
        # "bone marrow" in running text is the tissue ("bone marrow remission"); it is a graft source only
        # where the caller looks for graft sources.
        rank = {kind: i for i, kind in enumerate(kinds or KIND_ORDER) if kinds or kind != "graft_source"}
        matches = list(_TOKEN.finditer(text))
        words = _TOKEN.findall(text)
        folded = [fold(w) for w in words]
        found: list[Mention] = []
        i, n_tokens = 0, len(words)
        while i < n_tokens:
            entries = self.index.get(folded[i])
            best = self._best(entries, text, matches, words, folded, i, rank) if entries else None
            if best is None:
                unnamed = self._unnamed_rest(text, matches, folded, i, found[-1].end if found else 0, rank)
                if unnamed is not None:
                    qualified, n = unnamed
                    start, end = matches[i - 1].start(), matches[i + n - 1].end()
                    found.append(Mention(start, end, self._term(text[start:end], qualified.alias)))
                    i += n
                    continue
                joined = self._hyphenated(text, matches, words, i, rank)
                if joined is not None:
                    start, end = matches[i].start(), matches[i + 1].end()
                    found.append(Mention(start, end, self._term(text[start:end], joined.alias)))
                    i += 2
                    continue
                i += 1
                continue
            start, end = matches[i].start(), matches[i + best.size - 1].end()
            before = found[-1].end if found else 0
            wider = self._misspelled_qualifier(text, matches, folded, i, best.folded, before)
            if wider is not None:
                best, start = wider, matches[i - 1].start()
            found.append(Mention(start, end, self._term(text[start:end], best.alias)))
            i += best.size
        if not kinds or "drug" in kinds or "therapy" in kinds:
            found.extend(self._unknown_drugs(text, found))
        if _CJK.search(text):
            found = self._chinese(text, found, rank)
        return tuple(sorted(found, key=lambda m: m.start))

    def _chinese(self, text: str, found: list[Mention], rank: dict[str, int]) -> list[Mention]:
        kept = [m for m in found if not _CJK.search(text[m.start : m.end])]
        for alias in self._cjk:
            if alias.concept.kind not in rank:
                continue
            start = text.find(alias.text)
            while start >= 0:
                end = start + len(alias.text)
                if not any(m.start < end and start < m.end for m in kept):
                    kept.append(Mention(start, end, self._term(alias.text, alias)))
                start = text.find(alias.text, end)
        return kept

    def _hyphenated(self, text: str, matches: list, words: list[str], i: int, rank: dict[str, int]) -> Entry | None:
        """A word broken at a line end ("blinatu-\nmomab") is one word."""
        if i + 1 >= len(words) or not _LINE_BREAK.fullmatch(text, matches[i].end(), matches[i + 1].start()):
            return None
        entries = self.index.get(fold(words[i] + words[i + 1]), ())
        return next((e for e in entries if e.size == 1 and e.kind in rank and not e.exact), None)

    @staticmethod
    def _best(entries: list[Entry], text: str, matches: list, words: list[str], folded: list[str], i: int,
              rank: dict[str, int]) -> Entry | None:
        """The longest entry that matches at token i; among equally long ones the best-ranked kind."""
        best: Entry | None = None
        for entry in entries:
            n = entry.size
            if best is not None and n < best.size:
                break
            if entry.kind not in rank:
                continue
            if n > 1:
                if i + n > len(words) or tuple(folded[i : i + n]) != entry.folded:
                    continue
                if entry.exact and tuple(words[i : i + n]) != entry.exact:
                    continue
                if not adjacent(text, matches, i, n):
                    continue
            elif entry.exact and words[i] != entry.exact[0]:
                continue
            if best is None or rank[entry.kind] < rank[best.kind]:
                best = entry
        if best is not None and best.kind == "subgroup" and words[i] in _DISEASE:
            return None
        return best

    def _unnamed_rest(self, text: str, matches: list, folded: list[str], i: int, before: int,
                      rank: dict[str, int]) -> tuple[Entry, int] | None:
        """ "chonic graft-versus-host disease" where the words after the misspelled qualifier name nothing alone
        (acute and chronic GVHD share them): the qualified entry and how many tokens the words take."""
        for rest in self.rests.get(folded[i], ()):
            n = len(rest)
            if tuple(folded[i : i + n]) != rest:
                continue
            if not adjacent(text, matches, i, n):
                continue
            wider = self._misspelled_qualifier(text, matches, folded, i, rest, before)
            if wider is not None and wider.kind in rank:
                return wider, n
        return None

    def _misspelled_qualifier(self, text: str, matches: list, folded: list[str], i: int, rest: tuple[str, ...],
                              before: int) -> Entry | None:
        """ "febrle neutropenia", "chonic graft-versus-host disease": a misspelled word in front of ``rest`` that
        makes it another concept (Febrile neutropenia, CGVHD). The word must be unknown, 5+ letters long, and the
        qualifier with one letter lost, added or changed inside it (same first and last letter: "several" is no
        "severe")."""
        options = self.qualified.get(rest)
        if not options or i == 0 or matches[i - 1].start() < before:
            return None
        word = folded[i - 1]
        gap = text[matches[i - 1].end() : matches[i].start()]
        if len(word) < 5 or word in self.index or not re.fullmatch(r"[\s-]{1,2}", gap):
            return None
        near = [e for e in options if e.folded[0][0] == word[0] and e.folded[0][-1] == word[-1]
                and Levenshtein.distance(word, e.folded[0]) == 1]
        return near[0] if len({e.alias.concept for e in near}) == 1 else None

    def _term(self, written: str, alias: Alias) -> Term:
        cache_key = (written, id(alias))
        if cache_key not in self._terms:
            if len(self._terms) > 200_000:
                self._terms.clear()
            self._terms[cache_key] = self._build_term(written, alias)
        return self._terms[cache_key]

    def _build_term(self, written: str, alias: Alias) -> Term:
        query = Query(written, written, alias.concept.kind, (alias.concept.kind,), "", frozenset())
        return self.cascade.term(query, alias.concept, *self.cascade.method_for(written, alias), alias.text, alias.note)

    def _guess(self, written: str) -> Term | None:
        if written not in self._guesses:
            if len(self._guesses) > 200_000:
                self._guesses.clear()
            self._guesses[written] = self.cascade.guess_drug(written)
        return self._guesses[written]

    def _unknown_drugs(self, text: str, known: list[Mention]) -> list[Mention]:
        covered = bytearray(len(text) + 1)
        for m in known:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        out = []
        lowered = text.lower()
        if len(lowered) != len(text):  # a few non-ASCII letters change length when lowered
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        spans = {m.span(1) for m in _CUE_BEFORE.finditer(lowered) if text[m.start(1) + 1 : m.end(1)].islower()}
        for cue in _CUE_AFTER.finditer(text):
            word = _WORD_BEFORE.search(text, max(0, cue.start() - 30), cue.start())
            if word:
                spans.add(word.span(1))
        for start, end in sorted(spans):
            if covered[start] or fold(text[start:end]) in self.index:
                continue
            tail = _TAIL_AFTER.match(text, end)
            span_end = tail.end() if tail else end
            term = self._guess(text[start:span_end])
            if term is not None and term.mapped:
                out.append(Mention(start, span_end, term))
                covered[start:span_end] = b"\x01" * (span_end - start)
        return out
