"""Tables on born-digital pages, from pdfium's words and rulings (no second parse of the page).

Captioned tables are read inside the region their caption heads (regions.py): a ruled grid when the
rulings there close cells (pdfplumber's edge -> intersection -> cell chain, run on pdfium's strokes),
else rows and columns from whitespace rivers. Without a caption, only strong evidence makes a table:
a ruled grid or an aligned block with a header row and columns of numbers, away from figures.
Every table gets a quality score; where candidates overlap, the better one is kept.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from evidex.extract.tables.cells import cells_bbox, cells_from_bounds
from evidex.extract.tables.layout import (
    GAP_FACTOR,
    borderless_layouts,
    col_of,
    merge_words,
    panels,
    region_layout,
    row_bounds,
    segments,
    split_bands,
)
from evidex.extract.tables.quality import MIN_QUALITY, choose, overlap, table_quality
from evidex.extract.tables.regions import Region, caption_regions, figure_captions, figure_zones
from evidex.extract.tables.words import group_lines, line_box, median_height, median_size
from evidex.extract.textlayer import PageObjects
from evidex.extract.words import Word
from evidex.models import BBox, Cell, Table

Rule = tuple[float, float, float, float]
SNAP = 3.0
MIN_EDGE = 3.0
NUMERIC = re.compile(r"^[<>≤≥±+\-−–]?\s*\(?[\d.,·]+%?\)?")
STRONG_QUALITY = 0.75  # an uncaptioned candidate must be this clean
MIN_NUMERIC = 0.4  # ...and this share of its body cells past the first column must be numbers


def vector_tables(pdf_path: Path, page_numbers: list[int]) -> list[Table]:
    """Tables on the given pages (1-based) of a born-digital PDF, read with pdfium."""
    import pypdfium2 as pdfium

    from evidex.extract.textlayer import page_objects, page_words

    pdf = pdfium.PdfDocument(str(pdf_path))
    tables: list[Table] = []
    try:
        for number in page_numbers:
            if 1 <= number <= len(pdf):
                page = pdf[number - 1]
                textpage = page.get_textpage()
                tables.extend(page_tables(page_words(page, textpage), page_objects(page), number))
                textpage.close()
    finally:
        pdf.close()
    return tables


def page_tables(words: list[Word], objects: PageObjects, number: int) -> list[Table]:
    """Every table on one page: captioned ones in their regions, then strong uncaptioned ones."""
    rules = [r for r in objects.rules if max(r[2] - r[0], r[3] - r[1]) >= MIN_EDGE]
    found: list[Table] = []
    taken: list[BBox] = []
    for reg in caption_regions(words, rules):
        if any(overlap(reg.box, t) > 0.5 for t in taken):
            continue
        ts = _region_tables(words, rules, reg, number)
        if ts:
            found.extend(ts)
            taken.extend([reg.box, reg.caption_box])
    free = [w for w in words if not any(_inside(w, b) for b in taken)]
    zones = figure_zones(free, list(objects.drawings), list(objects.images))
    found.extend(_uncaptioned(free, rules, zones, figure_captions(words), number))
    found.sort(key=lambda t: t.bbox.top if t.bbox else 0.0)
    return [replace(t, table_id=f"p{number}-t{i + 1}") for i, t in enumerate(found)]


def _region_tables(words: list[Word], rules: list[Rule], reg: Region, number: int) -> list[Table]:
    """The table a caption heads; stacked panels on columns of their own (no ruled grid) each as a table."""
    box = reg.box
    ws = [w for w in words if _inside(w, box, pad=1.0)]
    parts = panels(ws)
    if len(parts) > 1 and not _ruled(ws, rules, box, number):
        out = []
        for part in parts:
            lay = region_layout(part)
            if lay is not None:
                t = _from_layout(lay, number)
                if (t.quality or 0.0) >= 0.3:
                    out.append(replace(t, label=reg.label, caption=reg.caption))
        if out:
            return out
    one = _region_table(words, rules, reg, number)
    return [one] if one is not None else []


def _ruled(ws: list[Word], rules: list[Rule], box: BBox, number: int) -> bool:
    near = [r for r in rules if r[0] < box.x1 + 15 and r[2] > box.x0 - 15]
    rs = [r for r in near if box.top - 14 <= r[1] and r[3] <= box.bottom + 14]
    return any(_covers(t, ws) >= 0.8 and (t.quality or 0.0) >= MIN_QUALITY for t in ruled_tables(ws, rs, number))


def _region_table(words: list[Word], rules: list[Rule], reg: Region, number: int) -> Table | None:
    box = reg.box
    ws = [w for w in words if _inside(w, box, pad=1.0)]
    rs = [r for r in rules
          if r[0] < box.x1 + 15 and r[2] > box.x0 - 15 and box.top - 14 <= r[1] and r[3] <= box.bottom + 14]
    cands = [_split_rows(t, ws) for t in ruled_tables(ws, rs, number)]
    grid = [t for t in cands if _covers(t, ws) >= 0.8 and (t.quality or 0.0) >= MIN_QUALITY]
    if grid:
        best = _with_header_above(_with_rivers(max(grid, key=lambda t: t.quality or 0.0), ws), ws)
    else:
        lay = region_layout(ws)
        if lay is None:
            return None
        best = _from_layout(lay, number)
    if (best.quality or 0.0) < 0.3:
        return None
    return replace(best, label=reg.label, caption=reg.caption)


def _with_rivers(t: Table, words: list[Word]) -> Table:
    """A grid ruled between rows but with few vertical rules: the text's own column rivers split its columns."""
    lay = region_layout(words)
    if lay is None or t.bbox is None or len(lay.xs) - 1 <= t.n_cols:
        return t
    xs = sorted({round(c.bbox.x0, 1) for c in t.cells if c.bbox} | {round(t.bbox.x1, 1)})
    ys = sorted({round(c.bbox.top, 1) for c in t.cells if c.bbox} | {round(t.bbox.bottom, 1)})
    inner = [x for x in lay.xs[1:-1] if t.bbox.x0 < x < t.bbox.x1 and all(abs(x - e) > 4 for e in xs)]
    xs = sorted(xs + inner)
    inside = [w for w in lay.words if _inside(w, t.bbox, pad=0.0)]
    cells = cells_from_bounds(inside, xs, ys, from_ocr=False)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    return replace(t, cells=tuple(cells), n_rows=n_rows, n_cols=n_cols, method="pdfplumber-lines+rivers",
                   quality=table_quality(cells, n_rows, n_cols))


def _with_header_above(t: Table, words: list[Word]) -> Table:
    """A grid ruled around its body only, its header set above the top rule (inside the caption's region):
    the header lines that run up from the grid become its first rows, cut at the grid's columns.

    Only lines no further apart than a blank line, and only when they fill two columns or more (a page's
    running head or a lone unit line is no header)."""
    if t.bbox is None:
        return t
    top = t.bbox.top
    above = [w for w in words if w.yc < top - 1 and w.x0 >= t.bbox.x0 - 3 and w.x1 <= t.bbox.x1 + 3]
    if not above:
        return t
    h = median_height(above)
    keep: list[list[Word]] = []
    edge = top
    for line in reversed(group_lines(above)):
        _, line_top, _, line_bottom = line_box(line)
        if edge - line_bottom > 2.5 * h:
            break
        keep.insert(0, line)
        edge = line_top
    xs = sorted({round(c.bbox.x0, 1) for c in t.cells if c.bbox} | {round(t.bbox.x1, 1)})
    gap = median_size(above) * GAP_FACTOR
    head = [merge_words(seg) for line in keep for seg in segments(line, gap)]
    if len({col_of(xs, w.xc) for w in head}) < 2:
        return t
    ys = row_bounds(keep, xs)
    ys[-1] = max(ys[-1], top)
    k = len(ys) - 1
    cells = cells_from_bounds(head, xs, ys, from_ocr=False) + [replace(c, row=c.row + k) for c in t.cells]
    n_rows = t.n_rows + k
    return replace(t, cells=tuple(cells), n_rows=n_rows, bbox=BBox(t.bbox.x0, ys[0], t.bbox.x1, t.bbox.bottom),
                   quality=table_quality(cells, n_rows, t.n_cols))


def _covers(t: Table, words: list[Word]) -> float:
    if t.bbox is None or not words:
        return 0.0
    return sum(1 for w in words if _inside(w, t.bbox)) / len(words)


def _uncaptioned(words: list[Word], rules: list[Rule], zones: list[BBox], figcaps: list[BBox],
                 number: int) -> list[Table]:
    cands = [_split_rows(t, words) for t in ruled_tables(words, rules, number)]
    ruled_boxes = [t.bbox for t in cands if t.bbox is not None and (t.quality or 0.0) >= MIN_QUALITY]
    free = [w for w in words if not any(_inside(w, b) for b in ruled_boxes)]
    cands.extend(_from_layout(lay, number) for lay in borderless_layouts(free))
    out = []
    for t in cands:
        if t.bbox is None or (t.quality or 0.0) < STRONG_QUALITY or t.n_rows < 3 or _numeric(t) < MIN_NUMERIC:
            continue
        if any(overlap(t.bbox, z) > 0.2 for z in zones) or any(_near(c, t.bbox) for c in figcaps):
            continue
        out.append(t)
    return choose(out)


def _numeric(t: Table) -> float:
    """Share of filled body cells past the first column that are numbers."""
    body = [c.text for c in t.cells if c.row > 0 and c.col > 0 and c.text.strip()]
    return sum(1 for x in body if NUMERIC.match(x)) / len(body) if body else 0.0


def _near(cap: BBox, box: BBox) -> bool:
    """A figure caption right above or below a block, overlapping it across: the block is the figure's text."""
    across = min(cap.x1, box.x1) - max(cap.x0, box.x0) > 0
    return across and (-2 <= box.top - cap.bottom <= 60 or -2 <= cap.top - box.bottom <= 60)


def ruled_tables(words: list[Word], rules: list[Rule], number: int) -> list[Table]:
    """Grids closed by rulings: pdfplumber's snap/join -> intersections -> cells -> tables on pdfium strokes."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    edges = [_edge(r) for r in rules]
    if len(edges) < 4:
        return []
    edges = merge_edges(edges, SNAP, SNAP, SNAP, SNAP)
    edges = [e for e in edges if (e["width"] if e["orientation"] == "h" else e["height"]) >= MIN_EDGE]
    out = []
    for boxes in cells_to_tables(intersections_to_cells(edges_to_intersections(edges, SNAP, SNAP))):
        t = _grid_table(words, boxes, number)
        if t is not None:
            out.append(t)
    return out


def _edge(r: Rule) -> dict[str, Any]:
    x0, top, x1, bottom = r
    if x1 - x0 >= bottom - top:
        y = (top + bottom) / 2
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"}
    x = (x0 + x1) / 2
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"}


def _grid_table(words: list[Word], boxes: list[tuple[float, float, float, float]], number: int) -> Table | None:
    xs = sorted({round(b[0], 1) for b in boxes} | {round(b[2], 1) for b in boxes})
    ys = sorted({round(b[1], 1) for b in boxes} | {round(b[3], 1) for b in boxes})
    xs, ys = _dedupe(xs), _dedupe(ys)
    if len(xs) < 3 or len(ys) < 3:
        return None
    spans = {}
    for b in boxes:
        r, c = _index(ys, b[1]), _index(xs, b[0])
        rs, cs = _index(ys, b[3]) - r, _index(xs, b[2]) - c
        if rs > 1 or cs > 1:
            spans[(r, c)] = (max(rs, 1), max(cs, 1))
    box = BBox(xs[0], ys[0], xs[-1], ys[-1])
    inside = [w for w in words if _inside(w, box, pad=0.0)]
    if not inside:
        return None
    cells = cells_from_bounds(inside, xs, ys, from_ocr=False, spans=spans)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    return Table("", None, page=number, bbox=box, method="pdfplumber-lines",
                 quality=table_quality(cells, n_rows, n_cols), n_rows=n_rows, n_cols=n_cols, cells=tuple(cells))


def _dedupe(vals: list[float]) -> list[float]:
    out: list[float] = []
    for v in vals:
        if not out or v - out[-1] > 1.0:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


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


def _from_layout(lay: Any, number: int) -> Table:
    cells = cells_from_bounds(lay.words, lay.xs, lay.ys, from_ocr=False)
    n_rows, n_cols = len(lay.ys) - 1, len(lay.xs) - 1
    return Table("", None, page=number, bbox=cells_bbox(cells), method="word-rivers",
                 quality=table_quality(cells, n_rows, n_cols), n_rows=n_rows, n_cols=n_cols, cells=tuple(cells))


def _inside(w: Word, box: BBox, pad: float = 2.0) -> bool:
    return box.x0 - pad <= w.xc <= box.x1 + pad and box.top - pad <= w.yc <= box.bottom + pad


__all__ = ["Cell", "page_tables", "ruled_tables", "vector_tables"]
