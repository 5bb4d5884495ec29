"""Pages and page regions that must be read from pixels: scanned pages and embedded table images.

A scanned page is OCR'd once; the table engine (which OCRs cells itself) runs only when those
words say the page holds a table (a caption, aligned numbers), which keeps a scanned page's
total time close to a single Tesseract pass. Table words then leave the body text.
Everything returned is in PDF points.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidex.extract import ocr
from evidex.extract.ocr import OcrEngine, get_engine, ocr_image
from evidex.extract.textlayer import inside
from evidex.extract.words import Word
from evidex.models import BBox, RunOptions, Table

MIN_RULES = 3  # long horizontal rules that make a scanned page worth the table engine (booktabs has 3)
NUMBER = re.compile(r"^[(<>≤≥±+-]?\d+(?:[.,·]\d+)?%?\)?[,;]?$")
MIN_IMAGE_W, MIN_IMAGE_H = 140.0, 45.0  # points; smaller pictures cannot hold a table worth reading
TEXT_IMAGE_WORDS, TEXT_IMAGE_CONF = 8, 65.0  # an image OCR'd to fewer/worse words is a figure, not text


@dataclass(frozen=True, slots=True)
class ScanResult:
    words: tuple[Word, ...] = ()
    tables: tuple[Table, ...] = ()
    confidence: float | None = None
    method: str = ""
    warning: str = ""


def render_gray(page: Any, dpi: int) -> Any:
    return page.render(scale=dpi / 72, grayscale=True).to_numpy()


def _strict() -> bool:
    return os.environ.get("EVIDEX_STRICT") == "1"


def find_image_tables(
    gray: Any, page_no: int, scale: float, region: BBox, options: RunOptions
) -> tuple[list[Table], str]:
    from evidex.extract.tables import image_tables

    try:
        found = list(image_tables(gray, page_no, scale, region, options))
    except Exception as exc:  # errors are data in batch runs: lose the tables, keep the text
        if _strict():
            raise
        return [], f"page {page_no}: image table detection failed ({type(exc).__name__}: {exc})"
    prose = [t for t in found if is_prose(t)]
    note = f"page {page_no}: {len(prose)} image table(s) read as prose columns were kept as text" if prose else ""
    return [t for t in found if not is_prose(t)], note


def is_prose(table: Table) -> bool:
    """Columns of running text (a two-column page) that a whitespace-river table finder took for a table."""
    cells = [c.text for c in table.cells if c.text.strip()]
    if not cells:
        return False
    wordy = sum(1 for c in cells if len(c.split()) >= 6 and sum(ch.islower() for ch in c) > len(c) / 2)
    return wordy >= 0.5 * len(cells)


def _to_points(w: Word, scale: float, region: BBox) -> Word:
    return Word(w.text, region.x0 + w.x0 / scale, region.top + w.top / scale, region.x0 + w.x1 / scale,
                region.top + w.bottom / scale, round(w.size / scale, 2), w.bold, w.conf, w.para)


def scan_region(gray: Any, page_no: int, scale: float, region: BBox, options: RunOptions,
                engine: OcrEngine) -> ScanResult:
    """A page image read once by Tesseract, the table engine called only where a table shows.

    Ruled tables show as long rules: their cells are read by the table engine first and blanked
    before the page OCR. Borderless tables show as aligned numbers in the OCR'd words (a caption
    alone does not count: "Table 3" captions of tables on other pages are common).
    """
    from evidex.extract.tables import page_has_table

    angle = ocr.estimate_skew(gray)
    straight = ocr.straighten(gray, angle)
    binary = ocr.binarize(straight)
    tables: list[Table] = []
    warning = ""
    if ocr.ruling_lines(binary) >= MIN_RULES:
        tables, warning = find_image_tables(straight, page_no, scale, region, options)
        binary = _blank(binary, tables, scale, region)
    res = ocr.read(binary, engine, options.ocr_lang, angle)
    words = [_to_points(w, scale, region) for w in res.words]
    if not tables and page_has_table(numbers(words), 0, 0):
        tables, warning = find_image_tables(straight, page_no, scale, region, options)
        boxes = [t.bbox for t in tables if t.bbox is not None]
        words = [w for w in words if not any(inside(w, b) for b in boxes)]
    return ScanResult(tuple(words), tuple(tables), res.confidence, res.method, warning)


def numbers(words: list[Word]) -> list[Word]:
    """The numeric words, which is what table evidence on a page is made of (besides rules)."""
    return [w for w in words if NUMBER.match(w.text)]


def _blank(binary: Any, tables: list[Table], scale: float, region: BBox) -> Any:
    """White out table boxes so the page OCR does not read their cells a second time."""
    boxes = [t.bbox for t in tables if t.bbox is not None]
    if not boxes:
        return binary
    out = binary.copy()
    for b in boxes:
        x0, y0 = max(int((b.x0 - region.x0) * scale), 0), max(int((b.top - region.top) * scale), 0)
        x1, y1 = int((b.x1 - region.x0) * scale) + 1, int((b.bottom - region.top) * scale) + 1
        out[y0:y1, x0:x1] = 255
    return out


def scan_page(page: Any, page_no: int, options: RunOptions, engine: OcrEngine) -> ScanResult:
    width, height = page.get_size()
    gray = render_gray(page, options.ocr_dpi)
    return scan_region(gray, page_no, options.ocr_dpi / 72, BBox(0.0, 0.0, width, height), options, engine)


def scan_image(page_gray: Any, page_no: int, box: BBox, options: RunOptions, engine: OcrEngine) -> ScanResult:
    """An embedded picture on a born-digital page: its tables, or its words when it holds text."""
    scale = options.ocr_dpi / 72
    y0, y1 = max(int(box.top * scale), 0), int(box.bottom * scale) + 1
    x0, x1 = max(int(box.x0 * scale), 0), int(box.x1 * scale) + 1
    crop = page_gray[y0:y1, x0:x1]
    region = BBox(x0 / scale, y0 / scale, x0 / scale + crop.shape[1] / scale, y0 / scale + crop.shape[0] / scale)
    tables, warning = find_image_tables(crop, page_no, scale, region, options)
    if any(t.bbox and (t.bbox.x1 - t.bbox.x0) * (t.bbox.bottom - t.bbox.top) > 0.5 * _area(region) for t in tables):
        return ScanResult((), tuple(tables), None, "image-tables", warning)
    res = ocr_image(crop, engine, options.ocr_lang)
    if len(res.words) < TEXT_IMAGE_WORDS or (res.confidence or 0) < TEXT_IMAGE_CONF:
        return ScanResult((), tuple(tables), None, "image-tables" if tables else "", warning)
    # words inside a small table found here are dropped later with every other table word
    words = tuple(_to_points(w, scale, region) for w in res.words)
    return ScanResult(words, tuple(tables), res.confidence, res.method, warning)


def _area(b: BBox) -> float:
    return (b.x1 - b.x0) * (b.bottom - b.top)


def big_images(images: tuple[BBox, ...]) -> list[BBox]:
    return [b for b in images if b.x1 - b.x0 >= MIN_IMAGE_W and b.bottom - b.top >= MIN_IMAGE_H]


def _scan_job(path: str, index: int, options: RunOptions, kind: str) -> ScanResult:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return scan_page(pdf[index], index + 1, options, get_engine(kind))
    finally:
        pdf.close()


def scan_pages(
    pdf: Any, path: Path, indexes: list[int], options: RunOptions, kind: str = "tesseract"
) -> dict[int, ScanResult]:
    """OCR whole pages; a process pool over pages when ``options.ocr_workers`` > 1."""
    if not indexes:
        return {}
    workers = min(max(options.ocr_workers, 1), len(indexes))
    if workers == 1:
        engine = get_engine(kind)
        return {i: scan_page(pdf[i], i + 1, options, engine) for i in indexes}
    import multiprocessing as mp

    # spawn: pdfium's global state is not safe to share with a forked child
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {i: pool.submit(_scan_job, str(path), i, options, kind) for i in indexes}
        return {i: f.result() for i, f in futures.items()}
