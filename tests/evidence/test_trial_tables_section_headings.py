"""Which valueless lines head the rows below them (tables without indentation).

A stray line in a table body is no section: a run of grade numerals left over from the row above ("III&IV"),
the letters of a page watermark ("o r", "r i p t"), the rest of a label cut at the line end ("Total family
income under" / "$15,000"). And a categorical variable ends when its categories make up the whole group:
"Tumour site: Abdomen 60%, Pelvis 40%" does not head "Recurrence" below it. Invented tables, real layouts.
"""

from __future__ import annotations

from evidex.evidence.tables.rows import rows


def _paths(grid: list[list[str]]) -> dict[str, list[str]]:
    return {r.leaf: r.path for r in rows(grid, 1, set(), [1, 2], 0, {})}


def test_a_line_of_grade_numerals_heads_nothing() -> None:
    grid = [["", "Placebo (n = 30)", "Ketorolac (n = 30)"],
            ["Nausea and vomiting", "11 (36.7%)", "6 (20.0%)"],
            ["III&IV", "", ""],
            ["Somnolence", "1 (3.3%)", "2 (6.7%)"],
            ["Pruritus", "4 (13.3%)", "3 (10%)"]]  # fmt: skip
    got = _paths(grid)
    assert got["Somnolence"] == [] and got["Pruritus"] == []


def test_watermark_letters_head_nothing() -> None:
    grid = [["", "Placebo (n = 30)", "Ketorolac (n = 30)"],
            ["o r", "", ""],
            ["Pain at rest", "3.1 (1.2)", "2.4 (1.0)"],
            ["r i p t", "", ""],
            ["Pain on movement", "4.0 (1.5)", "3.2 (1.1)"]]  # fmt: skip
    got = _paths(grid)
    assert got["Pain at rest"] == [] and got["Pain on movement"] == []


def test_the_rest_of_a_cut_label_is_no_section() -> None:
    grid = [["", "Web (n = 150)", "Usual care (n = 148)"],
            ["Race", "", ""],
            ["White", "80 (53.3)", "77 (52.0)"],
            ["Black", "70 (46.7)", "71 (48.0)"],
            ["Parental education: at least", "101 (67.3)", "99 (66.9)"],
            ["High school completion", "", ""],
            ["Employed caregiver in household", "120 (80.0)", "117 (79.1)"],
            ["Total family income under", "45 (30.0)", "47 (31.8)"],
            ["$15,000", "", ""],
            ["Child covered by health insurance", "140 (93.3)", "139 (93.9)"]]  # fmt: skip
    got = _paths(grid)
    assert got["Black"] == ["Race"], "a real section still heads its names"
    assert got["Parental education: at least"] == [], "a variable with its level is not one more race"
    assert got["Employed caregiver in household"] == []
    assert got["Child covered by health insurance"] == []


def test_categories_that_make_up_the_group_end_the_section() -> None:
    grid = [["", "Drain (n = 40)", "No drain (n = 40)"],
            ["Tumour site", "", ""],
            ["Abdominal", "18 (45.0)", "20 (50.0)"],
            ["Pelvic", "22 (55.0)", "20 (50.0)"],
            ["Thoracic", "0 (0.0)", "0"],
            ["Recurrence of cancer", "3 (7.5)", "5 (12.5)"],
            ["Side effects", "", ""],
            ["Headache", "30 (75.0)", "28 (70.0)"],
            ["Nausea", "10 (25.0)", "10 (25.0)"],
            ["Dizziness", "5 (12.5)", "4 (10.0)"],
            ["Return to the OR", "4 (10.0)", "3 (7.5)"],
            ["Depression at discharge", "", ""],
            ["None", "30 (75.0)", "31 (77.5)"],
            ["Mild", "10 (25.0)", "9 (22.5)"]]  # fmt: skip
    got = _paths(grid)
    assert got["Pelvic"] == ["Tumour site"] and got["Thoracic"] == ["Tumour site"], "an empty category still fits"
    assert got["Recurrence of cancer"] == [], "the two sites were the whole group"
    assert got["Mild"] == ["Depression at discharge"], "'OR' (operating room) leaves no label cut short"
    assert got["Nausea"] == ["Side effects"] and got["Dizziness"] == ["Side effects"], (
        "events whose percents add up to 100 in one arm only are no categories of a whole"
    )


def test_a_row_of_words_is_no_section() -> None:
    grid = [["", "Model 1", "Model 2"],
            ["Total effect", "-1.34", "-1.65"],
            ["Previous exposure", "NO", "YES"],
            ["Observations", "1050", "1050"]]  # fmt: skip
    assert _paths(grid)["Observations"] == []


def test_a_body_system_is_no_event_of_the_one_above() -> None:
    grid = [["", "Drug (n = 12)", "Placebo (n = 12)"],
            ["Infections and infestations", "", ""],
            ["Pharyngitis", "1 (8.3)", "0"],
            ["Rhinitis", "2 (16.7)", "0"],
            ["Nervous system disorders", "2 (16.7)", "1 (8.3)"],
            ["Renal and urinary disorders", "1 (8.3)", "0"]]  # fmt: skip
    got = _paths(grid)
    assert got["Rhinitis"] == ["Infections and infestations"]
    assert got["Nervous system disorders"] == [] and got["Renal and urinary disorders"] == []
