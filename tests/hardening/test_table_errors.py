"""A table library that fails on one page (issue 14): the page's tables are lost, never silently.

A real born-digital PDF is read for real; only the table finder is made to fail, on one page, the way
a library error would (a malformed stream, an index out of range). The document must come out
``partial`` with a finding that names that page, its text and the other pages' tables kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evidex.extract import tables as engine
from evidex.models import RunOptions
from evidex.pipeline import default_engines, finish, process
from tests.conftest import GENERATED

PDF = GENERATED / "seed004_digital.pdf"  # ruled tables on pages 4 and 5
BROKEN_PAGE = 4
pytestmark = pytest.mark.skipif(not PDF.exists(), reason="fixtures not generated (python -m fixtures.generate)")


def _run(strict: bool = False):  # type: ignore[no-untyped-def]
    result = process(PDF, RunOptions(ocr="off", strict=strict), default_engines(), raise_bugs=True)
    return result, finish(result, raise_bugs=True)[1]


@pytest.fixture(scope="module")
def original():  # type: ignore[no-untyped-def]
    return _run()


def test_a_table_library_error_makes_the_document_partial_and_names_the_page(
    monkeypatch: pytest.MonkeyPatch, original: Any
) -> None:
    real = engine.page_tables

    def failing(words: Any, objects: Any, number: int) -> Any:
        if number == BROKEN_PAGE:
            raise ValueError("malformed content stream: unexpected token at offset 1187")
        return real(words, objects, number)

    monkeypatch.setattr(engine, "page_tables", failing)
    result, frames = _run()  # the batch's behaviour: errors are data
    want_result, want = original
    assert want_result.study.status == "ok"
    assert {t.page for t in want_result.document.tables} >= {BROKEN_PAGE, BROKEN_PAGE + 1}

    assert result.study.status == "partial"
    assert [(e.component, e.page) for e in result.errors] == [("tables", BROKEN_PAGE)]
    assert "ValueError: malformed content stream" in result.errors[0].message
    said = [f for f in result.findings if f.page == BROKEN_PAGE and f.stage == "tables"]
    assert said and f"p.{BROKEN_PAGE}" in said[0].message and "table detection failed" in said[0].message
    assert f"p.{BROKEN_PAGE}" in result.study.errors
    # only that page's tables are lost: the other pages' tables and the whole text are kept
    kept = {t.page for t in result.document.tables}
    assert BROKEN_PAGE not in kept and kept == {t.page for t in want_result.document.tables} - {BROKEN_PAGE}
    assert len(result.document.pages) == len(want_result.document.pages)
    assert result.document.text.count(" ") >= 0.9 * want_result.document.text.count(" ")
    assert len(frames["evidence"]) > 0
    assert not any("table detection failed" in w for w in result.document.warnings)  # a finding, not a warning


def test_a_strict_run_raises_the_table_library_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """RunOptions.strict (the CLI's EVIDEX_STRICT=1) reaches the table finder: a bug raises, for debugging."""

    def failing(words: Any, objects: Any, number: int) -> Any:
        raise ValueError("malformed content stream")

    monkeypatch.setattr(engine, "page_tables", failing)
    from evidex.extract import extract

    with pytest.raises(ValueError, match="malformed content stream"):
        extract(PDF, "s5", RunOptions(ocr="off", strict=True))


def _failing(*args: Any, **kwargs: Any) -> Any:
    raise IndexError("list index out of range")


@pytest.mark.ocr
@pytest.mark.parametrize("step", ["analyse", "tables_from"])  # the image engine's look at the pixels, its tables
def test_a_failing_picture_table_makes_the_document_partial_and_names_the_page(
    step: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A table embedded as a picture in a born-digital page: the image table finder fails, the prose stays."""
    from evidex.extract import extract
    from evidex.extract.tables import image
    from tests.extract import test_pdf_factory as factory

    path = tmp_path / "table_embedded_as_picture.pdf"
    prose = factory.image_table_page(path)
    monkeypatch.setattr(image, step, _failing)
    doc = extract(path, "s3", RunOptions())
    assert [(e.component, e.page) for e in doc.errors] == [("tables", 1)]
    assert "image table detection failed (IndexError" in doc.errors[0].message
    assert not doc.tables and all(p in [b.text for b in doc.blocks] for p in prose)


SCANNED = GENERATED / "synth_patients_ruled_scanned.pdf"  # one ruled table on one scanned page


@pytest.mark.ocr
@pytest.mark.skipif(not SCANNED.exists(), reason="fixtures not generated")
@pytest.mark.parametrize("step", ["analyse", "tables_from"])
def test_a_failing_table_engine_on_a_scanned_page_keeps_its_words(step: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from evidex.extract import extract
    from evidex.extract.tables import image

    monkeypatch.setattr(image, step, _failing)
    doc = extract(SCANNED, "s4", RunOptions(ocr="auto", ocr_workers=1))
    assert [(e.component, e.page) for e in doc.errors] == [("tables", 1)]
    assert "image table detection failed (IndexError" in doc.errors[0].message
    assert not doc.tables and doc.pages[0].ocr
    assert len(doc.text.split()) >= 100  # the table's words are read as text, not lost with its cells
