"""Which table rows an adverse-event term codes: the event had, not a score of it, nor those without it.

Every table here is invented, in the layouts of trials' baseline, geriatric-assessment and safety tables.
"""

from __future__ import annotations

from evidex.evidence import build
from evidex.models import Document
from tests.evidence.conftest import trial_doc


def _doc(tables: list[tuple[str, list[list[str]]]]) -> Document:
    title = "Nurse-led telephone follow-up versus usual care in older adults with chronic heart disease"
    return trial_doc(title, *tables, page=4)


def _by_raw(bundle, raw: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    return [e for e in bundle.evidence if e.outcome_raw == raw]


def test_a_mean_of_an_adverse_event_term_is_a_score_or_duration_not_the_event(normalizer) -> None:
    baseline = [["Characteristic", "Telephone (n = 60)", "Usual care (n = 58)"],
                ["Time with heart failure, mean years (SD)", "4.2 (3.1)", "3.8 (2.9)"],
                ["Anxiety (HADS score), mean (SD)", "6.1 (3.4)", "6.5 (3.9)"]]  # fmt: skip
    safety = [["Adverse event, n (%)", "Telephone (n = 60)", "Usual care (n = 58)"],
              ["Headache", "6 (10.0)", "4 (6.9)"],
              ["Anxiety", "3 (5.0)", "2 (3.4)"]]  # fmt: skip
    b = build(_doc([("Baseline characteristics", baseline), ("Adverse events", safety)]), normalizer)
    duration = _by_raw(b, "Time with heart failure, mean years (SD)")
    assert sorted(e.value for e in duration) == [3.8, 4.2]
    assert {(e.outcome, e.code_system, e.grade) for e in duration} == {("", "", "")}, "a duration is no event"
    score = _by_raw(b, "Anxiety (HADS score), mean (SD)")
    assert score and {(e.outcome, e.domain) for e in score} == {("", "baseline")}
    events = _by_raw(b, "Anxiety")
    assert sorted(e.events for e in events) == [2, 3]
    assert {(e.outcome, e.domain, e.grade) for e in events} == {("Anxiety", "safety", "any")}, "the event still is"
    assert {e.outcome for e in _by_raw(b, "Headache")} == {"Headache"}


def test_the_category_without_an_event_is_not_the_event(normalizer) -> None:
    rows = [["", "Intervention (n = 150)", "Control (n = 148)"],
            ["Depression (GDS)", "", ""],
            ["No depression", "102 (68.0)", "95 (64.2)"],
            ["Mild depression", "38 (25.3)", "41 (27.7)"],
            ["Fever", "", ""],
            ["Without fever", "140 (93.3)", "139 (93.9)"],
            ["No. of falls, mean (SD)", "0.4 (0.8)", "0.5 (0.9)"]]  # fmt: skip
    b = build(_doc([("Elements of the geriatric assessment", rows)]), normalizer)
    none = [e for e in b.evidence if e.outcome_raw.endswith("No depression")]
    assert sorted(e.events for e in none) == [95, 102]
    assert {e.outcome for e in none} == {""}, "68% without depression is no depression rate"
    assert {e.outcome for e in b.evidence if e.outcome_raw.endswith("Without fever")} == {""}
    assert [e for e in b.evidence if "falls" in e.outcome_raw], "'No.' is a number, not a negation"
