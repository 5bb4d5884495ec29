"""Tables on born-digital pages: ruled grids (pdfplumber lines) and borderless layouts (word rivers).

The PDF is opened once; only the pages asked for are read. Every candidate gets
a quality score and, where candidates overlap, the better one is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidex.extract.tables.cells import cells_bbox, cells_from_bounds
from evidex.extract.tables.layout import borderless_layouts
from evidex.extract.tables.quality import table_quality
from evidex.extract.tables.words import Word
from evidex.models import BBox, Cell, Table

LINE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}


def vector_tables(pdf_path: Path, page_numbers: list[int]) -> list[Table]:
    import pdfplumber

    tables: list[Table] = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for number in page_numbers:
            if 1 <= number <= len(pdf.pages):
                page = pdf.pages[number - 1]
                tables.extend(page_tables(page, number))
                page.close()  # frees the page's parsed objects; long PDFs otherwise grow in memory
    return tables


def page_tables(page: Any, number: int) -> list[Table]:
    candidates = ruled_tables(page, number)
    words = [_word(w) for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)]
    ruled_boxes = [t.bbox for t in candidates if t.bbox is not None]
    free = [w for w in words if not any(_inside(w, b) for b in ruled_boxes)]
    candidates.extend(_borderless(free, number))
    return _numbered(choose(candidates), number)


def ruled_tables(page: Any, number: int) -> list[Table]:
    out = []
    for found in page.find_tables(LINE_SETTINGS):
        texts = found.extract()
        cells: list[Cell] = []
        for r, (row, row_text) in enumerate(zip(found.rows, texts, strict=False)):
            for c, (box, text) in enumerate(zip(row.cells, row_text, strict=False)):
                if box is None:
                    continue  # a slot covered by a merged cell to its left/above
                clean = " ".join((text or "").split())
                cells.append(Cell(r, c, clean, BBox(*(round(v, 2) for v in box))))
        n_rows, n_cols = len(found.rows), max((len(r.cells) for r in found.rows), default=0)
        q = table_quality(cells, n_rows, n_cols)
        if n_rows >= 2 and n_cols >= 2:
            out.append(Table("", None, page=number, bbox=BBox(*found.bbox), method="pdfplumber-lines", quality=q,
                             n_rows=n_rows, n_cols=n_cols, cells=tuple(cells)))
    return out


def _borderless(words: list[Word], number: int) -> list[Table]:
    out = []
    for lay in borderless_layouts(words):
        cells = cells_from_bounds(lay.words, lay.xs, lay.ys, from_ocr=False)
        n_rows, n_cols = len(lay.ys) - 1, len(lay.xs) - 1
        q = table_quality(cells, n_rows, n_cols)
        out.append(Table("", None, page=number, bbox=cells_bbox(cells), method="word-rivers", quality=q,
                         n_rows=n_rows, n_cols=n_cols, cells=tuple(cells)))
    return out


def choose(candidates: list[Table], min_quality: float = 0.45) -> list[Table]:
    """Best-first; a candidate overlapping a better one is dropped; poor ones are dropped."""
    kept: list[Table] = []
    for t in sorted(candidates, key=lambda t: t.quality or 0.0, reverse=True):
        if (t.quality or 0.0) < min_quality:
            continue
        if t.bbox is not None and any(k.bbox is not None and overlap(t.bbox, k.bbox) > 0.5 for k in kept):
            continue
        kept.append(t)
    return sorted(kept, key=lambda t: (t.bbox.top if t.bbox else 0.0))


def overlap(a: BBox, b: BBox) -> float:
    """Intersection over the smaller box."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a.x1 - a.x0) * (a.bottom - a.top), (b.x1 - b.x0) * (b.bottom - b.top))
    return w * h / smaller if smaller > 0 else 0.0


def _numbered(tables: list[Table], number: int) -> list[Table]:
    from dataclasses import replace

    return [replace(t, table_id=f"p{number}-t{i + 1}") for i, t in enumerate(tables)]


def _word(w: dict[str, Any]) -> Word:
    return Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))


def _inside(w: Word, box: BBox, pad: float = 2.0) -> bool:
    return box.x0 - pad <= w.xc <= box.x1 + pad and box.top - pad <= w.yc <= box.bottom + pad
