"""Tables on born-digital pages: ruled grids (pdfplumber lines) and borderless layouts (word rivers).

The PDF is opened once; only the pages asked for are read. Every candidate gets
a quality score and, where candidates overlap, the better one is kept.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from evidex.extract.tables.cells import cells_bbox, cells_from_bounds
from evidex.extract.tables.layout import borderless_layouts, split_bands
from evidex.extract.tables.quality import MIN_QUALITY, choose, table_quality
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
    words = [_word(w) for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)]
    candidates = [_split_rows(t, words) for t in ruled_tables(page, number)]
    # words of a poor ruled candidate stay free, so the word layout can still find that table
    ruled_boxes = [t.bbox for t in candidates if t.bbox is not None and (t.quality or 0.0) >= MIN_QUALITY]
    free = [w for w in words if not any(_inside(w, b) for b in ruled_boxes)]
    candidates.extend(_borderless(free, number))
    return _numbered(choose(candidates), number)


def ruled_tables(page: Any, number: int) -> list[Table]:
    out = []
    for found in page.find_tables(LINE_SETTINGS):
        texts = found.extract()
        xs = sorted({round(b[0], 1) for row in found.rows for b in row.cells if b} | {round(found.bbox[2], 1)})
        ys = sorted({round(b[1], 1) for row in found.rows for b in row.cells if b} | {round(found.bbox[3], 1)})
        cells: list[Cell] = []
        for r, (row, row_text) in enumerate(zip(found.rows, texts, strict=False)):
            for c, (box, text) in enumerate(zip(row.cells, row_text, strict=False)):
                if box is None:
                    continue  # a slot covered by a merged cell to its left/above
                clean = " ".join((text or "").split())
                rs, cs = _span(ys, box[1], box[3]), _span(xs, box[0], box[2])
                cells.append(Cell(r, c, clean, BBox(*(round(v, 2) for v in box)), row_span=rs, col_span=cs))
        n_rows, n_cols = len(found.rows), max((len(r.cells) for r in found.rows), default=0)
        q = table_quality(cells, n_rows, n_cols)
        if n_rows >= 2 and n_cols >= 2:
            out.append(Table("", None, page=number, bbox=BBox(*found.bbox), method="pdfplumber-lines", quality=q,
                             n_rows=n_rows, n_cols=n_cols, cells=tuple(cells)))
    return out


def _split_rows(t: Table, words: list[Word]) -> Table:
    """A grid ruled only around its header holds many rows per band: rebuild it from its words."""
    if t.bbox is None or t.n_rows > 3:
        return t
    xs = sorted({c.bbox.x0 for c in t.cells if c.bbox} | {t.bbox.x1})
    ys = sorted({c.bbox.top for c in t.cells if c.bbox} | {t.bbox.bottom})
    inside = [w for w in words if _inside(w, t.bbox, pad=0.0)]
    new_ys = split_bands(inside, xs, ys)
    if new_ys == ys or len(xs) - 1 != t.n_cols:
        return t
    cells = cells_from_bounds(inside, xs, new_ys, from_ocr=False)
    n_rows = len(new_ys) - 1
    return replace(t, cells=tuple(cells), n_rows=n_rows, quality=table_quality(cells, n_rows, t.n_cols))


def _borderless(words: list[Word], number: int) -> list[Table]:
    out = []
    for lay in borderless_layouts(words):
        cells = cells_from_bounds(lay.words, lay.xs, lay.ys, from_ocr=False)
        n_rows, n_cols = len(lay.ys) - 1, len(lay.xs) - 1
        q = table_quality(cells, n_rows, n_cols)
        out.append(Table("", None, page=number, bbox=cells_bbox(cells), method="word-rivers", quality=q,
                         n_rows=n_rows, n_cols=n_cols, cells=tuple(cells)))
    return out


def _numbered(tables: list[Table], number: int) -> list[Table]:
    return [replace(t, table_id=f"p{number}-t{i + 1}") for i, t in enumerate(tables)]


def _span(edges: list[float], lo: float, hi: float) -> int:
    """How many grid slots a merged cell covers: the edges strictly inside it, plus one."""
    return 1 + sum(1 for e in edges if lo + 0.5 < e < hi - 0.5)


def _word(w: dict[str, Any]) -> Word:
    return Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))


def _inside(w: Word, box: BBox, pad: float = 2.0) -> bool:
    return box.x0 - pad <= w.xc <= box.x1 + pad and box.top - pad <= w.yc <= box.bottom + pad
