"""Group names centred over repeated sub-heads (invented tables): each name heads the whole run it sits in."""

from __future__ import annotations

from evidex.evidence.tables import header


def _arms(grid: list[list[str]]) -> dict[int, str]:
    return {c.col: c.label for c in header.build(grid).columns if c.kind == "arm"}


def test_a_group_name_centred_over_its_three_subheads_takes_all_three() -> None:
    grid = [
        ["", "Exercise", "", "", "", "Usual care", "", "", ""],
        ["", "n (%)", "Mean days off work", "SD", "n (%)", "Mean days off work", "SD", "P for difference"],
        ["Weeks 0-12", "21 (18)", "40.2", "22.1", "30 (27)", "44.8", "25.0", "0.31"],
        ["Weeks 13-52", "28 (24)", "75.5", "60.3", "33 (30)", "80.1", "66.2", "0.67"],
    ]
    arms = _arms(grid)
    assert {c: a.split()[0] for c, a in arms.items()} == {
        1: "Exercise", 2: "Exercise", 3: "Exercise", 4: "Usual", 5: "Usual", 6: "Usual",
    }  # fmt: skip


def test_times_centred_over_n_and_percent_pairs_each_take_their_pair() -> None:
    grid = [
        ["", "Baseline", "", "", "6 months", "", "12 months"],
        ["", "n", "(%)", "n", "(%)", "n", "(%)"],
        ["Statins", "", "", "", "", "", ""],
        ["Intervention (n = 90)", "20", "(22)", "35", "(39)", "41", "(46)"],
        ["Control (n = 88)", "22", "(25)", "24", "(27)", "25", "(28)"],
    ]
    head = header.build(grid)
    times = {c.col: c.time_text for c in head.columns if c.col > 0}
    assert times[1] == times[2] == "Baseline" or (head.columns[1].timepoint == head.columns[2].timepoint == 0)
    assert head.columns[3].timepoint == head.columns[4].timepoint == 6
    assert head.columns[5].timepoint == head.columns[6].timepoint == 12


def test_names_that_open_their_runs_and_repeated_words_keep_the_rightward_fill() -> None:
    """'Mean change' over every other column is one column's two-line head, not a group over two columns."""
    grid = [
        ["", "Fruit", "", "Vegetables", ""],
        ["", "", "Mean change", "", "Mean change"],
        ["", "Mean (SE)", "(95% CI)", "Mean (SE)", "(95% CI)"],
        ["Baseline", "2.1 (0.1)", "", "150 (4)", ""],
        ["Month 4", "2.4 (0.1)", "0.3 (0.1, 0.5)", "161 (4)", "11 (3, 19)"],
    ]
    spread = header.spread(grid, 3)
    assert spread[0] == ["", "Fruit", "Fruit", "Vegetables", "Vegetables"]
    assert spread[1][1] == ""  # a repeated word is no group name: nothing is filled leftwards


def test_a_column_headed_arm_names_the_groups_row_by_row_and_the_measures_beside_it_are_no_arms() -> None:
    grid = [
        ["Outcome", "Study arm", "Clusters", "Patients treated", "Cluster mean"],
        ["", "", "n", "n/N (%)", "Mean (SD)"],
        ["Tested before treatment", "Control", "10", "120/400 (30%)", "31.0% (12)"],
        ["", "Reminder", "11", "210/420 (50%)", "48.5% (15)"],
    ]
    assert _arms(grid) == {}
    # the same measures over group columns stay arms
    grid2 = [["", "Control (n = 400)", "Reminder (n = 420)"], ["Patients treated, n (%)", "120 (30)", "210 (50)"]]
    assert set(_arms(grid2)) == {1, 2}


def test_runs_are_read_on_the_sub_heads_not_on_a_line_of_sizes_set_like_the_names() -> None:
    """Names and their sizes both sit off their runs of five columns: the sizes repeat every three columns like
    the names do, the sub-heads every five, and no name lies in its own run of five, so nothing moves left."""
    names = ["", "", "Probiotic", "", "", "Antibiotic", "", "", "Placebo", "", "", "", "", "", "", ""]
    sizes = ["", "", "(n=16)", "", "", "(n=16)", "", "", "(n=15)", "", "", "", "", "", "", ""]
    subs = ["", *(["Baseline", "3 months", "6 months", "9 months", "P"] * 3)]
    body = ["CAL (mm)", *(["3.8 ± 0.7"] * 15)]
    spread = header.spread([names, sizes, subs, body], 3)
    assert spread[0][1] == "" and spread[0][3] == "Probiotic" and spread[0][6] == "Antibiotic"


def test_footnote_marks_on_a_sub_head_do_not_break_its_run() -> None:
    grid = [
        ["Time point", "Fruit", "", "Vegetables", "", "", "Snacks"],
        ["", "Mean (SE)", "(95% CI)b", "Mean (SE)", "(95% CI)b", "Mean (SE)", "(95% CI)b,c"],
        ["Month 4", "2.4 (0.1)", "0.3 (0.1, 0.5)", "161 (4)", "11 (3, 19)", "2.5 (0.1)", "-0.3 (-0.5, -0.1)"],
    ]
    assert header.spread(grid, 2)[0][3:7] == ["Vegetables", "Vegetables", "Snacks", "Snacks"]
