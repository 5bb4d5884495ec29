"""What a cell is, read from its column's role: invented tables in the layouts of cluster trials and of trials
that print each group's own p value or a score's median (IQR).
"""

from __future__ import annotations

from evidex.evidence import build
from evidex.evidence.tables.cells import interpret
from evidex.evidence.tables.grammar import shape
from tests.evidence.conftest import trial_doc


def test_a_percent_with_a_percent_in_parentheses_is_no_count() -> None:
    assert interpret(shape("71% (24%)"), [], 120) is None
    got = interpret(shape("71% (24%)"), ["mean_sd"], None)
    assert got is not None and (got.statistic, got.value, got.spread, got.spread_value) == ("mean", 71.0, "SD", 24.0)
    got = interpret(shape("71% (24)"), ["sd"], None)
    assert got is not None and (got.statistic, got.spread_value, got.events) == ("mean", 24.0, None)
    got = interpret(shape("71% (24)"), [], 40)  # percent first, then the count: still n
    assert got is not None and (got.statistic, got.events) == ("proportion", 24)


def test_cluster_level_percent_columns_read_as_mean_and_sd(normalizer) -> None:
    rows = [["Indicator", "Clinic arm", "Clinic arm", "Usual care arm", "Usual care arm"],
            ["", "Patients, n/N (%)", "Cluster-level, Mean (SD)", "Patients, n/N (%)", "Cluster-level, Mean (SD)"],
            ["Fever cases tested", "310/520 (60%)", "57% (22%)", "205/480 (43%)", "41% (19%)"]]  # fmt: skip
    doc = trial_doc("Training of drug sellers versus usual care in rural districts", ("Outcomes at follow-up", rows))
    got = {(e.arm, e.statistic, e.value, e.spread_value, e.events) for e in build(doc, normalizer).evidence
           if e.prov.table}  # fmt: skip
    assert not any(ev in (22, 19) for *_, ev in got)  # the SD is never a count
    assert {(v, sd) for _, st, v, sd, _ in got if st == "mean"} == {(57.0, 22.0), (41.0, 19.0)}


def test_each_arm_takes_its_own_p_column(normalizer) -> None:
    rows = [["Parameter", "Diet (n = 20)", "p", "Diet + drug (n = 22)", "p", "Drug (n = 21)", "p"],
            ["Weight change, mean±SD", "-1.2 ± 2.0", "0.041", "-2.5 ± 2.2", "0.002", "0.3 ± 1.9", "0.611"]]  # fmt: skip
    doc = trial_doc("Diet, drug or both in adults with obesity", ("Mean change after 12 weeks", rows))
    got = {e.value: e.p_value for e in build(doc, normalizer).evidence if e.prov.table and e.arm_id}
    assert got == {-1.2: 0.041, -2.5: 0.002, 0.3: 0.611}


def test_a_p_column_after_all_arms_is_every_arm_s(normalizer) -> None:
    rows = [["Parameter", "Diet (n = 20)", "Drug (n = 21)", "p"],
            ["Weight change (kg), mean ± SD", "-1.2 ± 2.0", "0.3 ± 1.9", "0.011"]]  # fmt: skip
    doc = trial_doc("Diet or drug in adults with obesity", ("Mean change after 12 weeks", rows))
    got = {e.value: e.p_value for e in build(doc, normalizer).evidence if e.prov.table and e.arm_id}
    assert got == {-1.2: 0.011, 0.3: 0.011}


def test_a_score_alone_does_not_make_an_interval_a_mean() -> None:
    assert interpret(shape("3 (2-4)"), ["score"], 30) is None
    got = interpret(shape("3 (2-4)"), ["score", "median_iqr"], 30)
    assert got is not None and (got.statistic, got.spread) == ("median", "IQR")
    got = interpret(shape("3.1 (1.2)"), ["score"], 30)
    assert got is not None and got.statistic == "mean"


def test_a_p_column_among_one_arm_s_columns_is_no_sign_of_own_p_columns(normalizer) -> None:
    rows = [["", "Diet (n = 20)", "Drug (n = 21)", "Usual care (n = 22)", "p", "Usual care vs Diet"],
            ["Age, years, mean ± SD", "51.2 ± 6.0", "49.8 ± 7.1", "50.3 ± 6.6", "0.566", "0.301"]]  # fmt: skip
    doc = trial_doc("Diet or drug in adults with obesity", ("Characteristics at entry", rows))
    got = {e.value: e.p_value for e in build(doc, normalizer).evidence if e.prov.table and e.arm_id}
    assert got == {51.2: 0.566, 49.8: 0.566, 50.3: 0.566}


def test_a_table_of_a_model_s_coefficients_gives_no_arm_values(normalizer) -> None:
    rows = [["", "(1) Coaching", "(2) Coaching", "(3) Coaching"],
            ["Treatment", "-1.402", "-1.377", "-1.296"],
            ["Constant", "8.210", "8.016", "7.955"],
            ["N", "960", "960", "960"]]  # fmt: skip
    for caption, expected in (("Linear regression of test score on treatment and controls", 0),
                              ("Mean test scores by group", 6)):  # fmt: skip
        doc = trial_doc("Coaching versus usual teaching in adult learners", (caption, rows))
        assert len([e for e in build(doc, normalizer).evidence if e.prov.table]) == expected


def test_rows_that_name_no_outcome_give_no_values(normalizer) -> None:
    rows = [["", "Coaching (n = 40)", "Usual teaching (n = 41)"],
            ["n", "38", "39"],
            ["A u", "12.1 (3.0)", "11.4 (2.9)"],
            ["r i p t", "4", "6"],
            ["M", "5", "7"],
            ["Test score, mean (SD)", "14.2 (3.1)", "12.9 (3.3)"],
            ["Grade", "", ""],
            ["I II", "20 (50.0)", "19 (46.3)"],
            ["Sex, n (%)", "", ""],
            ["M", "21 (52.5)", "20 (48.8)"]]  # fmt: skip
    doc = trial_doc("Coaching versus usual teaching in adult learners", ("Results at the end of the course", rows))
    got = {e.outcome_raw for e in build(doc, normalizer).evidence if e.prov.table}
    assert got == {"Test score, mean (SD)", "Grade — I II", "Sex, n (%) — M"}


def test_a_value_glued_to_its_label_is_the_first_arm_s(normalizer) -> None:
    # the header is one cell short: the first arm's column sits over the labels, whose cells hold both
    rows = [["Coaching (n = 40)", "Usual teaching (n = 41)", "p-value"],
            ["Body weight, kg -1.8 (-2.6; -1.0)", "0.2 (-0.5; 0.9)", "0.001"],
            ["Test score 2.10 (1.40;2.80)", "0.90 (0.30;1.50)", "0.02"]]  # fmt: skip
    doc = trial_doc("Coaching versus usual teaching in adult learners",
                    ("Changes from baseline to 12 months. Data are mean (95% CI).", rows))
    got = {(e.arm, e.outcome_raw.replace(" (change from baseline)", ""), e.value, e.low)
           for e in build(doc, normalizer).evidence if e.prov.table and e.spread == "95% CI"}  # fmt: skip
    assert got == {("coaching", "Body weight, kg", -1.8, -2.6), ("usual teaching", "Body weight, kg", 0.2, -0.5),
                   ("coaching", "Test score", 2.1, 1.4), ("usual teaching", "Test score", 0.9, 0.3)}  # fmt: skip


def test_a_score_in_a_footnote_makes_no_number_a_mean() -> None:
    assert interpret(shape("56"), ["", "score"], 181, near=1) is None
    got = interpret(shape("56"), ["score"], 181, near=1)
    assert got is not None and got.statistic == "mean"
    got = interpret(shape("0.13 (0.39)"), ["", "score"], 70, near=1)  # a score's a (b) under a caption's "score"
    assert got is not None and (got.statistic, got.spread_value) == ("mean", 0.39)


def test_an_effect_size_column_is_no_difference(normalizer) -> None:
    rows = [["Outcome", "Coaching (n = 40)", "Usual teaching (n = 41)", "Effect size", "Mean difference (95% CI)"],
            ["Test score, mean ± SD", "14.2 ± 3.1", "12.9 ± 3.3", "0.41", "1.3 (0.1-2.5)"]]  # fmt: skip
    doc = trial_doc("Coaching versus usual teaching in adult learners", ("Outcomes at the end of the course", rows))
    got = {(e.statistic, e.value) for e in build(doc, normalizer).evidence if e.prov.table and not e.arm_id}
    assert got == {("difference", 1.3)}


def test_a_compound_unit_is_not_its_first_word() -> None:
    from evidex.evidence.tables.emit import unit

    assert unit("BMI, mean (SD), kg/m2", "", "mean") == "kg/m2"
    assert unit("Walking speed, cm/s", "", "mean") == ""
    assert unit("Body weight, kg", "", "mean") == "kg"


def test_a_caption_of_differences_from_baseline_marks_the_values_as_changes(normalizer) -> None:
    rows = [["Variable", "Coaching (n = 40)", "Usual teaching (n = 41)", "P value"],
            ["Test score, mean (SD)", "2.1 (1.0)", "0.9 (1.1)", "0.02"]]  # fmt: skip
    doc = trial_doc("Coaching versus usual teaching in adult learners", ("Mean difference from the baseline.", rows))
    got = {e.outcome_raw for e in build(doc, normalizer).evidence if e.prov.table}
    assert got == {"Test score, mean (SD) (change from baseline)"}


def test_test_effect_and_cluster_columns_are_no_arm_s_value(normalizer) -> None:
    rows = [["", "Arm", "Clusters", "Knowledge score, mean (SD)", "Stratified RD (95% CI)", "F-test (p-value)"],
            ["Knowledge of the guidelines, mean score", "Usual care", "12", "6.1 (1.9)", "0", "0.41"],
            ["", "Clinic training", "14", "7.0 (2.2)", "0.9 (0.2, 1.6)", ""]]  # fmt: skip
    doc = trial_doc("Clinic training versus usual care in rural districts", ("Outcomes at follow-up", rows))
    got = {(e.arm, e.value, e.spread_value) for e in build(doc, normalizer).evidence if e.prov.table}
    assert got == {("usual care", 6.1, 1.9), ("clinic training", 7.0, 2.2)}



def test_a_median_and_its_range_written_with_a_comma() -> None:
    from evidex.evidence.tables.cues import statistic_cue

    assert statistic_cue("Facilities per cluster (median, range)") == "median_range"
    assert statistic_cue("Length of stay, median, IQR") == "median_iqr"
    got = interpret(shape("3 (1-10)"), [statistic_cue("Facilities per cluster (median, range)")], 14)
    assert got is not None and (got.statistic, got.spread) == ("median", "range")


def test_a_subgroup_row_is_no_patient_characteristic(normalizer) -> None:
    rows = [["Factor", "Coaching (n = 40)", "Usual teaching (n = 41)"],
            ["Sex", "", ""],
            ["Male", "14/20 (70.0)", "9/21 (42.9)"],
            ["Female", "15/20 (75.0)", "10/20 (50.0)"]]  # fmt: skip
    for caption, expected in (("Subgroup analyses of passing the final test", {("", "efficacy")}),
                              ("Characteristics of the learners", {("SEX_MALE", "baseline"),
                                                                   ("SEX_FEMALE", "baseline")})):  # fmt: skip
        doc = trial_doc("Coaching versus usual teaching in adult learners", (caption, rows))
        assert {(e.outcome, e.domain) for e in build(doc, normalizer).evidence if e.prov.table} == expected
