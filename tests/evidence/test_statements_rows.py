"""Statements -> evidence rows, mechanism by mechanism, on invented papers (dictionary normalizer)."""

from __future__ import annotations

from evidex import evidence
from evidex.evidence import statements
from evidex.models import Cell, Document, Table, TextBlock


def _doc(title: str, *paragraphs: tuple[str, str], tables: tuple[Table, ...] = ()) -> Document:
    blocks = [TextBlock(title, "title", "heading", None, None, 0, len(title))]
    text, pos = title + "\n\n", len(title) + 2
    for i, (section, body) in enumerate(paragraphs):
        blocks.append(TextBlock(body, section, "paragraph", None, None, pos, pos + len(body), order=i + 1))
        text += body + "\n\n"
        pos += len(body) + 2
    return Document("s1", "s1.txt", "", "text", text, title, (), tuple(blocks), tables)


def _tables(doc: Document, normalizer) -> list:
    """Tables are read by the evidence stage's router (``evidence.build``), not by the sentence reader."""
    return [r for r in evidence.build(doc, normalizer).evidence if r.section == "table"]


def _find(rows, **want):
    return [r for r in rows if all(getattr(r, k) == v for k, v in want.items())]


def test_quote_and_offsets_point_into_the_document(dict_normalizer) -> None:
    doc = _doc("CAR-T cells in B-ALL", ("results", "Intro words. The CR rate was 80.0% (16/20). Nothing else."))
    rows, _ = statements.extract(doc, dict_normalizer)
    (row,) = _find(rows, outcome="CR")
    assert doc.text[row.prov.char_start : row.prov.char_end] == row.quote == "The CR rate was 80.0% (16/20)."
    assert row.prov.method == "stmt.pct_frac.v1" and row.section == "results"
    assert (row.arm, row.events, row.total, row.value, row.unit) == ("CAR-T", 16, 20, 80.0, "%")


def test_denominator_from_group_size_is_marked_derived(dict_normalizer) -> None:
    doc = _doc("CAR-T cells", ("results", "Among 40 patients enrolled, fever occurred in 30 cases (75.0%)."))
    rows, _ = statements.extract(doc, dict_normalizer)
    (row,) = _find(rows, outcome="Fever")
    assert (row.events, row.total, row.total_derived) == (30, 40, True)
    assert row.code_system == "CTCAE v5.0" and row.code == "10016558"


def test_inconsistent_group_size_is_not_used(dict_normalizer) -> None:
    doc = _doc("CAR-T cells", ("results", "Among 40 patients, fever occurred in 30 cases (60.0%)."))
    (row,) = _find(statements.extract(doc, dict_normalizer)[0], outcome="Fever")
    assert row.total is None and not row.total_derived


def test_subgroup_lead_in_holds_until_reset_and_ends_with_the_paragraph(dict_normalizer) -> None:
    doc = _doc(
        "Blinatumomab in B-ALL",
        ("results", "For patients with positive MRD only, the CR rate was 90.0% (18/20). The median OS was 14.0 "
                    "months. Overall, the median OS was 11.0 months."),
        ("results", "The median EFS was 8.0 months."),
    )  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    assert _find(rows, outcome="CR")[0].subgroup == "MRD-positive"
    assert [r.subgroup for r in _find(rows, outcome="OS")] == ["MRD-positive", "all"]
    assert _find(rows, outcome="EFS")[0].subgroup == "all"


def test_respectively_assigns_numbers_to_groups_and_p_to_both(dict_normalizer) -> None:
    doc = _doc(
        "Blinatumomab in children",
        ("results", "The EFS of the 14 children with CR and 6 children without CR were 78.6% and 33.3% (p = 0.03), "
                    "respectively."),
    )  # fmt: skip
    rows = _find(statements.extract(doc, dict_normalizer)[0], outcome="EFS")
    assert [(r.subgroup, r.value, r.p_value, r.p_operator) for r in rows] == [
        ("CR", 78.6, 0.03, "="), ("non-CR", 33.3, 0.03, "=")]  # fmt: skip


def test_arms_from_drug_mentions_and_changing_denominators(dict_normalizer) -> None:
    doc = _doc(
        "Blinatumomab versus CAR-T cells",
        ("abstract", "Results: In the CAR-T group(15 cases),CRS was evaluable in 10 cases,the incidence of CRS was "
                     "80.0%(8 cases),severe CRS in 3 cases(30.0%),neurotoxicity in 2 cases(13.3%)."),
    )  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    crs = _find(rows, outcome="CRS")
    assert [(r.arm, r.grade, r.events, r.total) for r in crs] == [("CAR-T", "any", 8, 10), ("CAR-T", ">=3", 3, 10)]
    (icans,) = _find(rows, outcome="ICANS")
    assert (icans.events, icans.total, icans.arm_label) == (2, 15, "CAR-T group")


def test_grade_scope_carries_through_an_ae_list(dict_normalizer) -> None:
    doc = _doc(
        "CAR-T cells",
        ("results", "A total of 50 patients were treated. There were 120 adverse events, of which 36 (30.0%) were "
                    "grade 3 or higher, including fever (10 cases, 20.0%) and nausea (4 cases, 8.0%)."),
    )  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    (g3,) = _find(rows, outcome="AE_GRADE3")
    assert (g3.events, g3.total, g3.total_derived) == (36, 120, True)
    assert [(r.grade, r.total) for r in _find(rows, outcome="Fever") + _find(rows, outcome="Nausea")] == [
        (">=3", 50), (">=3", 50)]  # fmt: skip


def test_grading_system_comes_from_methods(dict_normalizer) -> None:
    doc = _doc(
        "CAR-T cells",
        ("methods", "CRS was graded according to the ASTCT consensus. Other adverse events were graded by the Common "
                    "Terminology Criteria for Adverse Events version 5.0."),
        ("results", "CRS occurred in 9 patients (45.0%) and fever in 12 patients (60.0%)."),
    )  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    assert _find(rows, outcome="CRS")[0].grading_system == "ASTCT 2019"
    assert _find(rows, outcome="Fever")[0].grading_system == "CTCAE v5.0"


def test_other_studies_in_discussion_are_skipped(dict_normalizer) -> None:
    doc = _doc(
        "Blinatumomab",
        ("discussion", "Jones et al. reported a CR rate of 44.0%. In the ELM trial, median OS was 6.1 months (9). In "
                       "the present study, the CR rate was 70.0% (14/20)."),
    )  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    assert [(r.outcome, r.value) for r in rows] == [("CR", 70.0)]


def test_missing_numbers_become_flagged_rows(dict_normalizer) -> None:
    doc = _doc(
        "Blinatumomab in adults",
        ("abstract", "Results: The median time of platelet engraftment was(12.0-20.5)days.The 6-month EFS rate was "
                     "70.2% and the 12-month EFS In summary it worked."),
    )  # fmt: skip
    rows, findings = statements.extract(doc, dict_normalizer)
    (plt,) = _find(rows, outcome="PLATELET_ENGRAFTMENT")
    assert (plt.value, plt.low, plt.high, plt.statistic) == (None, 12.0, 20.5, "median")
    assert [(r.timepoint_months, r.value) for r in _find(rows, outcome="EFS")] == [(6.0, 70.2), (12.0, None)]
    assert [f.check for f in findings] == ["missing_value", "missing_value"]
    assert all(f.severity == "warning" and f.quote for f in findings)


def test_not_reached_median_and_zero_counts(dict_normalizer) -> None:
    doc = _doc(
        "CAR-T cells",
        ("results", "Median OS was not reached, and no severe CRS or neurotoxicity occurred among the 25 patients."),
    )  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    (os_row,) = _find(rows, outcome="OS")
    assert (os_row.statistic, os_row.value) == ("median", None)
    assert sorted((r.outcome, r.grade, r.events) for r in rows if r.statistic == "count") == [
        ("CRS", ">=3", 0), ("ICANS", ">=3", 0)]  # fmt: skip


def test_arm_level_table_rows(dict_normalizer) -> None:
    grid = [["Event, n (%)", "Blinatumomab (n = 80)", "Chemotherapy (n = 76)"], ["Fever", "20 (25.0)", "9 (11.8)"],
            ["Grade ≥3", "", ""], ["Neutropenia", "8 (10.0)", "30 (39.5)"],
            ["Age, years, median (range)", "9 (1-17)", "10 (2-18)"]]  # fmt: skip
    cells = tuple(Cell(r, c, t) for r, row in enumerate(grid) for c, t in enumerate(row))
    table = Table("p4-t1", "Table 2", page=4, n_rows=len(grid), n_cols=3, cells=cells)
    rows = _tables(_doc("Blinatumomab versus chemotherapy", tables=(table,)), dict_normalizer)
    fever = _find(rows, outcome="Fever")
    assert [(r.arm, r.events, r.total, r.value, r.grade) for r in fever] == [
        ("blinatumomab", 20, 80, 25.0, "any"), ("chemotherapy", 9, 76, 11.8, "any")]  # fmt: skip
    assert all(r.section == "table" and r.prov.table == "Table 2" and r.prov.page == 4 for r in rows)
    assert [r.grade for r in _find(rows, outcome="Neutrophil count decreased")] == [">=3", ">=3"]
    (age,) = _find(rows, outcome="AGE", arm="blinatumomab")
    assert (age.statistic, age.value, age.low, age.high, age.spread, age.grade) == ("median", 9, 1, 17, "range", "")
    assert (age.prov.row, age.prov.col) == (4, 1)


def test_arm_level_table_from_text_lines_and_per_patient_tables_skipped(dict_normalizer) -> None:
    arm_lines = Table("text-t1", "Table 3", lines=("Event Placebo (n = 40) Blinatumomab (n = 42)",
                                                   "Headache 4 (10.0) 7 (16.7)"))  # fmt: skip
    patients = Table("text-t2", "Table 4", lines=tuple(f"{i} Chemotherapy 40 (n = 3) 12 Y" for i in range(1, 8)))
    rows = _tables(_doc("Blinatumomab versus placebo", tables=(arm_lines, patients)), dict_normalizer)
    assert [(r.arm, r.outcome, r.events, r.total) for r in rows] == [
        ("placebo", "Headache", 4, 40), ("blinatumomab", "Headache", 7, 42)]  # fmt: skip


def test_arm_level_table_p_column_and_units(dict_normalizer) -> None:
    grid = [
        ["Characteristic", "Blinatumomab (n=14)", "Placebo group (n=22)", "P"],
        ["Male, n (%)", "8 (57.1)", "13 (59.1)", "0.91"],
        ["Age, median (range), y", "7.5 (2-14)", "9 (3-17)", "<0.001"],
    ]
    cells = tuple(Cell(r, c, t) for r, row in enumerate(grid) for c, t in enumerate(row))
    table = Table("p1-t1", "Table 1", page=1, n_rows=3, n_cols=4, cells=cells)
    rows = _tables(_doc("Blinatumomab versus placebo", tables=(table,)), dict_normalizer)
    got = [(r.arm, r.outcome, r.events, r.total, r.value, r.unit, r.p_value, r.p_operator) for r in rows]
    assert got == [
        ("blinatumomab", "SEX_MALE", 8, 14, 57.1, "%", 0.91, "="),
        ("placebo", "SEX_MALE", 13, 22, 59.1, "%", 0.91, "="),
        ("blinatumomab", "AGE", None, 14, 7.5, "years", 0.001, "<"),  # a median's n is its column's n
        ("placebo", "AGE", None, 22, 9.0, "years", 0.001, "<"),
    ]
