"""Cells of a word-finder OCR table checked on their pixels (evidex.extract.tables.recheck): drawn images."""

from __future__ import annotations

import numpy as np

from evidex.extract.tables.recheck import dash_in, point_in, recheck
from evidex.extract.words import Word
from evidex.models import BBox, Cell

PPP = 300 / 72  # pixels per point at 300 dpi


def _page(h: int = 60, w: int = 400) -> np.ndarray:
    return np.full((h, w), 255, dtype=np.uint8)


def _digits(img: np.ndarray, text: str, x: int, base: int) -> None:
    """Digits as ~22 px tall bars two pixels apart, a '.' as a 4 x 4 dot on the baseline."""
    for ch in text:
        if ch == ".":
            img[base - 4 : base, x + 2 : x + 6] = 0
            x += 8
        else:
            img[base - 22 : base, x : x + 10] = 0
            img[base - 18 : base - 4, x + 3 : x + 7] = 255  # a hole, so a digit is not a solid block
            x += 12


def test_a_dot_between_digits_puts_the_point_back() -> None:
    img = _page()
    _digits(img, "8.5", 10, 40)
    assert point_in(img, "85", PPP) == "8.5"


def test_no_dot_or_a_dot_off_the_baseline_changes_nothing() -> None:
    img = _page()
    _digits(img, "85", 10, 40)
    assert point_in(img, "85", PPP) is None
    img[24:28, 24:28] = 0  # a speck at mid-height between the digits: no decimal point
    assert point_in(img, "85", PPP) is None


def test_digits_the_ink_does_not_match_are_left_alone() -> None:
    img = _page()
    _digits(img, "12.5", 10, 40)
    assert point_in(img, "15", PPP) is None  # three digits in the ink, two in the text


def _line() -> tuple[float, float]:
    return 18.0, 40.0  # the row's text line: top and baseline, pixels


def test_a_short_stroke_at_mid_height_is_a_dash() -> None:
    img = _page(w=80)
    img[30:34, 30:37] = 0  # 7 x 4: how a hyphen in 9 pt type binarizes at 300 dpi
    assert dash_in(img, BBox(0, 0, 80, 60), _line(), PPP)


def test_a_period_on_the_baseline_a_rule_or_two_marks_are_no_dash() -> None:
    box = BBox(0, 0, 80, 60)
    period = _page(w=80)
    period[36:40, 30:34] = 0
    assert not dash_in(period, box, _line(), PPP)
    rule = _page(w=80)
    rule[30:32, 2:78] = 0
    assert not dash_in(rule, box, _line(), PPP)
    two = _page(w=80)
    two[30:34, 10:17] = 0
    two[30:34, 40:47] = 0
    assert not dash_in(two, box, _line(), PPP)


def _table(texts: list[list[str]], widths: list[int], height: int = 60) -> list[Cell]:
    cells, y = [], 0
    for r, row in enumerate(texts):
        x = 0
        for c, text in enumerate(row):
            # boxes in points; the image below is at PPP pixels per point
            cells.append(Cell(r, c, text, BBox(x / PPP, y / PPP, (x + widths[c]) / PPP, (y + height) / PPP), 96.0,
                              True))
            x += widths[c]
        y += height
    return cells


def test_dashes_and_points_are_read_off_the_image_and_logged() -> None:
    """A column that prints dashes: an empty cell whose ink is a dash reads '-'; one left blank stays blank.
    A column of one-decimal numbers: '85' whose ink has a point between its digits reads 8.5."""
    texts = [["1", "-", "12.5"], ["2", "", "85"], ["3", ".", "10.1"], ["4", "", "7.5"], ["5", "-", "33"]]
    widths = [60, 80, 120]
    img = np.full((60 * len(texts), sum(widths)), 255, dtype=np.uint8)
    words = []
    for r in range(len(texts)):
        y = 60 * r
        _digits(img, str(r + 1), 10, y + 40)
        words.append(Word(str(r + 1), 10 / PPP, (y + 18) / PPP, 20 / PPP, (y + 40) / PPP, conf=96.0))
    img[60 + 30 : 60 + 34, 90:97] = 0  # row 1: a dash Tesseract dropped
    img[120 + 30 : 120 + 34, 90:97] = 0  # row 2: a dash Tesseract read as '.'
    _digits(img, "8.5", 150, 60 + 40)  # row 1: '85' whose point Tesseract dropped
    _digits(img, "33", 150, 240 + 40)  # row 4: a whole number, no point in its ink
    cells = _table(texts, widths)
    out, log = recheck(cells, words, img, lambda x, y: (x * PPP, y * PPP), PPP, "eng")
    grid = {(c.row, c.col): c for c in out}
    assert [grid[(r, 1)].text for r in range(5)] == ["-", "-", "-", "", "-"]
    assert [grid[(r, 2)].text for r in range(5)] == ["12.5", "8.5", "10.1", "7.5", "33"]
    assert grid[(1, 2)].raw == "85" and grid[(1, 2)].rule == "ocr_point_ink.v1"
    assert grid[(2, 1)].raw == "." and grid[(2, 1)].rule == "ocr_dash_ink.v1"
    assert {(x.row, x.col, x.raw, x.text) for x in log} == {(1, 1, "", "-"), (2, 1, ".", "-"), (1, 2, "85", "8.5")}


def test_an_empty_cell_in_a_column_without_dashes_stays_empty() -> None:
    texts = [["1", "A"], ["2", ""], ["3", "B"]]
    widths = [60, 80]
    img = np.full((180, 140), 255, dtype=np.uint8)
    words = [Word(str(r + 1), 10 / PPP, (60 * r + 18) / PPP, 20 / PPP, (60 * r + 40) / PPP, conf=96.0)
             for r in range(3)]
    for r in range(3):
        _digits(img, str(r + 1), 10, 60 * r + 40)
    img[60 + 30 : 60 + 34, 90:97] = 0  # a dash-shaped smudge in a column that prints no dashes
    out, log = recheck(_table(texts, widths), words, img, lambda x, y: (x * PPP, y * PPP), PPP, "eng")
    assert [c.text for c in out if c.col == 1] == ["A", "", "B"] and not log
