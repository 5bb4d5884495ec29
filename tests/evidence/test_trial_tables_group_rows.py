"""Tables that set the groups as rows: the stub names the groups, the columns are measures or times.

Invented tables in the layouts real papers use: group names in the stub column under a "Condition" head
with a variable column beside them; a caption that says the rows give each group ("per treatment group")
with each group's name and "Pre" in one cell and "Post" alone in the next row. The groups are found from
the tables when the text names none (or names others), and each group's rows are read at their time.
"""

from __future__ import annotations

import pytest

from evidex import normalize
from evidex.evidence import build
from evidex.evidence.tables import header, stub
from evidex.models import Cell, Document, Table, TextBlock


@pytest.fixture(scope="module")
def normalizer() -> normalize.Recorder:
    return normalize.Recorder(normalize.load(), "t")


def _table(rows: list[list[str]], caption: str, label: str) -> Table:
    cells = tuple(Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text)
    return Table(table_id=label.replace(" ", "-").lower(), label=label, caption=caption, page=4, n_rows=len(rows),
                 n_cols=max(len(r) for r in rows), cells=cells)  # fmt: skip


def _doc(tables: list[Table], methods: str = "") -> Document:
    title = "Memory drills and breathing practice in older adults"
    blocks = (TextBlock(title, "title", "heading"),)
    if methods:
        blocks += (TextBlock(methods, "methods", "paragraph", page=2),)
    return Document("t", "t.pdf", "t.pdf", "pdf", title=title, blocks=blocks, tables=tuple(tables))


_SCORES = [["", "Recall", "Fluency", "Span"],
           ["MT Pre", "41.2 ± 9.8", "30.1 ± 7.7", "5.2 ± 1.1"], ["Post", "46.0 ± 10.1", "33.4 ± 8.0", "5.9 ± 1.2"],
           ["BP Pre", "40.6 ± 11.0", "31.0 ± 6.9", "5.1 ± 1.0"], ["Post", "43.1 ± 9.5", "31.9 ± 7.2", "5.4 ± 1.3"],
           ["WL Pre", "42.0 ± 10.4", "29.8 ± 7.1", "5.3 ± 0.9"], ["Post", "41.7 ± 10.0", "30.2 ± 7.4", "5.2 ± 1.0"],
           ["Group × Time F2,51", "b1", "4.10*", "n.s."]]  # fmt: skip
_ENTRY = [["", "Age", "Years of school", "Women (n)"],
          ["MT", "71.2 ± 5.1", "11.0 ± 2.2", "12"], ["BP", "70.4 ± 6.0", "10.8 ± 2.0", "11"],
          ["WL", "72.0 ± 5.5", "11.3 ± 1.9", "12"], ["Statistical difference", "F = 0.4 n.s.", "F = 0.2 n.s.", ""]]


def test_groups_named_in_the_stub_of_tables_captioned_per_group_become_the_arms(normalizer) -> None:
    # the text names two other groups (healthy volunteers tested once): the tables' groups win
    methods = "Two groups of healthy volunteers, HV1 (n = 18) and HV2 (n = 22), were each tested once."
    t1 = _table(_ENTRY, "Table 1 Characteristics per treatment group (means ± SD)", "Table 1")
    t2 = _table(_SCORES, "Table 2 Test scores before (pre) and after (post) training per group (means ± SD)",
                "Table 2")
    b = build(_doc([t1, t2], methods), normalizer)
    assert sorted(a.arm_label for a in b.arms) == ["BP", "MT", "WL"]
    post = {(e.arm_label, e.value, e.spread_value) for e in b.evidence
            if "Recall" in e.outcome_raw and e.timepoint_months is None}  # fmt: skip
    assert post == {("MT", 46.0, 10.1), ("BP", 43.1, 9.5), ("WL", 41.7, 10.0)}
    pre = {e.value for e in b.evidence if "Recall" in e.outcome_raw and e.timepoint_months == 0}
    assert pre == {41.2, 40.6, 42.0}
    # the test-statistic rows under the last block belong to no group
    assert not [e for e in b.evidence if e.value in (4.10, 0.4)]
    recall_post = [c for c in b.comparisons if "Recall" in c.outcome_raw and c.mean_e in (46.0, 43.1, 41.7)]
    assert recall_post and all(c.mean_c in (46.0, 43.1, 41.7) for c in recall_post)


def test_a_condition_stub_names_groups_over_blocks_of_variables_and_its_columns_are_times(normalizer) -> None:
    t = _table([["Condition", "Variable", "Rest", "Exercise", "After"],
                ["Warm", "Heart rate, bpm", "72 ± 8", "158 ± 11", ""],
                ["", "Body weight, kg", "70.2 ± 7.1", "69.8 ± 7.0", ""],
                ["Warm + Fan", "Heart rate, bpm", "71 ± 9", "151 ± 10", ""],
                ["", "Body weight, kg", "69.9 ± 7.4", "69.6 ± 7.3", ""]],
               "Table 2 Heart rate and body weight", "Table 2")  # fmt: skip
    b = build(_doc([t]), normalizer)
    assert sorted(a.arm_label for a in b.arms) == ["Warm", "Warm + Fan"]  # not "Exercise", a column of times
    weight = {(e.arm_label, e.value) for e in b.evidence if "weight" in e.outcome_raw.lower()}
    assert weight == {("Warm", 70.2), ("Warm", 69.8), ("Warm + Fan", 69.9), ("Warm + Fan", 69.6)}


def test_a_stub_of_outcomes_or_conditions_one_per_row_names_no_groups() -> None:
    # a caption that says "by group" over a table whose columns are the groups; a "Condition" stub listing diseases
    by_group = [["Outcome", "Drill (n = 30)", "Waitlist (n = 30)"], ["Recall", "46.0 ± 10.1", "41.7 ± 10.0"],
                ["Fluency", "33.4 ± 8.0", "30.2 ± 7.4"]]  # fmt: skip
    diseases = [["Condition", "Drill", "Waitlist"], ["Hypertension", "12 (40.0)", "10 (33.3)"],
                ["Diabetes", "5 (16.7)", "6 (20.0)"], ["Asthma", "2 (6.7)", "3 (10.0)"]]  # fmt: skip
    found = header.arm_candidates([(by_group, "Scores by treatment group", 3), (diseases, "Conditions at entry", 2)])
    assert {f[0] for f in found} <= {"Drill", "Waitlist"}
    assert [c.kind for c in header.build(diseases).columns][1:] == ["arm", "arm"]


def test_a_group_stub_blocks_need_the_same_levels_in_every_block() -> None:
    same = {1: "A Pre", 2: "Post", 3: "B Pre", 4: "Post", 5: "Time F1,50"}
    assert stub.stub_groups(same) == {1: ("A", "Pre"), 2: ("A", "Post"), 3: ("B", "Pre"), 4: ("B", "Post")}
    uneven = {1: "Total colon Pre", 2: "Post", 3: "Left colon Pre", 4: "Week 3"}
    assert stub.stub_groups(uneven)[2] != ("Total colon", "Post")  # blocks of unlike levels are no groups


def test_a_condition_stub_whose_names_repeat_is_no_column_of_groups() -> None:
    # variables slipped into the stub of a badly aligned table: "Heart rate" written under each condition
    slipped = [["Condition", "Variable", "Rest", "Exercise"], ["Warm", "Weight, kg", "70.2 ± 7.1", "69.8 ± 7.0"],
               ["Heart rate, bpm", "72 ± 8", "158 ± 11", ""], ["Warm + Fan", "Weight, kg", "69.9 ± 7.4", "69.6 ± 7.3"],
               ["Heart rate, bpm", "71 ± 9", "151 ± 10", ""]]  # fmt: skip
    assert not [f for f in header.arm_candidates([(slipped, "Weight and heart rate", 3)]) if "Heart" in f[0]]


def test_groups_written_as_section_rows_over_their_times_are_read_as_the_groups(normalizer) -> None:
    # a Markdown rendering drops the spanning group cell: "MT" becomes a row of its own over "Pre" and "Post"
    sections = [["", "Recall", "Fluency", "Span"],
                ["MT", "", "", ""], ["Pre", "41.2 ± 9.8", "30.1 ± 7.7", "5.2 ± 1.1"],
                ["Post", "46.0 ± 10.1", "33.4 ± 8.0", "5.9 ± 1.2"],
                ["BP", "", "", ""], ["Pre", "40.6 ± 11.0", "31.0 ± 6.9", "5.1 ± 1.0"],
                ["Post", "43.1 ± 9.5", "31.9 ± 7.2", "5.4 ± 1.3"],
                ["WL", "", "", ""], ["Pre", "42.0 ± 10.4", "29.8 ± 7.1", "5.3 ± 0.9"],
                ["Post", "41.7 ± 10.0", "30.2 ± 7.4", "5.2 ± 1.0"]]  # fmt: skip
    t1 = _table(_ENTRY, "Table 1 Characteristics per treatment group (means ± SD)", "Table 1")
    t2 = _table(sections, "Table 2 Test scores before (pre) and after (post) training (means ± SD)", "Table 2")
    methods = "Participants were randomly assigned to MT (n = 20), BP (n = 19) or WL (n = 20)."
    b = build(_doc([t1, t2], methods), normalizer)
    assert sorted(a.arm_label for a in b.arms) == ["BP", "MT", "WL"]
    recall = {(e.arm_label, e.value, e.timepoint_months) for e in b.evidence if e.prov.table == "Table 2"
              and "Recall" in e.outcome_raw}  # fmt: skip
    assert recall == {("MT", 41.2, 0), ("MT", 46.0, None), ("BP", 40.6, 0), ("BP", 43.1, None),
                      ("WL", 42.0, 0), ("WL", 41.7, None)}  # fmt: skip
    assert all(not e.outcome_raw.startswith(("MT", "BP", "WL")) for e in b.evidence if e.prov.table == "Table 2")


def test_section_rows_that_name_no_study_group_stay_sections() -> None:
    grid = [["", "Drug A", "Drug B"], ["Sex", "", ""], ["Male", "20", "22"], ["Female", "18", "17"]]
    assert stub.section_groups(grid, 1) == {2: ("Sex", "Male"), 3: ("Sex", "Female")}  # read as groups only if
    # "Sex" resolved to a study arm: the transposed reader checks that before using them
