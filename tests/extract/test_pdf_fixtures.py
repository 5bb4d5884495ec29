"""The generated seed004 fixtures: born-digital, image-table and scanned PDFs of the same paper.

Done means the three give the same text (within what OCR can read) on the same pages. Skipped
until ``python -m fixtures.generate`` has written them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz

from benchmarks.textscore import score, truth_blocks
from evidex.extract import extract
from evidex.models import Document, RunOptions
from tests.conftest import GENERATED


def _fixture(name: str) -> Path:
    path = GENERATED / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} not generated (python -m fixtures.generate)")
    return path


@pytest.fixture(scope="module")
def digital() -> Document:
    return extract(_fixture("seed004_digital"), "d", RunOptions())


def test_digital_text_matches_the_truth(digital: Document) -> None:
    s = score(digital, _fixture("seed004_digital").with_suffix(".truth.json"))
    assert s.exact >= 0.9 and s.fuzzy >= 0.92 and s.order >= 0.95
    assert s.pages_ok == 1.0 and s.headers_leaked == 0


def test_digital_pages_and_tables(digital: Document) -> None:
    assert len(digital.pages) == 7 and not any(p.ocr for p in digital.pages)
    labels = {t.label for t in digital.tables}
    assert {"Table 2", "Table 4"} <= labels
    table_cells = {c.text for t in digital.tables for c in t.cells if c.text}
    # words inside a table's box must not come back as body paragraphs
    for b in digital.blocks:
        if b.kind == "paragraph" and b.page in {t.page for t in digital.tables}:
            assert b.text not in table_cells


@pytest.mark.ocr
def test_image_table_fixture_gives_the_digital_text(digital: Document) -> None:
    doc = extract(_fixture("seed004_imagetables"), "i", RunOptions())
    prose = [b.text for b in digital.blocks if b.kind in ("paragraph", "heading")]
    got = {b.text for b in doc.blocks}
    assert sum(p in got for p in prose) >= 0.97 * len(prose)
    table_pages = {t.page for t in doc.tables}
    assert table_pages and all(doc.pages[p - 1].ocr for p in table_pages)


def _first_pages(name: str, n: int, folder: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(_fixture(name)))
    part = pdfium.PdfDocument.new()
    part.import_pages(src, list(range(n)))
    path = folder / f"{name}_first{n}.pdf"
    part.save(str(path))
    return path


@pytest.mark.ocr
def test_scanned_fixture_reads_like_the_digital_one(tmp_path: Path) -> None:
    # two pages keep the suite fast; they hold the title, abstract, two columns and a skewed scan
    digital = extract(_first_pages("seed004_digital", 2, tmp_path), "d", RunOptions())
    doc = extract(_first_pages("seed004_scanned", 2, tmp_path), "s", RunOptions())
    assert all(p.ocr and p.ocr_confidence and p.ocr_confidence > 80 for p in doc.pages)
    for page in (1, 2):
        want = " ".join(b.text for b in digital.blocks if b.page == page and b.kind == "paragraph")
        got = " ".join(b.text for b in doc.blocks if b.page == page and b.kind == "paragraph")
        assert fuzz.ratio(want, got) >= 95, page
    truth = truth_blocks(__import__("json").loads(_fixture("seed004_scanned").with_suffix(".truth.json")
                                                  .read_text(encoding="utf-8")))
    headings = [t for t, page, kind in truth if kind == "heading" and page <= 2]
    found = [b.text for b in doc.blocks if b.kind == "heading"]
    assert sum(any(fuzz.ratio(h, f) >= 90 for f in found) for h in headings) >= len(headings) - 1
