"""Captions and footnotes linked to tables; tables continued across pages stitched into one."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from evidex.extract.tables import link_tables, vector_tables
from evidex.extract.tables.captions import caption_label, is_continued, is_footnote
from evidex.extract.tables.words import Word, group_lines
from evidex.models import BBox, Cell, Table, TextBlock
from tests.extract.test_tables_fixtures import continued_specs, make_pdf, patient_spec


def blocks_from_pdf(path: Path) -> list[TextBlock]:
    """Text blocks with boxes, the way a layout-aware reader gives them: lines split where the gap widens."""
    blocks: list[TextBlock] = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in page.extract_words()]
            current: list[list[Word]] = []
            for line in group_lines(words):
                if current and min(w.top for w in line) - max(w.bottom for w in current[-1]) > 4.5:
                    blocks.append(_block(current, number, len(blocks)))
                    current = []
                current.append(line)
            if current:
                blocks.append(_block(current, number, len(blocks)))
    return blocks


def _block(lines: list[list[Word]], page: int, order: int) -> TextBlock:
    ws = [w for line in lines for w in line]
    text = "\n".join(" ".join(w.text for w in line) for line in lines)
    box = BBox(min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws))
    return TextBlock(text, "results", "paragraph", page, box, order=order)


def test_caption_above_and_footnote_below_are_linked(tmp_path: Path) -> None:
    pdf = tmp_path / "t.pdf"
    make_pdf(pdf, [[patient_spec("grid", 6)]])
    blocks = blocks_from_pdf(pdf)
    tables, out = link_tables(vector_tables(pdf, [1]), blocks)
    assert len(tables) == 1
    t = tables[0]
    assert t.label == "Table 2" and t.caption is not None and t.caption.startswith("Table 2. Characteristics")
    assert len(t.footnotes) == 1 and t.footnotes[0].startswith("(1) CR, complete remission")
    # nothing dropped, nothing rewritten: only the kind of the caption and footnote blocks changes
    assert [b.text for b in out] == [b.text for b in blocks]
    kinds = {b.text.split()[0]: b.kind for b in out if b.kind != "paragraph"}
    assert kinds == {"Table": "caption", "(1)": "footnote"}
    prose = [b for b in out if b.text.startswith("Patients were enrolled")]
    assert len(prose) == 2 and all(b.kind == "paragraph" for b in prose)


def test_caption_below_table_is_found_and_far_text_is_not() -> None:
    table = Table("p3-t1", None, page=3, bbox=BBox(72, 300, 500, 420), n_rows=3, n_cols=3)
    blocks = [
        TextBlock("Table 4 mentioned in passing far above.", "results", page=3, bbox=BBox(72, 100, 400, 110)),
        TextBlock("TABLE 5 Transplant outcomes.", "results", page=3, bbox=BBox(72, 428, 300, 438), order=1),
        TextBlock("* P < 0.05 versus baseline.", "results", page=3, bbox=BBox(72, 442, 300, 450), order=2),
    ]
    (linked,), out = link_tables([table], blocks)
    assert linked.label == "Table 5" and linked.caption == "TABLE 5 Transplant outcomes."
    # a footnote may follow a caption that sits under the table
    assert [b.kind for b in out] == ["paragraph", "caption", "footnote"]
    assert linked.footnotes == ("* P < 0.05 versus baseline.",)


def test_without_positions_tables_take_captions_in_order() -> None:
    tables = [Table(f"p2-t{i}", None, page=2, n_rows=2, n_cols=2) for i in (1, 2)]
    blocks = [
        TextBlock("Results text.", "results", page=2, order=0),
        TextBlock("Table 1. Baseline", "results", page=2, order=1),
        TextBlock("Table 2. Response", "results", page=2, order=2),
        TextBlock("Table 3. Elsewhere", "results", page=3, order=3),
    ]
    linked, out = link_tables(tables, blocks)
    assert [t.label for t in linked] == ["Table 1", "Table 2"]
    assert [b.kind for b in out] == ["paragraph", "caption", "caption", "paragraph"]


def test_table_continued_on_next_page_is_stitched(tmp_path: Path) -> None:
    first, second = continued_specs("grid")
    pdf = tmp_path / "cont.pdf"
    make_pdf(pdf, [[first], [second]])
    tables, blocks = link_tables(vector_tables(pdf, [1, 2]), blocks_from_pdf(pdf))
    assert len(tables) == 1
    t = tables[0]
    truth = first.rows + second.rows[1:]  # the repeated header row is dropped
    assert t.grid() == truth and t.n_rows == 21 and t.method == "pdfplumber-lines+stitched"
    assert t.label == "Table 2" and t.caption is not None and "(continued)" not in t.caption
    assert {c.page for c in t.cells if c.row <= 12} == {1} and {c.page for c in t.cells if c.row > 12} == {2}
    assert t.footnotes == ("(1) CR, complete remission; FU, follow-up.",)
    assert sum(b.kind == "caption" for b in blocks) == 2


def test_borderless_continuation_is_stitched_too(tmp_path: Path) -> None:
    first, second = continued_specs("none")
    pdf = tmp_path / "cont.pdf"
    make_pdf(pdf, [[first], [second]])
    tables, _ = link_tables(vector_tables(pdf, [1, 2]), blocks_from_pdf(pdf))
    assert len(tables) == 1 and tables[0].grid() == first.rows + second.rows[1:]


def test_a_new_label_on_the_next_page_is_not_stitched() -> None:
    def table(page: int, label: str, first_row: str) -> Table:
        cells = tuple(Cell(r, c, f"{first_row if r == 0 else r}{c}") for r in range(3) for c in range(2))
        return Table(f"p{page}-t1", None, page=page, bbox=BBox(72, 100, 300, 160), n_rows=3, n_cols=2, cells=cells)

    blocks = [
        TextBlock("Table 2. A", "results", page=1, bbox=BBox(72, 80, 200, 90)),
        TextBlock("Table 3. B", "results", page=2, bbox=BBox(72, 80, 200, 90)),
    ]
    linked, _ = link_tables([table(1, "Table 2", "h"), table(2, "Table 3", "h")], blocks)
    assert [t.label for t in linked] == ["Table 2", "Table 3"]
    # same columns and header but no caption on the next page: the usual unmarked continuation
    linked, _ = link_tables([table(1, "Table 2", "h"), table(2, "", "h")], blocks[:1])
    assert len(linked) == 1 and linked[0].n_rows == 5


def test_caption_and_footnote_patterns() -> None:
    assert caption_label("TABLE 2 Efficacy of blinatumomab") == "Table 2"
    assert caption_label("Table II. Baseline") == "Table II"
    assert caption_label("Tab. 3: Outcomes") == "Table 3"
    assert caption_label("Table S1 Supplementary") is None
    assert caption_label("Tables were compared") is None
    assert is_continued("Table 2 (continued)") and is_continued("TABLE 4 Continued")
    assert not is_continued("Table 2 Continuous variables")
    assert is_footnote("(1) CR, complete remission") and is_footnote("* P < 0.05")
    assert is_footnote("CR, complete remission; MRD, minimal residual disease; FU, follow-up.")
    assert not is_footnote("The median follow-up was 10.7 months.")
