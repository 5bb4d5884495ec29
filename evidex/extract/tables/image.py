"""Tables inside a page image: ruled grids by OpenCV, booktabs and borderless by word rivers, one OCR pass.

``analyse`` prepares an image once (~300 dpi, deskew, rule masks, ruled regions, a clean binary for
Tesseract); ``tables_from`` builds the tables from words read off that clean image. A scanned page's
reader OCRs the clean image once and hands the same words here (evidex.extract.scan), so no pixel is
read twice; only cells that fail their checks are read again (reocr.py). ``image_tables`` is the
stand-alone engine for a picture: analyse, one OCR pass, tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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


@dataclass(frozen=True)
class Analysed:
    """An image as the table engine sees it: prepared pixels, ruling masks, ruled regions, OCR-ready binary."""

    prep: Prepared
    ppp: float  # prepared pixels per PDF point
    horiz: np.ndarray
    vert: np.ndarray
    regions: list[Ruled]
    clean: np.ndarray  # binarized, rules and isolated specks erased: what Tesseract reads


def to_gray(image: Any) -> np.ndarray:
    arr = np.asarray(image)
    if arr.ndim == 3:
        import cv2

        arr = cv2.cvtColor(arr[..., :3], cv2.COLOR_RGB2GRAY)
    return arr.astype(np.uint8)


def analyse(image: Any, scale: float, deskew: bool = True, page: bool = False) -> Analysed:
    """Prepare ``image`` (``scale`` pixels per point) once: everything the table engine needs but words.

    ``page``: text may sit outside the tables (a whole page, a picture of a paragraph): vertical rules
    are erased only inside ruled regions, since the stems of 12 pt letters are as tall as a row's rule.
    """
    prep = prepare(to_gray(image), scale, deskew=deskew)
    ppp = scale * prep.factor
    horiz, vert = rule_masks(rule_ink(prep.image), ppp)
    regions = ruled_regions(horiz, vert, ppp)
    rules = np.maximum(horiz, _within_regions(vert, regions) if page else vert)
    return Analysed(prep, ppp, horiz, vert, regions, clean_for_ocr(prep.image, rules, ppp))


def image_tables(image: Any, page: int, scale: float, region: BBox | None, options: RunOptions) -> list[Table]:
    """Tables in a picture: analysed, read by Tesseract once, doubtful cells read again."""
    seen = analyse(image, scale)
    return tables_from(seen, read_words(seen.clean, options.ocr_lang, PSM), page, scale, region, options)


def tables_from(seen: Analysed, words: list[Word], page: int, scale: float, region: BBox | None,
                options: RunOptions) -> list[Table]:
    """Tables from words already read off ``seen.clean`` (prepared pixels)."""
    ppp = seen.ppp
    words = drop_specks(words, ppp)
    found: Found = []
    rest = list(words)
    for reg in seen.regions:
        inside = [w for w in rest if _within(w, reg.box, pad=3 * ppp)]
        rest = [w for w in rest if not _within(w, reg.box, pad=3 * ppp)]
        found.extend(_ruled(reg, inside, seen.vert, seen.horiz))
    found.extend(_borderless(rest, "ocr-rivers", min_rows=3))
    to_points = prepared_to_points(seen.prep, scale, region)
    tables = []
    for cells, n_rows, n_cols, method in found:
        cells = map_cells(fix_marks(seen.clean, reread(seen.clean, cells, words, options.ocr_lang)), to_points)
        q = table_quality(cells, n_rows, n_cols)
        tables.append(Table("", None, page=page, bbox=cells_bbox(cells), method=method, quality=q, n_rows=n_rows,
                            n_cols=n_cols, cells=tuple(cells), from_ocr=True))
    return [replace(t, table_id=f"p{page}-ocr{i + 1}") for i, t in enumerate(choose(tables))]


def _within_regions(mask: np.ndarray, regions: list[Ruled]) -> np.ndarray:
    out = np.zeros_like(mask)
    for reg in regions:
        x0, top, x1, bottom = reg.box
        out[max(top - 2, 0) : bottom + 3, max(x0 - 2, 0) : x1 + 3] = mask[max(top - 2, 0) : bottom + 3,
                                                                          max(x0 - 2, 0) : x1 + 3]
    return out


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


def prepared_to_points(prep: Prepared, scale: float, region: BBox | None):  # type: ignore[no-untyped-def]
    """A point of the prepared image -> PDF points of the page (``region`` the image's place on it)."""
    ox, oy = (region.x0, region.top) if region else (0.0, 0.0)

    def fn(x: float, y: float) -> tuple[float, float]:
        ix, iy = prep.to_input(x, y)
        return ox + ix / scale, oy + iy / scale

    return fn
