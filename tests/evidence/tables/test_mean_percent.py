"""A row labelled as a mean percent ("Knowledge, mean percent", "Score, mean (%)") holds a mean score in percent,
not a share of the arm's patients: no events are derived from it. "Percent correct" stays a proportion: over quiz
items it is the share of participants who answered right. Invented table."""

from __future__ import annotations

from evidex.evidence import build
from tests.evidence.conftest import trial_doc

SCORES = [["", "Coaching (n = 59)", "Usual care (n = 64)"],
          ["Knowledge, mean percent", "55", "57"],
          ["Quiz item 3, percent correct", "71", "62"],
          ["Rehospitalized, %", "34", "39"]]  # fmt: skip


def test_a_mean_percent_is_a_mean_and_a_plain_percent_a_proportion(normalizer) -> None:
    doc = trial_doc("Coaching versus usual care in heart failure", ("Outcomes at 12 months", SCORES))
    rows = {(e.outcome_raw.split(",")[0], e.arm_label): e for e in build(doc, normalizer).evidence}
    know = rows[("Knowledge", "Coaching")]
    assert know.statistic == "mean" and know.value == 55 and know.events is None
    assert rows[("Quiz item 3", "Usual care")].statistic == "proportion"
    rehosp = rows[("Rehospitalized", "Usual care")]
    assert rehosp.statistic == "proportion" and rehosp.events == 25
