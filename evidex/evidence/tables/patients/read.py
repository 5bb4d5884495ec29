"""Reading one table into columns and raw rows: header mapping, row anchoring, OCR-grid routing.

A grid from OCR may have merged or split columns; it is also read as text lines
(cells joined) and the reading whose cells fit their columns' types better wins.
A headerless table right after a per-patient table (the next page of it) is read
with that table's columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from evidex.evidence.tables.patients.headers import Column, columns_from_grid, columns_from_lines
from evidex.evidence.tables.patients.mapper import assign
from evidex.evidence.tables.patients.records import PATIENT_FIELDS, TRANSPLANT_FIELDS
from evidex.evidence.tables.patients.rows import TYPE, RawRow, fit, grid_rows, is_digit_anchor, read_rows
from evidex.evidence.tables.patients.start import first_line_lost, first_row_lost
from evidex.evidence.tables.patients.terms import Terms
from evidex.models import Document, Table

MIN_ROWS = 3
MIN_FIELDS = 2
GRID_MARGIN = 0.25


@dataclass
class Read:
    """A per-patient table as read: its columns, kind (patients | transplants) and raw rows."""

    table: Table
    cols: list[Column]
    kind: str
    rows: list[RawRow]
    quality: float = 0.0


def read(doc: Document, table: Table, terms: Terms, previous: Read | None = None) -> Read | None:
    """The table's rows when they are patients (or transplants); None for other tables."""
    table = with_header(doc, table)
    split = splitter(terms)
    options = [_from_grid(table, terms)] if table.cells else []
    if not table.cells or (table.from_ocr or "ocr" in table.method) and not table.method.startswith("ocr+"):
        options.append(_from_lines(_text_lines(table), split, terms))
    # the grid keeps cells OCR split with a space ("22 18"); text lines win only when the grid is clearly broken
    cols, rows = options[0]
    if len(options) == 2 and _better(options[1], options[0]):
        cols, rows = options[1]
    kind = table_kind(cols)
    if kind is None and previous is not None:
        return _continuation(table, previous, split)
    if kind is None or len([r for r in rows if not r.repeat]) < MIN_ROWS:
        return None
    _unfuse(rows, cols, split)
    return Read(table, cols, kind, rows, quality(cols, rows))


def _better(lines: tuple[list[Column], list[RawRow]], grid: tuple[list[Column], list[RawRow]]) -> bool:
    """Text lines beat the grid when they find more of the contract's columns, or fit clearly better."""
    fields = [len({c.name for c in cols if c.field}) for cols, _ in (lines, grid)]
    if fields[0] != fields[1]:
        return fields[0] > fields[1]
    return quality(*lines) > quality(*grid) + GRID_MARGIN


def _text_lines(table: Table) -> list[str]:
    if table.lines:
        return list(table.lines)
    return [" ".join(c for c in row if c.strip()) for row in table.grid()]


def quality(cols: list[Column], rows: list[RawRow]) -> float:
    """Mean fit of every mapped cell to its column's type; a missing cell counts against the reading."""
    mapped = [c for c in cols if c.field and c.field != "patient"]
    if not mapped or not rows:
        return float("-inf")
    total = sum(max(fit(TYPE.get(c.name, "any"), r.cells[c.name]), -1.0) if r.cells.get(c.name) else -0.5
                for r in rows for c in mapped)  # fmt: skip
    return total / (len(rows) * len(mapped)) + 0.01 * len(mapped)


def _continuation(table: Table, previous: Read, split: Callable[[str], list[str]]) -> Read | None:
    """A headerless table whose rows go on numbering a per-patient table: the next page of that table."""
    lines = _text_lines(table)
    if not lines or not is_digit_anchor(lines[0]):
        return None
    if table.cells and table.n_cols == len(previous.cols):
        rows = grid_rows(table.grid(), previous.cols, 0)
    else:
        rows = read_rows(lines, previous.cols, split)
    return Read(table, previous.cols, previous.kind, rows) if rows else None


def with_header(doc: Document, table: Table) -> Table:
    """A text table whose header lines the extractor left in the running text gets them back."""
    if table.cells or not table.lines or not is_digit_anchor(table.lines[0]) or table.char_start is None:
        return table
    before = doc.text[: table.char_start].splitlines()
    header: list[str] = []
    for line in reversed(before[-6:]):
        s = line.strip()
        if not s and not header:
            continue
        if not s or len(s) > 200 or s.endswith(".") or re.match(r"^(table|figure)\s+\d", s, re.I):
            break
        header.insert(0, s)
    return replace(table, lines=(*header, *table.lines)) if header else table


def _vital_status(cols: list[Column]) -> None:
    """'Status' (Alive/Dead) in a per-patient table is vital status, not a transplant's final status."""
    if table_kind(cols) == "patients" and not any(c.name == "alive" for c in cols):
        for c in cols:
            c.field = "alive" if c.field == "final_status" else c.field


def table_kind(cols: list[Column]) -> str | None:
    """'patients' or 'transplants' by which contract fields the header names; None for other tables."""
    names = {c.name for c in cols if c.field and c.field != "patient"}
    tx = len(names & TRANSPLANT_FIELDS)
    px = len(names & PATIENT_FIELDS)
    if max(tx, px) < MIN_FIELDS:
        return None
    return "transplants" if tx > px else "patients"


def _from_lines(
    lines: list[str], split: Callable[[str], list[str]], terms: Terms | None = None
) -> tuple[list[Column], list[RawRow]]:
    """Columns from the header lines, rows from the lines after them; the rows' cells then check the columns."""
    start = next((i for i, ln in enumerate(lines) if is_digit_anchor(ln)), None)
    if start is None:
        return [], []
    lead = start > 0 and first_line_lost(lines[start - 1], lines[start:])
    start -= lead
    cols = columns_from_lines(lines[:start])
    if cols and cols[0].field != "patient":
        cols.insert(0, Column("number", "patient", 100.0))
    _vital_status(cols)
    rows = read_rows(lines[start:], cols, split, lead, table_kind(cols) != "patients")
    if len(cols) < 2 or not rows:
        return cols, rows
    mapped = assign(cols, [[r.cells.get(c.name, "") for r in rows] for c in cols], terms)
    if mapped.kind and [c.name for c in mapped.cols] != [c.name for c in cols]:
        cols, rows = mapped.cols, read_rows(lines[start:], mapped.cols, split, lead, mapped.kind != "patients")
    return cols, rows


def _from_grid(table: Table, terms: Terms | None = None) -> tuple[list[Column], list[RawRow]]:
    """Columns from the grid's header rows and the cells under them, one row per grid row (rows without a
    number continue)."""
    grid = table.grid()
    start = next((i for i, r in enumerate(grid) if r and re.match(r"^\d{1,3}\b", r[0].strip())), None)
    if start is None:
        return [], []
    lead = start > 0 and first_row_lost(grid[start - 1], grid[start:])
    start -= lead
    header = _spread_spans(table, start)
    cols = columns_from_grid(header)
    kind = None
    if cols:
        raws = [" ".join(dict.fromkeys(r[j] for r in header if j < len(r) and r[j].strip())) for j in range(len(cols))]
        values = [[r[j] if j < len(r) else "" for r in grid[start:]] for j in range(len(cols))]
        for c in cols:  # a grid column's side words are in its own header text (group headers spread over it)
            c.side = ""
        mapped = assign(cols, values, terms, raws)
        cols, kind = mapped.cols, mapped.kind
    return cols, grid_rows(grid, cols, start, lead, kind != "patients")


def _spread_spans(table: Table, n_rows: int) -> list[list[str]]:
    """Header rows with a spanning cell's text repeated under every column it covers."""
    rows = [["" for _ in range(table.n_cols)] for _ in range(n_rows)]
    for c in table.cells:
        if c.row < n_rows:
            for j in range(c.col, min(c.col + max(c.col_span, 1), table.n_cols)):
                rows[c.row][j] = rows[c.row][j] or c.text
    return rows


def _unfuse(rows: list[RawRow], cols: list[Column], split: Callable[[str], list[str]]) -> None:
    """An empty yes/no cell whose letter OCR fused onto the next cell ("" | "NcarT" -> "N" | "carT")."""
    names = [c.name for c in cols]
    for row in rows:
        for j, name in enumerate(names[:-1]):
            nxt = names[j + 1]
            if TYPE.get(name) == "yn" and not row.cells.get(name) and row.cells.get(nxt):
                parts = split(row.cells[nxt])
                if len(parts) == 2:
                    row.cells[name], row.cells[nxt] = parts


def splitter(terms: Terms) -> Callable[[str], list[str]]:
    """Split a yes/no letter OCR fused to the next cell's therapy word ("NcarT" -> "N", "carT")."""

    def split(tok: str) -> list[str]:
        m = re.fullmatch(r"([YN¥])([a-z][a-z\-]*[A-Z][A-Za-z\-]*)", tok)  # "NcarT", not "Negative"
        if m and terms.one("post_therapy", m.group(2), "therapy")[0]:
            return [m.group(1), m.group(2)]
        return [tok]

    return split
