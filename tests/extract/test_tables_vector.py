"""Born-digital tables: ruled grids (pdfplumber lines) and borderless/booktabs layouts (word rivers)."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from evidex.extract.tables import page_has_table, vector_tables
from evidex.extract.tables.quality import table_quality
from evidex.models import Cell
from tests.conftest import GENERATED
from tests.extract.test_tables_fixtures import (
    ae_spec,
    cell_accuracy,
    grouped_spec,
    make_pdf,
    make_two_column_pdf,
    patient_spec,
)


@pytest.mark.parametrize("style", ["grid", "columns", "booktabs", "none"])
def test_every_style_reads_exactly(tmp_path: Path, style: str) -> None:
    pdf = tmp_path / f"{style}.pdf"
    drawn = make_pdf(pdf, [[patient_spec(style), ae_spec(style)]])
    tables = vector_tables(pdf, [1])
    assert len(tables) == 2
    for table, truth in zip(tables, drawn, strict=True):
        assert (table.n_rows, table.n_cols) == (len(truth.spec.rows), len(truth.spec.rows[0]))
        assert cell_accuracy(truth.spec.rows, table.grid()) == (1.0, 1.0)
        assert table.page == 1 and not table.from_ocr and (table.quality or 0) >= 0.9
        ruled = style in ("grid", "columns")
        assert table.method == ("pdfplumber-lines" if ruled else "word-rivers")
        x0, top, x1, bottom = truth.bbox
        tol = 1.0 if ruled else 12.0  # borderless boxes hug the words, not the drawn frame
        assert table.bbox is not None
        assert abs(table.bbox.x0 - x0) <= tol and abs(table.bbox.top - top) <= tol
        assert abs(table.bbox.bottom - bottom) <= tol and table.bbox.x1 <= x1 + 1


def test_merged_header_cells_keep_their_span(tmp_path: Path) -> None:
    pdf = tmp_path / "g.pdf"
    spec = make_pdf(pdf, [[grouped_spec()]])[0].spec
    (table,) = vector_tables(pdf, [1])
    assert table.grid() == spec.rows
    spans = {(c.row, c.col): c.col_span for c in table.cells if c.col_span > 1}
    assert spans == {(0, 1): 3, (0, 4): 2}
    assert len(table.cells) == 7 * 8 - 3  # covered slots are not cells of their own


def test_cells_have_boxes_inside_the_table(tmp_path: Path) -> None:
    pdf = tmp_path / "t.pdf"
    make_pdf(pdf, [[patient_spec("grid", 4)]])
    table = vector_tables(pdf, [1])[0]
    box = table.bbox
    assert box is not None and len(table.cells) == table.n_rows * table.n_cols
    for c in table.cells:
        assert c.bbox is not None and box.x0 - 0.5 <= c.bbox.x0 < c.bbox.x1 <= box.x1 + 0.5
        assert box.top - 0.5 <= c.bbox.top < c.bbox.bottom <= box.bottom + 0.5


def test_only_the_pages_asked_for_are_read(tmp_path: Path) -> None:
    pdf = tmp_path / "two.pdf"
    make_pdf(pdf, [[patient_spec("grid", 3)], [ae_spec("grid")]])
    tables = vector_tables(pdf, [2])
    assert [t.page for t in tables] == [2] and tables[0].n_cols == 4
    assert vector_tables(pdf, [9]) == []
    assert [t.table_id for t in vector_tables(pdf, [1, 2])] == ["p1-t1", "p2-t1"]


def test_two_column_article_text_is_not_a_table(tmp_path: Path) -> None:
    pdf = tmp_path / "prose.pdf"
    make_two_column_pdf(pdf)
    assert vector_tables(pdf, [1]) == []


def test_quality_prefers_filled_short_cells() -> None:
    good = [Cell(r, c, f"{r}.{c}") for r in range(5) for c in range(4)]
    sparse = [Cell(r, c, "x" if c == 0 else "") for r in range(5) for c in range(4)]
    prose = [Cell(r, c, "word " * 30) for r in range(5) for c in range(2)]
    assert table_quality(good, 5, 4) == 1.0
    assert table_quality(sparse, 5, 4) < 0.5
    assert table_quality(prose, 5, 2) < table_quality(good, 5, 4)
    assert table_quality(good[:4], 1, 4) == 0.0


def test_gate_opens_for_rules_captions_and_number_columns(tmp_path: Path) -> None:
    tables, prose = tmp_path / "t.pdf", tmp_path / "p.pdf"
    make_pdf(tables, [[patient_spec("none")]])
    make_two_column_pdf(prose)
    with pdfplumber.open(str(tables)) as pdf:
        words = pdf.pages[0].extract_words()
    with pdfplumber.open(str(prose)) as pdf:
        prose_words = pdf.pages[0].extract_words()
    assert page_has_table([], 0, 12)
    assert page_has_table(words, 0, 0)  # caption and aligned numbers, no rules
    no_caption = [w for w in words if w["text"] not in ("Table", "2.")]
    assert page_has_table(no_caption, 0, 0)  # number columns alone
    assert not page_has_table(prose_words, 0, 0)
    assert page_has_table([(72, 90, 100, 99, "TABLE"), (102, 90, 110, 99, "4")], 0, 0)
    mention = [(72, 90, 90, 99, "shown"), (92, 90, 100, 99, "in"), (102, 90, 120, 99, "Table"), (122, 90, 128, 99, "2")]
    assert not page_has_table(mention, 0, 0)  # a table named inside a sentence is not a caption


def _truth_tables(name: str) -> list[dict]:
    path = GENERATED / f"{name}.truth.json"
    if not path.exists():
        pytest.skip(f"{path.name} not generated (python -m fixtures.generate)")
    return json.loads(path.read_text(encoding="utf-8"))["tables"]


@pytest.mark.parametrize(
    "name",
    [
        "seed004_digital",
        "synth_patients_ruled_digital",
        "synth_patients_borderless_digital",
        "synth_patients_twoheader_digital",
        "synth_transplants_ruled_digital",
        "synth_transplants_borderless_digital",
    ],
)
def test_generated_digital_tables_read_exactly(name: str) -> None:
    for truth in _truth_tables(name):
        tables = vector_tables(GENERATED / f"{name}.pdf", [truth["page"]])
        best = max((cell_accuracy(truth["cells"], t.grid()) for t in tables), default=(0.0, 0.0))
        assert best == (1.0, 1.0), f"{name} {truth['label']}: {best}"


def test_generated_prose_pages_give_no_tables() -> None:
    truths = _truth_tables("seed004_digital")
    table_pages = {t["page"] for t in truths}
    tables = vector_tables(GENERATED / "seed004_digital.pdf", list(range(1, 8)))
    assert {t.page for t in tables} == table_pages
