"""A header row repeated inside a table restarts what its columns hold: "Baseline n (%) | 6-month n (%)" under
a block headed "Mean at baseline | Mean change" makes the rows below it counts and percents, not means."""

from __future__ import annotations

import pytest

from evidex import normalize
from evidex.evidence import build
from evidex.evidence.tables import rows
from evidex.models import Cell, Document, Table, TextBlock


@pytest.fixture(scope="module")
def normalizer() -> normalize.Recorder:
    return normalize.Recorder(normalize.load(), "t")


def test_rows_under_a_repeated_header_row_take_its_statistic() -> None:
    grid = [["", "Drill, N = 30", "", "Waitlist, N = 20", ""],
            ["Symptoms", "Mean at baseline", "Mean change", "Mean at baseline", "Mean change"],
            ["Days of cough", "2.9", "-1.4", "5.1", "-4.2"],
            ["", "Baseline n (%)", "6-month n (%)", "Baseline n (%)", "6-month n (%)"],
            ["Clinic visit in prior month", "6 (20.0)", "2 (6.7)", "3 (15.0)", "2 (10.0)"]]  # fmt: skip
    got = rows.rows(grid, 2, set(), [1, 2, 3, 4], 0, {})
    assert [(r.leaf, r.cue) for r in got] == [("Days of cough", ""), ("Clinic visit in prior month", "n_pct")]


def test_a_repeated_header_row_makes_counts_of_the_rows_below(normalizer) -> None:
    grid = [["", "Drill, N = 30", "", "Waitlist, N = 20", ""],
            ["Symptoms", "Mean at baseline", "Mean change at 6 months", "Mean at baseline", "Mean change at 6 months"],
            ["Days of cough", "2.9", "-1.4", "5.1", "-4.2"],
            ["", "Baseline n (%)", "6-month n (%)", "Baseline n (%)", "6-month n (%)"],
            ["Clinic visit in prior month", "6 (20.0)", "2 (6.7)", "3 (15.0)", "2 (10.0)"]]  # fmt: skip
    cells = tuple(Cell(r, c, x) for r, row in enumerate(grid) for c, x in enumerate(row) if x)
    t = Table("table-2", label="Table 2", caption="Table 2 Changes in symptoms", page=5, n_rows=5, n_cols=5,
              cells=cells)  # fmt: skip
    methods = "Children were randomly assigned to the drill (n = 30) or to a waitlist (n = 20)."
    doc = Document("t", "t.pdf", "t.pdf", "pdf", title="Breathing drills for children with cough",
                   blocks=(TextBlock(methods, "methods", "paragraph", page=2),), tables=(t,))  # fmt: skip
    b = build(doc, normalizer)
    visits = [e for e in b.evidence if "Clinic visit" in e.outcome_raw]
    assert visits and all(e.statistic == "proportion" and e.events is not None for e in visits)
    assert {(e.events, e.total) for e in visits} >= {(6, 30), (3, 20)}
