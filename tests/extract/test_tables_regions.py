"""Caption regions on two-column pages: a caption's title lines, and the column a table takes (invented pages)."""

from __future__ import annotations

from evidex.extract.tables.regions import caption_regions
from evidex.extract.words import Word

SIZE = 8.0
PITCH = 11.0
LEFT, RIGHT = (50.0, 290.0), (305.0, 545.0)  # two text columns, a 15 pt gutter


def _line(text: str, x0: float, top: float, size: float = SIZE) -> list[Word]:
    """Words of one line set from x0, about half the type size per character, one space between words."""
    out, x = [], x0
    for token in text.split():
        w = 0.5 * size * len(token)
        out.append(Word(token, x, top, x + w, top + size, size=size))
        x += w + 0.3 * size
    return out


def _cells(cells: list[tuple[str, float]], top: float) -> list[Word]:
    return [w for text, x in cells for w in _line(text, x, top, size=7.0)]


BODY = "the patients were randomly allocated to the two arms by a computer list and followed for a year"


def _body(x0: float, top: float, n: int) -> list[Word]:
    """Justified running text in one column, ``n`` lines."""
    out = []
    for i in range(n):
        out.extend(_line(" ".join(BODY.split()[i % 3 :][:10]), x0, top + i * PITCH))
    return out


def _table(x: float, top: float, rows: int) -> list[Word]:
    out = _cells([("Outcome", x), ("Group A", x + 90), ("Group B", x + 150), ("P-value", x + 205)], top)
    for r in range(rows):
        out += _cells(
            [(f"Score {r + 1}", x), (f"{3 + r}.1 ± 1.2", x + 90), (f"{4 + r}.0 ± 1.5", x + 150), ("0.04", x + 205)],
            top + (r + 1) * PITCH,
        )
    return out


def test_a_caption_title_goes_on_past_the_body_text_of_the_column_beside_it() -> None:
    """The caption's second line sits a little lower than a line of the other column's running text: the
    title still ends there, and the table's first row is its header, not the caption's last words."""
    words = _body(LEFT[0], 60, 30)
    words += _line("Table 2 Comparison of the mean pain scores", RIGHT[0], 100)
    words += _line("between the two groups", RIGHT[0], 100 + PITCH)
    words += _table(RIGHT[0], 100 + 2 * PITCH + 4, 5)
    words += _body(RIGHT[0], 200, 12)
    (region,) = caption_regions(words, [])
    assert region.caption == "Table 2 Comparison of the mean pain scores between the two groups"
    assert region.box.top >= 100 + 2 * PITCH  # the title's last line is not a row of the table
    assert region.box.x0 >= RIGHT[0] - 3


def test_two_tables_side_by_side_each_keep_their_column() -> None:
    """Tables under captions in both columns at one height: rows that share baselines across the gutter
    belong to two tables, not to one table across the page."""
    words = _line("Table 4 Effects of cooling on the markers", LEFT[0], 80)
    words += _line("of both groups together", LEFT[0], 80 + PITCH)
    words += _line("Table 5 Correlation of the markers", RIGHT[0], 80)
    words += _table(LEFT[0], 80 + 2 * PITCH + 4, 6)
    words += _table(RIGHT[0], 80 + PITCH + 4, 6)
    words += _body(LEFT[0], 200, 20) + _body(RIGHT[0], 200, 20)
    regions = {r.label: r for r in caption_regions(words, [])}
    assert set(regions) == {"Table 4", "Table 5"}
    assert regions["Table 4"].box.x1 <= LEFT[1] + 3
    assert regions["Table 5"].box.x0 >= RIGHT[0] - 3
    assert regions["Table 4"].caption.endswith("of both groups together")


def test_a_header_set_above_a_grid_ruled_around_its_body_stays_the_header() -> None:
    """Rules close the cells of the body only; the column heads (two lines) sit above the top rule, inside
    the caption's region. They are the table's first rows, cut at the grid's columns, not dropped."""
    from evidex.extract.tables.vector import page_tables
    from evidex.extract.textlayer import PageObjects

    xs = [46.0, 200.0, 300.0, 400.0, 428.0]
    words = _line("Table 3. Short-term outcomes after surgery.", 50, 60)
    words += _cells([("Outcomes", 52), ("Intervention", 202), ("Control", 302), ("P", 402)], 90)
    words += _cells([("N = 120", 202), ("N = 118", 302)], 101)
    body_top, pitch = 115.0, 12.0
    rows = [
        ("Any complication", "60 (50.0%)", "71 (60.2%)", "0.11"),
        ("Delirium", "12 (10.0%)", "9 (7.6%)", "0.52"),
        ("Infection", "20 (16.7%)", "18 (15.3%)", "0.76"),
        ("Return to theatre", "8 (6.7%)", "11 (9.3%)", "0.45"),
        ("Pneumonia", "5 (4.2%)", "7 (5.9%)", "0.54"),
        ("Wound rupture", "6 (5.0%)", "3 (2.5%)", "0.50"),
        ("ICU stay", "40 (33.3%)", "44 (37.3%)", "0.52"),
        ("Acute kidney failure", "9 (7.5%)", "8 (6.8%)", "0.83"),
    ]
    for r, row in enumerate(rows):
        words += _cells([(text, x + 2) for text, x in zip(row, xs, strict=False)], body_top + r * pitch + 2)
    ys = [body_top + r * pitch for r in range(len(rows) + 1)]
    rules = [(xs[0], y, xs[-1], y + 0.5) for y in ys] + [(x, ys[0], x + 0.5, ys[-1]) for x in xs]
    (table,) = page_tables(words, PageObjects(rules=tuple(rules)), 1)
    grid = {(c.row, c.col): c.text for c in table.cells}
    assert [grid[(0, c)] for c in range(4)] == ["Outcomes", "Intervention", "Control", "P"]
    assert grid[(1, 1)] == "N = 120" and grid[(1, 2)] == "N = 118"
    assert grid[(2, 0)] == "Any complication" and grid[(2, 1)] == "60 (50.0%)"
    assert table.n_rows == len(rows) + 2


def test_column_heads_set_close_together_are_not_taken_for_justified_text() -> None:
    """Three heads of four words each, ten points apart, read like a justified line cut at stretched spaces;
    they line up with the cells under them, so they are the table's header, not a title line to skip."""
    words = _line("Table 1 Demographics and baseline characteristics", RIGHT[0], 100)
    x_arms = [RIGHT[0] + 60, RIGHT[0] + 129, RIGHT[0] + 193]  # heads 10 pt apart
    for x, head in zip(x_arms, ["Placebo (n = 33)", "Active (n = 33)", "Total (n = 66)"], strict=True):
        words += _line(head, x, 100 + PITCH + 3)
    rows = [
        ("Female, n (%)", "17 (51.5)", "16 (48.5)", "33 (50.0)"),
        ("Age (years)", "21.5 ± 3.2", "21.1 ± 2.4", "21.3 ± 2.8"),
        ("Smoker, n (%)", "10 (30.3)", "8 (24.2)", "18 (27.3)"),
    ]
    for r, row in enumerate(rows):
        words += _cells(list(zip(row, [RIGHT[0], *x_arms], strict=True)), 100 + (r + 2) * PITCH + 6)
    words += _body(LEFT[0], 60, 30) + _body(RIGHT[0], 200, 20)
    (region,) = caption_regions(words, [])
    assert region.box.top <= 100 + PITCH + 3  # the heads' line is in the table


def test_stacked_panels_on_columns_of_their_own_are_read_as_tables_of_their_own() -> None:
    """Two sub-tables under one caption, each with its line of heads, set on different columns: one grid for
    both would merge cells ("62/99 62.6"); each panel keeps its own columns and the caption."""
    from evidex.extract.tables.vector import page_tables
    from evidex.extract.textlayer import PageObjects

    words = _line("Table 2. Secondary outcomes at week 8", 50, 60)
    top = 80.0
    heads = [("Score A", 50), ("n", 150), ("Mean change (SE)", 220), ("Difference", 330), ("p", 430)]
    words += _cells(heads, top)
    arms = [("Placebo", "99", "-1.71 (0.12)", "—", "—"), ("Active", "101", "-1.88 (0.12)", "0.18", "0.224")]
    for i, row in enumerate(arms):
        words += _cells(list(zip(row, [x for _, x in heads], strict=True)), top + (i + 1) * PITCH)
    top2 = top + 4 * PITCH
    heads2 = [("Responders", 50), ("n/N", 180), ("%", 260), ("Odds ratio", 350), ("p", 430)]
    words += _cells(heads2, top2)
    arms2 = [("Placebo", "62/99", "62.6", "—", "—"), ("Active", "79/101", "78.2", "0.465", "0.017")]
    for i, row in enumerate(arms2):
        words += _cells(list(zip(row, [x for _, x in heads2], strict=True)), top2 + (i + 1) * PITCH)
    tables = page_tables(words, PageObjects(), 1)
    assert [t.label for t in tables] == ["Table 2", "Table 2"]
    second = {(c.row, c.col): c.text for c in tables[1].cells}
    assert second[(0, 1)] == "n/N" and second[(2, 1)] == "79/101" and second[(2, 2)] == "78.2"
