"""Text already pulled out of a paper: sections, paragraphs, damaged tables and their captions."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidex.extract.text import parse, read_text
from evidex.models import InputError
from tests.conftest import ROOT

PAPER = """A pilot study of inotuzumab ozogamicin in relapsed B-ALL

Background: Few options exist for children with relapse.
Results: Of 12 patients, 9 achieved CR (75.0%).

1. Introduction

Relapsed B-ALL has a poor prognosis and che-
motherapy alone cures few patients; new agents
are needed.

2. Patients and methods

2.1. Treatment

Patients received inotuzumab ozogamicin on days 1, 8 and 15.

3. Results

TABLE 1 Characteristics of the 5 patients bridged to transplant.
TABLE 2 Response of all patients.

Nine of the 12 patients achieved CR.

4. Discussion

Our findings agree with earlier series.

Pt Age Blasts MRD Response Next step
(y) (%) (%)
1 7 45.0 12.1 CR HSCT
2 12 88.2 60.5 NR CAR-T
3 5 | 9.1 | 0.5 CR HSCT
(1) NR, no response.
Pt Donor HLA Graft Engraftment
1 Father 5/10 PB +12
2 Sister 10/10 BM +14
3 Unrelated 8/10 CB +21
4 Mother 5/10 PB +13
5 Father 6/10 BM + PB +11
"""


def test_sections_follow_headings_and_abstract_labels() -> None:
    blocks, _ = parse(PAPER)
    by_text = {b.text.split()[0]: b.section for b in blocks if b.kind == "paragraph"}
    assert blocks[0].section == "title"
    assert by_text["Background:"] == "abstract" and by_text["Results:"] == "abstract"
    assert by_text["Relapsed"] == "introduction"
    assert by_text["Patients"] == "methods"  # a numbered subsection inherits its parent section
    assert by_text["Nine"] == "results" and by_text["Our"] == "discussion"


def test_wrapped_lines_join_and_hyphenation_is_repaired() -> None:
    blocks, _ = parse(PAPER)
    intro = next(b for b in blocks if b.text.startswith("Relapsed"))
    assert "chemotherapy alone cures few patients; new agents are needed." in intro.text


def test_damaged_tables_become_tables_with_their_captions() -> None:
    _, tables = parse(PAPER)
    assert [t.label for t in tables] == ["Table 2", "Table 1"]  # matched by shared words and the stated row count
    patients, transplants = tables
    assert patients.lines[0].startswith("Pt Age Blasts")
    assert any(line.startswith("3 5 | 9.1") for line in patients.lines)
    assert patients.footnotes == ("(1) NR, no response.",)
    assert len([ln for ln in transplants.lines if ln[:1].isdigit()]) == 5


def test_offsets_point_into_the_text() -> None:
    blocks, tables = parse(PAPER)
    for b in blocks:
        assert PAPER[b.char_start : b.char_end].lstrip().startswith(b.text.split()[0])
    for t in tables:
        assert PAPER[t.char_start : t.char_end].lstrip().startswith(t.lines[0].strip())


def test_bundled_example_tables_are_found() -> None:
    text = read_text((ROOT / "examples" / "example_study.txt").read_bytes())
    _, tables = parse(text)
    assert len(tables) == 2 and all(t.label for t in tables)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"   \n\n", "empty"), (b"\x00\x01binary\x00", "binary"), ("caf\xe9".encode("latin-1"), "UTF-8")],
)
def test_unreadable_text_is_an_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read_text(data)


def test_utf16_and_bom_are_read(tmp_path: Path) -> None:
    assert read_text("Résultats".encode("utf-16")) == "Résultats"
    assert read_text("\ufeffResults".encode()) == "Results"


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("TABLE 2 Efficacy of blinatumomab", "Table 2"),
        ("Table IV. Grade 3 events", "Table IV"),
        ("Fig. 3 Overall survival", "Figure 3"),
        ("Table 2A Adverse events by arm", "Table 2A"),
        ("table in a realistic layout is hard to read", None),
        ("Table 2 shows that most patients responded", None),
    ],
)
def test_caption_labels(line: str, label: str | None) -> None:
    from evidex.extract.sections import caption_label

    found = caption_label(line)
    assert (found[1] if found else None) == label


# ---------- linear time: each shape that once took quadratic time, at sizes where that took a minute ----------

BOUND = 30.0  # CPU seconds; each case below takes well under 5 s now, 50-100 s with the quadratic code


def _cpu_seconds(fn, *args) -> float:  # type: ignore[no-untyped-def]
    import time

    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def test_a_20_mb_one_line_text_is_read_in_seconds(tmp_path: Path, seed_paper: Path) -> None:
    from evidex.extract.text import read_text_document

    line = seed_paper.read_text(encoding="utf-8").replace("\n", " ")
    path = tmp_path / "one_line.txt"
    path.write_text((line * (20_000_000 // len(line) + 1))[:20_000_000], encoding="utf-8")
    assert _cpu_seconds(read_text_document, path, "big") < 2 * BOUND


@pytest.mark.parametrize(
    "shape",
    [
        "short lines",  # each started a table search that ran to the end of the run (quadratic in lines)
        "hyphen lines",  # a paragraph of broken words grew one string line by line
        "footnote blanks",  # every blank line under a footnote searched the rest of the document
        "spaces",  # the abstract-label regex backtracked over a long run of spaces
        "commas",  # the number regex backtracked over a long run of commas
    ],
)
def test_large_inputs_parse_in_linear_time(shape: str) -> None:
    text = {
        "short lines": "abc def\n" * 30_000,
        "hyphen lines": "treatment with che-\n" * 20_000,
        "footnote blanks": "1 2 3\n4 5 6\n7 8 9\n\n(1) A note on the table, with several words in it.\n"
                           + "\nand more of the same note, with words in it too.\n" * 150_000,
        "spaces": "Intro words here, and more words.\n" + " " * 30_000 + "x y",
        "commas": "Table 1\n\n1 2 3\n4 5 6\n1" + "," * 80_000 + "x 7\n",
    }[shape]
    assert _cpu_seconds(parse, text) < BOUND


def test_many_captions_are_matched_to_their_tables_in_order() -> None:
    """Trying every permutation took 7 s for 8 tables and gave up beyond 8 (no table labelled)."""
    n = 30
    text = "".join(f"Table {i} Outcomes of leukemia\n\nSome prose here, and more of it.\n\n" for i in range(1, n + 1))
    text += "".join(f"\nprose, words, and more words here {i}.\n\nleukemia outcomes 1 2\n1 2 3\n4 5 6\n7 8 9\n"
                    for i in range(n))
    _, tables = parse(text)
    assert [t.label for t in tables] == [f"Table {i}" for i in range(1, n + 1)]


def test_markdown_row_written_flush_left_under_a_spanning_label_moves_back_under_its_columns(tmp_path) -> None:
    from evidex.extract.text import read_text_document

    md = ("# Abstract ## Results Zorvaline reduced cough. ::::table-wrap\n::: caption\n**Cough**\n:::\n\n"
          "  Site        Group        Baseline      Week 4\n"
          "  ----------- ------------ ------------- -------------\n"
          "  Daytime     Zorvaline    21.0 ± 6.1    12.4 ± 5.0\n"
          "  Placebo     20.2 ± 5.8   17.9 ± 6.3\n"
          "  Night       Zorvaline    9.1 ± 3.2     4.0 ± 2.2\n"
          "  Placebo     8.8 ± 3.5    7.7 ± 3.1\n\n::::\n")  # fmt: skip
    path = tmp_path / "paper.md"
    path.write_text(md, encoding="utf-8")
    grid = read_text_document(path, "x").tables[0].grid()
    assert grid[2] == ["", "Placebo", "20.2 ± 5.8", "17.9 ± 6.3"]
    assert grid[4] == ["", "Placebo", "8.8 ± 3.5", "7.7 ± 3.1"]


def test_markdown_superscript_footnote_lists_leave_the_values_readable(tmp_path) -> None:
    from evidex.extract.text import read_text_document

    md = ("# Abstract ## Results Scores differed. ::::table-wrap\n::: caption\n**Quiz scores**\n:::\n\n"
          "  Outcome      Control (n = 40)      Label A (n = 41)        Label B (n = 39)\n"
          "  ------------ --------------------- ----------------------- ---------------------\n"
          "  Fat quiz     33.6 (16.3)           35.7 (15.9)^g,h,i^      90.7 (20.4) ^e,f,i^\n\n::::\n")  # fmt: skip
    path = tmp_path / "paper.md"
    path.write_text(md, encoding="utf-8")
    row = read_text_document(path, "x").tables[0].grid()[1]
    assert "^" not in "".join(row), row
    assert [c.split()[:2] for c in row[1:]] == [["33.6", "(16.3)"], ["35.7", "(15.9)"], ["90.7", "(20.4)"]]
