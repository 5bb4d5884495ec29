"""Reading whole tables: a table continued on the next page, and OCR grids with merged columns."""

from __future__ import annotations

from evidex.evidence.tables.patients import extract
from evidex.models import Cell, Document, Table
from tests.evidence.conftest_patients import DictNormalizer

HEADER = ["No.", "Prior therapy", "Blasts (%)", "MRD (%)", "CR", "Next therapy", "Alive"]
ROWS = [
    ["1", "Chemotherapy", "45", "40.2", "Y", "HSCT", "Y"],
    ["2", "Chemotherapy + CAR-T", "80", "77.5", "N", "CAR-T", "N"],
    ["3", "Chemotherapy", "12", "9.8", "Y", "HSCT", "Y"],
    ["4", "Chemotherapy", "3", "0.5", "Y", "Chemotherapy", "Y"],
    ["5", "Chemotherapy", "66", "61.0", "Y", "HSCT", "Y"],
    ["6", "Chemotherapy + CAR-T", "20", "18.3", "N", "CAR-T", "Y"],
]


def _grid(rows: list[list[str]], table_id: str, label: str | None, **kw) -> Table:
    cells = tuple(Cell(i, j, text) for i, row in enumerate(rows) for j, text in enumerate(row))
    return Table(table_id, label, n_rows=len(rows), n_cols=len(rows[0]), cells=cells, **kw)


def _doc(*tables: Table) -> Document:
    return Document("s1", "x.pdf", "x.pdf", "pdf", tables=tables)


def test_headerless_table_on_the_next_page_continues_the_patient_table():
    first = _grid([HEADER, *ROWS[:4]], "p5-t1", "Table 2", page=5)
    rest = _grid(ROWS[4:], "p6-t1", None, page=6)
    bundle = extract(_doc(first, rest), DictNormalizer())
    assert [p.patient for p in bundle.patients] == ["1", "2", "3", "4", "5", "6"]
    assert {p.table for p in bundle.patients} == {"Table 2"}
    cr = next(a for a in bundle.aggregates if a.outcome == "CR")
    assert (cr.events, cr.total) == (4, 6)


def test_ocr_grid_with_merged_columns_is_read_as_text_lines():
    merged = [[*r[:2], f"{r[2]} {r[3]}", "", *r[4:]] for r in ROWS]
    head = [HEADER[0], HEADER[1], "Blasts (%) MRD (%)", "", *HEADER[4:]]
    table = _grid([head, *merged], "p5-t1", "Table 2", from_ocr=True, method="ocr-grid")
    bundle = extract(_doc(table), DictNormalizer())
    got = [(p.blasts_pre_pct, p.mrd_pre_pct) for p in bundle.patients]
    assert got == [(float(r[2]), float(r[3])) for r in ROWS]


def test_a_table_mixing_patient_and_transplant_columns_keeps_the_other_kind_in_extra():
    header = ["Case", "Prior therapy", "CR", "Alive", "Donor"]
    rows = [["1", "Chemotherapy", "Y", "Y", "Father"], ["2", "Chemotherapy", "N", "N", "Mother"],
            ["3", "Chemotherapy", "Y", "Y", "Sister"]]  # fmt: skip
    bundle = extract(_doc(_grid([header, *rows], "t", "Table 3")), DictNormalizer())
    assert [dict(p.extra).get("x_donor") for p in bundle.patients] == ["Father", "Mother", "Sister"]
