"""Where a table can be on a born-digital page: under (or over) its "Table N" caption, inside one text column
or across the page, down to the first line of prose, footnote, next caption or wide gap.

A region bounds the words a table may take, so a table set in one column never takes in the body text
of the column beside it, and prose, reference lists and author lists (which carry no caption) are
never read as tables. Figures are told apart from tables by their own captions and by their drawings.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from evidex.extract.layout import Line, gutters, segments
from evidex.extract.tables.captions import ABBREVIATIONS, CAPTION, FOOTNOTE
from evidex.extract.words import Word
from evidex.models import BBox

FIGURE = re.compile(r"^\s*(?:fig(?:ure)?\.?|scheme|chart)\s*[0-9]{1,3}[A-Za-z]?\b", re.IGNORECASE)
PROSE_WORDS = 7  # a one-piece line this long and this wide is running text, not a table row
PROSE_WIDTH = 0.6  # share of the region's width
MAX_CAPTION_LINES = 5


@dataclass(frozen=True, slots=True)
class Region:
    """The box a captioned table may take words from, and its caption."""

    box: BBox
    label: str
    caption: str
    caption_box: BBox


def page_lines(words: list[Word]) -> tuple[list[Line], list[tuple[float, float]]]:
    """Line segments of a page and the gutters between its text columns."""
    segs = segments(words)
    return segs, gutters(segs)


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Segments on one baseline together, top to bottom, each row left to right."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda s: (s.top, s.x0)):
        if rows and _overlap(rows[-1][0], ln):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [sorted(r, key=lambda s: s.x0) for r in rows]


def _overlap(a: Line, b: Line) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) >= 0.4 * min(a.bottom - a.top, b.bottom - b.top)


def is_caption_start(seg: Line, segs: list[Line]) -> bool:
    """A 'Table N' that starts its line (a mention inside a sentence does not)."""
    if not CAPTION.match(seg.text):
        return False
    return not any(_overlap(o, seg) and o.x1 <= seg.x0 + 1 and seg.x0 - o.x1 < 12 for o in segs if o is not seg)


def caption_block(seg: Line, segs: list[Line], gaps: list[tuple[float, float]] | None = None) -> list[Line]:
    """The caption's line and the title lines that follow it at text pitch, in the same type.

    On a page set in text columns, the lines of the column beside the caption (body text, or the caption
    of a table set in that column) are no part of it: they neither end the title nor stand for its cells.
    """
    segs = [s for s in segs if s is seg or not _across_gutter(seg, s, gaps or [])]
    block = [seg]
    below = sorted((s for s in segs if s.top > seg.top + 1), key=lambda s: s.top)
    for s in below:
        last = block[-1]
        if len(block) >= MAX_CAPTION_LINES or s.top - last.bottom > 0.8 * max(last.size, 4.0):
            break
        same_size = abs(s.size - seg.size) <= 0.6
        alone = not any(_overlap(s, o) and 0 < o.x0 - s.x1 < 250 for o in segs if o is not s)
        if same_size and seg.x0 - 4 <= s.x0 <= seg.x0 + 30 and (s.x1 - s.x0 > 0.5 * (seg.x1 - seg.x0) or alone):
            if any(_overlap(s, o) for o in segs if o is not s and abs(o.x0 - s.x1) < 40 and o.x0 > s.x1
                   and len(o.words) <= 3):
                break  # the next line has cells beside it: the table has begun
            block.append(s)
        elif abs(s.top - last.top) > 1:
            break
    return block


def _across_gutter(a: Line, b: Line, gaps: list[tuple[float, float]]) -> bool:
    """``b`` lies wholly in another text column than ``a``: a gutter of the page runs between them."""
    return any((b.x0 >= hi - 2 and a.x1 <= lo + 2) or (b.x1 <= lo + 2 and a.x0 >= hi - 2) for lo, hi in gaps)


def _columns(gaps: list[tuple[float, float]], left: float, right: float) -> list[tuple[float, float]]:
    edges = [left] + [x for g in gaps for x in g] + [right]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]


def x_range(block: list[Line], segs: list[Line], gaps: list[tuple[float, float]],
            rules: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """The caption's text column, or the whole text width when the table crosses the gutter."""
    left, right = min(s.x0 for s in segs), max(s.x1 for s in segs)
    x0, x1 = min(s.x0 for s in block), max(s.x1 for s in block)
    bottom = max(s.bottom for s in block)
    for lo, hi in _columns(gaps, left, right):
        if x0 >= lo - 3 and x1 <= hi + 3 and (lo, hi) != (left, right):
            # a ruling under the caption wider than the column, or short cells beside it: the page's width
            wide_rule = any(r[3] - r[1] < 2 and r[2] - r[0] > (hi - lo) + 20 and bottom - 4 <= r[1] <= bottom + 40
                            and r[0] <= hi and r[2] >= lo for r in rules)
            if wide_rule or _cells_beside(segs, lo, hi, bottom, gaps):
                return left, right
            return lo, hi
    return left, right


def _cells_beside(segs: list[Line], lo: float, hi: float, bottom: float,
                  gaps: list[tuple[float, float]] | None = None) -> bool:
    """The table's rows go on across the gutter: under the caption, most rows of its column have short pieces
    on the same baseline in another column (body text there is long; figure labels and a neighbour table's
    rows seldom share the baselines)."""
    # the column beside holds a table of its own when the nearest caption or line of prose above its rows there
    # is a 'Table N' caption
    beside = [s for s in segs if (s.x1 < lo or s.x0 > hi) and s.top <= bottom]
    captions = [s for s in beside if is_caption_start(s, segs)]
    titles = {id(t) for c in captions for t in caption_block(c, segs, gaps)}
    prose = [s for s in beside if id(s) not in titles and len(s.words) >= PROSE_WORDS
             and s.x1 - s.x0 >= PROSE_WIDTH * (hi - lo)]
    if captions and max(c.top for c in captions) >= max((p.top for p in prose), default=-1.0):
        return False
    mine = _rows([s for s in segs if s.x0 >= lo - 3 and s.x1 <= hi + 3 and bottom <= s.top <= bottom + 120])[:8]
    other = [s for s in segs if (s.x1 < lo or s.x0 > hi) and bottom - 2 <= s.top <= bottom + 130
             and s.x1 - s.x0 < 0.45 * (hi - lo)]
    if len(mine) < 3:
        return False
    aligned = sum(1 for r in mine if any(abs(o.top - r[0].top) <= 1.5 and abs(o.bottom - r[0].bottom) <= 1.5
                                         for o in other))
    return aligned >= 0.6 * len(mine)


def body_width(segs: list[Line]) -> float:
    """The width of the page's lines of running text (the median of its long lines)."""
    long = [s.x1 - s.x0 for s in segs if len(s.words) >= PROSE_WORDS + 3]
    return statistics.median(long) if long else 0.0


def _prose(row: list[Line], width: float, body: float = 0.0) -> bool:
    """One wide line of running text, or running text in every column (the page's body text below a table)."""
    if len(row) == 1:
        s = row[0]
        # a line as wide as the page's running text and as long, in a region wider than that (a table
        # across a two-column page ending in the body text of one column); a table's section heading is shorter
        body_line = 0 < body < 0.7 * width and s.x1 - s.x0 >= 0.95 * body and len(s.words) >= 2 * PROSE_WORDS
        return len(s.words) >= PROSE_WORDS and (s.x1 - s.x0 >= PROSE_WIDTH * width or body_line)
    if all(len(s.words) >= PROSE_WORDS - 1 and s.x1 - s.x0 >= 0.3 * width for s in row):
        return True
    # justified text whose stretched spaces cut it into pieces: many words, pieces a few spaces apart
    size = statistics.median(s.size for s in row)
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False)]
    n_words = sum(len(s.words) for s in row)
    return n_words >= 10 and max(gaps) <= 2.0 * size and row[-1].x1 - row[0].x0 >= PROSE_WIDTH * width


def _numeric_line(row: list[Line]) -> bool:
    words = [w.text for s in row for w in s.words]
    return sum(1 for w in words if NUMBER_WORD.match(w)) >= 0.5 * len(words)


NUMBER_WORD = re.compile(r"^[<>≤≥±+\-−–]?\(?\d[\d.,]*%?\)?[,;]?$")


def _lines_up(row: list[Line], below: list[Line] | None) -> bool:
    """Short pieces whose edges line up with the pieces of the row under them: column heads or a row of cells
    ("Placebo (n = 33)  RMD (n = 33)  Total (n = 66)"), however close together they are set; the pieces of a
    justified line of running text line up with nothing."""
    if below is None or len(row) < 2 or len(below) < 2 or any(len(s.words) > PROSE_WORDS - 3 for s in row):
        return False
    edges = [(o.x0, o.x1, (o.x0 + o.x1) / 2) for o in below]
    hits = sum(1 for s in row if any(abs(s.x0 - a) <= 2 or abs(s.x1 - b) <= 2 or abs((s.x0 + s.x1) / 2 - c) <= 3
                                     for a, b, c in edges))
    return hits >= max(2, len(row) - 1)


GLUED_NOTE = re.compile(r"^[a-h*†‡§¶]\s?[A-Z][a-z]+\s")  # "aData are ...": a footnote mark glued to its text


def walk(rows: list[list[Line]], width: float, ruled_gaps: list[tuple[float, float]],
         body: float = 0.0) -> list[list[Line]]:
    """Rows of a table from its caption on: stop at prose, a footnote, another caption or a wide gap."""
    if not rows:
        return []
    h = statistics.median(s.bottom - s.top for r in rows for s in r)
    out: list[list[Line]] = []
    skipped = 0
    for i, row in enumerate(rows):
        first = row[0].text
        if CAPTION.match(first) or FIGURE.match(first):
            break
        if out:
            gap = abs(row[0].top - out[-1][0].bottom) if row[0].top > out[-1][0].top else abs(
                out[-1][0].top - row[0].bottom)
            ruled = any(min(a, b) <= row[0].top and max(a, b) >= out[-1][0].bottom for a, b in ruled_gaps)
            if gap > (5.0 if ruled else 2.6) * h:
                break
            if len(row) == 1 and len(out) >= 2 and (ABBREVIATIONS.search(first) or GLUED_NOTE.match(first) or (
                    FOOTNOTE.match(first) and not re.match(r"^\s*[a-g]\s", first))):
                break
        if _prose(row, width, body) and not _lines_up(row, rows[i + 1] if i + 1 < len(rows) else None):
            # the caption's own title lines, set apart from its label (a title is words, not a row of numbers)
            if not out and skipped < 3 and not _numeric_line(row):
                skipped += 1
                continue
            break
        out.append(row)
    return out


def caption_regions(words: list[Word], rules: list[tuple[float, float, float, float]]) -> list[Region]:
    """One region per 'Table N' caption that has rows of cells under it (or, failing that, over it)."""
    segs, gaps = page_lines(words)
    out: list[Region] = []
    h_rules = [(r[1] + r[3]) / 2 for r in rules if r[3] - r[1] < 2]
    text_width = body_width(segs)
    for seg in segs:
        if not is_caption_start(seg, segs):
            continue
        block = caption_block(seg, segs, gaps)
        lo, hi = x_range(block, segs, gaps, rules)
        cap_top, cap_bottom = min(s.top for s in block), max(s.bottom for s in block)
        inside = [s for s in segs if lo - 3 <= (s.x0 + s.x1) / 2 <= hi + 3 and s.x0 >= lo - 12 and s.x1 <= hi + 12
                  and s not in block]
        pairs = list(zip(h_rules, h_rules[1:], strict=False))
        below = walk(_rows([s for s in inside if s.top >= cap_bottom - 1]), hi - lo, pairs, text_width)
        above = walk(list(reversed(_rows([s for s in inside if s.bottom <= cap_top + 1]))), hi - lo, pairs, text_width)
        body = below if _tabular(below) else above if _tabular(above) else []
        if not body:
            continue
        ws = [w for r in body for s in r for w in s.words]
        box = BBox(min(lo, min(w.x0 for w in ws)), min(w.top for w in ws), max(hi, max(w.x1 for w in ws)),
                   max(w.bottom for w in ws))
        caption = " ".join(s.text for s in block)
        cap_box = BBox(min(s.x0 for s in block), cap_top, max(s.x1 for s in block), cap_bottom)
        out.append(Region(box, _label(caption), caption, cap_box))
    return out


def _tabular(rows: list[list[Line]]) -> bool:
    return len(rows) >= 2 and sum(1 for r in rows if len(r) >= 2) >= max(1, len(rows) // 3)


def _label(text: str) -> str:
    m = CAPTION.match(text)
    assert m is not None
    n = m.group(1)
    return f"Table {n.upper() if n.isalpha() else n}"


def figure_zones(words: list[Word], drawings: list[BBox], images: list[BBox]) -> list[BBox]:
    """Boxes that hold figures: pictures, clusters of vector drawings, and the space a 'Figure N' caption heads."""
    zones = list(images)
    if len(drawings) >= 3:
        zones.append(BBox(min(b.x0 for b in drawings), min(b.top for b in drawings), max(b.x1 for b in drawings),
                          max(b.bottom for b in drawings)))
    return zones


def figure_captions(words: list[Word]) -> list[BBox]:
    segs = segments(words)
    return [BBox(s.x0, s.top, s.x1, s.bottom) for s in segs if FIGURE.match(s.text)
            and not any(_overlap(o, s) and o.x1 <= s.x0 + 1 and s.x0 - o.x1 < 12 for o in segs if o is not s)]


def table_picture(words: list[Word], box: BBox, reach: float = 150.0) -> bool:
    """A picture on a born-digital page worth OCR: its nearest caption is not a 'Figure N' one (a table's
    caption, or none: a table set as a picture may carry its caption inside). Figures keep their text unread."""
    segs = segments(words)
    best: tuple[float, bool] | None = None
    for s in segs:
        if min(s.x1, box.x1) - max(s.x0, box.x0) <= 0:
            continue
        if box.top - reach <= s.bottom <= box.top + 2:
            dist = box.top - s.bottom
        elif box.bottom - 2 <= s.top <= box.bottom + reach:
            dist = s.top - box.bottom
        else:
            continue
        kind = True if is_caption_start(s, segs) else False if FIGURE.match(s.text) else None
        if kind is not None and (best is None or dist < best[0]):
            best = (dist, kind)
    return best is None or best[1]
