"""A scanned table the word finder built from OCR words, its doubtful cells checked against the page image.

Borderless and booktabs scans are read by the born-digital finder (evidex.extract.scan._word_tables),
which knows only the words Tesseract returned. Three of Tesseract's slips there are visible in the
pixels and are checked cell by cell, each only where the words give a reason to look:

- two cells read as one word ('13 11' -> '13°«d', a speck bridging the gap), or a word Tesseract was
  unsure of: the cell's crop is read again alone (reocr.read_cells, all such cells in one call);
- a lone dash ('none', 'not done') dropped or read as '.', ':' or ',': one short flat stroke at the
  height of the row's text is a dash (``dash_in``);
- a decimal point dropped ('8.5' -> '85') in a column whose numbers carry decimals: a dot-sized blob
  on the digits' baseline, between two digits, puts the point back (``point_in``); a lone decimal
  comma among the column's points is a point ('80,8' among '38.5').

Every change keeps what Tesseract read and the rule that changed it (``Recheck``) for the repair log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from evidex.extract.tables.reocr import read_cells, straddling
from evidex.extract.tables.words import Word
from evidex.models import BBox, Cell

LOW_CONF = 60.0  # a cell whose words Tesseract was less sure of is read again alone
# a word over a column edge is two cells read as one only when Tesseract doubted it: a header's words often
# run past the edges the body's columns give (measured: 'ECOG' read alone in its column's crop gave 'ECO')
JOINED_CONF = 80.0
SURE = 65.0  # a doubtful cell's second reading must be at least this sure (and surer than the first)
# what Tesseract leaves of a lone dash (or nothing at all); a real '+' fails the ink check (it is not flat)
MARKS = set(".,:;·'‘’`_~-–—=+")
DECIMAL_SHARE = 0.3  # a column 'carries decimals' when this share of its numbers has a point
INT = re.compile(r"^\d{2,4}$")
DEC = re.compile(r"^\d+[.,]\d+$")
COMMA = re.compile(r"^\d+,\d{1,2}$")  # a decimal comma: never a thousands separator (that takes 3 digits)
Point = Callable[[float, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Recheck:
    """A cell changed after looking at its pixels: where, what Tesseract read, what it holds now, and why."""

    row: int
    col: int
    raw: str
    text: str
    rule: str  # "ocr_reread.v1", "ocr_dash_ink.v1", "ocr_point_ink.v1"


def recheck(cells: Sequence[Cell], words: Sequence[Word], image: np.ndarray, to_px: Point, ppp: float,
            lang: str) -> tuple[list[Cell], list[Recheck]]:
    """Cells (PDF points) with the doubtful ones checked on ``image`` (``to_px``: point -> its pixel)."""
    px = _pixel_boxes(cells, to_px, ppp)
    out = {(c.row, c.col): c for c in cells}
    log: list[Recheck] = []

    def change(c: Cell, text: str, conf: float | None, rule: str) -> None:
        if text != c.text:
            log.append(Recheck(c.row, c.col, c.text, text, rule))
            out[(c.row, c.col)] = replace(c, text=text, confidence=conf, raw=c.raw or c.text, rule=rule)

    for c, text, conf in _reread(cells, words, image, px, lang, ppp):
        change(c, text, conf, "ocr_reread.v1")
    for c in _dashes(list(out.values()), words, image, px, to_px, ppp):
        change(c, "-", c.confidence, "ocr_dash_ink.v1")
    for col in _decimal_columns(list(out.values())):
        points = sum(1 for c in col if DEC.match(c.text.strip()) and "." in c.text)
        for c in col:
            box = px.get((c.row, c.col))
            if box is not None and INT.match(c.text.strip()) and (fixed := point_in(_crop(image, box), c.text, ppp)):
                change(c, fixed, c.confidence, "ocr_point_ink.v1")
            elif COMMA.match(c.text.strip()) and points >= 2 * sum(1 for d in col if COMMA.match(d.text.strip())):
                # a lone comma among a column's points is the point, blurred: '80,8' in a column of '38.5'
                change(c, c.text.strip().replace(",", "."), c.confidence, "ocr_decimal_comma.v1")
    return [out[(c.row, c.col)] for c in cells], log


def _reread(cells: Sequence[Cell], words: Sequence[Word], image: np.ndarray, px: dict[tuple[int, int], BBox],
            lang: str, ppp: float) -> list[tuple[Cell, str, float | None]]:
    """Cells touched by a word over a column edge, or read with low confidence, read again alone.

    A joined word's cells are read again only when the column edge runs through blank paper: an edge
    that cuts a glyph (a header word wider than the body's column) would cut the word in two.
    A doubtful cell takes its new reading only when that is sure enough and more sure than the first.
    """
    joined = straddling(list(cells), [w for w in words if w.conf is not None and w.conf < JOINED_CONF])
    merged = {k for k in joined if k in px and not _cut(_crop(image, _inset(px[k])), ppp)}
    todo = [c for c in cells if (c.row, c.col) in px and ((c.row, c.col) in merged or (
        c.text and c.confidence is not None and c.confidence < LOW_CONF))]
    if not todo:
        return []
    readings = read_cells(image, [replace(c, bbox=px[(c.row, c.col)]) for c in todo], lang)
    out: list[tuple[Cell, str, float | None]] = []
    for c in todo:
        text, conf = readings.get((c.row, c.col), ("", None))
        forced = (c.row, c.col) in merged
        sure = conf is not None and (forced or (conf >= SURE and conf > (c.confidence or 0)))
        if text.lower() == c.text.lower() or not sure:
            continue
        if _glyphs(_crop(image, _inset(px[(c.row, c.col)])), ppp) > sum(ch.isalnum() for ch in text):
            continue  # the reading lost a glyph the ink shows (Tesseract drops a lone crop's leading '1')
        out.append((c, text, conf))
    return out


def _glyphs(crop: np.ndarray, ppp: float) -> int:
    """Glyphs at least as tall as most of the tallest: digits and capitals (touching ones count as one)."""
    parts = _components(crop)
    tall = max((p[3] for p in parts), default=0)
    return sum(1 for p in parts if p[3] >= 0.6 * tall) if tall >= 1.5 * ppp else 0


def _inset(b: BBox, by: float = 3.0) -> BBox:
    return BBox(b.x0 + by, b.top + by, b.x1 - by, b.bottom - by)


def _cut(crop: np.ndarray, ppp: float) -> bool:
    """Ink taller than a speck runs over the crop's left or right edge: the edge cuts a glyph."""
    w = crop.shape[1] if crop.ndim == 2 else 0
    return any(p[3] > ppp and (p[0] == 0 or p[0] + p[2] >= w) for p in _components(crop))


def _pixel_boxes(cells: Sequence[Cell], to_px: Point, ppp: float) -> dict[tuple[int, int], BBox]:
    """Cell boxes in pixels; the table's outer left and right edges moved out by a point, since the finder
    draws them through its outermost glyphs' ink (a crop there, inset off its rules, lost a '1' of '17')."""
    boxes = {(c.row, c.col): _box(c.bbox, to_px) for c in cells if c.bbox is not None}
    if not boxes:
        return boxes
    left, right = min(b.x0 for b in boxes.values()), max(b.x1 for b in boxes.values())
    out = 3 + ppp
    return {k: BBox(b.x0 - out if b.x0 <= left + 1 else b.x0, b.top, b.x1 + out if b.x1 >= right - 1 else b.x1,
                    b.bottom) for k, b in boxes.items()}


def _box(b: BBox, to_px: Point) -> BBox:
    (x0, top), (x1, bottom) = to_px(b.x0, b.top), to_px(b.x1, b.bottom)
    return BBox(min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom))


def _crop(image: np.ndarray, b: BBox) -> np.ndarray:
    y0, y1 = max(0, int(b.top)), min(image.shape[0], int(b.bottom) + 1)
    x0, x1 = max(0, int(b.x0)), min(image.shape[1], int(b.x1) + 1)
    return image[y0:y1, x0:x1]


def _mark_candidate(text: str) -> bool:
    t = text.replace(" ", "")
    return len(t) <= 2 and all(ch in MARKS for ch in t) and t not in ("-", "–", "—")


def _dashes(cells: list[Cell], words: Sequence[Word], image: np.ndarray, px: dict[tuple[int, int], BBox],
            to_px: Point, ppp: float) -> list[Cell]:
    """Cells that hold a lone dash Tesseract dropped or misread: a mark-only cell whose ink is one short
    flat stroke at the middle of its row's first text line. An empty cell counts only in a column where
    Tesseract read a dash elsewhere (a column that prints dashes), so a speck in a blank cell stays blank."""
    dashed = {c.col for c in cells if c.text.strip() in ("-", "–", "—")}
    todo = [c for c in cells
            if (c.row, c.col) in px and _mark_candidate(c.text) and (c.text.strip() or c.col in dashed)]
    if not todo:
        return []
    word_px = [(to_px(w.xc, w.yc), to_px(w.x0, w.top)[1], to_px(w.x1, w.bottom)[1]) for w in words
               if any(ch.isalnum() for ch in w.text)]
    out = []
    for c in todo:
        row = [px[(d.row, d.col)] for d in cells if d.row == c.row and (d.row, d.col) in px and d.text.strip()]
        line = _line_band(row, word_px)
        box = px[(c.row, c.col)]
        if line is not None and dash_in(_crop(image, box), box, line, ppp):
            out.append(c)
    return out


def _line_band(boxes: list[BBox], words: list[tuple[tuple[float, float], float, float]]) -> tuple[float, float] | None:
    """Top and bottom (pixels) of the first text line in a row's cells (``words``: centre, top, bottom)."""
    spans = [(t, b) for (x, y), t, b in words if any(k.x0 <= x <= k.x1 and k.top <= y <= k.bottom for k in boxes)]
    if not spans:
        return None
    first = min(t for t, _ in spans)
    h = float(np.median([b - t for t, b in spans]))
    line = [(t, b) for t, b in spans if t < first + 0.6 * h]
    return float(np.median([t for t, _ in line])), float(np.median([b for _, b in line]))


def _components(crop: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Ink components (x, y, w, h, area) of a binarized crop (ink dark)."""
    import cv2

    if crop.size == 0:
        return []
    ink = (crop < 128).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return [tuple(int(v) for v in stats[i][:5]) for i in range(1, n)]  # type: ignore[misc]


def dash_in(crop: np.ndarray, box: BBox, line: tuple[float, float], ppp: float) -> bool:
    """One short flat stroke, at the middle of the row's text line, and otherwise only specks: a dash.

    A stroke wider than half the cell is a rule's remnant; one at the line's top or baseline is an
    underline or overline, not a dash.
    """
    top, bottom = line
    h = max(bottom - top, 1.0)
    parts = _components(crop)
    speck = 0.9 * ppp  # dust under about a point either way
    big = [p for p in parts if p[2] > speck or p[3] > speck]
    if len(big) != 1:
        return False
    x, y, w, hh, _ = big[0]
    # a hyphen in small type binarizes to a 6 x 4 pixel blob: flatness alone cannot tell it from a period,
    # its height on the line does (a period sits on the baseline)
    if not (w >= 1.15 * hh and 1.2 * ppp <= w <= min(0.5 * crop.shape[1], 1.2 * h) and hh <= 0.3 * h):
        return False
    yc = box.top + y + hh / 2
    return top + 0.3 * h <= yc <= top + 0.8 * h


def _decimal_columns(cells: list[Cell]) -> list[list[Cell]]:
    """Columns whose numbers mostly carry a decimal point: the cells of each (header rows too; they fail INT)."""
    cols: dict[int, list[Cell]] = {}
    for c in cells:
        cols.setdefault(c.col, []).append(c)
    out = []
    for col in cols.values():
        nums = [c.text.strip() for c in col if INT.match(c.text.strip()) or DEC.match(c.text.strip())
                or c.text.strip().isdigit()]
        dec = sum(1 for t in nums if DEC.match(t))
        if len(nums) >= 4 and dec >= DECIMAL_SHARE * len(nums):
            out.append(col)
    return out


def point_in(crop: np.ndarray, text: str, ppp: float) -> str | None:
    """``text`` (digits only) with the decimal point its ink shows: a dot-sized blob on the digits' baseline
    in a gap between two digits; None when the ink shows no such point or the digits cannot be matched."""
    parts = sorted(_components(crop), key=lambda p: p[0])
    if not parts:
        return None
    tall = max(p[3] for p in parts)
    digits = [p for p in parts if p[3] >= 0.6 * tall]
    if len(digits) != len(text) or tall < 1.5 * ppp:
        return None
    base = float(np.median([p[1] + p[3] for p in digits]))
    dots = [p for p in parts if p[3] < 0.35 * tall and p[2] < 0.35 * tall and 0.5 <= p[2] / max(p[3], 1) <= 2.0
            and abs(p[1] + p[3] - base) <= 0.15 * tall and p[4] >= 0.15 * ppp * ppp]
    for d in dots:
        left = sum(1 for p in digits if p[0] + p[2] <= d[0] + 1)
        right = sum(1 for p in digits if p[0] >= d[0] + d[2] - 1)
        if 0 < left < len(text) and left + right == len(text):
            return text[:left] + "." + text[left:]
    return None
