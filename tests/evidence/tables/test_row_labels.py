"""Row labels of arm-level tables whose stub spans several columns (invented tables)."""

from evidex.evidence.tables import rows


def _rows(grid: list[list[str]], value_cols: list[int], start: int = 1) -> list[rows.Row]:
    return rows.rows(grid, start, set(), value_cols, 0, {})


def test_time_column_carries_the_measure_down_and_gives_the_timepoint() -> None:
    grid = [
        ["Measure", "Week", "Drug", "Placebo"],
        ["Pain score", "4", "3.1 (1.2)", "3.4 (1.1)"],
        ["", "12", "2.2 (1.0)", "3.0 (1.3)"],
        ["Fatigue score", "4", "5.0 (2.0)", "5.1 (2.2)"],
        ["", "12", "4.1 (1.9)", "4.9 (2.1)"],
    ]
    got = _rows(grid, [2, 3])
    assert [(r.r, r.label, r.time_text) for r in got] == [
        (1, "Pain score — Week 4", "Week 4"),
        (2, "Pain score — Week 12", "Week 12"),
        (3, "Fatigue score — Week 4", "Week 4"),
        (4, "Fatigue score — Week 12", "Week 12"),
    ]
    assert got[1].timepoint is not None and got[1].timepoint > got[0].timepoint  # type: ignore[operator]


def test_category_column_keeps_its_variable() -> None:
    grid = [
        ["Characteristic", "", "Drug", "Placebo"],
        ["Sex", "Male", "40 (50.0)", "38 (47.5)"],
        ["", "Female", "40 (50.0)", "42 (52.5)"],
        ["Infections", "", "", ""],
        ["", "Sinusitis", "3 (3.8)", "1 (1.3)"],
        ["Nervous system disorders", "Headache", "5 (6.3)", "4 (5.0)"],
        ["", "Dizziness", "2 (2.5)", "1 (1.3)"],
    ]
    got = {r.r: r.label for r in _rows(grid, [2, 3])}
    assert got == {
        1: "Sex — Male",
        2: "Sex — Female",
        4: "Infections — Sinusitis",
        5: "Nervous system disorders — Headache",
        6: "Nervous system disorders — Dizziness",
    }


def test_wrapped_labels_in_a_stub_are_joined() -> None:
    grid = [
        ["Characteristic", "", "Drug", "Placebo"],
        ["Swelling", "left side", "10 (25.0)", "12 (30.0)"],
        ["", "did not have", "30 (75.0)", "28 (70.0)"],
        ["", "swelling", "", ""],
        ["Prior episodes of", "One", "20 (50.0)", "22 (55.0)"],
        ["acute pain", "More than one", "20 (50.0)", "18 (45.0)"],
    ]
    got = {r.r: r.label for r in _rows(grid, [2, 3])}
    assert got[2] == "Swelling — did not have swelling"
    assert got[4] == "Prior episodes of acute pain — One"
    assert got[5] == "Prior episodes of acute pain — More than one"


def test_columns_that_are_no_labels_stay_out() -> None:
    """A unit printed in every row, statistic names and value columns are no second label column."""
    grid = [
        ["Variable", "", "Drug", "Placebo"],
        ["Visits to the clinic", "visit", "3.4 (1.2)", "2.6 (1.3)"],
        ["Visits to the nurse", "visit", "0.3 (0.8)", "0.3 (0.9)"],
    ]
    assert [r.label for r in _rows(grid, [2, 3])] == ["Visits to the clinic", "Visits to the nurse"]
    assert (
        rows.stub_columns([["A", "", "B"], ["Age", "Mean (SD)", "50 (9)"], ["Sex", "n (%)", "4 (40)"]], 1, 0, [2]) == {}
    )
    numbers = [["Score", "Week", "n", "Drug"], ["Pain", "4", "120", "3.1"], ["", "8", "118", "2.9"]]
    assert rows.stub_columns(numbers, 1, 0, [3]) == {1: "Week"}


def test_footnote_below_is_no_continued_label() -> None:
    grid = [
        ["", "", "Group A", "Group B"],
        ["Opened the link", "", "20 (4.0%)", "40 (8.0%)"],
        ["", "Median time in seconds (IQR)", "25 (30)", "26 (31)"],
        ["Opened the form", "", "10 (2.0%)", "30 (6.0%)"],
        ["", "Median time in seconds (IQR)", "4 (5)", "3 (4)"],
        ["", "a P values from chi-squared tests", "", ""],
    ]
    got = {r.r: r.label for r in _rows(grid, [2, 3])}
    assert got[4] == "Opened the form — Median time in seconds (IQR)"
    assert got[2] == "Opened the link — Median time in seconds (IQR)"


def _flat(grid: list[list[str]]) -> dict[int, str]:
    return {r.r: r.label for r in _rows(grid, [1, 2])}


def test_categories_after_a_first_category_stay_under_their_variable_until_they_make_the_whole() -> None:
    grid = [
        ["Characteristic", "Drug", "Placebo"],
        ["Schooling", "", ""],
        ["None", "10 (10%)", "12 (12%)"],
        ["Elementary", "30 (30%)", "28 (28%)"],
        ["Further", "60 (60%)", "60 (60%)"],
        ["Owns a car", "40 (40%)", "45 (45%)"],
    ]
    got = _flat(grid)
    assert got[3] == "Schooling — Elementary" and got[4] == "Schooling — Further"
    assert got[5] == "Owns a car"  # the parts have made the whole group: a variable of its own


def test_a_repeated_split_of_the_same_variable_stays_under_it() -> None:
    grid = [
        ["Characteristic", "Drug", "Placebo"],
        ["Age", "", ""],
        ["<60 years", "50 (50%)", "40 (40%)"],
        ["≥60 years", "50 (50%)", "60 (60%)"],
        ["<70 years", "90 (90%)", "85 (85%)"],
    ]
    assert _flat(grid)[4] == "Age — <70 years"


def test_a_variable_given_by_its_statistics_ends_at_the_next_named_row() -> None:
    grid = [
        ["Characteristic", "Drug", "Placebo"],
        ["Days in hospital", "", ""],
        ["mean (SD)", "10.1 (7.0)", "10.3 (7.5)"],
        ["range", "5–38", "2–35"],
        ["Readmitted", "11 (22.0%)", "8 (15.1%)"],
    ]
    got = _flat(grid)
    assert got[2] == "Days in hospital — mean (SD)"
    assert got[4] == "Readmitted"


def test_a_yes_no_pair_is_no_statistic_row() -> None:
    grid = [
        ["Characteristic", "Drug", "Placebo"],
        ["First visit", "", ""],
        ["No", "20 (20%)", "25 (25%)"],
        ["Yes", "80 (80%)", "75 (75%)"],
    ]
    assert _flat(grid)[3] == "First visit — Yes"


def test_a_word_beginning_with_pre_is_no_time_category() -> None:
    grid = [
        ["Characteristic", "Drug", "Placebo"],
        ["Extent of surgery", "", ""],
        ["Minor", "40 (40%)", "45 (45%)"],
        ["Major", "60 (60%)", "55 (55%)"],
        ["Previous radiotherapy", "12 (12%)", "10 (10%)"],
    ]
    got = _flat(grid)
    assert got[3] == "Extent of surgery — Major"
    assert got[4] == "Previous radiotherapy"


def test_a_label_wrapping_down_a_column_of_group_rows_is_joined() -> None:
    grid = [
        ["Outcome", "Group", "n/N (%)"],
        ["Patients tested for", "Control", "40/100 (40%)"],
        ["infection", "Site A", "20/50 (40%)"],
        ["", "Drug", "30/100 (30%)"],
        ["Patients treated", "Control", "10/40 (25%)"],
        ["within a day", "Drug", "12/40 (30%)"],
        ["Readmitted", "Control", "5/100 (5%)"],
        ["Died", "Drug", "2/100 (2%)"],
    ]
    got = rows.wrapped_cells(grid, 1, 0)
    assert got == {
        1: "Patients tested for infection",
        2: "Patients tested for infection",
        4: "Patients treated within a day",
        5: "Patients treated within a day",
    }


def test_no_levels_under_a_label_column_without_labels() -> None:
    grid = [["", "", "Drug"], ["o r", "Weight (kg)", "70 (9)"], ["M a", "Height (cm)", "170 (8)"]]
    assert rows.stub_columns(grid, 1, 0, [2]) == {}
