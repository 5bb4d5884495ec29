"""Small pieces of the table engine on made-up inputs: cell assignment, rivers, gate, degenerate images."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from evidex.extract.tables import image_tables
from evidex.extract.tables.cells import cells_from_bounds
from evidex.extract.tables.layout import borderless_layouts, wrapped
from evidex.extract.tables.words import Word, as_word, group_lines
from evidex.models import RunOptions


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.integers(0, 9999)), min_size=1, max_size=30))
def test_every_word_lands_in_the_cell_that_holds_its_centre(placed: list[tuple[int, int, int]]) -> None:
    xs, ys = [0.0, 50, 100, 150, 200, 250], [0.0, 20, 40, 60, 80]
    words = []
    for i, (r, c, n) in enumerate(placed):
        x0, top = xs[c] + 3 + (i % 3) * 12, ys[r] + 4
        words.append(Word(f"w{n}", x0, top, x0 + 10, top + 8))
    cells = {(c.row, c.col): c.text.split() for c in cells_from_bounds(words, xs, ys, from_ocr=False)}
    assert len(cells) == 4 * 5
    for w, (r, c, _) in zip(words, placed, strict=True):
        assert w.text in cells[(r, c)]
    assert sum(len(v) for v in cells.values()) == len(words)


def _grid_words(rows: list[list[str]], col_x: list[float], pitch: float = 14.0) -> list[Word]:
    out = []
    for r, row in enumerate(rows):
        for x, text in zip(col_x, row, strict=True):
            left = x
            for token in text.split():
                out.append(Word(token, left, 100 + r * pitch, left + 5 * len(token), 100 + r * pitch + 8))
                left += 5 * len(token) + 2.5
    return out


def test_rivers_find_columns_of_a_borderless_table() -> None:
    body = [[str(i), str(5 + i), f"{i * 7.5:.1f}", "CR"] for i in range(1, 8)]
    rows = [["Case", "Age", "Blasts (%)", "Outcome"], *body]
    (lay,) = borderless_layouts(_grid_words(rows, [60, 120, 180, 260]))
    assert len(lay.xs) - 1 == 4 and len(lay.ys) - 1 == 8
    grid = {(c.row, c.col): c.text for c in cells_from_bounds(lay.words, lay.xs, lay.ys, from_ocr=False)}
    assert [grid[(0, c)] for c in range(4)] == rows[0] and grid[(7, 2)] == "52.5"


def test_running_text_is_not_a_table() -> None:
    line = "the patients received one cycle of treatment before transplant"
    words = _grid_words([[line, line]] * 8, [60, 320])
    assert borderless_layouts(words) == []


def test_wrapped_lines_need_two_pitch_levels() -> None:
    def lines(centres: list[float]) -> list[list[Word]]:
        return [[Word("x", 0, c - 4, 5, c + 4)] for c in centres]

    assert wrapped(lines([0, 15, 30, 45])) == [False, False, False]
    assert wrapped(lines([0, 8.5, 24, 39.5, 48])) == [True, False, False, True]


def test_words_from_any_reader_shape() -> None:
    class Obj:
        text, x0, top, x1, bottom = "a", 1.0, 2.0, 3.0, 4.0

    for raw in ({"text": "a", "x0": 1, "top": 2, "x1": 3, "bottom": 4}, (1, 2, 3, 4, "a"), Obj()):
        assert as_word(raw) == Word("a", 1.0, 2.0, 3.0, 4.0)
    assert as_word({"text": "a"}) is None
    assert group_lines([Word("b", 20, 10, 30, 18), Word("a", 0, 11, 10, 19), Word("c", 0, 30, 10, 38)]) == [
        [Word("a", 0, 11, 10, 19), Word("b", 20, 10, 30, 18)],
        [Word("c", 0, 30, 10, 38)],
    ]


def test_blank_and_tiny_images_give_no_tables() -> None:
    assert image_tables(np.full((600, 500), 255, np.uint8), 1, 200 / 72, None, RunOptions()) == []
    assert image_tables(np.zeros((4, 4), np.uint8), 1, 1.0, None, RunOptions()) == []
    assert image_tables(np.full((300, 300, 3), 255, np.uint8), 1, 2.0, None, RunOptions()) == []


def test_lone_marks_are_read_from_their_ink() -> None:
    from evidex.extract.tables.marks import fix_marks
    from evidex.models import BBox, Cell

    img = np.full((60, 400), 255, np.uint8)
    img[28:32, 40:52] = 0  # a hyphen: short, flat, mid-cell
    img[24:27, 140:154] = 0  # an equals sign: two stacked bars
    img[32:35, 140:154] = 0
    img[29:31, 220:260] = 0  # an em dash: very wide for its thickness
    img[10:13, 305:395] = 0  # a rule remnant as wide as the cell
    cells = [
        Cell(0, 0, ":", BBox(0, 0, 100, 60)),
        Cell(0, 1, "", BBox(100, 0, 200, 60)),
        Cell(0, 2, "—", BBox(200, 0, 300, 60)),
        Cell(0, 3, "", BBox(300, 0, 400, 60)),
        Cell(1, 0, "12", BBox(0, 0, 100, 60)),
    ]
    assert [c.text for c in fix_marks(img, cells)] == ["-", "=", "—", "", "12"]


def test_two_values_closer_than_a_word_gap_on_one_line_keep_their_columns_apart() -> None:
    from evidex.extract.tables.layout import region_layout

    # a dense table: one line's wide value runs up to the next column ("49.3 ± 18.1 39.2 ± 14.8")
    rows = [["Score", "3.8 ± 0.7", "3.4 ± 0.6", "3.3 ± 0.6"], ["Index", "2.7 ± 0.6", "2.1 ± 0.3", "2.3 ± 0.4"],
            ["Rate", "49.3 ± 18.1", "39.2 ± 14.8", "42.1 ± 13.6"], ["Span", "5.2 ± 1.1", "5.0 ± 1.2", "5.1 ± 1.0"]]
    words = _grid_words(rows, [60, 120, 176, 232])
    lay = region_layout(words)
    assert lay is not None and len(lay.xs) - 1 == 4
    grid = {(c.row, c.col): c.text for c in cells_from_bounds(lay.words, lay.xs, lay.ys, from_ocr=False)}
    assert grid[(2, 1)] == "49.3 ± 18.1" and grid[(2, 2)] == "39.2 ± 14.8"


def test_a_line_whose_values_each_finish_an_open_cell_above_joins_that_row() -> None:
    from evidex.extract.tables.layout import continues

    assert continues({0: "Plaque", 1: "24.7 ±", 2: "25.2 ±"}, {0: "accumulation (%)", 1: "11.3", 2: "13.1"})
    assert continues({0: "Rate", 1: "42.1 ±", 2: "41.5"}, {1: "13.6", 2: "± 14.5"})
    assert not continues({0: "Plaque", 1: "24.7 ± 11.3", 2: "25.2"}, {0: "accumulation (%)", 1: "11.3", 2: "13.1"})
    assert not continues({0: "Age", 1: "54.2 ±"}, {0: "Weight", 1: "70.1"})  # a capitalized label starts a row
