"""Rows that name only a time ("Baseline", "Day 1", "Week 4") in a table whose caption names the one measure it
reports: the caption's measure is the outcome, so a reviewer sees "Itch score — Day 3", not "Day 3"."""

from __future__ import annotations

import pytest

from evidex import normalize
from evidex.evidence import build
from evidex.evidence.tables import labels
from evidex.models import Cell, Document, Table, TextBlock


@pytest.fixture(scope="module")
def normalizer() -> normalize.Recorder:
    return normalize.Recorder(normalize.load(), "t")


def _doc(caption: str) -> Document:
    grid = [["", "Zorvaline (n = 30)", "Placebo (n = 30)", "P"],
            ["Baseline", "6.1 ± 1.2", "6.0 ± 1.3", "0.71"],
            ["Day 3", "3.2 ± 1.0", "5.1 ± 1.1", "0.002"],
            ["Day 7", "1.4 ± 0.9", "4.6 ± 1.2", "<0.001"]]  # fmt: skip
    cells = tuple(Cell(r, c, t) for r, row in enumerate(grid) for c, t in enumerate(row) if t)
    table = Table(table_id="p4-t1", label="Table 2", caption=caption, page=4, n_rows=4, n_cols=4, cells=cells)
    title = "Zorvaline cream for itch in atopic dermatitis: a randomized trial"
    blocks = (TextBlock(title, "title", "heading"),)
    return Document("t", "t.pdf", "t.pdf", "pdf", title=title, blocks=blocks, tables=(table,))


def test_time_rows_take_the_measure_the_caption_names(normalizer) -> None:
    b = build(_doc("Table 2: Itch score (0-10) in the two groups"), normalizer)
    assert {e.value for e in b.evidence if e.outcome_raw == "Itch score — Day 3"} == {3.2, 5.1}
    assert not [e for e in b.evidence if e.outcome_raw in ("Day 3", "Day 7", "Baseline")]


def test_a_caption_that_names_no_measure_adds_nothing() -> None:
    assert labels.caption_subject("Table 3. Comparison of the results between the groups") == ""
    assert labels.caption_subject("TABLE 4 Outcomes") == ""
    assert labels.caption_subject("Table 2. Serum ferritin (ng/mL) by visit") == "Serum ferritin"


def test_values_at_baseline_in_a_results_table_are_baseline_the_later_ones_results(normalizer) -> None:
    b = build(_doc("Table 2: Itch score (0-10) in the two groups"), normalizer)
    domains = {(e.timepoint_months, e.domain) for e in b.evidence if e.outcome_raw.startswith("Itch score")}
    assert (0.0, "baseline") in domains and (0.0, "efficacy") not in domains
    assert {d for tp, d in domains if tp} == {"efficacy"}


def test_a_subgroup_named_by_a_baseline_value_is_no_time_and_its_results_stay_results(normalizer) -> None:
    grid = [["", "Zorvaline (n = 60)", "Placebo (n = 60)"],
            ["Baseline viral load", "", ""],
            ["≤400,000 IU/mL", "20/28 (71.4)", "12/27 (44.4)"],
            [">400,000 IU/mL", "18/32 (56.3)", "9/33 (27.3)"]]  # fmt: skip
    cells = tuple(Cell(r, c, t) for r, row in enumerate(grid) for c, t in enumerate(row) if t)
    table = Table(table_id="p6-t3", label="Table 3", caption="Table 3 Subgroup analyses of sustained response",
                  page=6, n_rows=4, n_cols=3, cells=cells)  # fmt: skip
    doc = Document("t", "t.pdf", "t.pdf", "pdf", title="Zorvaline in hepatitis", blocks=(), tables=(table,))
    rows = [e for e in build(doc, normalizer).evidence if e.value in (71.4, 44.4, 56.3, 27.3)]
    assert len(rows) == 4
    assert all(e.domain != "baseline" and e.timepoint_months is None and e.subgroup != "all" for e in rows)
