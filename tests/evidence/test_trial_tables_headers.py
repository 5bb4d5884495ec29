"""Header layouts of real trial tables, invented: titles spanning every arm column, p columns under a title,
several groups of one header row, cluster-level mean percents."""

from __future__ import annotations

import pytest

from evidex import normalize
from evidex.evidence import build
from evidex.models import Cell, Document, Table, TextBlock


@pytest.fixture(scope="module")
def normalizer() -> normalize.Recorder:
    return normalize.Recorder(normalize.load(), "t")


def _table(rows: list[list[str]], caption: str = "", label: str = "Table 2", page: int = 3) -> Table:
    cells = tuple(Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text)
    return Table(table_id=label.replace(" ", "-").lower(), label=label, caption=caption, page=page,
                 n_rows=len(rows), n_cols=max(len(r) for r in rows), cells=cells)  # fmt: skip


def _doc(tables: list[Table], title: str = "Reminder messages for pharmacy staff: a cluster randomized trial"
         ) -> Document:  # fmt: skip
    return Document("t", "t.pdf", "t.pdf", "pdf", title=title, blocks=(TextBlock(title, "title", "heading"),),
                    tables=tuple(tables))  # fmt: skip


def test_a_title_spanning_every_arm_column_names_no_group_and_the_groups_of_one_header_stay_apart(normalizer) -> None:
    t1 = _table([["", "Menu Formats Tested", "", "", "", ""],
                 ["Characteristic", "Plain Menu (n = 80)", "Star Rating (n = 78)", "Star Rating+Calories (n = 75)",
                  "Traffic Light (n = 77)", "P"],
                 ["Female, n (%)", "40 (50.0)", "39 (50.0)", "36 (48.0)", "38 (49.4)", ".91"]],
                caption="Baseline characteristics of participants", label="Table 1", page=4)  # fmt: skip
    t2 = _table([["Outcome", "Plain Menu (n = 80)", "Star Rating (n = 78)", "Star Rating+Calories (n = 75)",
                  "Traffic Light (n = 77)", "P"],
                 ["Healthy choice score, mean (SD)", "61.2 (11.0)", "66.3 (9.8)", "70.1 (8.2)", "64.0 (10.5)",
                  "<.001"]],
                caption="Understanding of the menu formats")  # fmt: skip
    b = build(_doc([t1, t2], title="Menu formats and healthy choices in canteens"), normalizer)
    assert sorted((a.arm_label, a.n) for a in b.arms) == [("Plain Menu", 80), ("Star Rating", 78),
                                                           ("Star Rating+Calories", 75), ("Traffic Light", 77)]
    scores = {e.arm_label: (e.value, e.spread_value, e.arm_id) for e in b.evidence
              if "Healthy choice" in e.outcome_raw and e.statistic == "mean"}  # fmt: skip
    assert scores["Star Rating"][:2] == (66.3, 9.8) and scores["Star Rating+Calories"][:2] == (70.1, 8.2)
    assert len({v[2] for v in scores.values()}) == 4, "four columns of one header are four arms"


def test_a_shared_prefix_that_leaves_no_name_is_kept(normalizer) -> None:
    t = _table([["", "Group I", "Group II", "p"],
                ["Pain score (VAS), mean (SD)", "3.8 (1.4)", "4.6 (2.1)", "0.04"]],
               caption="Outcomes of the groups")  # fmt: skip
    b = build(_doc([t], title="Laser therapy versus sham laser for shoulder pain"), normalizer)
    assert sorted(a.arm_label for a in b.arms) == ["Group I", "Group II"]
    c = [c for c in b.comparisons if "Pain score" in c.outcome_raw]
    assert len(c) == 1 and {c[0].mean_e, c[0].mean_c} == {3.8, 4.6}


def test_p_and_ratio_columns_under_a_spanning_title_are_not_arms_and_mean_percent_sd_is_read(normalizer) -> None:
    t = _table([["", "", "Patient adherence (mean of cluster summaries)", "", ""],
                ["", "", "", "Adjusted prevalence", ""],
                ["", "Control* (N = 30) % (SD)", "Intervention* (N = 32) % (SD)", "ratio (95% CI)†",
                 "Adjusted P value†"],
                ["Completed all doses", "70.4 (19.8)", "67.9 (22.6)", "0.95 (0.81, 1.11)", "0.5"],
                ["Doses taken on time", "31.7 (17.5)", "34.2 (20.3)", "1.03 (0.77, 1.38)", "0.8"]])  # fmt: skip
    b = build(_doc([t]), normalizer)
    rows = [e for e in b.evidence if e.arm_id and "Completed all doses" in e.outcome_raw]
    assert sorted((e.arm_label, e.statistic, e.value, e.spread, e.spread_value) for e in rows) == [
        ("Control", "mean", 70.4, "SD", 19.8), ("Intervention", "mean", 67.9, "SD", 22.6)]
    assert not [e for e in b.evidence if e.arm_id and e.value in (0.5, 0.8)], "a p column is no arm"
    c = [c for c in b.comparisons if "Completed all doses" in c.outcome_raw]
    assert len(c) == 1 and (c[0].arm_e_label, c[0].mean_e, c[0].arm_c_label, c[0].mean_c) == (
        "Intervention", 67.9, "Control", 70.4)


def test_a_column_whose_name_resolves_to_a_twin_takes_the_arm_its_printed_n_names(normalizer) -> None:
    t1 = _table([["Characteristic", "Plain Menu (n = 80)", "Star Rating (n = 78)", "Star Rating+Calories (n = 75)"],
                 ["Female, n (%)", "40 (50.0)", "39 (50.0)", "36 (48.0)"]],
                caption="Baseline characteristics of participants", label="Table 1", page=4)  # fmt: skip
    t2 = _table([["Outcome", "Plain Menu (n = 80)", "Star Rating (n = 78)", "Star Rating+ Calories (n = 75)"],
                 ["Healthy choice score, mean (SD)", "61.2 (11.0)", "66.3 (9.8)", "70.1 (8.2)"]],
                caption="Understanding of the menu formats")  # fmt: skip
    b = build(_doc([t1, t2], title="Menu formats and healthy choices in canteens"), normalizer)
    by_arm = {a.arm_id: a.n for a in b.arms}
    scores = {e.value: by_arm[e.arm_id] for e in b.evidence if "Healthy choice" in e.outcome_raw and e.arm_id}
    assert scores == {61.2: 80, 66.3: 78, 70.1: 75}


def test_a_capital_letter_after_group_names_the_group_and_is_no_footnote_mark(normalizer) -> None:
    t = _table([["", "Group A (N = 4120)", "Group B (N = 3987)"],
                ["Opened the summary", "301 (7.3%) a", "452 (11.3%)a"],
                ["Opened the full report", "118 (2.9%) a", "240 (6.0%)a"]],
               caption="Outcomes by group")  # fmt: skip
    b = build(_doc([t], title="Two ways of sending study results to participants: a randomized trial"), normalizer)
    assert sorted((a.arm_label, a.n) for a in b.arms) == [("Group A", 4120), ("Group B", 3987)]
    c = [c for c in b.comparisons if "summary" in c.outcome_raw]
    assert len(c) == 1 and {(c[0].events_e, c[0].n_e), (c[0].events_c, c[0].n_c)} == {(301, 4120), (452, 3987)}


def test_dose_columns_over_a_line_of_sizes_are_header_and_mg_per_day_is_no_time(normalizer) -> None:
    t = _table([["", "", "Zorvaline, mg/day", ""],
                ["", "Placebo", "100", "200"],
                ["", "(N = 90)", "(N = 92)", "(N = 91)"],
                ["Any adverse event, n (%)", "41 (45.6)", "44 (47.8)", "58 (63.7)"],
                ["Headache", "6 (6.7)", "9 (9.8)", "14 (15.4)"]],
               caption="Treatment-emergent adverse events")  # fmt: skip
    methods = ("Patients were randomly assigned to placebo (n = 90), zorvaline 100 mg/day (n = 92) or zorvaline "
               "200 mg/day (n = 91).")
    doc = _doc([t], title="Two doses of zorvaline for chronic cough")
    doc = Document("t", "t.pdf", "t.pdf", "pdf", title=doc.title,
                   blocks=(*doc.blocks, TextBlock(methods, "methods", "paragraph", page=2)), tables=doc.tables)
    b = build(doc, normalizer)
    by_arm = {a.arm_id: a.n for a in b.arms}
    ae = [e for e in b.evidence if "Any adverse event" in e.outcome_raw and e.arm_id]
    assert sorted((e.events, e.total, by_arm[e.arm_id]) for e in ae) == [(41, 90, 90), (44, 92, 92), (58, 91, 91)]
    assert all(e.timepoint_months is None for e in ae), "'mg/day 200' is a dose, not day 200"


def test_a_percent_sign_written_before_its_number_is_read(normalizer) -> None:
    t = _table([["", "Group I (n, %)", "Group II (n, %)", "p"],
                ["Female", "18 (%60.0)", "14(%56.0)", "0.77"],
                ["Male", "12 (%40.0)", "11(%44.0)", ""]],
               caption="Characteristics of the patients", label="Table 1")  # fmt: skip
    b = build(_doc([t], title="Laser therapy versus sham laser for shoulder pain"), normalizer)
    female = sorted((e.events, e.total, e.value) for e in b.evidence if e.outcome_raw.endswith("Female") and e.arm_id)
    assert female == [(14, 25, 56.0), (18, 30, 60.0)]


def test_a_footnote_mark_glued_to_a_known_group_name_is_no_new_arm(normalizer) -> None:
    t1 = _table([["Characteristic", "HOPAT (n=88)", "IPAT (n=91)"], ["Male, n (%)", "50 (56.8)", "49 (53.8)"]],
                caption="Baseline characteristics by treatment location", label="Table 1")  # fmt: skip
    t2 = _table([["Clinical outcome", "HOPATa (n=88)", "IPAT (n=91)", "Pb"],
                 ["Success, n (%)", "70 (79.5)", "52 (57.1)", "0.002"]],
                caption="Clinical outcomes by treatment location", label="Table 4")  # fmt: skip
    b = build(_doc([t1, t2], title="Home versus inpatient antibiotic therapy (HOPAT) for bacteraemia"), normalizer)
    assert sorted(a.arm_label for a in b.arms) == ["HOPAT", "IPAT"]
    c = [c for c in b.comparisons if "Success" in c.outcome_raw]
    assert len(c) == 1 and (c[0].arm_e_label, c[0].events_e, c[0].arm_c_label, c[0].events_c) == (
        "HOPAT", 70, "IPAT", 52)


def test_a_group_named_plus_is_an_arm(normalizer) -> None:
    t = _table([["Characteristic", "Control n=300", "Basic n=310", "Plus n=305"],
                ["Age (years), mean (SD)", "44.1 (10.2)", "45.0 (11.3)", "44.6 (10.8)"],
                ["Women, n (%)", "150 (50.0)", "161 (51.9)", "152 (49.8)"]],
               caption="Characteristics of participants at baseline", label="Table 1")  # fmt: skip
    b = build(_doc([t], title="A web-based physical activity program with and without environmental feedback"),
              normalizer)  # fmt: skip
    assert sorted((a.arm_label, a.role, a.n) for a in b.arms) == [("Basic", "experimental", 310),
                                                                   ("Control", "control", 300),
                                                                   ("Plus", "experimental", 305)]
    women = {e.arm_label: (e.events, e.total) for e in b.evidence if "Women" in e.outcome_raw and e.arm_id}
    assert women == {"Control": (150, 300), "Basic": (161, 310), "Plus": (152, 305)}


def test_columns_of_test_statistics_are_no_arms(normalizer) -> None:
    from evidex.evidence.tables import cues

    t = _table([["Outcome", "Tai chi (n = 40)", "Stretching (n = 38)", "Z-score", "SE of difference", "P"],
                ["Pain score at week 12, mean (SD)", "3.1 (1.2)", "4.0 (1.4)", "2.41", "0.30", ".02"]],
               caption="Outcomes at 12 weeks")  # fmt: skip
    bundle = build(_doc([t], title="Tai chi versus stretching for knee pain: a randomized trial"), normalizer)
    assert {(e.arm_label, e.value, e.spread_value) for e in bundle.evidence} == {
        ("Tai chi", 3.1, 1.2), ("Stretching", 4.0, 1.4)}  # fmt: skip
    for text in ("Z-score", "t", "F", "χ2", "SE of difference", "ICC", "df"):
        assert cues.is_test_statistic(text), text
    for text in ("Tai chi (n = 40)", "Placebo", "Total", "Difference (95% CI)", "Treatment"):
        assert not cues.is_test_statistic(text), text


def test_captions_tell_characteristics_at_entry_from_changes_over_time(normalizer) -> None:
    head = ["", "Tai chi (n = 40)", "Stretching (n = 38)"]
    t1 = _table([head, ["Age, mean (SD), years", "61.2 (8.1)", "60.4 (7.9)"]],
                caption="Demographic and baseline characteristics, safety population", label="Table 1", page=3)
    t2 = _table([head, ["Pain score, mean (SD)", "-2.1 (1.2)", "-0.9 (1.4)"]],
                caption="Changes in outcomes from baseline to week 12", label="Table 2", page=4)
    t3 = _table([head, ["Dizziness, n (%)", "4 (10.0)", "2 (5.3)"]],
                caption="Treatment-emergent events, safety analysis set", label="Table 3", page=5)
    bundle = build(_doc([t1, t2, t3], title="Tai chi versus stretching for knee pain: a randomized trial"),
                   normalizer)  # fmt: skip
    domains = {e.prov.table: e.domain for e in bundle.evidence}
    assert domains == {"Table 1": "baseline", "Table 2": "efficacy", "Table 3": "safety"}, domains


def test_a_row_whose_percent_the_column_n_does_not_make_takes_the_n_that_does(normalizer) -> None:
    head = ["", "Tai chi (n = 76)", "Stretching (n = 74)"]
    t = _table([head, ["Pain-free at 12 months, n (%)", "51 (72.9)", "30 (40.5)"],
                ["Fell at least once, n (%)", "12 (3.4)", "8 (10.8)"]],
               caption="Outcomes at 12 months", label="Table 2", page=4)  # fmt: skip
    bundle = build(_doc([t], title="Tai chi versus stretching for knee pain: a randomized trial"), normalizer)
    got = {(e.arm_label, e.events): (e.total, "total_from_percent" in e.derived) for e in bundle.evidence}
    assert got[("Tai chi", 51)] == (70, True)  # 51/70 is 72.9%; 51/76 would be 67.1%
    assert got[("Stretching", 30)] == (74, False)  # 30/74 is 40.5%: the column's n, as printed
    assert got[("Tai chi", 12)] == (None, False)  # no n up to 76 gives 3.4%: no denominator rather than a wrong one


@pytest.mark.parametrize("label", ["Participants", "Number (N)", "Patients, n", "No. of patients"])
def test_a_body_row_of_bare_counts_under_a_count_label_gives_each_arm_its_n(normalizer, label: str) -> None:
    t = _table([["", "Coaching", "Usual care"], [label, "125", "133"],
                ["Returned to work at 12 months, n", "49", "64"]])  # no percent to tell the n by
    rows = [e for e in build(_doc([t], title="Coaching versus usual care for sick leave"), normalizer).evidence
            if "eturned" in e.outcome_raw]  # fmt: skip
    assert sorted((e.arm_label, e.events, e.total) for e in rows) == [("Coaching", 49, 125), ("Usual care", 64, 133)]


def test_a_row_counting_women_is_no_row_of_group_sizes(normalizer) -> None:
    t = _table([["", "Coaching", "Usual care"], ["Women", "80", "91"],
                ["Returned to work at 12 months, n", "49", "64"]])  # fmt: skip
    rows = [e for e in build(_doc([t], title="Coaching versus usual care for sick leave"), normalizer).evidence
            if "eturned" in e.outcome_raw]  # fmt: skip
    assert all(e.total != 80 and e.total != 91 for e in rows)


def test_a_childs_age_and_weight_in_a_label_is_no_time_of_measurement() -> None:
    from evidex.evidence.tables import cues

    assert cues.timepoint("Correct dose advised for a child (3 years and 14 kg)") is None
    assert cues.timepoint("Dose for children 5 years") is None
    assert cues.timepoint("Correct dose advised at 3 years") is not None
    assert cues.timepoint("Week 12").months == pytest.approx(2.76, abs=0.01)
