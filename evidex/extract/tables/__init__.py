"""Table finding: vector tables on born-digital pages, grid + cell OCR on images.

The PDF reader (evidex.extract.pdf) calls these functions; everything
else in this package is internal to it:

- regions.py  where a captioned table can be (its column, down to prose/footnotes/next caption)
- vector.py   ruled grids (pdfplumber's cell chain on pdfium strokes) + word-river layouts, chosen by quality.py
- image.py    OpenCV rules (grid.py), one Tesseract pass (ocr.py), doubtful cells re-read (reocr.py)
- layout.py   borderless rows/columns from whitespace rivers (points or pixels)
- captions.py / stitch.py   captions, footnotes, tables continued across pages
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from evidex.extract.tables.captions import CAPTION, is_continued, link_captions
from evidex.extract.tables.stitch import stitch
from evidex.extract.tables.words import Word, as_word
from evidex.models import BBox, RunOptions, Table, TextBlock

NUMBER = re.compile(r"^[<>≤≥±+-]?\(?\d+(?:[.,·]\d+)?%?\)?$")


def page_has_table(words: list[Any], n_rects: int, n_lines: int) -> bool:
    """Cheap test on one page's words/ruling counts: is table detection worth running here?

    Yes when the page has ruling lines, starts a line with a table caption ("Table 2",
    "TABLE 4."; a mention inside a sentence does not count), or holds many short
    numeric words that line up in columns.
    """
    if n_rects + n_lines >= 4:
        return True
    ws = [w for w in (as_word(o) for o in words) if w is not None]
    if caption_line(ws) is not None:
        return True
    numbers = [w for w in ws if NUMBER.match(w.text)]
    return len(numbers) >= 12 and _aligned(numbers) >= 3


def caption_line(ws: list[Word]) -> Word | None:
    """The first word of the first table caption that starts a line ("Table 2", "TABLE 4."), in reading order;
    a mention inside a sentence does not count."""
    for prev, a, b in zip([None, *ws], ws, ws[1:], strict=False):
        starts_line = prev is None or prev.bottom <= a.top or prev.x0 > a.x0
        if starts_line and CAPTION.match(f"{a.text} {b.text}"):
            return a
    return None


def _aligned(words: list[Word]) -> int:
    """How many columns (shared left or right edges, 3 pt bins) hold four or more numbers."""
    best = 0
    for edge in (lambda w: w.x0, lambda w: w.x1):
        bins: dict[int, int] = {}
        for w in words:
            key = round(edge(w) / 3)
            bins[key] = bins.get(key, 0) + 1
        best = max(best, sum(1 for n in bins.values() if n >= 4))
    return best


def vector_tables(pdf_path: Path, page_numbers: list[int]) -> list[Table]:
    """Tables on born-digital pages (1-based numbers), each with cells, bbox, method and quality."""
    from evidex.extract.tables.vector import vector_tables as find

    return find(Path(pdf_path), page_numbers)


def page_tables(words: list[Any], objects: Any, number: int) -> list[Table]:
    """Tables on one born-digital page from the words and page objects the text layer gave (no re-parse)."""
    from evidex.extract.tables.vector import page_tables as find

    return find(words, objects, number)


def image_tables(image: Any, page: int, scale: float, region: BBox | None, options: RunOptions) -> list[Table]:
    """Tables inside a page image (grayscale ndarray, ``scale`` pixels per PDF point): grid, then OCR per cell."""
    from evidex.extract.tables.image import image_tables as find

    return find(image, page, scale, region, options)


def link_tables(tables: list[Table], blocks: list[TextBlock]) -> tuple[list[Table], list[TextBlock]]:
    """Attach captions ("TABLE 2 ...") and footnotes to tables, stitch tables continued across pages."""
    linked, blocks = link_captions(tables, blocks)
    continued = {t.table_id for t in linked if t.caption and is_continued(t.caption)}
    return stitch(linked, continued), blocks
