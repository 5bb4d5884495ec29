"""The bundled example: every planted inconsistency is reported, as text and as PDF, and nothing else is an error."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from evidex.pipeline import run_one
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples"
TRUTH = json.loads((EXAMPLE / "example_study.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["example_study.txt", "example_study.pdf"])
def findings(request: pytest.FixtureRequest) -> pd.DataFrame:
    return run_one(EXAMPLE / request.param)["findings"]


@pytest.mark.parametrize("planted", TRUTH["inconsistencies"], ids=lambda p: p["check"])
def test_planted_inconsistency_is_reported(planted: dict[str, str], findings: pd.DataFrame) -> None:
    hits = findings[(findings["check"] == planted["check"]) & (findings["severity"] == "error")]
    assert any(planted["quote"] in q or q in planted["quote"] for q in hits["quote"].fillna("")), hits.to_string()


def test_no_other_errors(findings: pd.DataFrame) -> None:
    errors = findings[findings["severity"] == "error"]
    planted = TRUTH["inconsistencies"]
    assert set(errors["check"]) <= {p["check"] for p in planted}
    # one error per planted inconsistency, and at most one more for a restatement's other side
    assert len(planted) <= len(errors) <= len(planted) + 1, errors[["check", "message"]].to_string()
