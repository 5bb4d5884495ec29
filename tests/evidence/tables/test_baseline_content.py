"""A table whose caption places its numbers before the treatment is a baseline table, whatever its rows measure.

"Elements of the pre-operative assessment", "Scores at pretreatment for each group": the rows (frailty scores,
cognition, mobility, "Risk of falls") are not characteristics the cue words know, yet they describe the groups
at entry. A later time anywhere (a "Post" column, intra-operative rows, "6 months") keeps the table results.
Invented tables, real layouts.
"""

from __future__ import annotations

import pytest

from evidex.evidence import build
from evidex.evidence.tables import cues
from evidex.models import Document
from tests.evidence.conftest import trial_doc

ASSESSMENT = [["", "Geriatric team (n = 210)", "Usual care (n = 205)"],
              ["Barthel index, median (IQR)", "95 (85-100)", "95 (80-100)"],
              ["Barthel index < 90 (%)", "48 (22.9)", "51 (24.9)"],
              ["Cognitive screen score < 24 (%)", "19 (9.0)", "22 (10.7)"],
              ["Gait speed", "", ""],
              ["< 0.8 m/s", "80 (38.1)", "77 (37.6)"],
              ["≥ 0.8 m/s", "130 (61.9)", "128 (62.4)"],
              ["Risk of falls (balance score)", "", ""],
              ["High", "12 (5.7)", "15 (7.3)"],
              ["Low", "198 (94.3)", "190 (92.7)"]]  # fmt: skip


def _doc(rows: list[list[str]], caption: str) -> Document:
    return trial_doc("Geriatric co-management versus usual care before elective colorectal surgery", (caption, rows))


@pytest.mark.parametrize("caption", ["Components of the pre-operative geriatric assessment",
                                     "Functional scores at pretreatment in each group",
                                     "Frailty measures before randomisation"])  # fmt: skip
def test_a_caption_before_the_treatment_makes_baseline_rows(normalizer, caption: str) -> None:
    b = build(_doc(ASSESSMENT, caption), normalizer)
    assert len(b.evidence) >= 12
    assert {e.domain for e in b.evidence} == {"baseline"}


def test_without_the_caption_the_same_rows_stay_results(normalizer) -> None:
    b = build(_doc(ASSESSMENT, "Functional outcomes by group"), normalizer)
    assert len(b.evidence) >= 12 and "baseline" not in {e.domain for e in b.evidence}


@pytest.mark.parametrize("caption", ["Pre-operative and intra-operative data",
                                     "Preoperative and postoperative pain scores",
                                     "Scores before and 6 months after surgery"])  # fmt: skip
def test_a_later_time_in_the_caption_keeps_results(normalizer, caption: str) -> None:
    b = build(_doc(ASSESSMENT, caption), normalizer)
    assert len(b.evidence) >= 12 and "baseline" not in {e.domain for e in b.evidence}


def test_a_post_column_keeps_results(normalizer) -> None:
    rows = [["", "Geriatric team (n = 210)", "", "Usual care (n = 205)", ""],
            ["", "Pre", "Post", "Pre", "Post"],
            ["Barthel index, mean (SD)", "88.1 (9.0)", "90.2 (8.1)", "87.9 (9.4)", "85.0 (10.2)"],
            ["Cognitive screen score, mean (SD)", "26.1 (2.2)", "26.4 (2.0)", "26.0 (2.5)", "25.1 (2.9)"]]  # fmt: skip
    b = build(_doc(rows, "Pre-operative assessment scores"), normalizer)
    assert b.evidence and "baseline" not in {e.domain for e in b.evidence}


def test_intra_operative_rows_keep_results(normalizer) -> None:
    rows = [*ASSESSMENT, ["Intraoperative blood loss (ml), mean (SD)", "310 (120)", "335 (140)"]]
    b = build(_doc(rows, "Pre-operative assessment"), normalizer)
    assert b.evidence and "baseline" not in {e.domain for e in b.evidence}


def test_before_caption_cue() -> None:
    assert cues.before_caption("Elements of the pre-operative Comprehensive Assessment")
    assert cues.before_caption("Values at pretreatment for each group")
    assert not cues.before_caption("Short-term postoperative outcomes")
    assert not cues.over_time("Risk of falls", row=True, results=False)
    assert cues.over_time("Risk of falls", row=True)
    assert cues.over_time("Intraoperative blood loss", row=True, results=False)


PATIENTS = [["", "Reminders (n = 420)", "Control (n = 415)"],
            ["Male", "210 (50.0)", "200 (48.2)"],
            ["Age", "", ""],
            ["Under 5 years", "90 (21.4)", "95 (22.9)"],
            ["5 years and above", "330 (78.6)", "320 (77.1)"],
            ["Caregiver completed primary school", "300 (71.4)", "290 (69.9)"],
            ["Wealth quintile", "", ""],
            ["Poorest", "80 (19.0)", "85 (20.5)"],
            ["Least poor", "85 (20.2)", "80 (19.3)"],
            ["Median days since symptom onset", "1 (1-2)", "1 (1-3)"],
            ["Symptoms", "", ""],
            ["Fever", "380 (90.5)", "370 (89.2)"],
            ["Vomiting", "60 (14.3)", "58 (14.0)"],
            ["Rapid test positive at follow-up", "110 (26.2)", "100 (24.1)"]]  # fmt: skip


def test_a_characteristics_table_with_a_row_at_follow_up_is_baseline_but_that_row(normalizer) -> None:
    b = build(_doc(PATIENTS, "Table 3"), normalizer)
    later = [e for e in b.evidence if "follow-up" in e.outcome_raw]
    rest = [e for e in b.evidence if "follow-up" not in e.outcome_raw]
    assert len(later) == 2 and "baseline" not in {e.domain for e in later}
    assert len(rest) >= 16 and {e.domain for e in rest} == {"baseline"}


def test_many_rows_at_follow_up_keep_the_table_results(normalizer) -> None:
    rows = [*PATIENTS[:6], *([f"Test positive at follow-up visit {i}", "10 (2.4)", "12 (2.9)"] for i in range(1, 5))]
    b = build(_doc(rows, "Table 3"), normalizer)
    read = [e for e in b.evidence if e.outcome_raw != "Male"]  # the share of men is baseline wherever it stands
    assert len(read) >= 12 and "baseline" not in {e.domain for e in read}


def test_a_baseline_table_section_at_the_end_of_study_is_results(normalizer) -> None:
    rows = [["", "Metformin (n = 30)", "Placebo (n = 31)"],
            ["Female", "16 (53.3)", "17 (54.8)"],
            ["At randomization", "", ""],
            ["Age (years), mean (SD)", "48.2 (9.1)", "47.5 (10.3)"],
            ["Self-efficacy, mean score", "3.9 (0.6)", "4.0 (0.7)"],
            ["Smoked in the last 12 months", "8 (26.7)", "9 (29.0)"],
            ["At end of study", "", ""],
            ["Fasting glucose (mmol/L), mean (SD)", "6.1 (1.2)", "6.9 (1.6)"],
            ["Weight (kg), mean (SD)", "96.0 (15.5)", "99.6 (14.8)"]]  # fmt: skip
    b = build(_doc(rows, "Clinical characteristics of the participants"), normalizer)
    end = [e for e in b.evidence if e.outcome_raw.startswith("At end of study")]
    entry = [e for e in b.evidence if not e.outcome_raw.startswith("At end of study")]
    assert len(end) == 4 and "baseline" not in {e.domain for e in end}
    assert len(entry) == 8 and {e.domain for e in entry} == {"baseline"}


def test_kinds_of_variables_are_headings_not_variables(normalizer) -> None:
    rows = [["", "Period 1 (n = 700)", "Period 2 (n = 650)"],
            ["Categorical variables, n (%)", "", ""],
            ["Gender, male", "420 (60.0)", "400 (61.5)"],
            ["Current smoker", "140 (20.0)", "120 (18.5)"],
            ["Continuous variables, mean (SD)", "", ""],
            ["Age, years, mean (SD)", "61.0 (15.0)", "60.2 (16.1)"],
            ["Body mass index, kg/m2, mean (SD)", "27.1 (4.0)", "26.8 (4.4)"]]  # fmt: skip
    b = build(_doc(rows, "Description of the study population by period"), normalizer)
    assert len(b.evidence) == 8 and {e.domain for e in b.evidence} == {"baseline"}


@pytest.mark.parametrize(("label", "kind"), [("Side (left/right)", "side"), ("Laterality quotient", "side"),
                                             ("Affected side", "side"), ("Dominant hand", "side"),
                                             ("Completed secondary school", "education"),
                                             ("Living alone", "marital"), ("Co-morbidities", "history"),
                                             ("ASA physical status", "asa"), ("Years since diagnosis", "duration"),
                                             ("Primary diagnosis, n (%)", "diagnosis"), ("Religion", "religion"),
                                             ("Side effects reported", ""), ("Side bridge (s)", ""),
                                             ("Diagnosis of depression at week 8", "")])  # fmt: skip
def test_characteristic_vocabulary(label: str, kind: str) -> None:
    assert cues.characteristic(label) == kind


def test_a_look_back_window_is_no_later_time() -> None:
    assert not cues.over_time("Smoked in the last 12 months", row=True)
    assert not cues.over_time("Customers in the past 7 days", row=True)
    assert not cues.over_time("Median age 34 years", row=True)
    assert cues.over_time("Weight at 12 months", row=True)


ARMS_AS_ROWS = [["", "Sex (m/f)", "Age", "Years of education", "Handedness score", "CPZ pre", "CPZ post"],
                ["Emotion training", "10/9", "38.1 ± 8.0", "11.2 ± 1.9", "65.1 ± 50.2", "600.5 ± 300.1",
                 "540.2 ± 280.9"],
                ["Cognitive exercises", "12/7", "36.4 ± 9.1", "10.9 ± 1.6", "61.8 ± 55.0", "560.0 ± 410.3",
                 "510.7 ± 330.6"]]  # fmt: skip


# a results table names the arms as columns, as a trial's other tables do
OUTCOMES = ("Cognitive test scores after training",
            [["", "Emotion training (n = 19)", "Cognitive exercises (n = 19)"],
             ["Processing speed, mean (SD)", "44.6 (12.2)", "44.2 (13.5)"],
             ["Working memory, mean (SD)", "48.2 (9.2)", "48.9 (14.7)"]])  # fmt: skip


def _arms_as_rows(caption: str, rows: list[list[str]] = ARMS_AS_ROWS) -> Document:
    return trial_doc("Emotion training versus cognitive exercises in schizophrenia", (caption, rows), OUTCOMES)


@pytest.mark.parametrize("caption", ["Table 1", "Clinical data of the patients"])
def test_arms_as_rows_characteristics_are_baseline_but_the_post_column(normalizer, caption: str) -> None:
    b = build(_arms_as_rows(caption), normalizer)
    table = [e for e in b.evidence if e.prov.table == "Table 1"]
    post = [e for e in table if e.outcome_raw.endswith("post")]
    rest = [e for e in table if not e.outcome_raw.endswith("post")]
    assert len(post) == 2 and "baseline" not in {e.domain for e in post}
    assert len(rest) >= 8 and {e.domain for e in rest} == {"baseline"}


def test_arms_as_rows_baseline_table_post_columns_are_results(normalizer) -> None:
    rows = [["", "Symptom score", "", "Function score", ""],
            ["", "Pre", "Post", "Pre", "Post"],
            ["Emotion training", "16.1 ± 5.2", "14.4 ± 4.6", "42.5 ± 12.4", "46.3 ± 13.4"],
            ["Cognitive exercises", "15.6 ± 5.2", "12.6 ± 4.2", "44.7 ± 13.6", "50.1 ± 13.5"]]  # fmt: skip
    b = build(_arms_as_rows("Demographic and clinical data before (pre) and after (post) treatment", rows), normalizer)
    table = [e for e in b.evidence if e.prov.table == "Table 1"]
    post = [e for e in table if e.outcome_raw.lower().endswith("post")]
    pre = [e for e in table if e.outcome_raw.lower().endswith("pre")]
    assert len(post) == 4 and "baseline" not in {e.domain for e in post}
    assert len(pre) == 4 and {e.domain for e in pre} == {"baseline"}
