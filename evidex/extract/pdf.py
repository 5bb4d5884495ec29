"""PDF reader: pypdfium2 text layer per page (layout, OCR and tables are added by their own modules)."""

from __future__ import annotations

from pathlib import Path

from evidex.extract import sections
from evidex.models import Document, InputError, Page, RunOptions, TextBlock


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


def read_pdf_document(path: Path, study_id: str, options: RunOptions) -> Document:
    pdf = open_pdf(path)
    try:
        if len(pdf) == 0:
            raise InputError("the PDF has no pages")
        pages, blocks, parts, pos = [], [], [], 0
        section = "abstract"
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            pages.append(Page(i + 1, width, height, 1.0 if text.strip() else 0.0, False, len(text), None, "pdfium"))
            for para in (p.strip() for p in text.split("\n\n")):
                if not para:
                    continue
                sec = sections.section_of_heading(para)
                if sec and sec != "subsection":
                    section = sec
                start = pos
                parts.append(para)
                pos += len(para) + 2
                kind = "heading" if sec else "paragraph"
                blocks.append(TextBlock(para, section, kind, i + 1, None, start, start + len(para), order=len(blocks)))
        return Document(study_id, path.name, str(path), "pdf", "\n\n".join(parts), None, tuple(pages), tuple(blocks))
    finally:
        pdf.close()
