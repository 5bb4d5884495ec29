"""Reading order: words -> line segments -> columns -> ordered lines, with running headers/footers removed.

A chain of small pure functions (after pdfplumber's table finder): ``segments`` cuts words into
line pieces at wide gaps, ``gutters`` finds the empty vertical bands between text columns,
``reading_order`` reads each band between full-width lines column by column, and
``running_lines`` finds headers, footers and page numbers that repeat across pages.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass

from evidex.extract.words import Word

_PAGE_NUMBER = re.compile(r"^(page\s*)?[ivxlc\d]{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)
MARGIN_BAND = 0.085  # share of the page height searched for running headers and footers


@dataclass(frozen=True, slots=True)
class Line:
    """Words on one baseline inside one column; ``col`` -1 means it spans columns."""

    words: tuple[Word, ...]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    para: int = -1
    col: int = 0
    band: int = 0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def from_ocr(self) -> bool:
        return any(w.from_ocr for w in self.words)


def make_line(words: list[Word] | tuple[Word, ...], col: int = 0, band: int = 0) -> Line:
    ws = tuple(sorted(words, key=lambda w: w.x0))
    sizes = [w.size for w in ws if w.size > 0] or [max(w.bottom - w.top for w in ws)]
    bold = sum(len(w.text) for w in ws if w.bold) > sum(len(w.text) for w in ws) / 2
    return Line(ws, min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws),
                max(w.bottom for w in ws), statistics.median(sizes), bold, ws[0].para, col, band)


def _same_row(a: Word | Line, b: Word | Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _gap_limit(size: float) -> float:
    # word spaces in justified text stay under ~0.6 em; column gutters and table gaps are wider
    return max(1.0 * size, 4.0)


def segments(words: list[Word]) -> list[Line]:
    """Cut words (in content-stream order) into line segments at line changes and wide gaps."""
    runs: list[list[Word]] = []
    for w in words:
        last = runs[-1][-1] if runs else None
        size = w.size or (w.bottom - w.top)
        if last is None or not _same_row(last, w) or w.x0 - last.x1 > _gap_limit(size) or w.x0 < last.x0 - 1:
            runs.append([w])
        else:
            runs[-1].append(w)
    return _merge_adjacent([make_line(r) for r in runs])


def _merge_adjacent(lines: list[Line]) -> list[Line]:
    """Join pieces of one line that the content stream drew separately (a bold run, a superscript)."""
    out: list[Line] = []
    for ln in sorted(lines, key=lambda item: (round(item.top), item.x0)):
        prev = next((p for p in reversed(out[-4:]) if _same_row(p, ln)), None)
        if prev is not None and 0 <= ln.x0 - prev.x1 <= _gap_limit(prev.size) and prev.para == ln.para:
            out[out.index(prev)] = make_line(prev.words + ln.words)
        else:
            out.append(ln)
    return out


def gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """Vertical bands that column-like lines never cross, with column text on both sides."""
    if not lines:
        return []
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    width = right - left
    cands = [ln for ln in lines if 0.2 * width <= ln.x1 - ln.x0 <= 0.62 * width]
    if len(cands) < 4:
        return []
    cover = [0] * (int(width) + 2)
    for ln in cands:
        for x in range(int(ln.x0 - left), int(ln.x1 - left) + 1):
            cover[x] += 1
    # a few lines may cross (running header, a wide caption); both sides must still hold columns. A column
    # that holds mostly a table (short pieces, few text lines) is sparse: then only an empty band counts
    # (and narrow: a wide empty band there is the space between a full-width table's columns)
    found = _bands(cover, cands, left, width, max(2, len(cands) // 10))
    return found or [g for g in _bands(cover, cands, left, width, 1) if g[1] - g[0] <= 0.08 * width]


def _bands(cover: list[int], cands: list[Line], left: float, width: float, allowed: int) -> list[tuple[float, float]]:
    found: list[tuple[float, float]] = []
    start = None
    for x, n in enumerate(cover + [len(cands)]):
        if n <= allowed and start is None:
            start = x
        elif n > allowed and start is not None:
            if x - start >= 6 and start > 0.15 * width and x < 0.85 * width:
                found.append((left + start, left + x))
            start = None
    return [g for g in found if _supported(g, cands)]


def _supported(gutter: tuple[float, float], cands: list[Line]) -> bool:
    lo, hi = gutter
    # the band may start a little inside the column when one line there ends early: measure to its far side
    n_left = sum(1 for ln in cands if lo - 30 <= ln.x1 <= hi)
    n_right = sum(1 for ln in cands if lo <= ln.x0 <= hi + 30)
    return n_left >= 2 and n_right >= 2


def reading_order(lines: list[Line], gaps: list[tuple[float, float]]) -> list[Line]:
    """Lines in reading order: full-width lines split the page into bands read column by column."""
    ordered: list[Line] = []
    band: dict[int, list[Line]] = defaultdict(list)
    n_band, spanning = 0, False

    def flush() -> None:
        for col in sorted(band):
            ordered.extend(by_rows(band[col]))
        band.clear()

    for ln in sorted(lines, key=lambda item: (item.top, item.x0)):
        col = _column(ln, gaps)
        if (col < 0) != spanning and band:
            flush()
            n_band += 1
        spanning = col < 0
        band[col].append(_with(ln, col, n_band))
    flush()
    return ordered


def by_rows(lines: list[Line]) -> list[Line]:
    """Top to bottom; pieces of one row (table cells, OCR'd labels) left to right."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda item: item.top):
        if rows and _same_row(rows[-1][0], ln):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda item: item.x0)]


def _with(ln: Line, col: int, band: int) -> Line:
    return Line(ln.words, ln.x0, ln.top, ln.x1, ln.bottom, ln.size, ln.bold, ln.para, col, band)


def _column(ln: Line, gaps: list[tuple[float, float]]) -> int:
    if any(ln.x0 < lo - 1 and ln.x1 >= hi - 1 for lo, hi in gaps):  # covers the whole gutter
        return -1
    center = (ln.x0 + ln.x1) / 2
    return sum(1 for lo, hi in gaps if (lo + hi) / 2 < center)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def running_lines(pages: list[tuple[float, list[Line]]]) -> set[tuple[int, int]]:
    """(page index, line index) of running headers, footers and page numbers.

    A margin line is running when it is a bare page number, its digit-blind text recurs in
    the same margin on another page (odd/even headers recur every other page), or it sits in
    the top margin in type smaller than the body (journal furniture of a one-page document).
    """
    body = body_size([ln for _, lines in pages for ln in lines])
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    where: list[tuple[int, int, str, str]] = []
    for p, (height, lines) in enumerate(pages):
        for i, ln in enumerate(lines):
            zone = "top" if ln.bottom < MARGIN_BAND * height else ""
            zone = zone or ("bottom" if ln.top > (1 - MARGIN_BAND) * height else "")
            if zone:
                key = _key(ln.text)
                seen[(zone, key)].add(p)
                where.append((p, i, zone, key))
    out = set()
    for p, i, zone, key in where:
        text = pages[p][1][i].text.strip()
        small_top = zone == "top" and 0 < pages[p][1][i].size < body - 0.5
        if _PAGE_NUMBER.match(text) or len(seen[(zone, key)]) >= 2 or small_top:
            out.add((p, i))
    return out


def body_size(lines: list[Line]) -> float:
    """The font size most characters are set in."""
    weight: dict[float, int] = defaultdict(int)
    for ln in lines:
        weight[round(ln.size * 2) / 2] += len(ln.text)
    return max(weight, key=lambda s: weight[s]) if weight else 10.0
