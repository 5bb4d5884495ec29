"""OCR damage a scanned per-patient listing shows: patient numbers read as letters, dashes read as marks."""

from __future__ import annotations

from evidex.evidence.tables.patients.headers import Column
from evidex.evidence.tables.patients.repair import DASH, dash_glyph
from evidex.evidence.tables.patients.rows import grid_rows
from evidex.evidence.tables.patients.sequence import number


def _cols() -> list[Column]:
    return [Column("Pt", "patient"), Column("Sex"), Column("Age")]


def test_a_number_whose_digits_all_read_as_letters_starts_the_next_row() -> None:
    grid = [["9", "F", "4"], ["10", "M", "6"], ["ll", "F", "13"], ["12", "M", "7"]]
    rows = grid_rows(grid, _cols(), 0)
    assert [r.anchor for r in rows] == ["9", "10", "ll", "12"]
    number(rows)
    assert [r.patient for r in rows] == ["9", "10", "11", "12"]


def test_letters_that_are_not_the_next_number_stay_a_wrapped_line() -> None:
    grid = [["9", "F", "4"], ["Il", "", ""], ["SS", "M", ""]]  # 11 and 55 are not 10
    rows = grid_rows(grid, _cols(), 0)
    assert [r.anchor for r in rows] == ["9"]


def test_a_dash_read_as_two_marks_is_a_dash_with_the_lower_confidence() -> None:
    cell = dash_glyph("fusion_pre", "=-")
    assert cell is not None and cell.value == DASH and cell.fix is not None and cell.fix.confidence == 0.85
    assert dash_glyph("fusion_pre", "=F") is None and dash_glyph("fusion_pre", "--") is None
