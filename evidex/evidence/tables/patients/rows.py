"""Rows of a per-patient table: anchor lines on patient numbers, split a line into cells.

OCR'd text lines lose their alignment, so a line is cut into segments (words
joined by '+' stay together) and the segments are aligned to the header's
columns by dynamic programming over how well each segment fits each column's
type. Cells may be missing (a patient without MRD values), and stray '|' only
hint at boundaries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from evidex.evidence.tables.patients.headers import Column
from evidex.evidence.tables.patients.repair import truth_values

TYPE = {
    "prior_therapy": "text", "post_therapy": "text", "conditioning": "text", "donor": "text",
    "graft_source": "text", "final_status": "text",
    "blasts_pre_pct": "num", "mrd_pre_pct": "num", "blasts_post_pct": "num", "mrd_post_pct": "num",
    "follow_up_months": "num", "days_to_hsct": "num", "neutrophil_engraftment_day": "num",
    "platelet_engraftment_day": "num",
    "fusion_pre": "gene", "fusion_post": "gene", "cr": "yn", "alive": "yn", "hla": "hla",
}  # fmt: skip
YN = {"y", "n", "yes", "no", "¥", "y;", "n;"}
DASHES = set("-–—=&«»~_'‘’i")
_NUM = re.compile(r"^[+<>≤≥~]?\d+(?:[.,·]\d+)?[d%]?$")
_ANCHOR = re.compile(r"^(\d{1,3})([\"'”’*†‡§°a-d,.]*)$")
_SYMBOL = re.compile(r"^[^\w\s+\-(|]{1,2}$")
GLYPH_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0", "o": "0", "S": "5", "B": "8"})


def number_like(tok: str) -> bool:
    """A patient number, possibly with a fused footnote mark or a digit OCR read as a letter ('I7')."""
    return bool(_ANCHOR.match(tok) or (re.search(r"\d", tok) and _ANCHOR.match(tok.translate(GLYPH_DIGITS))))


def next_number(tok: str, rows: list[RawRow]) -> bool:
    """A first cell whose every digit OCR read as a letter ('ll' after 10): the next patient number.

    Only the number right after the last row's counts, so a word ('SS', 'Il') is not taken for a row.
    """
    last = rows[-1].anchor.translate(GLYPH_DIGITS) if rows else ""
    m = re.match(r"\d{1,3}", last)
    return m is not None and tok.translate(GLYPH_DIGITS) == str(int(m.group(0)) + 1)


_SKIP, _DROP, _JOIN, _PIPE = -0.4, -1.2, -0.8, -0.5
UNSURE = "?"
_CUT = -0.6  # a cell starting inside a '+' chain


@dataclass
class Seg:
    text: str
    pipe_before: bool = False
    plus_before: bool = False  # joined to the previous segment by '+': one regimen/therapy cell, usually


@dataclass
class RawRow:
    """One table row as read: the patient token, cells by output column, the source line(s)."""

    anchor: str
    cells: dict[str, str] = field(default_factory=dict)
    line: str = ""
    repeat: bool = False  # a further row of the previous patient (second transplant)
    index: int = 0
    patient: str = ""


def anchor(line: str) -> tuple[str, str] | None:
    """(patient token, rest of line) when the line starts a row: a number, or a symbol OCR made of one."""
    parts = line.strip().split(None, 1)
    if len(parts) < 2:
        return None
    tok, rest = parts
    if number_like(tok) or _SYMBOL.match(tok):
        return tok, rest
    return None


def is_digit_anchor(line: str) -> bool:
    a = anchor(line)
    return bool(a and number_like(a[0]))


def segments(text: str, split: Callable[[str], list[str]] | None = None) -> list[Seg]:
    """Cut a line into words; '+' between words is kept as a link the alignment may keep or cut."""
    out: list[Seg] = []
    pipe, plus = False, False
    for tok in re.findall(r"\|+|[^\s|]+", text):
        if tok.startswith("|"):
            pipe = True
            continue
        wordy = bool(re.search(r"[A-Za-z]", tok))
        if tok == "+" and out:
            out[-1].text += " +"
            plus = True
            continue
        linked = wordy and out and (plus or tok.startswith("+") or out[-1].text.endswith("+"))
        parts = split(tok) if split else [tok]
        out.extend(Seg(p, pipe and k == 0, bool(linked) and k == 0) for k, p in enumerate(parts))
        pipe, plus = False, False
    return out


def fit(kind: str, text: str) -> float:
    """How well a segment fits a column type (negative: it does not)."""
    t = text.strip().rstrip(";,")
    low = t.lower()
    has_letter = bool(re.search(r"[A-Za-z]", t))
    dash = len(t) == 1 and t in DASHES
    if kind == "num":
        if _NUM.match(t):
            return 2.0
        if dash or low in ("na", "nd", "nr", "n/a"):
            return 1.5
        return 0.6 if (re.search(r"[\d%]", t) and len(t) <= 5 and not re.search(r"[A-Za-z]{2}", t)) else -2.0
    if kind == "yn":
        if low in YN or low in truth_values():
            return 2.5
        return 0.8 if dash else (0.3 if len(t) <= 2 and not t.isdigit() else -1.5)
    if kind == "gene":
        if re.match(r"^[A-Z0-9]{2,}(?:[-:/]+[A-Z0-9]{2,})+$", t, re.I) and not re.fullmatch(r"[\d/.\-]+", t):
            return 2.0
        if low in ("negative", "neg", "positive", "none", "wt", "normal"):
            return 2.0
        return 1.5 if dash else (0.2 if has_letter else -2.0)
    if kind == "hla":
        if re.match(r"^\d{1,2}/\d{1,2}$", t):
            return 3.0
        return 2.0 if re.match(r"^(?:[1-9]|10)1[02]$", t) else (0.6 if dash else -2.0)
    if kind == "text":
        if dash:
            return 0.6
        if not has_letter:
            return -2.0 if re.search(r"\d", t) else 0.1
        if low in YN:
            return -0.5
        return 1.5 if "+" in t else 1.0
    return 0.5


Profile = dict[str, Counter[str]]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z\-]+", text.lower())


def profile(rows: list[RawRow]) -> Profile:
    """Words each column holds across the table: the same word in the same column, row after row."""
    out: Profile = {}
    for r in rows:
        for name, text in r.cells.items():
            if UNSURE + name not in r.cells and not name.startswith(UNSURE):
                out.setdefault(name, Counter()).update(set(_words(text)))
    return {k: Counter({w: n for w, n in c.items() if n >= 2}) for k, c in out.items()}


def _familiar(name: str, text: str, prof: Profile | None) -> float:
    """Bonus for words this column holds in other rows, malus for words another column holds."""
    if not prof:
        return 0.0
    score = 0.0
    for w in _words(text):
        if w in prof.get(name, ()):
            score += 0.6
        elif any(w in c for k, c in prof.items() if k != name):
            score -= 0.6
    return score


def align(segs: list[Seg], cols: list[Column], prof: Profile | None = None) -> tuple[float, dict[str, str]]:
    """Best assignment of segments to columns in order; returns the score and cells by column name."""
    n, m = len(segs), len(cols)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            cur = best[i][j]
            if cur == neg:
                continue
            if j < m:
                _relax(best, back, i, j + 1, cur + _SKIP, (i, j, 0))
            if i < n:
                _relax(best, back, i + 1, j, cur + _DROP, (i, j, -1))
            if j < m:
                kind = TYPE.get(cols[j].field and cols[j].name or "", "any")
                for k in range(1, (8 if kind == "text" else 1) + 1):
                    if i + k > n:
                        break
                    text = " ".join(s.text for s in segs[i : i + k])
                    pen = sum(_join_cost(s) for s in segs[i + 1 : i + k])
                    bonus = _familiar(cols[j].name, text, prof) if kind == "text" else 0.0
                    bonus += _CUT if segs[i].plus_before else 0.0
                    _relax(best, back, i + k, j + 1, cur + fit(kind, text) + pen + bonus, (i, j, k))
    return best[n][m], _trace(back, segs, cols, n, m)


def _join_cost(seg: Seg) -> float:
    """Keeping a word in the previous word's cell: free after '+', cheap for a lower-case word ("donor")."""
    if seg.pipe_before:
        return _PIPE
    if seg.plus_before:
        return 0.0
    return _JOIN / 3 if seg.text[:1].islower() else _JOIN


def _relax(best: list[list[float]], back: list, i: int, j: int, score: float, step: tuple[int, int, int]) -> None:
    if score > best[i][j]:
        best[i][j], back[i][j] = score, step


def _trace(back: list, segs: list[Seg], cols: list[Column], i: int, j: int) -> dict[str, str]:
    cells: dict[str, str] = {}
    while back[i][j] is not None:
        pi, pj, k = back[i][j]
        if k > 0:
            cells[cols[pj].name] = " ".join(s.text for s in segs[pi : pi + k])
            cut_at_plus = segs[pi].plus_before or (pi + k < len(segs) and segs[pi + k].plus_before)
            if cut_at_plus:
                cells[UNSURE + cols[pj].name] = ""  # a '+' chain was cut here: the boundary is a guess
        i, j = pi, pj
    return cells


def read_rows(
    body: list[str], cols: list[Column], split: Callable[[str], list[str]] | None = None, lead: bool = False,
    repeats: bool = True,
) -> list[RawRow]:
    """Lines after the header -> rows; a second pass re-aligns with what each column holds elsewhere.
    ``lead``: the first line is a row although its number was misread; ``repeats``: a line without a number
    may be a further row of the same patient (a second transplant), else it is a wrapped cell."""
    rows = _read_rows(body, cols, split, None, lead, repeats)
    rows = _read_rows(body, cols, split, profile(rows), lead, repeats) if rows else rows
    for r in rows:
        r.cells = {k: v for k, v in r.cells.items() if not k.startswith(UNSURE)}
    return rows


def _read_rows(
    body: list[str], cols: list[Column], split: Callable[[str], list[str]] | None, prof: Profile | None,
    lead: bool = False, repeats: bool = True,
) -> list[RawRow]:
    """Lines without a patient number are a repeat row (second transplant) or a wrapped cell."""
    data_cols = [c for c in cols if c.field != "patient"]
    rows: list[RawRow] = []
    for k, line in enumerate(body):
        a = anchor(line) or (tuple(line.strip().split(None, 1)) if lead and k == 0 else None)
        if a and len(a) == 2 and (rows or number_like(a[0]) or (lead and k == 0)):
            _, cells = align(segments(a[1], split), data_cols, prof)
            rows.append(RawRow(a[0], cells, line.strip(), index=len(rows)))
            continue
        if not rows or _footnote_like(line):
            continue
        score, cells = align(segments(line, split), data_cols, prof)
        good = sum(1 for c in data_cols if c.name in cells and fit(TYPE.get(c.name, "any"), cells[c.name]) > 0.5)
        if repeats and good >= max(3, len(data_cols) // 2):
            rows.append(RawRow(rows[-1].anchor, cells, line.strip(), repeat=True, index=len(rows)))
        else:
            _join_continuation(rows[-1], line.strip(), data_cols)
    return rows


def _footnote_like(line: str) -> bool:
    s = line.strip()
    return bool(re.match(r"^(\(\d+\)|\*|†|‡|§|[a-d]\s|note|abbreviation)", s, re.I)) or (
        len(s) > 60 and len(re.findall(r"[a-z]{4,}", s)) >= 6
    )


def _join_continuation(row: RawRow, text: str, cols: list[Column]) -> None:
    """A wrapped cell: to the text cell left open with '+', else the first text cell of the row."""
    texts = [c.name for c in cols if TYPE.get(c.name) == "text" and c.name in row.cells]
    target = next((n for n in texts if row.cells[n].rstrip().endswith("+")), None)
    target = target or (texts[0] if texts else None)
    row.line += " / " + text
    if target:
        row.cells[target] = f"{row.cells[target]} {text}".strip()


def grid_rows(
    grid: list[list[str]], cols: list[Column], start: int, lead: bool = False, repeats: bool = True
) -> list[RawRow]:
    """Rows of a cell grid from ``start``: first cell the patient; rows without one continue the last
    (``lead``: the first row is a row although its number was lost; ``repeats``: as in ``read_rows``)."""
    rows: list[RawRow] = []
    for k, r in enumerate(grid[start:]):
        first = r[0].strip() if r else ""
        cells = {cols[j].name: r[j].strip() for j in range(1, min(len(r), len(cols))) if r[j].strip()}
        if (first and (number_like(first) or next_number(first, rows) or (rows and _SYMBOL.match(first)))) or (
            lead and k == 0
        ):
            rows.append(RawRow(first, cells, " | ".join(r), index=len(rows)))
        elif rows and cells:
            filled = len(cells)
            if repeats and filled >= max(3, (len(cols) - 1) // 2):
                rows.append(RawRow(rows[-1].anchor, cells, " | ".join(r), repeat=True, index=len(rows)))
            else:
                for name, text in cells.items():
                    row = rows[-1]
                    row.cells[name] = (row.cells.get(name, "") + " " + text).strip()
    return rows
