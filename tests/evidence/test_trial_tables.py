"""Arm-level trial tables read through the study model, the router and the arm-level reader.

Every table here is invented, in the layouts real trial papers use: n in the header cell, n on its own
header line, n in a body row, statistics announced by the caption, arms over timepoints, effect and p
columns, indented children, total columns that are not arms.
"""

from __future__ import annotations

import pytest

from evidex import normalize
from evidex.evidence import build
from evidex.models import Cell, Document, Table, TextBlock


@pytest.fixture(scope="module")
def normalizer() -> normalize.Recorder:
    return normalize.Recorder(normalize.load(), "t")


def _table(rows: list[list[str]], caption: str = "", footnotes: tuple[str, ...] = (), label: str = "Table 2",
           indents: dict[tuple[int, int], float] | None = None) -> Table:  # fmt: skip
    cells = tuple(Cell(r, c, text, indent=(indents or {}).get((r, c), 0.0)) for r, row in enumerate(rows)
                  for c, text in enumerate(row) if text)  # fmt: skip
    return Table(table_id=label.replace(" ", "-").lower(), label=label, caption=caption, page=3, n_rows=len(rows),
                 n_cols=max(len(r) for r in rows), cells=cells, footnotes=footnotes)  # fmt: skip


def _doc(tables: list[Table], methods: str = "", title: str = "Zorvaline versus placebo for chronic cough") -> Document:
    blocks = (TextBlock(title, "title", "heading"),)
    if methods:
        blocks += (TextBlock(methods, "methods", "paragraph", page=2),)
    return Document("t", "t.pdf", "t.pdf", "pdf", title=title, blocks=blocks, tables=tuple(tables))


def _rows(bundle, outcome_raw: str = "", **want):  # type: ignore[no-untyped-def]
    out = []
    for e in bundle.evidence:
        if outcome_raw and outcome_raw.lower() not in e.outcome_raw.lower():
            continue
        if all(getattr(e, k) == v for k, v in want.items()):
            out.append(e)
    return out


def test_n_percent_cells_with_n_in_the_header_become_arm_rows_and_one_comparison(normalizer) -> None:
    t = _table([["Outcome, n (%)", "Zorvaline (n = 120)", "Placebo (n = 118)", "P value"],
                ["Cough resolved", "54 (45.0)", "31 (26.3)", "0.003"],
                ["Discontinued treatment", "12 (10.0)", "9 (7.6)", "0.52"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    assert {(a.arm_label, a.role, a.n) for a in b.arms} == {("Zorvaline", "experimental", 120),
                                                             ("Placebo", "control", 118)}  # fmt: skip
    cough = _rows(b, "cough resolved", statistic="proportion")
    assert sorted((e.events, e.total, e.value) for e in cough) == [(31, 118, 26.3), (54, 120, 45.0)]
    assert {e.p_value for e in cough} == {0.003}
    comp = [c for c in b.comparisons if "Cough resolved" in c.outcome_raw]
    assert len(comp) == 1
    c = comp[0]
    assert (c.measure, c.events_e, c.n_e, c.events_c, c.n_c) == ("binary", 54, 120, 31, 118)
    assert c.arm_e_label == "Zorvaline" and c.arm_c_label == "Placebo" and c.p_value == 0.003
    assert all(e.comparison_id == c.comparison_id for e in cough)
    assert all(e.outcome == "" for e in cough), "an outcome the vocabulary does not know keeps an empty code"


def test_n_on_its_own_header_line_and_mean_sd_announced_by_the_caption(normalizer) -> None:
    t = _table([["", "Zorvaline", "Placebo"], ["", "n = 40", "n = 38"],
                ["Cough severity score at week 12", "3.1 (1.2)", "4.4 (1.5)"]],
               caption="Secondary outcomes. Values are mean (SD).")  # fmt: skip
    b = build(_doc([t]), normalizer)
    rows = _rows(b, "cough severity", statistic="mean")
    assert sorted((e.value, e.spread, e.spread_value, e.total) for e in rows) == [(3.1, "SD", 1.2, 40),
                                                                               (4.4, "SD", 1.5, 38)]  # fmt: skip
    assert [round(e.timepoint_months, 2) for e in rows] == [2.76, 2.76]
    comp = b.comparisons[0]
    assert (comp.measure, comp.mean_e, comp.sd_e, comp.mean_c, comp.sd_c) == ("continuous", 3.1, 1.2, 4.4, 1.5)


def test_n_in_a_body_row_and_percent_cells_give_events_derived_from_the_percent(normalizer) -> None:
    t = _table([["Variable", "Zorvaline", "Placebo"], ["No. of patients", "50", "25"],
                ["Responders, %", "40", "20"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    rows = _rows(b, "responders")
    assert sorted((e.events, e.total, e.value, e.derived) for e in rows) == [
        (5, 25, 20.0, "events_from_percent"), (20, 50, 40.0, "events_from_percent")]  # fmt: skip


def test_columns_that_are_not_arms_are_not_arms(normalizer) -> None:
    t = _table([["Outcome", "Zorvaline (n = 60)", "Placebo (n = 60)", "Total (n = 120)", "RR (95% CI)", "P"],
                ["Cough resolved", "30 (50.0)", "15 (25.0)", "45 (37.5)", "2.00 (1.21-3.30)", "0.005"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    assert len(b.arms) == 2
    assert not [e for e in b.evidence if e.events == 45]
    c = b.comparisons[0]
    assert (c.effect, c.effect_value, c.effect_low, c.effect_high) == ("RR", 2.0, 1.21, 3.30)


def test_arms_over_timepoints_are_compared_at_the_same_time(normalizer) -> None:
    t = _table([["", "Zorvaline (n = 30)", "", "Placebo (n = 30)", ""],
                ["", "Baseline", "Week 24", "Baseline", "Week 24"],
                ["Cough frequency, mean ± SD", "12.1 ± 3.0", "6.2 ± 2.1", "11.8 ± 2.9", "9.9 ± 2.5"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    at24 = [c for c in b.comparisons if c.timepoint_months and c.timepoint_months > 5]
    assert len(at24) == 1 and (at24[0].mean_e, at24[0].mean_c) == (6.2, 9.9)
    base = [c for c in b.comparisons if c.timepoint_months == 0]
    assert len(base) == 1 and (base[0].mean_e, base[0].mean_c) == (12.1, 11.8)


def test_indented_children_carry_their_section_and_a_section_ends_where_the_indent_does(normalizer) -> None:
    rows = [["Characteristic", "Zorvaline (n = 80)", "Placebo (n = 80)"],
            ["Sex, n (%)", "", ""], ["Male", "40 (50.0)", "36 (45.0)"], ["Female", "40 (50.0)", "44 (55.0)"],
            ["Smoker, n (%)", "10 (12.5)", "12 (15.0)"]]  # fmt: skip
    t = _table(rows, caption="Baseline characteristics", indents={(2, 0): 2.0, (3, 0): 2.0})
    b = build(_doc([t]), normalizer)
    male = [e for e in b.evidence if e.outcome == "SEX_MALE"]
    assert sorted(e.events for e in male) == [36, 40] and {e.domain for e in male} == {"baseline"}
    smoker = [e for e in b.evidence if "Smoker" in e.outcome_raw]
    assert smoker and all("Sex" not in e.outcome_raw for e in smoker)


def test_mean_and_se_give_a_derived_sd_row_and_the_comparison_uses_it(normalizer) -> None:
    t = _table([["", "Zorvaline (n = 100)", "Placebo (n = 100)"],
                ["Change in cough score, mean (SE)", "-2.0 (0.3)", "-1.0 (0.4)"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    printed = [e for e in b.evidence if e.spread == "SE"]
    derived = [e for e in b.evidence if e.derived == "sd_from_se"]
    assert len(printed) == 2 and sorted(e.spread_value for e in derived) == [3.0, 4.0]
    c = b.comparisons[0]
    assert (c.sd_e, c.sd_c) == (3.0, 4.0) and "sd_from_se" in c.derived


def test_cells_that_break_arithmetic_are_flagged_not_read(normalizer) -> None:
    t = _table([["Outcome, n (%)", "Zorvaline (n = 20)", "Placebo (n = 20)"],
                ["Headache", "25 (12.0)", "3 (15.0)"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    assert [e.events for e in b.evidence if "eadache" in (e.outcome_raw + e.outcome)] == [3]
    assert any(f.check == "implausible_value" for f in b.findings)


def test_the_randomization_sentence_names_the_arms_and_their_sizes(normalizer) -> None:
    methods = ("Participants were randomly assigned to zorvaline 10 mg (n = 51), zorvaline 20 mg (n = 49) or "
               "placebo (n = 50).")  # fmt: skip
    t = _table([["", "Zorvaline 10 mg", "Zorvaline 20 mg", "Placebo"],
                ["Cough resolved, n (%)", "20 (39.2)", "25 (51.0)", "10 (20.0)"]])  # fmt: skip
    b = build(_doc([t], methods, title="Two doses of zorvaline for chronic cough"), normalizer)
    assert [(a.arm_label, a.n, a.role) for a in b.arms] == [("zorvaline 10 mg", 51, "experimental"),
                                                           ("zorvaline 20 mg", 49, "experimental"),
                                                           ("placebo", 50, "control")]  # fmt: skip
    pairs = sorted((c.arm_e_label, c.events_e, c.n_e, c.events_c, c.n_c) for c in b.comparisons
                   if c.contrast == "vs_control")  # fmt: skip
    assert pairs == [("Zorvaline 10 mg", 20, 51, 10, 50), ("Zorvaline 20 mg", 25, 49, 10, 50)]
    active = [(c.arm_e_label, c.arm_c_label) for c in b.comparisons if c.contrast == "between_active"]
    # beside a control, papers name arms from the least to the most added (control, A, A + B; 10 mg, 20 mg):
    # the later named active arm is the experimental side of an active-vs-active contrast
    assert active == [("Zorvaline 20 mg", "Zorvaline 10 mg")]


def test_a_table_no_reader_claims_gives_an_info_finding(normalizer) -> None:
    t = _table([["Site", "Country", "Investigator"], ["1", "Norway", "Dr A"], ["2", "Chile", "Dr B"]],
               label="Table 5")  # fmt: skip
    b = build(_doc([t]), normalizer)
    assert [f.check for f in b.findings if f.check == "table_not_read"] == ["table_not_read"]


def test_arms_as_rows_under_timepoint_columns_are_compared_per_outcome_and_time(normalizer) -> None:
    methods = "Patients were randomly assigned to zorvaline (n = 30) or placebo (n = 31)."
    t = _table([["Cough frequency (per hour)", "Group", "Baseline", "Week 4"],
                ["Daytime", "Zorvaline", "21.0 ± 6.1", "12.4 ± 5.0"], ["", "Placebo", "20.2 ± 5.8", "17.9 ± 6.3"],
                ["Night-time", "Zorvaline", "9.1 ± 3.2", "4.0 ± 2.2"], ["", "Placebo", "8.8 ± 3.5", "7.7 ± 3.1"]],
               caption="Values are mean ± SD")  # fmt: skip
    b = build(_doc([t], methods), normalizer)
    week4 = sorted((c.outcome_raw, c.mean_e, c.mean_c) for c in b.comparisons if c.timepoint_months)
    assert week4 == [("Cough frequency (per hour) — Daytime", 12.4, 17.9),
                     ("Cough frequency (per hour) — Night-time", 4.0, 7.7)]  # fmt: skip
    assert all(c.n_e is None or c.n_e == 30 for c in b.comparisons)


def test_a_statistic_row_belongs_to_the_row_above_and_contrast_columns_are_not_arms(normalizer) -> None:
    t = _table([["", "Zorvaline (n = 40)", "Placebo (n = 40)", "Zorvaline vs placebo"],
                ["Age, years", "", "", ""], ["Median (range)", "54 (31-77)", "52 (29-80)", ""],
                ["Cough score at week 8", "3.1 ± 1.0", "4.0 ± 1.2", "-0.9 (-1.4 to -0.4)"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    ages = [e for e in b.evidence if e.statistic == "median"]
    assert sorted(e.value for e in ages) == [52, 54] and all("Age" in e.outcome_raw for e in ages)
    assert not [e for e in b.evidence if e.arm_id and e.value == -0.9]
    c = next(c for c in b.comparisons if "Cough" in c.outcome_raw)
    assert (c.effect, c.effect_value, c.effect_low, c.effect_high) == ("MD", -0.9, -1.4, -0.4)


def test_a_percent_alone_takes_the_arm_size_only_when_it_gives_a_whole_count(normalizer) -> None:
    methods = "Patients were randomly assigned to zorvaline (n = 60) or placebo (n = 60)."
    t = _table([["Outcome", "Zorvaline", "Placebo"], ["Night cough, %", "41.3", "55.0"]], label="Table 3")
    b = build(_doc([t], methods), normalizer)
    rows = {e.value: e for e in b.evidence if "Night cough" in e.outcome_raw}
    assert rows[41.3].total is None and rows[41.3].events is None  # 41.3% of 60 is no whole count: not this n
    assert (rows[55.0].events, rows[55.0].total) == (33, 60) and "events_from_percent" in rows[55.0].derived
