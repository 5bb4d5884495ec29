"""Table finding: vector tables on born-digital pages, grid + cell OCR on images.

The PDF reader (evidex.extract.pdf) calls these four functions; everything
else in this package is internal to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidex.models import BBox, RunOptions, Table, TextBlock


def page_has_table(words: list[Any], n_rects: int, n_lines: int) -> bool:
    """Cheap test on one page's words/ruling counts: is table detection worth running here?"""
    return n_rects + n_lines >= 4


def vector_tables(pdf_path: Path, page_numbers: list[int]) -> list[Table]:
    """Tables on born-digital pages (1-based numbers), each with cells, bbox, method and quality."""
    return []


def image_tables(image: Any, page: int, scale: float, region: BBox | None, options: RunOptions) -> list[Table]:
    """Tables inside a page image (grayscale ndarray, ``scale`` pixels per PDF point): grid, then OCR per cell."""
    return []


def link_tables(tables: list[Table], blocks: list[TextBlock]) -> tuple[list[Table], list[TextBlock]]:
    """Attach captions ("TABLE 2 ...") and footnotes to tables, stitch tables continued across pages."""
    return tables, blocks
