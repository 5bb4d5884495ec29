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
