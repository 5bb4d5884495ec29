"""PDFs read as far as they can be: rotated, repaired and broken-tree copies of a born-digital paper.

The copies come from fixtures/damaged_pdfs.py (seed004_digital with one fault each); each must give
at least 80% of the original's evidence rows and every one of its tables, and say what it repaired.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from evidex.extract import pdf as reader
from evidex.extract import repair
from evidex.models import RunOptions
from evidex.pipeline import default_engines, finish, process
from tests.conftest import GENERATED

OPTS = RunOptions(ocr="off")
FAULTS = ("rotate90", "rotate270", "broken_xref", "cut_trailer", "page_loop", "lying_count")
pytestmark = pytest.mark.skipif(not (GENERATED / "seed004_digital_rotate90.pdf").exists(),
                                reason="fixtures not generated")


def _run(path: Path):  # type: ignore[no-untyped-def]
    result = process(path, OPTS, default_engines(), raise_bugs=True)
    return result, finish(result, raise_bugs=True)[1]


@pytest.fixture(scope="module")
def original():  # type: ignore[no-untyped-def]
    return _run(GENERATED / "seed004_digital.pdf")


@pytest.mark.parametrize("fault", FAULTS)
def test_damaged_copy_gives_the_originals_evidence(fault: str, original, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where a repaired copy would be left behind
    result, frames = _run(GENERATED / f"seed004_digital_{fault}.pdf")
    _, want = original
    assert len(want["evidence"]) >= 20
    assert len(frames["evidence"]) >= 0.8 * len(want["evidence"])
    assert len(frames["tables"]) == len(want["tables"]) and len(frames["pages"]) == len(want["pages"])
    assert result.study.status == "ok"
    said = " ".join(result.document.warnings)
    assert ("/Rotate" if fault.startswith("rotate") else "repaired by qpdf") in said
    assert not list(tmp_path.glob(f"{repair.TEMP_PREFIX}*")), "the repaired copy must be removed"


def test_rotated_pages_give_the_same_words_in_the_same_places() -> None:
    import pypdfium2 as pdfium

    def words(name: str) -> list[tuple[str, float, float]]:
        doc = pdfium.PdfDocument(str(GENERATED / f"{name}.pdf"))
        try:
            st = reader.read_pages(doc, OPTS, [])[0]
        finally:
            doc.close()
        return sorted((w.text, round(w.x0), round(w.top)) for w in st.words)  # pdfium may order them apart

    upright = words("seed004_digital")
    assert len(upright) > 100
    assert words("seed004_digital_rotate90") == upright == words("seed004_digital_rotate270")


def test_a_page_that_does_not_load_is_skipped_and_named() -> None:
    """pdfium trusts the lying /Count: pages 8 and 9 do not load, pages 1-7 are kept."""
    doc = reader._open(GENERATED / "seed004_digital_lying_count.pdf")
    try:
        states = reader.read_pages(doc, OPTS, [])
    finally:
        doc.close()
    assert [st.readable for st in states] == [True] * 7 + [False] * 2
    errors = [e for st in states for e in st.errors]
    assert [(e.component, e.page) for e in errors] == [("extract", 8), ("extract", 9)]
    assert all("could not be read" in e.message for e in errors)


def test_without_a_repair_the_readable_pages_are_kept_and_the_study_is_partial(monkeypatch, original) -> None:  # type: ignore[no-untyped-def]
    # qpdf repairs this file; with the repair switched off the page-level guard must still keep pages 1-7
    monkeypatch.setattr(repair, "repair", lambda path, must=False: None)
    result, frames = _run(GENERATED / "seed004_digital_lying_count.pdf")
    assert result.study.status == "partial"
    assert [(e.component, e.page) for e in result.errors] == [("extract", 8), ("extract", 9)]
    assert len(frames["evidence"]) >= 0.8 * len(original[1]["evidence"])


def test_repair_leaves_a_sound_file_alone() -> None:
    assert repair.repair(GENERATED / "seed004_digital.pdf") is None


def test_a_pdf_no_library_can_rebuild_is_one_clear_line(tmp_path: Path) -> None:
    from evidex.models import InputError

    raw = (GENERATED / "seed004_digital.pdf").read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(raw[:400])  # the header and a few objects: no page left
    with pytest.raises(InputError, match="damaged|no pages|could be read"):
        reader.read_pdf_document(path, "x", OPTS)
