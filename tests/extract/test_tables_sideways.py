"""A table set sideways on half of a portrait page, beside upright text (landscape tables in two-column journals).

The page reads upright (most of its text runs left to right); the table's glyphs run up the page. The
table is read in the frame its own text runs in, with its caption, and mapped back onto the page.
"""

from __future__ import annotations

from pathlib import Path

from evidex.extract import extract, orient
from evidex.models import RunOptions

_ROWS = [["", "Drill (n = 20)", "Waitlist (n = 21)"], ["Recall score", "41.2 ± 9.8", "38.0 ± 10.1"],
         ["Fluency score", "30.1 ± 7.7", "29.4 ± 6.9"], ["Span score", "5.2 ± 1.1", "5.0 ± 1.2"],
         ["Sleep hours", "6.8 ± 1.0", "6.5 ± 1.1"], ["Mood rating", "3.1 ± 0.8", "3.4 ± 0.9"]]  # fmt: skip
_TEXT = "Adherence to the drills was high in both groups and no session was missed by more than two"


def _page(path: Path, sideways_table: bool = True) -> None:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=(595, 842))
    c.setFont("Helvetica", 9)
    for i in range(14):  # upright prose in the right-hand column
        c.drawString(320, 780 - 13 * i, _TEXT[:48] if i % 2 else _TEXT[40:88])
    c.saveState()
    c.translate(280, 60)  # the table runs up the left half of the page
    c.rotate(90)
    if sideways_table:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(0, 230, "Table 2. Test scores after eight weeks (mean ± SD)")
        c.setFont("Helvetica", 9)
        for r, row in enumerate(_ROWS):
            for x, text in zip((0, 200, 360), row, strict=True):
                c.drawString(x, 200 - 18 * r, text)
    c.restoreState()
    c.save()


def test_a_table_set_sideways_beside_upright_text_is_read_with_its_caption(tmp_path: Path) -> None:
    path = tmp_path / "sideways.pdf"
    _page(path)
    doc = extract(path, "s", RunOptions(ocr="off"))
    (table,) = doc.tables
    assert table.label == "Table 2" and "Test scores after eight weeks" in (table.caption or "")
    grid = table.grid()
    assert grid[0][1:] == ["Drill (n = 20)", "Waitlist (n = 21)"]
    assert ["Span score", "5.2 ± 1.1", "5.0 ± 1.2"] in grid
    # mapped back onto the upright page: the table lies on its left half, the prose stays whole
    assert table.bbox is not None and table.bbox.x1 < 300 and table.bbox.bottom > table.bbox.top + 300
    assert any("Adherence to the drills" in b.text for b in doc.blocks)


def test_an_upright_page_with_a_few_turned_glyphs_is_not_read_twice() -> None:
    # a running head turned up the margin: too few glyphs to be a table
    assert orient.sideways([0] * 900 + [3] * 60, 0) is None
    assert orient.sideways([0] * 600 + [3] * 300, 0) == 270
    assert orient.sideways([3] * 600 + [0] * 300, 0) is None  # the page itself runs sideways: orient turns it
