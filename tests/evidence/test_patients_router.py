"""Per-patient listings through the table router: one claim decides what is a listing, arm-level tables are
never claimed, and the issue's borderless table with unseen headers comes out row for row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidex.evidence.study import StudyModel
from evidex.evidence.tables import router
from evidex.evidence.tables.base import TableInput, grid_of
from evidex.evidence.tables.patients.reader import PatientListingReader
from evidex.extract import extract
from evidex.models import Cell, Document, Patient, Table
from fixtures.unseen_patients import TABLES
from tests.conftest import GENERATED
from tests.evidence.conftest_patients import DictNormalizer

# The kind of table issue 10 saw read 66% right with rows shifted by one: borderless, headers the
# vocabulary did not know as printed, the response column coded CR/CRi/PR/NR, vital status as words.
HEADER = ["Pt", "Age (y)", "BM blasts (%)", "Response CR/CRi/PR/NR", "Consolidation", "Status", "F/U (mo)"]
ROWS = [
    ["1", "34", "82", "CR", "HSCT", "Alive", "14.2"],
    ["2", "51", "45", "CRi", "Blinatumomab", "Alive", "11.0"],
    ["3", "27", "90", "NR", "-", "Dead", "3.1"],
    ["4", "62", "38", "PR", "CAR-T", "Dead", "6.4"],
    ["5", "45", "71", "CR", "Chemotherapy", "Alive", "9.9"],
]
WANT = [("1", 82.0, True, "HSCT", True, 14.2), ("2", 45.0, True, "blinatumomab", True, 11.0),
        ("3", 90.0, False, "", False, 3.1), ("4", 38.0, False, "CAR-T", False, 6.4),
        ("5", 71.0, True, "chemotherapy", True, 9.9)]  # fmt: skip


def _grid(rows: list[list[str]], **kw) -> Table:
    cells = tuple(Cell(i, j, text) for i, row in enumerate(rows) for j, text in enumerate(row))
    return Table("p3-t1", "Table 2", n_rows=len(rows), n_cols=max(len(r) for r in rows), cells=cells, **kw)


def _read(*tables: Table) -> list[Patient]:
    doc = Document("s1", "x.pdf", "x.pdf", "pdf", tables=tables)
    return router.read_all(doc, DictNormalizer(), StudyModel(), {}).patients


def _got(patients: list[Patient]) -> list[tuple]:
    return [(p.patient, p.blasts_pre_pct, p.cr, p.post_therapy, p.alive, p.follow_up_months) for p in patients]


def test_the_issues_borderless_table_is_read_row_for_row():
    patients = _read(_grid([HEADER, *ROWS], method="word-rivers"))
    assert _got(patients) == WANT
    assert [dict(p.extra) for p in patients][0] == {"x_age": "34"}


def test_a_first_row_whose_number_ocr_misread_is_not_eaten_as_a_header():
    rows = [["l", *ROWS[0][1:]], *ROWS[1:]]  # "1" read as "l": the row looked like a second header row
    patients = _read(_grid([HEADER, *rows], method="ocr-rivers", from_ocr=True))
    assert _got(patients) == WANT


def test_a_first_line_whose_number_ocr_misread_is_not_eaten_as_a_header():
    lines = (" ".join(HEADER), " ".join(["I", *ROWS[0][1:]]), *(" ".join(r) for r in ROWS[1:]))
    doc = Document("s1", "x.txt", "x.txt", "text", tables=(Table("text-t1", "Table 2", lines=lines),))
    patients = router.read_all(doc, DictNormalizer(), StudyModel(), {}).patients
    assert _got(patients) == WANT


def test_header_rows_above_the_body_stay_header_rows():
    """A wrapped header's second row holds units and a timepoint, not a patient's values."""
    header2 = ["", "", "at day 28", "", "", "", ""]
    patients = _read(_grid([HEADER, header2, *ROWS], method="word-rivers"))
    assert [p.patient for p in patients] == ["1", "2", "3", "4", "5"]


def test_a_wrapped_cell_in_a_patient_listing_does_not_open_a_new_row():
    wrapped = [[*ROWS[0][:4], "Chemotherapy +", "Alive in", "14.2"], ["", "", "", "", "HSCT", "CR", ""], *ROWS[1:]]
    patients = _read(_grid([HEADER, *wrapped], method="word-rivers"))
    assert [p.patient for p in patients] == ["1", "2", "3", "4", "5"]
    assert patients[0].post_therapy == "chemotherapy;HSCT"


def _claim(table: Table, doc: Document) -> float:
    grid, indents = grid_of(table)
    return PatientListingReader().claim(TableInput(doc, table, grid, DictNormalizer(), StudyModel(), {}, indents))


def test_the_router_classifies_listings_by_the_listing_readers_claim_alone():
    table = _grid([HEADER, *ROWS], method="word-rivers")
    doc = Document("s1", "x.pdf", "x.pdf", "pdf", tables=(table,))
    assert _claim(table, doc) == 1.0
    readers = router.registry()
    assert router.classify(router.inputs(doc, DictNormalizer(), StudyModel(), {})[0], readers) is readers[0]
    assert isinstance(readers[0], PatientListingReader)


TRIALS = sorted(GENERATED.glob("trial*_digital.pdf"))


def _claimed_vs_truth(pdf: Path) -> tuple[set[str], set[str]]:
    doc = extract(pdf, pdf.stem)
    truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())
    listings = {t["label"] for t in truth["tables"] if t["role"] in ("patients", "transplants")}
    return {t.label or t.table_id for t in doc.tables if grid_of(t)[0] and _claim(t, doc) > 0}, listings


@pytest.mark.skipif(not TRIALS, reason="fixtures not generated (python -m fixtures.generate)")
def test_arm_level_tables_are_never_claimed_as_listings():
    """The generated trials' arm-level tables and the example study's baseline table are not listings; its
    per-patient and transplant tables are."""
    for pdf in [*TRIALS, GENERATED / "example_study.pdf", GENERATED / "seed004_digital.pdf"]:
        claimed, listings = _claimed_vs_truth(pdf)
        assert claimed == listings, pdf.name


@pytest.mark.skipif(not (GENERATED / "unseen_patients_0_digital.pdf").exists(), reason="fixtures not generated")
def test_generated_listings_with_unseen_headers_are_claimed():
    for i in range(len(TABLES)):
        claimed, listings = _claimed_vs_truth(GENERATED / f"unseen_patients_{i}_digital.pdf")
        assert claimed == listings
