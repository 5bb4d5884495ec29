"""Which p a comparison takes: the pair's own, never a test across three or more groups or a group's own change.

Every table and sentence here is invented, in layouts real trial papers use: one p column beside three or four
groups (an ANOVA or chi-square over the row), p columns set between the groups (each group's change from
baseline), and two groups beside one p (the contrast itself).
"""

from __future__ import annotations

import pytest

from evidex import normalize
from evidex.evidence import build, comparisons
from evidex.evidence.study import StudyArm, StudyModel
from evidex.models import Cell, Document, Evidence, Table, TextBlock

_METHODS = ("Participants were randomly assigned to zorvaline 10 mg (n = 51), zorvaline 20 mg (n = 49) or "
            "placebo (n = 50).")  # fmt: skip


@pytest.fixture(scope="module")
def normalizer() -> normalize.Recorder:
    return normalize.Recorder(normalize.load(), "t")


def _doc(rows: list[list[str]], methods: str = _METHODS, title: str = "Two doses of zorvaline for chronic cough",
         caption: str = "Table 2 Outcomes at 12 weeks") -> Document:  # fmt: skip
    cells = tuple(Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text)
    table = Table(table_id="table-2", label="Table 2", caption=caption, page=3, n_rows=len(rows),
                  n_cols=max(len(r) for r in rows), cells=cells)  # fmt: skip
    blocks = (TextBlock(title, "title", "heading"), TextBlock(methods, "methods", "paragraph", page=2))
    return Document("t", "t.pdf", "t.pdf", "pdf", title=title, blocks=blocks, tables=(table,))


def test_one_p_column_beside_three_groups_is_kept_on_the_rows_as_omnibus_not_on_any_pair(normalizer) -> None:
    doc = _doc([["Outcome, n (%)", "Zorvaline 10 mg", "Zorvaline 20 mg", "Placebo", "P value"],
                ["Cough resolved", "20 (39.2)", "25 (51.0)", "10 (20.0)", "0.004"]])  # fmt: skip
    b = build(doc, normalizer)
    rows = [e for e in b.evidence if "Cough resolved" in e.outcome_raw and e.arm_id]
    assert len(rows) == 3 and {(e.p_value, e.p_scope) for e in rows} == {(0.004, "omnibus")}
    comps = [c for c in b.comparisons if "Cough resolved" in c.outcome_raw]
    assert len(comps) == 3, "the pairs are still compared, only without the p"
    assert all(c.p_value is None and c.p_operator == "" for c in comps)


def test_one_p_column_beside_two_groups_is_their_contrast(normalizer) -> None:
    doc = _doc([["Outcome, n (%)", "Zorvaline (n = 60)", "Placebo (n = 58)", "P value"],
                ["Cough resolved", "30 (50.0)", "15 (25.9)", "0.007"]],  # fmt: skip
               methods="Participants were randomly assigned to zorvaline or placebo.",
               title="Zorvaline versus placebo for chronic cough")  # fmt: skip
    b = build(doc, normalizer)
    (c,) = [c for c in b.comparisons if "Cough resolved" in c.outcome_raw]
    assert (c.p_value, c.p_operator) == (0.007, "=")
    assert {e.p_scope for e in b.evidence if e.arm_id} == {""}


def test_p_columns_between_the_groups_are_each_groups_own_and_never_a_pairs(normalizer) -> None:
    # both groups changed with p < 0.001: the same p on both rows is no test between them
    doc = _doc([["Parameter", "Zorvaline (n = 60)", "P value", "Placebo (n = 58)", "P value"],
                ["Cough score, mean (SD)", "-4.1 (2.0)", "<0.001", "-2.2 (2.1)", "<0.001"]],  # fmt: skip
               methods="Participants were randomly assigned to zorvaline or placebo.",
               title="Zorvaline versus placebo for chronic cough",
               caption="Table 2 Change from baseline within each group")  # fmt: skip
    b = build(doc, normalizer)
    rows = [e for e in b.evidence if e.arm_id and e.statistic == "mean"]
    assert len(rows) == 2 and {(e.p_value, e.p_operator, e.p_scope) for e in rows} == {(0.001, "<", "within")}
    comps = [c for c in b.comparisons if c.measure == "continuous"]
    assert len(comps) == 1 and comps[0].p_value is None


def _arm(i: int, role: str) -> StudyArm:
    return StudyArm(arm_id=f"a{i}", arm=f"drug {i}", label=f"Group {i}", role=role)


def _row(arm: int, pct: float, events: int, p: float | None, cid: str = "s:1", **kw: object) -> Evidence:
    return Evidence(study_id="t", arm=f"drug {arm}", arm_label=f"Group {arm}", outcome="", outcome_raw="nausea",
                    statistic="proportion", events=events, total=50, value=pct, p_value=p, p_operator="=" if p else "",
                    arm_id=f"a{arm}", comparison_id=cid, **kw)  # type: ignore[arg-type]  # fmt: skip


def test_a_p_three_groups_of_a_sentence_share_is_no_pairs_p() -> None:
    study = StudyModel(arms=[_arm(1, "control"), _arm(2, "experimental"), _arm(3, "experimental")])
    rows = [_row(1, 10.0, 5, 0.04), _row(2, 20.0, 10, 0.04), _row(3, 30.0, 15, 0.04)]
    _, comps = comparisons.build(rows, study)
    assert len(comps) == 3 and all(c.p_value is None for c in comps)


def test_two_groups_sharing_a_p_beside_a_third_without_one_keep_it() -> None:
    # "20% vs 10% (p = 0.04)" in one sentence, the third arm's rate in another contrast
    study = StudyModel(arms=[_arm(1, "control"), _arm(2, "experimental"), _arm(3, "experimental")])
    rows = [_row(1, 10.0, 5, 0.04), _row(2, 20.0, 10, 0.04)]
    _, comps = comparisons.build(rows, study)
    assert [(c.arm_e_id, c.arm_c_id, c.p_value) for c in comps] == [("a2", "a1", 0.04)]


def test_one_effect_beside_three_groups_names_no_pair() -> None:
    study = StudyModel(arms=[_arm(1, "control"), _arm(2, "experimental"), _arm(3, "experimental")])
    rows = [_row(1, 10.0, 5, None), _row(2, 20.0, 10, None), _row(3, 30.0, 15, None),
            Evidence(study_id="t", arm="all", outcome="", outcome_raw="nausea", statistic="odds_ratio", value=2.1,
                     comparison_id="s:1")]  # fmt: skip
    rows, comps = comparisons.build(rows, study)
    comps = comparisons.with_effects(rows, comps)
    assert len(comps) == 3 and all(c.effect == "" for c in comps)


def _sized(i: int, n: int, role: str = "experimental") -> StudyArm:
    return StudyArm(arm_id=f"a{i}", arm=f"level {i}", label=f"Level {i}", role=role, n=n)


def test_levels_of_two_factors_are_compared_within_their_factor_only() -> None:
    # a 2 x 2 factorial: regimen (a1 | a2) and follow-up (a3 usual | a4 calls), each pair summing to the 354 randomized
    study = StudyModel(arms=[_sized(1, 179), _sized(2, 175), _sized(3, 246, "control"), _sized(4, 108)], population=354)
    assert comparisons.factors(study) == [{"a1", "a2"}, {"a3", "a4"}]
    rows = [_row(i, 20.0, 10, None) for i in (1, 2, 3, 4)]
    _, comps = comparisons.build(rows, study)
    assert sorted((c.arm_e_id, c.arm_c_id) for c in comps) == [("a1", "a2"), ("a4", "a3")]


def test_four_arms_of_one_factor_are_not_read_as_factors() -> None:
    assert comparisons.factors(StudyModel(arms=[_sized(i, 30) for i in (1, 2, 3, 4)])) == []
    assert comparisons.factors(StudyModel(arms=[_sized(i, 25) for i in (1, 2, 3, 4)], population=100)) == []
    uneven = StudyModel(arms=[_sized(1, 40), _sized(2, 38), _sized(3, 41), _sized(4, 39)], population=158)
    assert comparisons.factors(uneven) == []
    alike = [_sized(1, 50), _sized(2, 49), _sized(3, 51), _sized(4, 48)]  # 99 and 99 by chance, 198 randomized
    assert comparisons.factors(StudyModel(arms=alike)) == []
    assert comparisons.factors(StudyModel(arms=alike, population=198)) == []


def test_three_factors_show_without_the_population() -> None:
    arms = [_sized(1, 179), _sized(2, 175), _sized(3, 176), _sized(4, 178), _sized(5, 246, "control"), _sized(6, 108)]
    assert comparisons.factors(StudyModel(arms=arms)) == [{"a1", "a2"}, {"a3", "a4"}, {"a5", "a6"}]


def test_a_p_column_after_two_groups_tests_that_pair_and_not_the_groups_of_the_next_run(normalizer) -> None:
    # two units over two periods: each P compares the two periods of one unit; the units' P values match by chance
    doc = _doc([["", "Unit A period 1 (n = 120)", "Unit A period 2 (n = 130)", "P", "Unit B period 1 (n = 140)",
                 "Unit B period 2 (n = 150)", "P"],
                ["Readmitted, n (%)", "30 (25.0)", "13 (10.0)", "<0.001", "42 (30.0)", "15 (10.0)", "<0.001"]],
               methods="Patients of unit A were followed without surveillance and patients of unit B with it.",
               title="Interrupted versus continuous surveillance in two units")  # fmt: skip
    b = build(doc, normalizer)
    scopes = {e.arm_id: e.p_scope for e in b.evidence if e.arm_id and e.p_value is not None}
    assert len(scopes) == 4 and all(s.startswith("vs ") for s in scopes.values())
    got = {frozenset((c.arm_e_id, c.arm_c_id)): c.p_value for c in b.comparisons}
    assert got[frozenset(("a1", "a2"))] == got[frozenset(("a3", "a4"))] == 0.001
    crossed = [p for pair, p in got.items() if pair not in ({"a1", "a2"}, {"a3", "a4"})]
    assert crossed and all(p is None for p in crossed)


def test_each_comparison_names_its_two_evidence_rows_when_the_control_row_is_in_several(normalizer) -> None:
    from evidex.frames import _comparison_rows, _evidence_rows

    doc = _doc([["Outcome, n (%)", "Zorvaline 10 mg", "Zorvaline 20 mg", "Placebo", "P value"],
                ["Cough resolved", "20 (39.2)", "25 (51.0)", "10 (20.0)", "0.004"]])  # fmt: skip
    b = build(doc, normalizer)
    ev = _evidence_rows(b.evidence, "e")
    assert any(";" in e["comparison_id"] for e in ev), "the placebo row takes part in two comparisons"
    got = _comparison_rows(b.comparisons, ev)
    assert len(got) == 3 and all(r["evidence_e"] and r["evidence_c"] for r in got)


def test_a_row_of_a_subgroup_table_is_the_subgroup_and_the_caption_gives_the_outcome(normalizer) -> None:
    doc = _doc([["Factor", "Zorvaline (n = 60)", "Placebo (n = 58)"],
                ["Age", "", ""],
                ["≤ 50 years", "12/20 (60.0)", "6/19 (31.6)"],
                ["> 50 years", "18/40 (45.0)", "9/39 (23.1)"]],  # fmt: skip
               methods="Participants were randomly assigned to zorvaline or placebo.",
               title="Zorvaline versus placebo for chronic cough",
               caption="Table 3. Subgroup analyses of prespecified factors for remission. CI: confidence.")  # fmt: skip
    b = build(doc, normalizer)
    comps = sorted((c.subgroup, c.outcome_raw, c.events_e, c.n_e) for c in b.comparisons)
    assert [c[0] for c in comps] == ["Age — > 50 years", "Age — ≤ 50 years"]
    assert {c[1] for c in comps} == {"Subgroup analyses of prespecified factors for remission"}
    assert {e.outcome for e in b.evidence if e.prov.table} == {""}, "the age of no one: no AGE code"
