"""A positioned word, whatever produced it (pdfium text layer, pdfplumber, Tesseract)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """One word with a top-left-origin box in the caller's units (PDF points or pixels)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # font size in points (line height for OCR words)
    bold: bool = False
    conf: float | None = None  # OCR confidence 0..100; None for a text layer
    para: int = -1  # Tesseract (block, paragraph) key; -1 for text-layer words

    @property
    def from_ocr(self) -> bool:
        return self.conf is not None

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top
