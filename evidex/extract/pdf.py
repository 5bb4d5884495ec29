"""PDF reader: text layer, quality routing to OCR, tables, then layout into a ``Document``.

Stages over pages, in order: read the text layer and page objects (pdfium), score each page's
text layer, OCR the pages that need it, find tables (vector tables only where a page looks
like it has one; image tables in scanned pages and embedded pictures), then lay the words out
in reading order (evidex.extract.assemble).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from evidex.extract import assemble, metadata, quality, scan
from evidex.extract.textlayer import PageObjects, inside, page_objects, page_words
from evidex.extract.words import Word
from evidex.models import Document, InputError, Page, RunOptions, Table

TEXT_METHOD = "pdfium.v1"


@dataclass
class PageState:
    """One page as it moves through the stages."""

    number: int
    width: float
    height: float
    words: list[Word]
    objects: PageObjects
    quality: float = 0.0
    n_chars: int = 0
    ocr: bool = False
    confidence: float | None = None
    method: str = TEXT_METHOD
    tables: list[Table] = field(default_factory=list)

    def record(self) -> Page:
        return Page(self.number, round(self.width, 2), round(self.height, 2), self.quality, self.ocr, self.n_chars,
                    self.confidence, self.method)


def open_pdf(path: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    head = path.read_bytes()[:1024]
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise InputError("the PDF is encrypted; remove the password and run again") from None
        raise InputError(f"the PDF is damaged and cannot be opened ({exc})") from None


def read_pages(pdf: Any) -> list[PageState]:
    states = []
    for i in range(len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        textpage = page.get_textpage()
        words = page_words(page, textpage)
        objects = page_objects(page)
        text = " ".join(w.text for w in words)
        st = PageState(i + 1, width, height, words, objects)
        st.n_chars = sum(len(w.text) for w in words)
        st.quality = quality.text_quality(text, objects.images, width, height)
        states.append(st)
        textpage.close()
    return states


def ocr_pages(pdf: Any, path: Path, states: list[PageState], options: RunOptions, warnings: list[str]) -> None:
    todo = [s.number - 1 for s in states if quality.needs_ocr(options.ocr, s.quality)]
    for i, res in scan.scan_pages(pdf, path, todo, options).items():
        st = states[i]
        st.words, st.tables = list(res.words), list(res.tables)
        st.ocr, st.confidence, st.method = True, res.confidence, res.method
        if res.warning:
            warnings.append(res.warning)
        if res.confidence is not None and res.confidence < 60:
            warnings.append(f"page {st.number}: OCR confidence is low ({res.confidence:.0f}/100); check its values")


def vector_tables(path: Path, states: list[PageState], warnings: list[str]) -> None:
    from evidex.extract import tables as engine

    # rulings or aligned numbers, not a caption alone: "Table 3" captions sit on pages whose table is a
    # picture (read by picture_regions) or on text pages, and pdfplumber costs ~1 s a page to say so
    wanted = [s.number for s in states if not s.ocr and engine.page_has_table(
        scan.numbers(s.words), s.objects.n_rects, s.objects.n_lines)]
    if not wanted:
        return
    try:
        found = engine.vector_tables(path, wanted)
    except Exception as exc:  # errors are data in batch runs: lose the tables, keep the text
        if os.environ.get("EVIDEX_STRICT") == "1":
            raise
        warnings.append(f"table detection failed ({type(exc).__name__}: {exc})")
        return
    for t in found:
        if t.page is not None and 1 <= t.page <= len(states):
            states[t.page - 1].tables.append(t)


def picture_regions(pdf: Any, states: list[PageState], options: RunOptions, warnings: list[str]) -> None:
    """Embedded pictures on born-digital pages: tables drawn as images, or text set as an image."""
    if options.ocr == "off":
        return
    engine = None
    for st in states:
        # a page-sized picture under a good text layer is a scan with its own OCR layer: trust the layer
        boxes = [b for b in scan.big_images(st.objects.images) if not any(inside_box(b, t) for t in st.tables)
                 and quality.image_cover((b,), st.width, st.height) < quality.SCAN_COVER]
        if st.ocr or not boxes:
            continue
        from evidex.extract.ocr import get_engine

        engine = engine or get_engine(region=True)
        gray = scan.render_gray(pdf[st.number - 1], options.ocr_dpi)
        for box in boxes:
            res = scan.scan_image(gray, st.number, box, options, engine)
            if res.warning:
                warnings.append(res.warning)
            _apply_picture(st, box, res)


def _apply_picture(st: PageState, box: Any, res: scan.ScanResult) -> None:
    """A picture's tables or words join the page; the page then counts as OCR'd."""
    if not (res.tables or res.words):
        return
    st.tables.extend(res.tables)
    st.words = [w for w in st.words if not inside(w, box)] + list(res.words)
    confs = [c.confidence for t in res.tables for c in t.cells if c.confidence is not None]
    confs += [w.conf for w in res.words if w.conf is not None]
    st.ocr = True
    st.confidence = round(sum(confs) / len(confs), 1) if confs else st.confidence
    st.method = f"{TEXT_METHOD}+{res.method}"


def inside_box(box: Any, table: Table) -> bool:
    t = table.bbox
    if t is None:
        return False
    return t.x0 - 2 <= box.x0 and box.x1 <= t.x1 + 2 and t.top - 2 <= box.top and box.bottom <= t.bottom + 2


def read_pdf_document(path: Path, study_id: str, options: RunOptions) -> Document:
    pdf = open_pdf(path)
    try:
        if len(pdf) == 0:
            raise InputError("the PDF has no pages")
        warnings: list[str] = []
        states = read_pages(pdf)
        ocr_pages(pdf, path, states, options, warnings)
        vector_tables(path, states, warnings)
        picture_regions(pdf, states, options, warnings)
        for st in states:
            boxes = [t.bbox for t in st.tables if t.bbox is not None]
            if boxes:
                st.words = [w for w in st.words if not any(inside(w, b) for b in boxes)]
        doc = assemble.build_document(study_id, path, states, warnings)
        first = states[0]
        bib = metadata.from_pdf(pdf.get_metadata_dict(), first.words, first.height, doc.text)
        return replace(doc, bibliography=bib)
    finally:
        pdf.close()
