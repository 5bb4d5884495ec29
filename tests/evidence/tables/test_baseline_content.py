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
