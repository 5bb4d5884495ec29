"""Pandoc Markdown tables whose spanning cells were written one after the other (spans dropped)."""

from __future__ import annotations

from pathlib import Path

from evidex.extract.text import read_text_document


def _grid(tmp_path: Path, table: str) -> list[list[str]]:
    head = "# Abstract ## Results Zorvaline helped. ::::table-wrap\n::: caption\n**Outcomes**\n:::\n\n"
    md = head + table + "\n::::\n"
    path = tmp_path / "paper.md"
    path.write_text(md, encoding="utf-8")
    return read_text_document(path, "x").tables[0].grid()


def test_child_labels_in_a_value_column_move_under_their_parent_with_the_values_under_the_header(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "                        Zorvaline (n=50)     Placebo (n=48)    p\n"
        "  --------------------- -------------------- ----------------- ---------\n"
        "  Age (years)           61±9                 60±8              0.512\n"
        "  Fever grade                                                  0.041\n"
        "                        Mild                 12 (24.0)         20 (41.7)\n"
        "                        Severe               3 (6.0)           9 (18.8)\n",
    )
    assert grid[0] == ["", "Zorvaline (n=50)", "Placebo (n=48)", "p"]
    assert grid[2] == ["Fever grade", "", "", "0.041"]
    assert grid[3] == ["Mild", "12 (24.0)", "20 (41.7)", ""]
    assert grid[4] == ["Severe", "3 (6.0)", "9 (18.8)", ""]


def test_a_parent_and_child_label_on_one_row_split_into_two_rows(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "                   Arm A          Arm B          P-value\n"
        "  ---------------- -------------- -------------- -------------- -------\n"
        "  Sex              Male           30 (60 %)      25 (52 %)      0.41\n"
        "                   Female         20 (40 %)      23 (48 %)\n"
        "  Weight           71.2 ± 9.9     70.4 ± 10.1    0.66\n",
    )
    assert grid[1][:1] == ["Sex"] and not any(grid[1][1:])
    assert grid[2][:4] == ["Male", "30 (60 %)", "25 (52 %)", "0.41"]
    assert grid[3][:3] == ["Female", "20 (40 %)", "23 (48 %)"]
    assert grid[4][:4] == ["Weight", "71.2 ± 9.9", "70.4 ± 10.1", "0.66"]


def test_a_stub_column_without_heading_keeps_values_under_their_groups(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "                       Group A (N = 400)        Group B (N = 390)\n"
        "  --------------------- ------------------------ ---------------- ----------------\n"
        "  Opened the letter                              120 (30.0%)^a^   98 (25.1%)^a^\n"
        "                        Days to reply (median)   4.0 (2.1)        4.5 (2.6)\n"
        "  Called the clinic                              ^b^              51 (13.1%)\n",
    )
    assert grid[0][:3] == ["", "Group A (N = 400)", "Group B (N = 390)"]
    assert grid[1][:3] == ["Opened the letter", "120 (30.0%) a", "98 (25.1%) a"]
    assert grid[2][:3] == ["Days to reply (median)", "4.0 (2.1)", "4.5 (2.6)"]
    assert grid[3][:3] == ["Called the clinic", "b", "51 (13.1%)"]


def test_a_real_second_label_column_with_its_own_heading_is_left_alone(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "  Site        Group        Baseline      Week 4\n"
        "  ----------- ------------ ------------- -------------\n"
        "  Daytime     Zorvaline    21.0 ± 6.1    12.4 ± 5.0\n"
        "              Placebo      20.2 ± 5.8    17.9 ± 6.3\n",
    )
    assert grid[1] == ["Daytime", "Zorvaline", "21.0 ± 6.1", "12.4 ± 5.0"]
    assert grid[2] == ["", "Placebo", "20.2 ± 5.8", "17.9 ± 6.3"]


def test_group_names_packed_left_go_back_over_their_repeated_sub_heads(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "                      Zorvaline     Placebo       Effect size   p\n"
        "  ------------------- ------------- ------------- ------------- ------------- ------ ------\n"
        "  Outcome             Week 0        Week 8        Week 0        Week 8\n"
        "  Cough score         4.1 ± 1.2     2.2 ± 1.0     4.0 ± 1.3     3.6 ± 1.1     0.21   0.003\n"
        "  Sleep score         5.5 ± 2.0     6.9 ± 1.8     5.6 ± 2.1     5.8 ± 2.0     0.09   0.04\n",
    )
    assert grid[0] == ["", "Zorvaline", "", "Placebo", "", "Effect size", "p"]
    assert grid[1] == ["Outcome", "Week 0", "Week 8", "Week 0", "Week 8", "", ""]


def test_group_names_over_a_row_of_their_sizes_move_with_the_sizes(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "                                 Zorvaline                        Placebo\n"
        "  ------------- -------------- ------------- ------- ------------- ------------- -------\n"
        "                                 (n=21)                           (n=20)\n"
        "                Week 0          Week 6         P      Week 0        Week 6         P\n"
        "  Itch score    6.1 ± 1.2       3.2 ± 1.0      0.001  6.0 ± 1.3     5.1 ± 1.1      0.04\n"
        "  Sleep score   5.5 ± 2.0       6.9 ± 1.8      0.01   5.6 ± 2.1     5.8 ± 2.0      0.60\n",
    )
    assert grid[0] == ["", "Zorvaline", "", "", "Placebo", "", ""]
    assert grid[1] == ["", "(n=21)", "", "", "(n=20)", "", ""]
    assert grid[2] == ["", "Week 0", "Week 6", "P", "Week 0", "Week 6", "P"]


def test_sub_heads_packed_into_the_label_column_go_under_the_group_that_spans_them(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "  Characteristic     Placebo (N = 60)   Zorvaline, mg\n"
        "  ------------------ ------------------ ------------------ ------------------\n"
        "  10 mg (N = 61)     20 mg (N = 59)\n"
        "  Nausea, n (%)      4 (6.7)            6 (9.8)            11 (18.6)\n",
    )
    assert grid[0] == ["Characteristic", "Placebo (N = 60)", "Zorvaline, mg", ""]
    assert grid[1] == ["", "", "10 mg (N = 61)", "20 mg (N = 59)"]


def test_a_numeric_single_column_left_of_the_groups_is_told_by_the_shapes_of_the_values(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "  Scale      Week     Zorvaline   Placebo     P value\n"
        "  ---------- -------- ----------- ----------- ----------- ----------- ----------- ------------- ------\n"
        "  n          Mean     (95% CI)    n           Mean        (95% CI)\n"
        "  Recall     12       80          0.41        (0.02; 0.80)   78       0.30          (-0.10; 0.70)   0.70\n",
    )
    assert grid[0] == ["Scale", "Week", "Zorvaline", "", "", "Placebo", "", "", "P value"]
    assert grid[1] == ["", "", "n", "Mean", "(95% CI)", "n", "Mean", "(95% CI)", ""]


def test_a_centred_heading_that_drifted_into_the_column_on_its_left_goes_back(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "  -------------------------------------------------------\n"
        "  Trait            Total      Zorvaline   Control^a^     *p*\n"
        "  ---------------- ---------- ----------- ------------- -----\n"
        "  Smokers          40 (20)    19 (19)     21 (21)        0.8\n"
        "  -------------------------------------------------------\n",
    )
    assert grid[0] == ["Trait", "Total", "Zorvaline", "Control a", "p"]


def test_tables_stacked_in_one_wrap_become_tables_of_their_own_under_one_label(tmp_path) -> None:
    md = (
        "# Abstract ## Results Zorvaline helped. ::::table-wrap\n::: caption\n[Secondary outcomes]{.smallcaps}\n:::\n\n"
        "  Score       n     Mean change (SE)\n"
        "  ----------- ----- ------------------\n"
        "  Placebo     50    −1.2 (0.3)\n"
        "  Zorvaline   51    −2.0 (0.3)\n\n"
        "  Response    Responders   %\n"
        "  ----------- ------------ ------\n"
        "  Placebo     20/50        40.0\n"
        "  Zorvaline   31/51        60.8\n\n"
        "Response: a fall of 50% or more.\n::::\n"
        "::::table-wrap\n::: caption\nImage only\n:::\n\n![]()\n::::\n"
        "::::table-wrap\n::: caption\nAdverse events\n:::\n\n"
        "  Event       Placebo   Zorvaline\n"
        "  ----------- --------- -----------\n"
        "  Nausea      2 (4)     5 (10)\n\n::::\n"
    )
    path = tmp_path / "paper.md"
    path.write_text(md, encoding="utf-8")
    tables = read_text_document(path, "x").tables
    assert [t.label for t in tables] == ["Table 1", "Table 1", "Table 3"]
    assert tables[0].caption == "Secondary outcomes"
    assert tables[0].grid()[2] == ["Zorvaline", "51", "−2.0 (0.3)"]
    assert tables[1].grid()[0] == ["Response", "Responders", "%"]
    assert tables[1].grid()[2] == ["Zorvaline", "31/51", "60.8"]
    assert tables[1].footnotes == ("Response: a fall of 50% or more.",)
    assert tables[0].table_id != tables[1].table_id


def test_a_headerless_table_between_two_rules_stays_one_table(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "  ---------- --------------------- --------------\n"
        "  Arm A      nausea                3 (2.5 %)\n"
        "             dizziness             10 (8.3 %)\n"
        "  Arm B      nausea                9 (7.5 %)\n"
        "  ---------- --------------------- --------------\n",
    )
    assert grid == [["Arm A", ""], ["nausea", "3 (2.5 %)"], ["dizziness", "10 (8.3 %)"], ["Arm B", ""],
                    ["nausea", "9 (7.5 %)"]]  # fmt: skip


def test_a_drifted_heading_word_joins_the_n_printed_under_it_in_the_next_column(tmp_path) -> None:
    grid = _grid(
        tmp_path,
        "  ---------------------------------------------------------\n"
        "  Trait          Control      Brief   Full\n"
        "                 n=120        n=118      n=121\n"
        "  -------------- ------------ ---------- ---------------\n"
        "  Age, mean      50 (10)      49 (11)      51 (10)\n"
        "  ---------------------------------------------------------\n",
    )
    assert grid[0] == ["Trait", "Control n=120", "Brief n=118", "Full n=121"]


def test_a_row_filling_exactly_the_headed_columns_stays_a_row_of_its_own(tmp_path) -> None:
    md = (
        "# Abstract ## Results Zorvaline helped. ::::table-wrap\n::: caption\n**Baseline**\n:::\n\n"
        "                   Arm A          Arm B          P-value\n"
        "  ---------------- -------------- -------------- -------------- -------\n"
        "  Sex              Male           30 (60 %)      25 (52 %)      0.41\n"
        "                   Female         20 (40 %)      23 (48 %)\n"
        "  Weight           71.2 ± 9.9     70.4 ± 10.1    0.66\n\n::::\n"
    )
    path = tmp_path / "paper.md"
    path.write_text(md, encoding="utf-8")
    cells = read_text_document(path, "x").tables[0].cells
    first = {c.text: c.indent for c in cells if c.col == 0}
    assert first["Sex"] == 0 and first["Male"] > 0 and first["Female"] > 0
    assert first["Weight"] == 0  # not a child of 'Sex'


def test_rows_with_an_empty_last_column_stay_put_when_the_columns_kinds_tie(tmp_path) -> None:
    # two full rows disagree on a column's kind (a value with a footnote mark reads as text): no kind is usual,
    # so nothing moves, whatever order a set would give in this process
    grid = _grid(
        tmp_path,
        "  Outcome at 6 weeks     Zorvaline (*n* = 60)   Placebo (*n* = 58)   *P*\n"
        "  ---------------------- ---------------------- -------------------- ---------\n"
        "  Cure                   41 (68.3%)^c^          22 (37.9%)           <0.001\n"
        "  Failure                12 (20.0%)             25 (43.1%)\n"
        "  Not assessable         7 (11.7%)              11 (19.0%)\n"
        "  Death                  2 (3.3%)               9 (15.5%)            0.03\n",
    )
    assert grid[2][:3] == ["Failure", "12 (20.0%)", "25 (43.1%)"]
    assert grid[3][:3] == ["Not assessable", "7 (11.7%)", "11 (19.0%)"]
