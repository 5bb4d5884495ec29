"""Extract stage: a file on disk -> a ``Document`` (text blocks in reading order, tables, pages)."""

from __future__ import annotations

from pathlib import Path

from evidex.models import Document, InputError, RunOptions

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
PDF_SUFFIXES = (".pdf",)


def extract(path: Path, study_id: str, options: RunOptions | None = None) -> Document:
    """Read one input file; raise ``InputError`` with a one-line reason when it cannot be read."""
    options = options or RunOptions()
    if not path.exists():
        raise InputError("no such file")
    if not path.is_file():
        raise InputError("not a regular file")
    if path.stat().st_size == 0:
        raise InputError("the file is empty")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from evidex.extract.text import read_text_document

        return read_text_document(path, study_id)
    from evidex.extract.pdf import read_pdf_document

    return read_pdf_document(path, study_id, options)
