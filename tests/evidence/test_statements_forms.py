"""The number forms of issue 11, each with its own invented sentence, and per-arm attribution."""

from __future__ import annotations

import pytest

from evidex.evidence import statements
from evidex.evidence.text import stats
from tests.evidence.conftest import corpus_document

FORMS = [
    ("Eighty-eight (78%) of 113 evaluable patients", {"events": 88, "total": 113, "value": 78}),
    ("89 % (185/209)", {"value": 89, "events": 185, "total": 209}),
    ("(n = 2; 1.8%)", {"events": 2, "value": 1.8}),
    ("HR 0.75 [95% CI: 0.45, 1.28]", {"value": 0.75, "low": 0.45, "high": 1.28, "effect": "hazard_ratio"}),
    ("adjusted hazard ratio, 0.81; 95% CI, 0.54 to 1.21", {"value": 0.81, "low": 0.54, "high": 1.21}),
    ("hazard ratio [HR], 0.70; 95% confidence interval [CI], 0.50-0.98", {"value": 0.70, "low": 0.50, "high": 0.98}),
    ("HR(95%CI), 1.64(1.00–2.70)", {"value": 1.64, "low": 1.00, "high": 2.70}),
    ("OR, 8.81", {"value": 8.81, "effect": "odds_ratio"}),
    ("relative risk 0.62 (95% CI 0.40-0.95)", {"value": 0.62, "effect": "risk_ratio"}),
    ("difference, 72 days; 95% CI, 36 to 108", {"value": 72, "unit": "days", "effect": "difference"}),
    ("14.6 months (95% confidence interval [CI]: 11.0-not estimable)", {"value": 14.6, "low": 11.0, "high": None}),
    ("83.7%±1.1%", {"value": 83.7, "spread_value": 1.1}),
    ("12.1 ± 3.4 days", {"value": 12.1, "spread_value": 3.4, "spread": "SD"}),
    ("One hundred forty-nine patients", {"events": 149}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), FORMS)
def test_number_forms(text: str, want: dict) -> None:
    found = stats.find(text)
    assert found, text
    got = found[0]
    for k, v in want.items():
        assert getattr(got, k) == pytest.approx(v) if isinstance(v, float) else getattr(got, k) == v, (k, got)


def test_a_value_list_shares_its_trailing_unit() -> None:
    assert [(x.value, x.unit) for x in stats.find("median OS was 7.2 vs 4.1 months")] == [
        (7.2, "months"), (4.1, "months")]  # fmt: skip


def test_grade_numbers_are_not_counts() -> None:
    assert not [x for x in stats.find("Grade ≥3 adverse events occurred") if x.events == 3]


def _rows(title: str, *texts: str, normalizer) -> list:
    doc = corpus_document({"id": "f", "title": title, "blocks": [{"section": "results", "text": t} for t in texts]})
    return statements.extract(doc, normalizer)[0]


def test_versus_pairs_take_the_arms_in_order_and_share_a_comparison(dict_normalizer) -> None:
    rows = _rows("Blinatumomab versus chemotherapy in relapsed ALL",
                 "Overall survival at 2 years was higher with blinatumomab than with chemotherapy (61% vs 45%; "
                 "hazard ratio, 0.60; 95% CI, 0.40 to 0.90).", normalizer=dict_normalizer)  # fmt: skip
    os = {r.arm: r for r in rows if r.outcome == "OS" and r.statistic == "proportion"}
    assert (os["blinatumomab"].value, os["chemotherapy"].value) == (61, 45)
    hr = next(r for r in rows if r.statistic == "hazard_ratio")
    assert (hr.arm, hr.arm_id, hr.value, hr.low, hr.high) == ("all", "", 0.60, 0.40, 0.90)
    assert os["blinatumomab"].comparison_id == os["chemotherapy"].comparison_id == hr.comparison_id != ""
    assert {os["blinatumomab"].arm_id, os["chemotherapy"].arm_id} == {"a1", "a2"}


def test_outcome_lists_pair_with_values_respectively(dict_normalizer) -> None:
    rows = _rows("Blinatumomab in adults with B-ALL",
                 "Overall survival, event-free survival and relapse-free survival at 3 years were 69%, 55% and 62%, "
                 "respectively.", normalizer=dict_normalizer)  # fmt: skip
    want = {("OS", 69, 36), ("EFS", 55, 36), ("RFS", 62, 36)}
    assert {(r.outcome, r.value, r.timepoint_months) for r in rows} == want


def test_a_drug_named_in_passing_is_no_arm(dict_normalizer) -> None:
    rows = _rows("Blinatumomab in adults in remission after chemotherapy",
                 "Adults in remission after chemotherapy had a complete remission rate of 80%.",
                 normalizer=dict_normalizer)  # fmt: skip
    assert [(r.arm, r.outcome) for r in rows] == [("blinatumomab", "CR")]
