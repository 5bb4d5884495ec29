"""The number grammar, sentence splitting and cue words on invented statements."""

from __future__ import annotations

import pytest

from evidex.evidence.text import cues, sentences, stats
from evidex.evidence.text.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("Thirty-three", 33), ("seven", 7), ("twenty one", 21), ("12.5", 12.5), ("3·4", 3.4), ("none", 0), ("bone", None)],
)
def test_numbers_in_digits_and_words(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "rule", "fields"),
    [
        ("was 81.0%(17 cases/21 cases)", "pct_frac.v1", {"value": 81.0, "events": 17, "total": 21}),
        ("was 45.0% (9/20, HR = 0.3, 95% CI: 0.1-0.8)", "pct_frac.v1", {"value": 45.0, "events": 9, "total": 20}),
        ("in 6cases(27.3%)", "count_pct.v1", {"value": 27.3, "events": 6}),
        ("nausea (5 cases, 12.5%)", "count_pct_paren.v1", {"value": 12.5, "events": 5}),
        ("was 40.0%(8 cases)", "pct_count.v1", {"value": 40.0, "events": 8}),
        ("in 14 of 52 patients (26.9%)", "count_of_pct.v1", {"value": 26.9, "events": 14, "total": 52}),
        ("HR 0.41 (95% CI 0.22-0.77)", "effect.v1", {"value": 0.41, "low": 0.22, "high": 0.77, "spread": "95% CI"}),
        ("hazard ratio for death, 0.62;", "effect.v1", {"value": 0.62}),
        ("was 9.4 ± 2.2 days", "mean_sd.v1", {"value": 9.4, "spread_value": 2.2, "spread": "SD", "unit": "days"}),
        ("of 6.5 (3.1-11.0) months", "median_interval.v1", {"value": 6.5, "low": 3.1, "high": 11.0, "unit": "months"}),
        ("age 12 years (range, 3-17)", "median_interval.v1", {"value": 12, "spread": "range", "unit": "years"}),
        ("were(10.5-18.0)days", "interval_only.v1", {"value": None, "low": 10.5, "high": 18.0, "unit": "days"}),
        ("62.5% (95% CI, 40.6-81.2)", "pct_ci.v1", {"value": 62.5, "low": 40.6, "high": 81.2}),
        ("OS was 5.2 months (95% CI, 3.3 to 7.9)", "value_ci.v1", {"value": 5.2, "unit": "months", "low": 3.3}),
    ],
)
def test_statistic_forms(text: str, rule: str, fields: dict) -> None:
    found = stats.find(text)
    assert found, text
    first = found[0]
    assert first.rule == rule
    for key, want in fields.items():
        assert getattr(first, key) == want, key


def test_hla_ratios_and_percent_over_100_are_not_statistics() -> None:
    assert stats.find("HLA 5/10 matched") == []
    assert all(s.value != 120.0 for s in stats.find("was 120% (6 cases)"))


def test_p_values_with_operators() -> None:
    ps = stats.p_values("(P<0.001), p = 0.04 and p ≥ 0.05")
    assert [(p.value, p.operator) for p in ps] == [(0.001, "<"), (0.04, "="), (0.05, ">")]


def test_sentences_split_without_space_and_keep_abbreviations() -> None:
    text = "Results were included.The rate was 5.5% (Smith et al. 2020). OS vs. EFS was compared."
    got = [s.text for s in sentences.sentences(text)]
    assert got == ["Results were included.", "The rate was 5.5% (Smith et al. 2020).", "OS vs. EFS was compared."]


def test_a_sentence_that_lost_its_end_is_marked_cut() -> None:
    spans = sentences.sentences("the 2-year EFS rate was 61.0% and a 3-year EFS The median OS was 20.1 months.")
    assert [s.cut for s in spans] == [True, False]
    assert spans[0].text.endswith("3-year EFS")


def test_segments_cut_between_statistics_but_not_inside_a_group() -> None:
    text = "the EFS of the 12 children who achieved CR and received HSCT was 75.0% (9/12) and OS was 83.3% (10/12)"
    pieces = [text[a:b].strip() for a, b in sentences.clauses(text)]
    assert pieces == [text[: text.index(" and OS")], "and OS was 83.3% (10/12)"]


def test_unclosed_bracket_does_not_swallow_the_rest() -> None:
    text = "in the CAR-T group(In the CAR-T arm(11 cases),CRS was evaluable in 8 cases,severe CRS in 1 case(12.5%)"
    pieces = [text[a:b] for a, b in sentences.segments(text)]
    assert pieces[1:] == ["CRS was evaluable in 8 cases", "severe CRS in 1 case(12.5%)"]


@pytest.mark.parametrize(
    ("text", "months"),
    [("a 6-month OS rate", 6), ("within six months", 6), ("2-year EFS", 24), ("at 28 days", 0.92), ("1-year PFS", 12)],
)
def test_timepoints_in_months(text: str, months: float) -> None:
    assert cues.timepoints(text)[0][2] == months


def test_duration_is_not_a_timepoint() -> None:
    assert cues.timepoints("the median OS was 18.2 months") == []


@pytest.mark.parametrize(
    ("text", "grade"),
    [("grade 3 or higher", ">=3"), ("≥ grade 3", ">=3"), ("severe CRS", ">=3"), ("grade 2 CRS", "2"),
     ("grade III-IV", "3-4")],
)  # fmt: skip
def test_grades(text: str, grade: str) -> None:
    assert cues.grades(text)[0].value == grade


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("the 9 patients without CR", "non-CR"), ("those with positive MRD only", "MRD-positive"),
     ("patients not in remission", "non-remission"), ("8 did not receive HSCT", "no-HSCT"),
     ("12 underwent allogeneic stem cell transplantation", "HSCT"), ("22 with recurrence", "relapsed"),
     ("14 girls", "female")],
)  # fmt: skip
def test_subgroup_qualifiers(text: str, qualifier: str) -> None:
    assert [q.value for q in cues.qualifiers(text)] == [qualifier]


def test_relapse_as_an_event_is_not_a_subgroup() -> None:
    assert cues.qualifiers("Relapse occurred in 4 patients") == []
