"""Second look at doubtful cells: read the cell alone when the table-wide pass was unsure or merged cells.

One Tesseract process per cell is slow, so only cells whose words straddle a
column rule or whose confidence is low are read again, up to a budget.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from evidex.extract.tables.ocr import read_words
from evidex.extract.tables.words import Word, join_words, mean_conf
from evidex.models import Cell

LOW_CONF = 85.0
BUDGET = 80  # cells per table; all are read in one Tesseract call, so the cost is their area


def straddling(cells: list[Cell], words: list[Word]) -> set[tuple[int, int]]:
    """Cells touched by a word that lies over a column edge: Tesseract read two cells as one word."""
    hit: set[tuple[int, int]] = set()
    for w in words:
        width = max(1.0, w.x1 - w.x0)
        touched = [
            c for c in cells
            if c.bbox and c.bbox.top <= w.yc <= c.bbox.bottom
            and min(w.x1, c.bbox.x1) - max(w.x0, c.bbox.x0) > 0.2 * width
        ]
        if len(touched) > 1:
            hit.update((c.row, c.col) for c in touched)
    return hit


def reread(image: np.ndarray, cells: list[Cell], words: list[Word], lang: str) -> list[Cell]:
    """Cells (prepared-pixel boxes) with doubtful ones re-read; a re-read wins when it is more confident."""
    merged = straddling(cells, words)
    unsure = {(c.row, c.col) for c in cells if c.text and c.confidence is not None and c.confidence < LOW_CONF}
    # merged words first (certainly wrong), then the least confident cells
    todo = [c for c in cells if (c.row, c.col) in merged and c.bbox is not None]
    todo += sorted((c for c in cells if (c.row, c.col) in unsure - merged and c.bbox is not None),
                   key=lambda c: c.confidence or 0.0)
    readings = read_cells(image, todo[:BUDGET], lang)
    out = []
    for c in cells:
        got = readings.get((c.row, c.col))
        out.append(_better(c, got, forced=(c.row, c.col) in merged) if got else c)
    return out


def read_cells(image: np.ndarray, cells: list[Cell], lang: str) -> dict[tuple[int, int], tuple[str, float | None]]:
    """Read many cells with one Tesseract call: their crops stacked one under another, words split back by band."""
    crops, bands, y = [], [], 0
    gap = 24  # blank pixels between crops so Tesseract never joins two cells into one line
    for c in cells:
        crop = _crop(image, c)
        if crop is None:
            continue
        crops.append(crop)
        bands.append((c, y, y + crop.shape[0]))
        y += crop.shape[0] + gap
    if not crops:
        return {}
    width = max(cr.shape[1] for cr in crops) + 2 * gap
    sheet = np.full((y + gap, width), 255, dtype=np.uint8)
    for cr, (_, top, bottom) in zip(crops, bands, strict=True):
        sheet[top + gap // 2 : bottom + gap // 2, gap : gap + cr.shape[1]] = cr
    words = read_words(sheet, lang, psm=6)
    out = {}
    for c, top, bottom in bands:
        inside = [w for w in words if top + gap // 2 <= w.yc <= bottom + gap // 2]
        out[(c.row, c.col)] = (join_words(inside), mean_conf(inside))
    return out


def _crop(image: np.ndarray, cell: Cell) -> np.ndarray | None:
    b = cell.bbox
    assert b is not None
    inset = 3  # keep the cell's own rules out of the crop
    y0, y1 = max(0, int(b.top) + inset), min(image.shape[0], int(b.bottom) - inset)
    x0, x1 = max(0, int(b.x0) + inset), min(image.shape[1], int(b.x1) - inset)
    if y1 - y0 < 5 or x1 - x0 < 5:
        return None
    return image[y0:y1, x0:x1]


def _better(cell: Cell, reread_result: tuple[str, float | None], forced: bool) -> Cell:
    """A merged-word cell always takes its own reading; otherwise the more confident reading wins."""
    text, conf = reread_result
    if conf is None or (not text and not forced):
        return cell
    if forced or cell.confidence is None or conf > cell.confidence or not cell.text:
        return replace(cell, text=text, confidence=conf)
    return cell
