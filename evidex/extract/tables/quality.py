"""A table's own quality score (0..1), used to choose between candidate extractions.

Like camelot's parsing report: a real table fills most of its cells, its rows
agree on how many columns they use, and its cells hold short values, not prose.
"""

from __future__ import annotations

from collections.abc import Sequence

from evidex.models import BBox, Cell, Table

MIN_QUALITY = 0.45  # below this a candidate is dropped: mostly empty, ragged, or prose
LONG_CELL = 80  # characters; longer cells are usually paragraphs swallowed by a bad grid


def table_quality(cells: Sequence[Cell], n_rows: int, n_cols: int) -> float:
    if n_rows < 2 or n_cols < 2 or not cells:
        return 0.0
    texts = [c.text.strip() for c in cells]
    filled = [t for t in texts if t]
    fill = len(filled) / len(texts)
    per_row: dict[int, int] = {}
    for c, t in zip(cells, texts, strict=True):
        per_row[c.row] = per_row.get(c.row, 0) + (1 if t else 0)
    consistent = sum(1 for n in per_row.values() if n >= max(2, n_cols / 2)) / n_rows
    short = sum(1 for t in filled if len(t) <= LONG_CELL) / max(1, len(filled))
    conf = [c.confidence for c in cells if c.confidence is not None]
    ocr = sum(conf) / len(conf) / 100 if conf else 1.0
    score = 0.4 * fill + 0.3 * consistent + 0.2 * short + 0.1 * ocr
    return round(min(1.0, max(0.0, score)), 3)


def choose(candidates: list[Table], min_quality: float = MIN_QUALITY) -> list[Table]:
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
