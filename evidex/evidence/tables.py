"""Per-patient and transplant tables -> patient/transplant rows, the repair log, and aggregates.

The pipeline per table: header -> columns (pt_headers), body -> rows (pt_rows),
patient numbers (pt_sequence), cells -> records with logged repairs
(pt_records, pt_repair, pt_terms), records -> aggregates (pt_aggregates).
Tables whose rows are not patients (arm-level tables) are left to statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from evidex.evidence import pt_aggregates, pt_records, pt_sequence
from evidex.evidence.pt_headers import Column, alternatives, columns_from_grid, columns_from_lines, match
from evidex.evidence.pt_records import PATIENT_FIELDS, TRANSPLANT_FIELDS, Ctx
from evidex.evidence.pt_repair import Fix
from evidex.evidence.pt_rows import TYPE, RawRow, fit, grid_rows, is_digit_anchor, read_rows
from evidex.evidence.pt_terms import Terms, footnote_abbreviations
from evidex.models import Document, Evidence, EvidenceBundle, Normalizer, Patient, Table, Transplant

MIN_ROWS = 3
MIN_FIELDS = 2


def extract(doc: Document, normalizer: Normalizer) -> EvidenceBundle:
    """Patients, transplants, repairs, aggregates and findings from the document's tables."""
    patients: list[Patient] = []
    transplants: list[Transplant] = []
    aggregates: list[Evidence] = []
    repairs, findings = [], []
    for table in doc.tables:
        read = read_table(doc.study_id, _with_header(doc, table), normalizer)
        if read is None:
            continue
        ctx, kind, rows, seq_fixes = read
        for fix in seq_fixes:
            ctx.log(fix.value, fix)
        records = pt_records.build(ctx, rows, kind)
        if kind == "patients":
            patients.extend(records)  # type: ignore[arg-type]
            aggregates.extend(pt_aggregates.patients(records))  # type: ignore[arg-type]
        else:
            transplants.extend(records)  # type: ignore[arg-type]
            aggregates.extend(pt_aggregates.transplants(records))  # type: ignore[arg-type]
        repairs.extend(ctx.repairs)
        findings.extend(ctx.findings)
    return EvidenceBundle(aggregates=tuple(aggregates), patients=tuple(patients), transplants=tuple(transplants),
                          repairs=tuple(repairs), findings=tuple(findings))  # fmt: skip


def read_table(study_id: str, table: Table, normalizer: Normalizer) -> tuple[Ctx, str, list[RawRow], list[Fix]] | None:
    """A per-patient table's rows and its reading context; None when its rows are not patients."""
    label = table.label or table.table_id
    terms = Terms(normalizer, table.page, footnote_abbreviations(table.footnotes))
    if table.cells:
        cols, rows = _from_grid(table)
        _unfuse(rows, cols, _splitter(terms))
    else:
        cols, rows = _from_lines(list(table.lines), _splitter(terms))
    kind = table_kind(cols)
    if kind is None or len([r for r in rows if not r.repeat]) < MIN_ROWS:
        return None
    fixes = pt_sequence.number(rows)
    ctx = Ctx(study_id, label, table.page, table.from_ocr, terms, out_table=kind)
    return ctx, kind, rows, fixes


def _with_header(doc: Document, table: Table) -> Table:
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


def _from_lines(lines: list[str], split: Callable[[str], list[str]]) -> tuple[list[Column], list[RawRow]]:
    start = next((i for i, ln in enumerate(lines) if is_digit_anchor(ln)), None)
    if start is None:
        return [], []
    cols = columns_from_lines(lines[:start])
    if cols and cols[0].field != "patient":
        cols.insert(0, Column("number", "patient", 100.0))
    _vital_status(cols)
    return cols, read_rows(lines[start:], cols, split)


def _from_grid(table: Table) -> tuple[list[Column], list[RawRow]]:
    grid = table.grid()
    start = next((i for i, r in enumerate(grid) if r and re.match(r"^\d{1,3}\b", r[0].strip())), None)
    if start is None:
        return [], []
    header = _spread_spans(table, start)
    cols = columns_from_grid(header)
    if cols:
        cols[0] = Column(cols[0].text or "number", "patient", 100.0)
        _vital_status(cols)
        _retype(cols, [[r[j] if j < len(r) else "" for r in grid[start:]] for j in range(len(cols))])
    return cols, grid_rows(grid, cols, start)


def _mean_fit(kind: str, values: list[str]) -> float:
    vals = [v for v in values if v.strip()]
    return sum(fit(kind, v) for v in vals) / len(vals) if vals else 0.0


def _retype(cols: list[Column], values: list[list[str]]) -> None:
    """A header the data contradict ('Follow-up' over therapy names) takes the other field its words allow."""
    used = {c.name for c in cols}
    names = [c.name for c in cols]
    for j, c in enumerate(cols):
        kind = TYPE.get(c.name)
        duplicate = names.count(c.name) > 1
        if not kind or (_mean_fit(kind, values[j]) >= 0.5 and not duplicate):
            continue
        for field in alternatives(c.text):
            alt = Column(c.text, field, c.score, c.side)
            other = TYPE.get(alt.name)
            if alt.name not in used and other and _mean_fit(other, values[j]) > max(0.5, _mean_fit(kind, values[j])):
                used.add(alt.name)
                names[j] = alt.name
                c.field = field
                break
    taken = {c.name for c in cols}
    for c in cols:  # a duplicate set aside as x_ takes back a field the data moved away from
        field = match(c.text)[0] if c.field is None else None
        if field and Column(c.text, field).name not in taken:
            c.field = field
            taken.add(c.name)


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


def _splitter(terms: Terms) -> Callable[[str], list[str]]:
    """Split a yes/no letter OCR fused to the next cell's therapy word ("NcarT" -> "N", "carT")."""

    def split(tok: str) -> list[str]:
        m = re.fullmatch(r"([YN¥])([a-z][A-Za-z\-]{2,})", tok)
        if m and terms.one("post_therapy", m.group(2), "therapy")[0]:
            return [m.group(1), m.group(2)]
        return [tok]

    return split
