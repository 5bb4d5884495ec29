"""PDF reader: text layer, quality routing to OCR, tables, then layout into a ``Document``.

Stages over pages, in order: read the text layer and page objects (pdfium), score each page's
text layer, OCR the pages that need it, find tables (vector tables only where a page looks
like it has one; image tables in scanned pages and embedded pictures), then lay the words out
in reading order (evidex.extract.assemble).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from evidex.extract import assemble, metadata, orient, quality, repair, scan
from evidex.extract.tables.sideways import sideways_tables
from evidex.extract.textlayer import PageObjects, inside, page_objects, page_words
from evidex.extract.words import Word
from evidex.models import Document, ErrorItem, InputError, Page, RunOptions, Table

TEXT_METHOD = "pdfium.v1"
UNREADABLE = "unreadable"  # a page pdfium could not load: kept as an empty page, named in the errors


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
    errors: list[ErrorItem] = field(default_factory=list)  # parts of this page that failed (the rest is kept)

    def fail(self, component: str, exc: BaseException | str) -> None:
        """A part of this page could not be read: the document becomes ``partial`` with this page named."""
        text = exc if isinstance(exc, str) else " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        self.errors.append(ErrorItem(component, self.number, text))

    @property
    def readable(self) -> bool:
        return self.method != UNREADABLE

    def record(self) -> Page:
        return Page(self.number, round(self.width, 2), round(self.height, 2), self.quality, self.ocr, self.n_chars,
                    self.confidence, self.method)


def open_pdf(path: Path, warnings: list[str]) -> tuple[Any, repair.Repaired | None]:
    """pdfium's document, read from a qpdf-repaired copy when the file is damaged (see evidex.extract.repair)."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")
    fixed = repair.repair(path)
    try:
        pdf = _open(fixed.path if fixed else path)
    except InputError:
        if fixed is not None:
            fixed.remove()
            raise
        fixed = repair.repair(path, must=True)  # pdfium gave up (a cut trailer): qpdf may still rebuild it
        if fixed is None:
            raise
        try:
            pdf = _open(fixed.path)
        except InputError:
            fixed.remove()
            raise
    if fixed is not None:
        warnings.append(fixed.note)
    return pdf, fixed


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise InputError("the PDF is encrypted; remove the password and run again") from None
        raise InputError(f"the PDF is damaged and cannot be opened ({exc})") from None


def read_pages(pdf: Any, options: RunOptions, warnings: list[str]) -> list[PageState]:
    """Every page's words and objects, upright; a page pdfium cannot load is kept empty and named."""
    import pypdfium2 as pdfium

    states, turned = [], []
    for i in range(len(pdf)):
        try:
            st, had = read_page(pdf, i)
        except Exception as exc:  # a page that does not load must not take its neighbours with it
            if options.strict and not isinstance(exc, pdfium.PdfiumError):
                raise
            st, had = PageState(i + 1, 0.0, 0.0, [], PageObjects(), method=UNREADABLE), None
            st.fail("extract", f"the page could not be read ({type(exc).__name__}: {exc}); skipped")
        states.append(st)
        if had is not None:
            turned.append((st.number, had))
    for had in sorted({r for _, r in turned}):
        pages = _ranges([n for n, r in turned if r == had])
        warnings.append(f"text runs sideways under /Rotate {had}; read turned to run left to right: page(s) {pages}")
    return states


def read_page(pdf: Any, index: int) -> tuple[PageState, int | None]:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        had = orient.upright(page, textpage)  # before anything reads a box: words, rulings, renders share it
        width, height = page.get_size()
        words = page_words(page, textpage)
        objects = page_objects(page)
        turned, block = sideways_tables(page, textpage, index + 1)  # a landscape table on half an upright page
        if block is not None:  # its glyphs run up the page here: no words of the page's own text
            words = [w for w in words if not inside(w, block)]
    finally:
        textpage.close()
    text = " ".join(w.text for w in words)
    st = PageState(index + 1, width, height, words, objects, tables=turned)
    st.n_chars = sum(len(w.text) for w in words)
    st.quality = quality.text_quality(text, objects.images, width, height)
    return st, had


def ocr_pages(pdf: Any, path: Path, states: list[PageState], options: RunOptions, warnings: list[str]) -> None:
    """Pages with a poor text layer read from pixels; blank ones are left alone (no words to find)."""
    todo = [s.number - 1 for s in states if s.readable and quality.needs_ocr(options.ocr, s.quality)]
    blank = scan.blank_pages(pdf, todo)
    if blank:
        for i in blank:
            states[i].method = scan.BLANK_METHOD
        warnings.append(f"{len(blank)} blank page(s) not OCR'd: {_ranges([i + 1 for i in blank])}")
    todo = [i for i in todo if i not in set(blank)]
    for i, res in scan.scan_pages(pdf, path, todo, options).items():
        st = states[i]
        st.words, st.tables = list(res.words), list(res.tables)
        st.ocr, st.confidence, st.method = True, res.confidence, res.method
        if res.size is not None:
            st.width, st.height = res.size
        if res.turned:
            warnings.append(f"page {st.number}: the scan lay sideways; read turned {res.turned} degrees clockwise")
        if res.warning:
            warnings.append(res.warning)
        if res.error:
            st.fail("tables", res.error)
        if res.confidence is not None and res.confidence < 60:
            warnings.append(f"page {st.number}: OCR confidence is low ({res.confidence:.0f}/100); check its values")


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def vector_tables(path: Path, states: list[PageState], options: RunOptions) -> None:
    """Tables from the words and rulings pdfium already read: no page is parsed a second time."""
    from evidex.extract import tables as engine

    for st in states:
        if st.ocr:
            continue
        try:
            # rulings, a caption or aligned numbers: pages of plain text are not searched
            if engine.page_has_table(st.words, st.objects.n_rects, st.objects.n_lines):
                st.tables.extend(engine.page_tables(st.words, st.objects, st.number))
        except Exception as exc:  # errors are data in batch runs: lose the page's tables, keep the text
            if options.strict:
                raise
            # the tables are lost: the document is partial with this page named, never a bare warning
            st.fail("tables", f"table detection failed ({type(exc).__name__}: {exc}); the page's text is kept")


def picture_regions(pdf: Any, states: list[PageState], options: RunOptions, warnings: list[str]) -> None:
    """Embedded pictures on born-digital pages: tables drawn as images, or text set as an image."""
    if options.ocr == "off":
        return
    from evidex.extract.tables.regions import table_picture

    engine = None
    for st in states:
        # a page-sized picture under a good text layer is a scan with its own OCR layer: trust the layer
        # a picture whose nearest caption says 'Figure N' is a figure: its text is not OCR'd
        boxes = [b for b in scan.big_images(st.objects.images) if not any(inside_box(b, t) for t in st.tables)
                 and quality.image_cover((b,), st.width, st.height) < quality.SCAN_COVER
                 and table_picture(st.words, b)]
        if st.ocr or not boxes:
            continue
        from evidex.extract.ocr import get_engine

        engine = engine or get_engine(region=True)
        gray = scan.render_gray(pdf[st.number - 1], options.ocr_dpi)
        for box in boxes:
            res = scan.scan_image(gray, st.number, box, options, engine)
            if res.error:  # the picture's tables are lost: partial, this page named
                st.fail("tables", res.error)
            elif res.warning:
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
    warnings: list[str] = []
    pdf, fixed = open_pdf(path, warnings)
    try:
        if len(pdf) == 0:
            raise InputError("the PDF has no pages")
        states = read_pages(pdf, options, warnings)
        if not any(st.readable for st in states):
            raise InputError(f"none of the PDF's {len(states)} page(s) could be read")
        read = fixed.path if fixed is not None else path  # workers re-open the file every library reads
        ocr_pages(pdf, read, states, options, warnings)
        vector_tables(read, states, options)
        picture_regions(pdf, states, options, warnings)
        for st in states:
            boxes = [t.bbox for t in st.tables if t.bbox is not None]
            if boxes:
                st.words = [w for w in st.words if not any(inside(w, b) for b in boxes)]
        doc = assemble.build_document(study_id, path, states, warnings, strict=options.strict)
        first = states[0]
        bib = metadata.from_pdf(pdf.get_metadata_dict(), first.words, first.height, doc.text)
        return replace(doc, bibliography=bib, errors=tuple(e for st in states for e in st.errors))
    finally:
        pdf.close()
        if fixed is not None:
            fixed.remove()
