"""Cells the OCR stage changed on a look at their pixels reach the repair log under their patient and column;
scan dirt before a yes/no value is dropped and logged."""

from __future__ import annotations

from evidex.evidence.tables.patients.headers import Column
from evidex.evidence.tables.patients.ocrlog import ocr_fixes
from evidex.evidence.tables.patients.repair import yes_no
from evidex.evidence.tables.patients.rows import grid_rows
from evidex.evidence.tables.patients.sequence import number
from evidex.models import Cell, Table


def _table(rows: list[list[str]], changed: dict[tuple[int, int], tuple[str, str]]) -> Table:
    cells = []
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            raw, rule = changed.get((i, j), ("", ""))
            cells.append(Cell(i, j, text, confidence=91.0, from_ocr=True, raw=raw, rule=rule))
    return Table("p1-t1", "Table 4", page=1, method="ocr+word-rivers", n_rows=len(rows), n_cols=len(rows[0]),
                 cells=tuple(cells), from_ocr=True)


def test_changed_cells_are_logged_with_their_patient_column_raw_and_rule() -> None:
    rows = [["Pt", "Fusion", "Blasts (%)", "Prior therapy"], ["1", "-", "8.5", "Chemotherapy"],
            ["", "", "", "+ HSCT"], ["2", "BCR-ABL", "41.2", "HSCT"]]
    changed = {(1, 1): ("", "ocr_dash_ink.v1"), (1, 2): ("85", "ocr_point_ink.v1"),
               (2, 3): ("+ HSCI", "ocr_reread.v1"), (0, 1): ("Fusian", "ocr_reread.v1")}
    table = _table(rows, changed)
    cols = [Column("Pt", "patient"), Column("Fusion", "fusion_pre"), Column("Blasts (%)", "blasts_pre_pct"),
            Column("Prior therapy", "prior_therapy")]
    got = grid_rows(table.grid(), cols, 1)
    number(got)
    fixes = ocr_fixes(table, cols, got)
    assert [(p, f.column, f.raw, f.value, f.rule) for p, f in fixes] == [
        ("1", "fusion_pre", "", "-", "ocr_dash_ink.v1"),
        ("1", "blasts_pre_pct", "85", "8.5", "ocr_point_ink.v1"),
        ("1", "prior_therapy", "+ HSCI", "+ HSCT", "ocr_reread.v1"),  # a continuation line: the patient above
    ]  # the header cell belongs to no patient
    assert [f.confidence for _, f in fixes] == [0.8, 0.8, 0.91]


def test_a_mark_before_a_yes_no_value_is_dirt() -> None:
    cell = yes_no("alive", "= Alive")
    assert cell.value is True and cell.fix is not None and cell.fix.rule == "mark_debris_yes_no.v1"
    assert yes_no("alive", "— Dead").value is False
    assert yes_no("alive", "Alive").fix is None
    assert yes_no("alive", "x Alive").value is None  # a letter is no mark
