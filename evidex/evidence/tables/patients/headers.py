"""Column headers of per-patient tables -> contract fields.

Headers reach us word-wrapped over several lines (text input) or stacked in
header rows (cell grids). Line one gives one stub per column; later lines
either continue stubs ("HLA" + "matching") or spell the leaves under group
headers ("Prior blinatumomab" -> "Blasts % | MRD % | Gene"). Fields come from
the versioned synonym file ``data/pt_headers.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from evidex.evidence.tables.patients.repair import value_map
from evidex.evidence.tables.patients.vocab import DATA, clean, vocab
from evidex.evidence.tables.patients.vocab import version as version

__all__ = ["DATA", "Column", "clean", "columns_from_grid", "columns_from_lines", "match", "synonyms", "version"]
SIDE_WORDS = vocab().sides  # "prior" -> pre, "after" -> post (pt_headers.csv, kind side)
SIDED = ("blasts", "mrd", "fusion")
_SIDE_TAIL = {"treatment", "therapy", "transplant", "infusion", "hsct"}
_FUZZY = 88.0


@dataclass
class Column:
    """One table column as the header describes it; ``field`` is None when no synonym fits."""

    text: str
    field: str | None = None
    score: float = 0.0
    side: str = ""
    group: bool = False

    @property
    def name(self) -> str:
        """The output column: a contract field, or ``x_<slug>`` for a header the vocabulary does not know."""
        if self.field in SIDED:
            side = self.side or "pre"
            return f"{self.field}_{side}_pct" if self.field != "fusion" else f"fusion_{side}"
        if self.field:
            return self.field
        return "x_" + (re.sub(r"[^a-z0-9]+", "_", self.text.lower()).strip("_") or "col")


def synonyms() -> dict[str, str]:
    """Known header phrases (cleaned) -> field."""
    return vocab().phrases


def match(phrase: str) -> tuple[str | None, float]:
    """Best field for a header phrase: exact 100, fuzzy >= 88, a prefix of a known phrase 60."""
    p = clean(phrase)
    if not p:
        return None, 0.0
    syn = synonyms()
    if p in syn:
        return syn[p], 100.0
    n = len(p.split())
    best = max(((fuzz.ratio(p, s), f) for s, f in syn.items() if len(s.split()) == n), default=(0.0, None))
    if best[0] >= _FUZZY:
        return best[1], float(best[0])
    if n == 1 and len(p) >= 5:  # one OCR slip in a single word: 'Fuston' is 'Fusion'
        near = {f for s, f in syn.items() if " " not in s and len(s) >= 5 and Levenshtein.distance(p, s) == 1}
        if len(near) == 1:
            return near.pop(), _FUZZY
    if len(p) >= 3:
        for s, f in syn.items():
            if s.startswith(p) and (len(p) >= 4 or s.split()[0] == p):
                return f, 60.0
    return None, 0.0


def _words(line: str) -> list[str]:
    """Header words; initials printed with slashes or points ("F/U", "D.C.") are one word ("fu")."""
    out: list[str] = []
    for x in re.split(r"[\s|]+", line):
        words = clean(x).split()
        out.extend(["".join(words)] if len(words) >= 2 and all(len(w) == 1 for w in words) else words)
    return out


def _codes_of(col: Column, prev: Column | None) -> bool:
    """A stub of value codes only after the header they code is part of it: "Response CR/CRi/PR/NR" is one
    column, as is "Status Alive/Dead" (codes of the other kind, "CR" after "Alive", are a column of their own)."""
    fits = {"response": ("cr",), "vital": ("alive", "final_status")}
    words = col.text.split()
    if prev is None or not words:
        return False
    return any(all((kind, w) in value_map() for w in words) and prev.field in f for kind, f in fits.items())


def segment(line: str) -> list[Column]:
    """Split one header line into column stubs, longest known phrase first."""
    words, i = _words(line), 0
    out: list[Column] = []
    while i < len(words):
        col, used = _stub(words, i)
        prev = out[-1] if out else None
        if col.field is None and not col.group and col.text in SIDE_WORDS and prev and prev.field and not prev.side:
            prev.side = SIDE_WORDS[col.text]  # "Blasts before (%)": the side word trails its leaf
        elif _codes_of(col, prev):
            pass
        else:
            out.append(col)
        i += used
    return out


def _stub(words: list[str], i: int) -> tuple[Column, int]:
    for n in (3, 2, 1):
        phrase = " ".join(words[i : i + n])
        if i + n <= len(words):
            field, score = match(phrase)
            if score >= _FUZZY:
                return Column(phrase, field, score, _side_of(phrase)), n
    for n in (3, 2):
        phrase = " ".join(words[i : i + n])
        field, score = match(phrase) if i + n <= len(words) else (None, 0.0)
        if score > 0:
            return Column(phrase, field, score, _side_of(phrase)), n
    if words[i] in SIDE_WORDS and i + 1 < len(words) and match(words[i + 1])[1] < _FUZZY:
        return Column(" ".join(words[i : i + 2]), None, 0.0, SIDE_WORDS[words[i]], group=True), 2
    field, score = match(words[i])
    return Column(words[i], field, score, _side_of(words[i])), 1


def _side_of(phrase: str) -> str:
    for w in phrase.split():
        if w in SIDE_WORDS:
            return SIDE_WORDS[w]
    return ""


def columns_from_lines(lines: list[str]) -> list[Column]:
    """Columns of a text table from its header lines (top line first)."""
    if not lines:
        return []
    cols = segment(lines[0])
    rest = lines[1:]
    if cols and all(c.group for c in cols) and rest:
        groups, cols, rest = cols, segment(rest[0]), rest[1:]
        _side_groups(groups, cols)
    for line in rest:
        stubs = segment(line)
        leaves = [s for s in stubs if s.field in SIDED]
        if any(c.group for c in cols) and len(leaves) >= 2:
            cols = _expand_groups(cols, leaves)
            _continue(cols, [w for s in stubs if s.field not in SIDED for w in s.text.split()])
        else:
            _continue(cols, _words(line))
    return _finish(cols)


def _expand_groups(cols: list[Column], leaves: list[Column]) -> list[Column]:
    """Replace each group header by the leaves written under it, left to right."""
    out: list[Column] = []
    queue = list(leaves)
    for c in cols:
        if not c.group:
            out.append(c)
            continue
        taken: list[Column] = []
        while queue and all(t.field != queue[0].field for t in taken):
            leaf = queue.pop(0)
            taken.append(Column(leaf.text, leaf.field, leaf.score, leaf.side or c.side))
        out.extend(taken or [c])
    return out


def _continue(cols: list[Column], words: list[str]) -> None:
    """Attach wrapped header words ("to HSCT") to the stubs they complete, keeping left-to-right order."""
    start, i, last = 0, 0, None
    while i < len(words):
        if words[i] in SIDE_WORDS:
            last, start = _side_word(cols, words[i], last, start)
            i += 2 if i + 1 < len(words) and words[i + 1] in _SIDE_TAIL else 1
            continue
        used = 1
        for n in (3, 2, 1):
            phrase = " ".join(words[i : i + n])
            j = _completes(cols, start, phrase) if i + n <= len(words) else None
            if j is not None:
                c = cols[j]
                c.text, (c.field, c.score) = f"{c.text} {phrase}", match(f"{c.text} {phrase}")
                start, used, last = j + 1, n, j
                break
        i += used


def _side_word(cols: list[Column], word: str, last: int | None, start: int) -> tuple[int | None, int]:
    """'before' / 'post-treatment' under a leaf: only a leaf printed twice (before and after) needs a side."""
    paired = {f for f in SIDED if sum(c.field == f for c in cols) >= 2}
    if last is not None and cols[last].field in paired and not cols[last].side:
        cols[last].side = SIDE_WORDS[word]
        return last, start
    for j in range(start, len(cols)):
        if cols[j].field in paired and not cols[j].side:
            cols[j].side = SIDE_WORDS[word]
            return j, j + 1
    return last, start


def _completes(cols: list[Column], start: int, phrase: str) -> int | None:
    for j in range(start, len(cols)):
        c = cols[j]
        if not c.group:
            field, score = match(f"{c.text} {phrase}")
            if score >= _FUZZY and score >= min(c.score, 100.0):
                return j
    return None


def _side_groups(groups: list[Column], cols: list[Column]) -> None:
    """A line of group headers alone ("Before treatment  After treatment") sides the leaves below, in turn."""
    g, seen = 0, set[str]()
    for c in cols:
        if c.field not in SIDED:
            continue
        if c.field in seen and g + 1 < len(groups):
            g, seen = g + 1, set()
        seen.add(c.field)
        c.side = c.side or groups[g].side


def _dedupe(cols: list[Column]) -> None:
    """Two columns claiming one field: 'Donor type' beside 'Stem cell source' is the donor; others become x_."""
    seen: set[str] = set()
    for c in cols:
        if c.name in seen and c.field == "graft_source" and "donor" not in seen:
            c.field = "donor"
        elif c.name in seen:
            c.field = None
        seen.add(c.name)
    graft = [c for c in cols if c.field == "graft_source"]
    donor = [c for c in cols if c.field == "donor"]
    graft_words = r"source|graft|stem|cell"
    swapped = len(graft) == 1 and len(donor) == 1 and not re.search(graft_words, graft[0].text)
    if swapped and re.search(graft_words, donor[0].text):
        graft[0].field, donor[0].field = "donor", "graft_source"


def _finish(cols: list[Column]) -> list[Column]:
    """Sided leaves: a lone one without a side is before treatment; a pair is before, then after."""
    cols = [c for c in cols if not c.group]
    for f in SIDED:
        same = [c for c in cols if c.field == f]
        if len(same) == 2 and {c.side for c in same} != {"pre", "post"}:
            same[0].side, same[1].side = "pre", "post"
        elif len(same) == 1 and not same[0].side:
            same[0].side = "pre"
    _dedupe(cols)
    return cols


def columns_from_grid(header_rows: list[list[str]]) -> list[Column]:
    """Columns of a cell grid: each column's header cells read top to bottom, best known phrase wins."""
    if not header_rows:
        return []
    n = max(len(r) for r in header_rows)
    cols = []
    for j in range(n):
        text = " ".join(r[j] for r in header_rows if j < len(r) and r[j].strip())
        stubs = segment(text)
        leaves = [c for c in stubs if not c.group and c.field]
        best = max(leaves, key=lambda c: c.score, default=None)
        side = next((c.side for c in stubs if c.side), "")
        cols.append(Column(clean(text), best.field, best.score, side) if best else Column(clean(text)))
    return _finish(cols)
