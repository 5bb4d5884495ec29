"""Tables inside a page image: ruled grids by OpenCV, booktabs and borderless by word rivers, one OCR pass."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from evidex.extract.tables.cells import cells_bbox, cells_from_bounds, map_cells
from evidex.extract.tables.grid import Ruled, merged_spans, rule_ink, rule_masks, ruled_regions
from evidex.extract.tables.layout import borderless_layouts, split_bands
from evidex.extract.tables.marks import fix_marks
from evidex.extract.tables.ocr import Prepared, clean_for_ocr, drop_specks, prepare, read_words
from evidex.extract.tables.quality import choose, table_quality
from evidex.extract.tables.reocr import reread
from evidex.extract.tables.words import Word
from evidex.models import BBox, Cell, RunOptions, Table

Found = list[tuple[list[Cell], int, int, str]]  # cells, n_rows, n_cols, method
PSM = 6  # uniform block: measured better than sparse (11) on degraded table scans


def to_gray(image: Any) -> np.ndarray:
    arr = np.asarray(image)
    if arr.ndim == 3:
        import cv2

        arr = cv2.cvtColor(arr[..., :3], cv2.COLOR_RGB2GRAY)
    return arr.astype(np.uint8)


def image_tables(image: Any, page: int, scale: float, region: BBox | None, options: RunOptions) -> list[Table]:
    prep = prepare(to_gray(image), scale)
    ppp = scale * prep.factor
    horiz, vert = rule_masks(rule_ink(prep.image), ppp)
    regions = ruled_regions(horiz, vert, ppp)
    clean = clean_for_ocr(prep.image, np.maximum(horiz, vert), ppp)
    words = drop_specks(read_words(clean, options.ocr_lang, PSM), ppp)
    found: Found = []
    rest = list(words)
    for reg in regions:
        inside = [w for w in rest if _within(w, reg.box, pad=3 * ppp)]
        rest = [w for w in rest if not _within(w, reg.box, pad=3 * ppp)]
        found.extend(_ruled(reg, inside, vert, horiz))
    found.extend(_borderless(rest, "ocr-rivers", min_rows=3))
    to_points = _to_points(prep, scale, region)
    tables = []
    for cells, n_rows, n_cols, method in found:
        cells = map_cells(fix_marks(clean, reread(clean, cells, words, options.ocr_lang)), to_points)
        q = table_quality(cells, n_rows, n_cols)
        tables.append(Table("", None, page=page, bbox=cells_bbox(cells), method=method, quality=q, n_rows=n_rows,
                            n_cols=n_cols, cells=tuple(cells), from_ocr=True))
    return [replace(t, table_id=f"p{page}-ocr{i + 1}") for i, t in enumerate(choose(tables))]


def _ruled(reg: Ruled, words: list[Word], vert: np.ndarray, horiz: np.ndarray) -> Found:
    if len(reg.xs) >= 3 and len(reg.ys) >= 3:
        ys = split_bands(words, reg.xs, reg.ys)
        spans = merged_spans(vert, horiz, reg.xs, ys) if ys == reg.ys else {}
        cells = cells_from_bounds(words, reg.xs, ys, from_ocr=True, spans=spans)
        return [(cells, len(ys) - 1, len(reg.xs) - 1, "ocr-grid")]
    # horizontal rules only (booktabs): rows and columns come from the words between the rules
    return _borderless(words, "ocr-rules-rivers", min_rows=2)


def _borderless(words: list[Word], method: str, min_rows: int) -> Found:
    out = []
    for lay in borderless_layouts(words, min_rows=min_rows):
        cells = cells_from_bounds(lay.words, lay.xs, lay.ys, from_ocr=True)
        out.append((cells, len(lay.ys) - 1, len(lay.xs) - 1, method))
    return out


def _within(w: Word, box: tuple[int, int, int, int], pad: float) -> bool:
    x0, top, x1, bottom = box
    return x0 - pad <= w.xc <= x1 + pad and top - pad <= w.yc <= bottom + pad


def _to_points(prep: Prepared, scale: float, region: BBox | None):  # type: ignore[no-untyped-def]
    ox, oy = (region.x0, region.top) if region else (0.0, 0.0)

    def fn(x: float, y: float) -> tuple[float, float]:
        ix, iy = prep.to_input(x, y)
        return ox + ix / scale, oy + iy / scale

    return fn
