"""Where on its PDF page a reported value sits: the box a crop is cut around and the marks it highlights.

Coordinates are PDF points with a top-left origin (x0, top, x1, bottom), pages 1-based, as in the tables.
A value's box comes from, in order: its own provenance bbox; the table cells of its source row (the cell of
its source column marked); the quote searched on the page's text layer. The first that answers wins and the
box says which one it was, so the reviewer knows how far to trust the picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, utils

Rect = tuple[float, float, float, float]
Row = Mapping[str, Any]

FROM_BBOX = "provenance bbox"
FROM_CELLS = "table cells"
FROM_QUOTE = "quote found on the page"
_ROW_MATCH = 70.0  # rapidfuzz score (0-100) a table row's text must reach to stand for a value's row
MAX_WIDTH = 330.0  # points: a wider frame is narrowed around the value, so the crop stays legible beside it
_NUMBERS = ("value", "effect_value", "mean_e", "events", "events_e", "n")  # the value's own numbers, first = best


@dataclass(frozen=True, slots=True)
class Box:
    page: int
    marks: tuple[Rect, ...]  # the value itself: boxed
    frame: Rect  # what the crop shows, before its margin
    source: str
    context: tuple[Rect, ...] = ()  # the sentence or table row around it: shaded


@dataclass(frozen=True, slots=True)
class Found:
    """A quote's lines on a page and, inside them, the first of the value's numbers that was found."""

    lines: list[Rect]
    value: list[Rect]


QuoteFinder = Callable[[int, str, Sequence[str]], Found]


@dataclass(frozen=True, slots=True)
class GridRow:
    row: int
    text: str
    cells: Mapping[int, Rect]


@dataclass(frozen=True, slots=True)
class Grid:
    """One table's cell boxes, by row, for finding a value's row again."""

    label: str
    page: int
    rows: tuple[GridRow, ...]


def union(rects: Iterable[Rect]) -> Rect:
    rs = list(rects)
    return min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs), max(r[3] for r in rs)


def _blank(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, float) and v != v)


def _page(row: Row) -> int | None:
    page: Any = row.get("page")
    return None if _blank(page) else int(page)


def from_bbox(row: Row) -> Box | None:
    page = _page(row)
    coords: list[Any] = [row.get(k) for k in ("x0", "top", "x1", "bottom")]
    if page is None or any(_blank(c) for c in coords):
        return None
    rect: Rect = (float(coords[0]), float(coords[1]), float(coords[2]), float(coords[3]))
    return Box(page, (rect,), rect, FROM_BBOX)


def grids(cells: Iterable[Row]) -> dict[str, list[Grid]]:
    """Cell rows (label, page, row, col, text, x0, top, x1, bottom) grouped into grids by table label."""
    by_table: dict[tuple[str, str, int], dict[int, list[Row]]] = {}
    for c in cells:
        if _blank(c.get("label")) or _blank(c.get("page")) or _blank(c.get("x0")):
            continue
        key = (str(c["label"]), str(c["table_id"]), int(c["page"]))
        by_table.setdefault(key, {}).setdefault(int(c["row"]), []).append(c)
    out: dict[str, list[Grid]] = {}
    for (label, _tid, page), rows in by_table.items():
        grid_rows = tuple(_grid_row(r, cs) for r, cs in sorted(rows.items()))
        out.setdefault(label, []).append(Grid(label, page, grid_rows))
    return out


def _grid_row(row: int, cells: list[Row]) -> GridRow:
    ordered = sorted(cells, key=lambda c: int(c["col"]))
    text = " | ".join(str(c["text"] or "") for c in ordered)
    rects = {int(c["col"]): (float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])) for c in ordered}
    return GridRow(row, text, rects)


def from_cells(row: Row, tables: Mapping[str, Sequence[Grid]]) -> Box | None:
    """The grid row whose text best matches the value's own text (raw row or quote); its source column marked.

    Text decides, not the row number alone: per-patient tables count ``source_row`` from the first body row,
    evidence from the header, so the number only breaks ties.
    """
    label = row.get("source_table") or row.get("table")
    text = row.get("raw") or row.get("quote")
    if _blank(label) or _blank(text) or str(label) not in tables:
        return None
    page = _page(row)
    candidates = [g for g in tables[str(label)] if page is None or g.page == page]
    best = _best_row(candidates, str(text), row.get("source_row"))
    if best is None:
        return None
    grid, grid_row = best
    whole = union(grid_row.cells.values())
    col: Any = row.get("source_col")
    if not _blank(col) and int(col) in grid_row.cells:
        cell = grid_row.cells[int(col)]
        return Box(grid.page, (cell,), narrow(whole, cell), FROM_CELLS, (whole,))
    return Box(grid.page, (whole,), whole, FROM_CELLS)


def _best_row(grids_: Sequence[Grid], text: str, hint: Any) -> tuple[Grid, GridRow] | None:
    best: tuple[float, Grid, GridRow] | None = None
    for g in grids_:
        for r in g.rows:
            bonus = 0.5 if not _blank(hint) and r.row == int(hint) else 0.0
            score = fuzz.token_set_ratio(r.text, text, processor=utils.default_process) + bonus
            if best is None or score > best[0]:
                best = (score, g, r)
    if best is None or best[0] < _ROW_MATCH:
        return None
    return best[1], best[2]


def from_quote(row: Row, find: QuoteFinder) -> Box | None:
    page, quote = _page(row), row.get("quote")
    if page is None or _blank(quote):
        return None
    found = find(page, str(quote), needles(row))
    if not found.lines:
        return None
    whole = union(found.lines)
    if not found.value:
        return Box(page, tuple(found.lines), narrow(whole, whole), FROM_QUOTE)
    return Box(page, tuple(found.value), narrow(whole, union(found.value)), FROM_QUOTE, tuple(found.lines))


def needles(row: Row) -> list[str]:
    """The row's numbers as a page would print them (78.6, 14), to box the value inside its sentence."""
    out: list[str] = []
    for key in _NUMBERS:
        v = row.get(key)
        if isinstance(v, bool) or _blank(v) or not isinstance(v, int | float):
            continue
        if float(v).is_integer():
            out.extend((f"{v:.1f}", str(int(v))) if isinstance(v, float) else (str(v),))  # 50.0 as printed, or 50
        else:
            out.append(f"{v:g}")
    return out


def narrow(frame: Rect, around: Rect) -> Rect:
    """``frame`` cut to MAX_WIDTH points, centred on ``around`` as far as the frame allows."""
    if frame[2] - frame[0] <= MAX_WIDTH:
        return frame
    centre = (around[0] + around[2]) / 2
    x0 = min(max(frame[0], centre - MAX_WIDTH / 2), frame[2] - MAX_WIDTH)
    return x0, frame[1], x0 + MAX_WIDTH, frame[3]


def locate(row: Row, tables: Mapping[str, Sequence[Grid]], find: QuoteFinder) -> Box | None:
    return from_bbox(row) or from_cells(row, tables) or from_quote(row, find)
