"""The seeds end to end (pipeline.run_one): their real inconsistencies are reported, consistent statements are not.

The numbers asserted here are the papers' own, checked by hand (see the brief's
seed facts); nothing in evidex special-cases them.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from evidex.pipeline import run_one
from tests.conftest import seed_path

ERROR_CHECKS = ("percent_mismatch", "sum_mismatch", "abstract_body_mismatch", "table_text_mismatch")


@pytest.fixture(scope="module")
def paper_frames() -> dict[str, pd.DataFrame]:
    return run_one(seed_path("004"))


@pytest.fixture(scope="module")
def paper(paper_frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return _validate_findings(paper_frames)


@pytest.fixture(scope="module")
def abstract() -> pd.DataFrame:
    return _validate_findings(run_one(seed_path("000")))


def _validate_findings(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    f = frames["findings"]
    return f[f["stage"] == "validate"]


def _msgs(f: pd.DataFrame, check: str) -> list[str]:
    return list(f.loc[f["check"] == check, "message"])


def _any(f: pd.DataFrame, check: str, *patterns: str) -> bool:
    return any(all(re.search(p, m) for p in patterns) for m in _msgs(f, check))


def test_paper_percent_that_is_not_its_ratio(paper: pd.DataFrame) -> None:
    assert _any(paper, "percent_mismatch", r"87\.9% \(28/33\)", r"84\.8%")


def test_paper_overall_survival_count_differs_between_abstract_and_results(paper: pd.DataFrame) -> None:
    assert _any(paper, "abstract_body_mismatch", r"29/33", r"28/33", "abstract")


def test_paper_sex_counts_do_not_make_the_cohort(paper: pd.DataFrame) -> None:
    assert _any(paper, "sum_mismatch", r"21 male \+ 11 female = 32", r"\b33\b")


def test_paper_follow_up_median_restated_differently(paper: pd.DataFrame) -> None:
    assert _any(paper, "abstract_body_mismatch", r"6\.2 months", r"10\.7 months")


def test_paper_table_and_text_agree_on_remissions(paper: pd.DataFrame) -> None:
    assert _any(paper, "table_text_agreement", r"\b26/33 in the text", r"= 26\b")
    rows = paper[paper["check"] == "table_text_agreement"]
    assert set(rows["severity"]) == {"info"}


def test_paper_consistent_statements_are_not_flagged(paper: pd.DataFrame) -> None:
    # 96.1% (25/26) is truncated, 26.6% (4/15) truncated, 90.9% (10/11) rounded: all consistent. The only
    # percents that are not: 28/33 printed as 87.9%, and 11 of 33 girls printed as 36.4% (that is 12/33).
    for m in _msgs(paper, "percent_mismatch"):
        assert re.search(r"\(28/33\)|11 patients are reported as 36\.4%", m), m
    # 11 refractory + 22 relapsed = 33 and 26 CR + 7 non-CR = 33 are consistent; only the sex counts are not.
    for m in _msgs(paper, "sum_mismatch"):
        assert "male" in m, m


def test_paper_graft_sources_text_against_table(paper: pd.DataFrame) -> None:
    assert _any(paper, "table_text_mismatch", r"GRAFT_CB|cord", r"\b2\b", r"\b4\b")


def test_abstract_percents_are_all_consistent(abstract: pd.DataFrame) -> None:
    assert _msgs(abstract, "percent_mismatch") == []
    assert _msgs(abstract, "abstract_body_mismatch") == []


def test_abstract_blinatumomab_subgroups_make_the_arm(abstract: pd.DataFrame) -> None:
    assert not _any(abstract, "sum_mismatch", "blinatumomab")


def test_abstract_car_t_subgroups_exceed_the_arm(abstract: pd.DataFrame) -> None:
    assert _any(abstract, "sum_mismatch", r"14 MRD-positive \+ 68 non-remission = 82", r"\b80\b")


def test_abstract_median_given_only_as_interval_is_missing_once(seed_abstract) -> None:  # type: ignore[no-untyped-def]
    f = run_one(seed_abstract)["findings"]
    missing = f[(f["check"] == "missing_value") & f["message"].str.contains("NEUTROPHIL|neutrophil|granulocyte")]
    assert len(missing) == 1


def test_paper_every_repair_is_one_info_finding(paper_frames: dict[str, pd.DataFrame]) -> None:
    findings, repairs = paper_frames["findings"], paper_frames["repairs"]
    logged = findings[findings["check"] == "ocr_repair"]
    assert len(repairs) > 0 and len(logged) == len(repairs)
    assert set(logged["severity"]) == {"info"}
    assert (
        logged["message"]
        .str.contains(r"^Table \d+, patient \S+, \w+: '.*' read as .* \(rule \w+\.v\d+", regex=True)
        .all()
    )


def test_paper_findings_point_at_rows(paper: pd.DataFrame) -> None:
    errors = paper[paper["severity"] == "error"]
    assert not errors.empty
    assert (errors["quote"].str.len() > 0).all() and (errors["ref"].str.len() > 0).all()
