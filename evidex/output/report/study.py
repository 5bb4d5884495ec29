"""One study's page model: its sections' records, each with its page, quote and crop."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidex.output.report import boxes
from evidex.output.report.boxes import Box
from evidex.output.report.crops import Cropper
from evidex.output.report.db import Database, label_of
from evidex.output.report.pdfpages import PdfPages
from evidex.output.report.sections import SPECS, Record, Spec, record

Row = Mapping[str, Any]


@dataclass(slots=True)
class Section:
    spec: Spec
    records: list[Record]
    has_crops: bool
    has_quotes: bool
    counts: dict[str, int]
    options: dict[str, list[str]]
    widths: dict[str, str]  # column key (and "page", "quote", "crop") -> CSS width; they add up to 100%


@dataclass(slots=True)
class StudyPage:
    study: Row
    label: str
    pdf_uri: str
    pdf_note: str
    sections: list[Section]


def pdf_path(study: Row) -> Path | None:
    """The study's PDF as recorded (absolute, or relative to where evidex ran); None for text input."""
    raw = study.get("path")
    if study.get("kind") != "pdf" or not raw:
        return None
    return Path(str(raw)).expanduser().resolve()


class _Locator:
    """Boxes of one study's rows; findings and repairs borrow the box of the row they point at."""

    def __init__(self, db: Database, study: Row, pdf: PdfPages) -> None:
        self.grids = boxes.grids(db.cells(str(study["study_id"]), study.get("n_cells")))
        self.pdf = pdf
        self.evidence: dict[str, Box | None] = {}
        self.patients: dict[tuple[str, str, str], Box | None] = {}  # (table kind, label, patient)

    def box(self, table: str, row: Row) -> Box | None:
        if table == "findings":
            return self._referenced(row) or boxes.from_quote(row, self.pdf.find)
        if table == "repairs":
            key = (str(row.get("table")), str(row.get("patient")))
            return self.patients.get(("patients", *key)) or self.patients.get(("transplants", *key))
        found = boxes.locate(row, self.grids, self.pdf.find)
        if table == "evidence" and row.get("evidence_id"):
            self.evidence[str(row["evidence_id"])] = found
        if table in ("patients", "transplants"):
            self.patients.setdefault((table, str(row.get("table")), str(row.get("patient"))), found)
        return found

    def _referenced(self, row: Row) -> Box | None:
        refs = [r for r in str(row.get("ref") or "").split(";") if r]
        for ref in refs:
            if self.evidence.get(ref):
                return self.evidence[ref]
        for (kind, _label, patient), box in self.patients.items():
            if box and refs and kind == row.get("table") and patient == refs[0]:
                return box
        return None


PAGE_WIDTH, QUOTE_WIDTH, CROP_WIDTH = 5.0, 22.0, 33.0  # percent of the table
QUOTE_ALONE_WIDTH = 40.0  # without crops (text input) the quote takes their room
_ORDER = ("evidence", "patients", "transplants", "findings", "arms", "comparisons", "repairs")  # refs resolve first


def study_page(db: Database, study: Row, crops_dir: Path) -> tuple[StudyPage, Cropper]:
    sid = str(study["study_id"])
    path = pdf_path(study)
    with PdfPages(path) as pdf:
        cropper = Cropper(crops_dir, sid, pdf)
        locator = _Locator(db, study, pdf)
        pdf_uri = path.as_uri() if path is not None and path.is_file() else ""
        built = {}
        for table in _ORDER:
            rows = db.study(sid, table, study.get(f"n_{table}"))
            built[table] = _section(rows, _spec(table), locator, cropper, pdf_uri)
        note = _pdf_note(study, path, pdf)
    sections = [built[s.table] for s in SPECS]
    return StudyPage(study, label_of(study), pdf_uri, note, sections), cropper


def _spec(table: str) -> Spec:
    return next(s for s in SPECS if s.table == table)


def _section(rows: Sequence[Row], spec: Spec, locator: _Locator, cropper: Cropper, pdf_uri: str) -> Section:
    records = [record(spec, r, cropper.crop(locator.box(spec.table, r)), pdf_uri) for r in rows]
    counts: dict[str, int] = {}
    options: dict[str, list[str]] = {}
    for name in spec.filters:
        values = [r.flags.get(name, "") for r in records]
        options[name] = sorted({v for v in values if v})
        for v in values:
            counts[v] = counts.get(v, 0) + 1
    has_crops, has_quotes = any(r.crop for r in records), any(r.quote for r in records)
    return Section(spec, records, has_crops, has_quotes, counts, options, _widths(spec, has_quotes, has_crops))


def _widths(spec: Spec, has_quotes: bool, has_crops: bool) -> dict[str, str]:
    """Fixed shares of the window, so the table is never wider than it: page, quote and crop first."""
    quote = (QUOTE_WIDTH if has_crops else QUOTE_ALONE_WIDTH) if has_quotes else 0.0
    fixed = {"page": PAGE_WIDTH, "quote": quote, "crop": CROP_WIDTH if has_crops else 0.0}
    rest = 100.0 - sum(fixed.values())
    total = sum(c.weight for c in spec.columns)
    widths = {c.key: rest * c.weight / total for c in spec.columns} | fixed
    return {k: f"{v:.2f}%" for k, v in widths.items() if v}


def _pdf_note(study: Row, path: Path | None, pdf: PdfPages) -> str:
    if study.get("kind") != "pdf":
        return "Text input: values show their quote; there are no pages to picture."
    if path is None or not path.is_file():
        return f"The PDF is not at {study.get('path')} any more: page links and new crops are unavailable."
    if pdf.error:
        return f"The PDF could not be opened for crops ({pdf.error})."
    return ""
