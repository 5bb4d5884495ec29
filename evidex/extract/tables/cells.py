"""Words + row/column boundaries -> the cells of one table; coordinate transforms for cells."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace

from evidex.extract.tables.words import Word, join_words, mean_conf
from evidex.models import BBox, Cell

Spans = dict[tuple[int, int], tuple[int, int]]  # (row, col) of a merged cell's origin -> (row_span, col_span)


def _slot(bounds: Sequence[float], value: float) -> int | None:
    i = bisect.bisect_right(bounds, value) - 1
    return i if 0 <= i < len(bounds) - 1 else None


def _covered(spans: Spans) -> dict[tuple[int, int], tuple[int, int]]:
    """Every grid slot inside a merged cell -> the merged cell's origin."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), (rs, cs) in spans.items():
        for dr in range(rs):
            for dc in range(cs):
                owner[(r + dr, c + dc)] = (r, c)
    return owner


def cells_from_bounds(
    words: list[Word], xs: Sequence[float], ys: Sequence[float], from_ocr: bool, spans: Spans | None = None
) -> list[Cell]:
    """Assign each word to the grid slot holding its centre; one Cell per slot (merged cells once, at their origin)."""
    spans = spans or {}
    owner = _covered(spans)
    buckets: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        r, c = _slot(ys, w.yc), _slot(xs, w.xc)
        if r is None or c is None:
            continue
        buckets.setdefault(owner.get((r, c), (r, c)), []).append(w)
    cells = []
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if owner.get((r, c), (r, c)) != (r, c):
                continue
            rs, cs = spans.get((r, c), (1, 1))
            inside = buckets.get((r, c), [])
            bbox = BBox(xs[c], ys[r], xs[c + cs], ys[r + rs])
            conf = mean_conf(inside) if from_ocr else None
            cells.append(Cell(r, c, join_words(inside), bbox, conf, from_ocr, rs, cs))
    return cells


def map_cells(cells: Sequence[Cell], fn: Callable[[float, float], tuple[float, float]]) -> list[Cell]:
    """Cells with their boxes sent through a point transform (pixels -> PDF points)."""
    out = []
    for c in cells:
        if c.bbox is None:
            out.append(c)
            continue
        x0, top = fn(c.bbox.x0, c.bbox.top)
        x1, bottom = fn(c.bbox.x1, c.bbox.bottom)
        out.append(replace(c, bbox=BBox(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))))
    return out


def cells_bbox(cells: Sequence[Cell]) -> BBox | None:
    boxes = [c.bbox for c in cells if c.bbox is not None]
    if not boxes:
        return None
    x0, top = min(b.x0 for b in boxes), min(b.top for b in boxes)
    return BBox(x0, top, max(b.x1 for b in boxes), max(b.bottom for b in boxes))
