"""Pages and page regions that must be read from pixels: scanned pages and embedded table images.

Every pixel is read by Tesseract once: a scanned page's words (and a picture's) are shared with the
image-table engine, which re-reads only the cells that fail its checks, so a scanned page costs about
one Tesseract pass. Blank pages are not read at all, and no page image grows past ``MAX_PIXELS``.
Table words then leave the body text. Everything returned is in PDF points.
"""

from __future__ import annotations

import math
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evidex.extract import ocr
from evidex.extract.ocr import OcrEngine, get_engine
from evidex.extract.textlayer import inside
from evidex.extract.words import Word
from evidex.models import BBox, Cell, RunOptions, Table

MIN_RULES = 3  # long horizontal rules that make a scanned page worth the table engine (booktabs has 3)
NUMBER = re.compile(r"^[(<>≤≥±+-]?\d+(?:[.,·]\d+)?%?\)?[,;]?$")
MIN_IMAGE_W, MIN_IMAGE_H = 140.0, 45.0  # points; smaller pictures cannot hold a table worth reading
TEXT_IMAGE_WORDS, TEXT_IMAGE_CONF = 8, 65.0  # an image OCR'd to fewer/worse words is a figure, not text
# memory guard: a page image never exceeds this many pixels whatever the dpi (a 100 x 100 inch page at
# 300 dpi is 900 Mpx; Tesseract also refuses sides over 32767 px)
MAX_PIXELS, MAX_SIDE = 40_000_000, 30_000
# blank pages: share of dark pixels in a small render (a page number alone is 0.004%, one line of text 0.08%)
BLANK_DPI, BLANK_MAX_PIXELS, BLANK_INK, DARK = 50, 4_000_000, 0.0003, 160
BLANK_METHOD = "blank"
REGION_BLOCK = 10_000  # block numbers of words read in a ruled region (Tesseract numbers page blocks from 1)


@dataclass(frozen=True, slots=True)
class ScanResult:
    words: tuple[Word, ...] = ()
    tables: tuple[Table, ...] = ()
    confidence: float | None = None
    method: str = ""
    warning: str = ""
    error: str = ""  # the table engine failed on this page: its tables are lost, its text kept
    size: tuple[float, float] | None = None  # the page's width and height in points, as it was read
    turned: int = 0  # degrees (clockwise) the page was turned because its scan lay sideways


def page_scale(page: Any, dpi: float, max_pixels: float = MAX_PIXELS) -> float:
    """Pixels per point for rendering ``page`` at ``dpi``, lowered so the image stays under ``max_pixels``."""
    width, height = page.get_size()
    scale = dpi / 72
    area = max(width * height, 1.0)
    if area * scale * scale > max_pixels:
        scale = (max_pixels / area) ** 0.5
        while math.ceil(width * scale) * math.ceil(height * scale) > max_pixels:  # pdfium rounds sides up
            scale *= 0.999
    return min(scale, MAX_SIDE / max(width, height, 1.0))


def render_page(page: Any, dpi: int) -> tuple[Any, float]:
    """The page as a grayscale array and its pixels per point (under ``dpi`` / 72 for a huge page)."""
    scale = page_scale(page, dpi)
    return page.render(scale=scale, grayscale=True).to_numpy(), scale


def render_gray(page: Any, dpi: int) -> Any:
    return render_page(page, dpi)[0]


def is_blank(page: Any) -> bool:
    """No ink worth reading: dark pixels in a ~50 dpi render (scanner dust averages away at that size)."""
    import numpy as np

    small = page.render(scale=page_scale(page, BLANK_DPI, BLANK_MAX_PIXELS), grayscale=True).to_numpy()
    return bool(small.size == 0 or np.count_nonzero(small < DARK) < BLANK_INK * small.size)


def blank_pages(pdf: Any, indexes: list[int]) -> list[int]:
    """The pages among ``indexes`` (0-based) that are blank or nearly so."""
    return [i for i in indexes if is_blank(pdf[i])]


class TableError(Exception):
    """The image-table engine failed on a page; the page's text is still read."""


def _drop_prose(found: list[Table], page_no: int) -> tuple[list[Table], str]:
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


def _to_points(w: Word, scale: float, region: BBox, fn: Any = None) -> Word:
    """A word in image pixels (prepared pixels when ``fn`` maps them back to the image) -> PDF points."""
    x0, top, x1, bottom = w.x0, w.top, w.x1, w.bottom
    size = w.size
    if fn is not None:
        (x0, top), (x1, bottom) = fn(x0, top), fn(x1, bottom)
        size = size * (x1 - x0) / max(w.x1 - w.x0, 1e-6)
    return Word(w.text, region.x0 + x0 / scale, region.top + top / scale, region.x0 + x1 / scale,
                region.top + bottom / scale, round(size / scale, 2), w.bold, w.conf, w.para)


def scan_region(gray: Any, page_no: int, scale: float, region: BBox, options: RunOptions,
                engine: OcrEngine) -> ScanResult:
    """A page image read once by Tesseract; the table engine builds its tables from the same words.

    A page with long rules is prepared by the table engine first (rules and specks erased, which
    Tesseract would read as "I", "|" and "."), and Tesseract reads that clean image: ruled regions as
    uniform blocks, the rest of the page with its layout analysis (``_read``). Any other page is
    binarized and read; the table engine runs on its words only when they line up like a table (a
    caption alone does not count: "Table 3" captions of tables on other pages are common). Only cells
    that fail their checks are read again (evidex.extract.tables.reocr).
    """
    from evidex.extract.tables import page_has_table
    from evidex.extract.tables.image import analyse

    angle = ocr.estimate_skew(gray)
    straight = ocr.straighten(gray, angle)
    binary = ocr.binarize(straight)
    seen, error = None, ""
    try:  # the table engine's look at the page failing loses its tables, never the page's text
        seen = analyse(straight, scale, deskew=False, page=True) if ocr.ruling_lines(binary) >= MIN_RULES else None
    except Exception as exc:
        if options.strict:
            raise
        error = _failed(exc)
    pixels, conf, method = _read(seen, binary, engine, options.ocr_lang, angle)
    back = seen.prep.to_input if seen is not None else None
    words = [_to_points(w, scale, region, back) for w in pixels]
    top = _caption_top(pixels) if seen is None and not error else None
    if top is not None:  # the table's words, not the page text's
        pixels = _captioned_block(pixels, binary, top, options.ocr_lang)
    if seen is None and not error and page_has_table(numbers(pixels), 0, 0):
        try:
            seen = analyse(straight, scale, deskew=False, page=True)
            pixels = [_moved(w, seen.prep.from_input) for w in pixels]
        except Exception as exc:
            if options.strict:
                raise
            seen, error = None, _failed(exc)
    if seen is None:
        return ScanResult(tuple(words), (), conf, method, error=error)
    try:
        tables, warning = _shared_tables(seen, pixels, page_no, scale, region, options)
    except TableError as exc:
        return ScanResult(tuple(words), (), conf, method, error=str(exc))
    boxes = [t.bbox for t in tables if t.bbox is not None]
    words = [w for w in words if not any(inside(w, b) for b in boxes)]
    return ScanResult(tuple(words), tuple(tables), conf, method, warning)


def _caption_top(pixels: list[Word]) -> float | None:
    """Where the first table caption that starts a line ("TABLE 3 ...") begins on the page, if any."""
    from evidex.extract.tables import caption_line

    first = caption_line(pixels)
    return first.top if first is not None else None


def _captioned_block(pixels: list[Word], binary: Any, top: float, lang: str) -> list[Word]:
    """Under a table caption that starts a line, the page read again as a uniform block (psm 6).

    Tesseract's page layout analysis (psm 3) drops most lone numbers and one-letter cells of a table
    with no rules (it kept 24 of 142 numbers of a generated borderless listing; psm 4 and 6 keep them
    all), so a borderless table under its caption is found without its cells, or not at all. Only the
    words for the table engine change; the page text keeps the psm 3 reading. Only pages with a
    caption line and no rules are read again, and only below the caption (the binarized page: the
    table engine's cleaned image read worse, 0.77 against 0.87 of cells right).
    """
    from evidex.extract.tables.image import PSM
    from evidex.extract.tables.ocr import read_words

    y0 = max(int(top) - 2, 0)
    block = [Word(w.text, w.x0, w.top + y0, w.x1, w.bottom + y0, w.bottom - w.top, False, w.conf, REGION_BLOCK)
             for w in read_words(binary[y0:], lang, PSM) if not ocr.is_speck(w)]  # fmt: skip
    return [w for w in pixels if w.bottom <= y0] + block


def _read(seen: Any, binary: Any, engine: OcrEngine, lang: str, angle: float) -> tuple[list[Word], float | None, str]:
    """Every pixel of the page read once: ruled regions as uniform blocks (Tesseract's page layout
    analysis costs a third more on a grid and drops lone digits), the rest of the page as a page."""
    from evidex.extract.tables.image import PSM
    from evidex.extract.tables.ocr import read_words

    if seen is None:
        res = ocr.read(binary, engine, lang, angle)
        return list(res.words), res.confidence, res.method
    boxes = _merged([_grown(r.box, int(4 * seen.ppp), seen.clean.shape) for r in seen.regions])
    rest = seen.clean
    if boxes:
        rest = rest.copy()
        for x0, y0, x1, y1 in boxes:
            rest[y0:y1, x0:x1] = 255
    res = ocr.read(rest, engine, lang, angle)
    words = list(res.words)
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        words += [Word(w.text, w.x0 + x0, w.top + y0, w.x1 + x0, w.bottom + y0, w.bottom - w.top, False, w.conf,
                       REGION_BLOCK + k) for w in read_words(seen.clean[y0:y1, x0:x1], lang, PSM)]
    confs = [w.conf for w in words if w.conf is not None]
    return words, round(sum(confs) / len(confs), 1) if confs else None, res.method


def _grown(box: tuple[int, int, int, int], by: int, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return max(x0 - by, 0), max(y0 - by, 0), min(x1 + by, shape[1]), min(y1 + by, shape[0])


def _merged(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Overlapping boxes as one, so no pixel is read twice."""
    out: list[tuple[int, int, int, int]] = []
    for b in sorted(boxes, key=lambda b: b[1]):
        hit = next((i for i, o in enumerate(out) if b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3]), None)
        if hit is None:
            out.append(b)
        else:
            o = out[hit]
            out[hit] = (min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3]))
    return out


def _moved(w: Word, fn: Any) -> Word:
    (x0, top), (x1, bottom) = fn(w.x0, w.top), fn(w.x1, w.bottom)
    return Word(w.text, x0, top, x1, bottom, w.size, w.bold, w.conf, w.para)


def _failed(exc: BaseException) -> str:
    return " ".join(f"image table detection failed ({type(exc).__name__}: {exc})".split())[:300]


def _shared_tables(seen: Any, pixels: list[Word], page_no: int, scale: float, region: BBox,
                   options: RunOptions) -> tuple[list[Table], str]:
    from evidex.extract.tables.image import tables_from

    try:
        found = [] if any(len(r.xs) >= 3 for r in seen.regions) else _word_tables(seen, pixels, page_no, scale, region,
                                                                                     options.ocr_lang)
        found = found or tables_from(seen, pixels, page_no, scale, region, options)
    except Exception as exc:  # errors are data in batch runs: lose the tables, keep the text
        if options.strict:
            raise
        raise TableError(_failed(exc)) from exc
    return _drop_prose(found, page_no)


def _word_tables(seen: Any, pixels: list[Word], page_no: int, scale: float, region: BBox,
                 lang: str = "eng") -> list[Table]:
    """A page with no ruled grid (borderless or booktabs tables) read by the born-digital finder.

    The finder works on words and horizontal rules in points, whatever read them: OCR'd words and the
    rules the image engine saw are what pdfium gives a born-digital page. It finds the table under its
    caption by the text's column rivers and the header above the first rule, where the image engine's
    own river finder cut a booktabs table at its mid rule into a header piece and a headerless rest
    (generated scanned listings: 0.24 of cells right with the image engine alone). A grid (three or
    more column rules) stays with the image engine, which re-reads cells that fail their checks.
    """
    from evidex.extract.tables.grid import horizontal_segments
    from evidex.extract.tables.image import prepared_to_points
    from evidex.extract.tables.vector import page_tables
    from evidex.extract.textlayer import PageObjects

    point = prepared_to_points(seen.prep, scale, region)
    words = [_to_points(_debris_off(w), scale, region, seen.prep.to_input) for w in pixels]
    rules = tuple((*point(x0, y), *point(x1, y)) for x0, x1, y in horizontal_segments(seen.horiz))
    tables = page_tables(words, PageObjects(n_lines=len(rules), rules=rules), page_no)
    return [_checked(replace(t, method=f"ocr+{t.method}", from_ocr=True,
                             cells=tuple(_read_cell(c, words) for c in t.cells)), seen, words, scale, region, lang)
            for t in tables]  # fmt: skip


def _checked(t: Table, seen: Any, words: list[Word], scale: float, region: BBox, lang: str) -> Table:
    """The table's doubtful cells checked on the page image (evidex.extract.tables.recheck)."""
    from evidex.extract.tables.recheck import recheck

    def to_px(x: float, y: float) -> tuple[float, float]:
        return seen.prep.from_input((x - region.x0) * scale, (y - region.top) * scale)  # type: ignore[no-any-return]

    inside_ = [w for w in words if t.bbox is not None and inside(w, t.bbox)]
    cells, _log = recheck(t.cells, inside_, seen.clean, to_px, seen.ppp, lang)
    return replace(t, cells=tuple(cells))


def _debris_off(w: Word) -> Word:
    """Scan dirt stuck to the front of a table word ('«8', '=F'): no cell of a table starts with these."""
    text = w.text.lstrip("«»=~_|`‘^")
    return w if text == w.text or not text[:1].isalnum() else replace(w, text=text)


def _read_cell(cell: Cell, words: list[Word]) -> Cell:
    """A cell the born-digital finder built from OCR words: marked as OCR'd, with its words' confidence."""
    from evidex.extract.tables.words import mean_conf

    b = cell.bbox
    inside_ = [w for w in words if b is not None and b.x0 <= w.xc <= b.x1 and b.top <= w.yc <= b.bottom]
    return replace(cell, from_ocr=True, confidence=mean_conf(inside_))


def numbers(words: list[Word]) -> list[Word]:
    """The numeric words, which is what table evidence on a page is made of (besides rules)."""
    return [w for w in words if NUMBER.match(w.text)]


def scan_page(page: Any, page_no: int, options: RunOptions, engine: OcrEngine) -> ScanResult:
    """One scanned page; a landscape page whose text runs up or down is turned upright first."""
    gray, scale = render_page(page, options.ocr_dpi)
    turn = 0
    width, height = page.get_size()
    if width > height and ocr.sideways(gray):  # a portrait page scanned or stored sideways
        turn = ocr.upright_turn(gray)
        if turn:
            page.set_rotation((page.get_rotation() + turn) % 360)
            gray, scale = render_page(page, options.ocr_dpi)
            width, height = page.get_size()
    res = scan_region(gray, page_no, scale, BBox(0.0, 0.0, width, height), options, engine)
    return replace(res, size=(width, height), turned=turn)


def scan_image(page_gray: Any, page_no: int, box: BBox, options: RunOptions, engine: OcrEngine,
               scale: float | None = None) -> ScanResult:
    """An embedded picture on a born-digital page, read once: its tables, or its words when it holds text.

    ``scale``: pixels per point of ``page_gray`` (``render_page`` gives it; ocr_dpi / 72 when omitted).
    ``engine`` is kept for callers; the picture is read by the table engine's own pass (uniform block).
    """
    from evidex.extract.tables.image import PSM, analyse
    from evidex.extract.tables.ocr import read_words

    scale = scale or options.ocr_dpi / 72
    y0, y1 = max(int(box.top * scale), 0), int(box.bottom * scale) + 1
    x0, x1 = max(int(box.x0 * scale), 0), int(box.x1 * scale) + 1
    crop = page_gray[y0:y1, x0:x1]
    if crop.size == 0:
        return ScanResult()
    region = BBox(x0 / scale, y0 / scale, x0 / scale + crop.shape[1] / scale, y0 / scale + crop.shape[0] / scale)
    try:
        seen = analyse(crop, scale, page=True)  # a tall letter is no rule outside a ruled region
    except Exception as exc:  # the picture is read through the table engine: it is lost, the page is not
        if options.strict:
            raise
        return ScanResult(error=_failed(exc))
    pixels = [w for w in read_words(seen.clean, options.ocr_lang, PSM) if not ocr.is_speck(w)]
    try:
        tables, warning = _shared_tables(seen, pixels, page_no, scale, region, options)
        error = ""
    except TableError as exc:
        tables, warning, error = [], f"page {page_no}: {exc}", str(exc)
    if any(t.bbox and (t.bbox.x1 - t.bbox.x0) * (t.bbox.bottom - t.bbox.top) > 0.5 * _area(region) for t in tables):
        return ScanResult((), tuple(tables), None, "image-tables", warning, error)
    confs = [w.conf for w in pixels if w.conf is not None]
    conf = round(sum(confs) / len(confs), 1) if confs else None
    if len(pixels) < TEXT_IMAGE_WORDS or (conf or 0) < TEXT_IMAGE_CONF:
        return ScanResult((), tuple(tables), None, "image-tables" if tables else "", warning, error)
    # words inside a small table found here are dropped later with every other table word
    sized = [replace(w, size=w.bottom - w.top, para=REGION_BLOCK) for w in pixels]
    words = tuple(_to_points(w, scale, region, seen.prep.to_input) for w in sized)
    return ScanResult(words, tuple(tables), conf, getattr(engine, "method", engine.kind), warning, error)


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
