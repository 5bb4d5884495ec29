"""Outcomes as real abstracts name them, read with the real normalizer: abbreviations in brackets, elliptic
coordination ("event-free and overall survival"), counts tied to a verb ("51 achieved CR"), and outcomes the
vocabulary does not know, which keep the paper's words with an empty code. Every sentence is invented."""

from __future__ import annotations

import pytest

from evidex.evidence import statements
from evidex.normalize import load
from tests.evidence.conftest import corpus_document


@pytest.fixture(scope="module")
def normalizer():
    return load()


def _rows(normalizer, *texts: str, title: str = "Azacitidine in older adults with AML") -> list:
    doc = corpus_document({"id": "p", "title": title, "blocks": [{"section": "results", "text": t} for t in texts]})
    return statements.extract(doc, normalizer)[0]


def _facts(rows) -> set[tuple]:
    return {(r.outcome, r.statistic, r.events, r.value) for r in rows if r.outcome != "ENROLLED"}


def test_an_abbreviation_in_brackets_keeps_an_outcome_list_whole(normalizer) -> None:
    rows = _rows(normalizer, "The 2-year overall survival (OS) and event-free survival (EFS) rates were 70% and "
                             "60%, respectively.")  # fmt: skip
    assert {(r.outcome, r.value, r.timepoint_months) for r in rows} == {("OS", 70, 24), ("EFS", 60, 24)}


def test_the_abbreviation_names_the_whole_phrase_before_it(normalizer) -> None:
    rows = _rows(normalizer, "GVHD-free, relapse-free survival (GRFS) at 1 year was 44%.")
    assert [(r.outcome, r.value) for r in rows] == [("GRFS", 44)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The 3-year progression-free and overall survival were 41% and 58%, respectively.",
         {("PFS", 41), ("OS", 58)}),
        ("Neutrophil and platelet engraftment were reached by 95% and 88% of recipients, respectively.",
         {("NEUTROPHIL_ENGRAFTMENT", 95), ("PLATELET_ENGRAFTMENT", 88)}),
        ("The cumulative incidences of acute and chronic GVHD were 22% and 31%, respectively.",
         {("AGVHD", 22), ("CGVHD", 31)}),
    ],
)  # fmt: skip
def test_elliptic_coordination_gives_one_row_per_outcome(normalizer, text: str, want: set) -> None:
    assert {(r.outcome, r.value) for r in _rows(normalizer, text)} == want


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("Median age was 71 years, and 27% had therapy-related AML.", "therapy-related AML", 27),
        ("Graft failure occurred in 9% of recipients.", "Graft failure", 9),
        ("The rate of early death was 4%.", "early death", 4),
        ("The best response was 62%, including a 30% very good partial response.", "very good partial response", 30),
        ("Transfusion independence: 41%.", "Transfusion independence", 41),
    ],
)
def test_an_outcome_outside_the_vocabulary_keeps_the_papers_words(normalizer, text: str, raw: str, value) -> None:
    rows = [r for r in _rows(normalizer, text) if r.value == value]
    assert [(r.outcome, r.outcome_raw) for r in rows] == [("", raw)]


def test_a_phrase_keeps_a_verb_that_is_part_of_what_was_counted(normalizer) -> None:
    rows = _rows(normalizer, "Median age was 70 years, and 18% had received prior decitabine.")
    assert [(r.outcome, r.outcome_raw, r.value) for r in rows if r.statistic == "proportion"] == [
        ("", "received prior decitabine", 18)]  # fmt: skip


def test_counts_tied_to_a_verb_are_rows(normalizer) -> None:
    rows = _rows(normalizer, "Eleven patients achieved complete remission and 6 had a partial response.")
    assert {("CR", "count", 11, None), ("PR", "count", 6, None)} <= _facts(rows)


def test_a_count_of_the_group_a_lead_in_counts_is_a_proportion(normalizer) -> None:
    rows = _rows(normalizer, "Of 60 patients, 51 achieved complete remission and 6 had a partial response.",
                 "Of the 20 patients with refractory disease, the complete remission rate was 45.0%.")  # fmt: skip
    got = {(r.outcome, r.statistic, r.events, r.total, r.value) for r in rows if r.outcome != "ENROLLED"}
    assert got == {("CR", "proportion", 51, 60, None), ("PR", "proportion", 6, 60, None),
                   ("CR", "proportion", None, 20, 45.0)}  # fmt: skip


def test_a_count_and_its_rate_are_one_row(normalizer) -> None:
    rows = _rows(normalizer, "Forty patients achieved complete remission, a remission rate of 80%.")
    assert [(r.outcome, r.statistic, r.events, r.value) for r in rows] == [("CR", "proportion", 40, 80)]


def test_counts_that_define_the_study_groups_are_no_outcome_rows(normalizer) -> None:
    rows = _rows(normalizer, "Of 120 patients, 70 underwent haploidentical HSCT and 50 underwent matched sibling HSCT.",
                 title="Haploidentical versus matched sibling HSCT")  # fmt: skip
    assert [r for r in rows if r.outcome != "ENROLLED"] == []


def test_a_breakdown_of_a_counted_outcome_is_no_second_count(normalizer) -> None:
    rows = _rows(normalizer, "Relapse occurred in 12 patients (25%), of whom 4 had CD19-negative relapse.")
    assert _facts(rows) == {("RELAPSE", "proportion", 12, 25)}


def test_non_relapse_mortality_is_its_own_code(normalizer) -> None:
    rows = _rows(normalizer, "The 2-year non-relapse mortality was 11%.")
    assert [(r.outcome, r.value) for r in rows] == [("NRM", 11)]


def test_a_count_names_its_own_events(normalizer) -> None:
    rows = _rows(normalizer, "Toxicity was manageable, with only 5 early discontinuations and 2 deaths.")
    assert {(r.outcome, r.outcome_raw, r.events) for r in rows} == {("", "early discontinuations", 5),
                                                                    ("DEATH", "deaths", 2)}  # fmt: skip


def test_the_words_a_state_or_an_exposure_are_counted_by(normalizer) -> None:
    rows = _rows(normalizer, "Overall, 57% were in second salvage or later.", "Of 90 patients, 81 entered remission "
                 "and 77 received azacitidine.")  # fmt: skip
    got = {(r.outcome, r.outcome_raw, r.statistic, r.events, r.value) for r in rows if r.outcome != "ENROLLED"}
    assert got == {("", "in second salvage or later", "proportion", None, 57),
                   ("CR", "remission", "proportion", 81, None),
                   ("", "received azacitidine", "proportion", 77, None)}  # fmt: skip


def test_the_phrase_before_a_bracket_of_values(normalizer) -> None:
    rows = _rows(normalizer, "The regimen gave lower rates of induction death (2% vs 9%).")
    assert [(r.outcome, r.outcome_raw, r.value) for r in rows] == [("", "induction death", v) for v in (2, 9)]


def test_abbreviated_time_units(normalizer) -> None:
    rows = _rows(normalizer, "The median age was 47 yrs (range, 19-70) and the median overall survival was 14.2 mo.")
    assert {(r.outcome, r.value, r.unit) for r in rows} == {("AGE", 47, "years"), ("OS", 14.2, "months")}


def test_a_group_no_canonical_qualifier_fits_is_free_text(normalizer) -> None:
    rows = _rows(normalizer, "The median survival was 8.4 months for patients in first salvage (41% at 1 year) and "
                             "5.1 months for patients in second salvage.",
                 "Among patients aged 70 years or older, the complete remission rate was 62%.",
                 "The overall response rate (95% CI) was 71% (52-86) for pts < 40 y (n = 24).")  # fmt: skip
    got = {(r.outcome, r.value, r.subgroup, r.total) for r in rows if r.outcome != "ENROLLED"}
    assert got == {("OS", 8.4, "first salvage", None), ("OS", 41, "first salvage", None),
                   ("OS", 5.1, "second salvage", None), ("CR", 62, "70 years or older", None),
                   ("ORR", 71, "< 40 y", 24)}  # fmt: skip


def test_a_lead_in_that_counts_the_study_population_or_lists_groups_is_no_subgroup(normalizer) -> None:
    rows = _rows(normalizer, "Among 40 patients with B-ALL, 31 achieved complete remission.",
                 "Among patients with MRD and those without, the CR rates were 70% and 90%, respectively.",
                 "Median OS was 12.1 months for those receiving azacitidine.")  # fmt: skip
    assert {r.subgroup for r in rows} == {"all"}


def test_groups_between_values_and_in_order(normalizer) -> None:
    rows = _rows(normalizer, "For pts with one prior line (n = 20), the CR rate was 85% (95% CI, 62-97) and for pts "
                             "with ≥2 prior lines (n = 40), the CR rate was 60% (95% CI, 43-75); median OS was not "
                             "reached (95% CI, 3.0-NE) and 19.4 mo (11.2-30.1), respectively.")  # fmt: skip
    got = {(r.outcome, r.statistic, r.value, r.low, r.subgroup, r.total) for r in rows if r.outcome != "ENROLLED"}
    assert got == {("CR", "proportion", 85, 62, "one prior line", 20),
                   ("CR", "proportion", 60, 43, "≥2 prior lines", 40),
                   ("OS", "median", None, 3.0, "one prior line", None),
                   ("OS", "median", 19.4, 11.2, "≥2 prior lines", None)}  # fmt: skip


def test_the_words_right_before_a_bracket_holding_the_value(normalizer) -> None:
    rows = _rows(normalizer, "Donors over 50 were associated with more graft failure (12% vs 4%; P = .01).",
                 "Disease was seen on positron emission tomography (75%).")  # fmt: skip
    assert {(r.outcome_raw, r.value) for r in rows} == {("graft failure", 12), ("graft failure", 4),
                                                        ("positron emission tomography", 75)}  # fmt: skip


def test_a_graded_item_shares_the_outcome_of_the_parallel_item_after_it(normalizer) -> None:
    rows = _rows(normalizer, "Drug A lowered grade II-IV (HR 0.41, 95% CI 0.20-0.84) and grade III-IV acute GVHD "
                             "(HR 0.30, 95% CI 0.11-0.80), and relapse (HR 0.77, 95% CI 0.50-1.19).",
                 title="Drug A versus drug B for GVHD prophylaxis")  # fmt: skip
    assert {(r.outcome, r.grade, r.value) for r in rows} == {("AGVHD", "2-4", 0.41), ("AGVHD", "3-4", 0.30),
                                                             ("RELAPSE", "", 0.77)}  # fmt: skip
