"""Positioned words, whatever produced them (pdfplumber, pdfium, Tesseract), and lines of words."""

from __future__ import annotations

import statistics
from typing import Any

from evidex.extract.words import Word


def as_word(obj: Any) -> Word | None:
    """Accept pdfplumber dicts, objects with x0/top/x1/bottom, (x0, top, x1, bottom, text) tuples, or a Word."""
    if isinstance(obj, Word):
        return obj
    try:
        if isinstance(obj, dict):
            return Word(str(obj["text"]), float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
        if isinstance(obj, (tuple, list)):
            x0, top, x1, bottom, text = obj[:5]
            return Word(str(text), float(x0), float(top), float(x1), float(bottom))
        return Word(str(obj.text), float(obj.x0), float(obj.top), float(obj.x1), float(obj.bottom))
    except (KeyError, AttributeError, TypeError, ValueError):
        return None


def median_height(words: list[Word]) -> float:
    heights = [w.height for w in words if w.height > 0]
    return statistics.median(heights) if heights else 10.0


def median_size(words: list[Word]) -> float:
    """Median type size: the font size a text layer reports, else the box height (OCR words)."""
    sizes = [w.size if w.size > 0 else w.height for w in words if w.size > 0 or w.height > 0]
    return statistics.median(sizes) if sizes else 10.0


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words into visual lines (top to bottom), each sorted left to right.

    A word joins the current line when its vertical centre lies within the line's
    band; the band tolerance is half the median word height so sub/superscripts
    stay with their line.
    """
    if not words:
        return []
    tol = median_height(words) * 0.5
    lines: list[list[Word]] = []
    centre = 0.0
    for w in sorted(words, key=lambda w: (w.yc, w.x0)):
        if lines and abs(w.yc - centre) <= tol:
            lines[-1].append(w)
            centre = statistics.fmean(x.yc for x in lines[-1])
        else:
            lines.append([w])
            centre = w.yc
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def line_box(line: list[Word]) -> tuple[float, float, float, float]:
    return min(w.x0 for w in line), min(w.top for w in line), max(w.x1 for w in line), max(w.bottom for w in line)


def join_words(words: list[Word]) -> str:
    """Text of words in reading order: lines top to bottom, words left to right, one space between."""
    return " ".join(" ".join(w.text for w in line) for line in group_lines(words)).strip()


def mean_conf(words: list[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf is not None and w.conf >= 0]
    return round(statistics.fmean(confs), 1) if confs else None
