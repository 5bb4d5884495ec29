"""The guard around every stage of one document: failures are typed records and a status, never a batch crash."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evidex import normalize, pipeline
from evidex.cli import main
from evidex.models import ErrorItem, RunOptions
from tests.conftest import seed_path

HUGE = "Results: Cytokine release syndrome occurred in 99999999999999999999 of 33 patients (grade 1-2).\n"


def test_twenty_digit_count_is_a_finding_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text("A short invented study of tisagenlecleucel\n\n" + HUGE, encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["run", str(big), str(seed_path("000")), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 0 and "Traceback" not in err
    studies = pd.read_csv(out / "studies.csv", dtype=str)
    assert set(studies["status"]) == {"ok"} and len(studies) == 2
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    big_id = studies.loc[studies["source"] == "big.txt", "study_id"].item()
    mine = findings[(findings["study_id"] == big_id) & (findings["check"] == "range_violation")]
    assert len(mine) >= 1 and (mine["stage"] == "frames").all()
    assert mine["message"].str.contains("integer column").all()


class Broken:
    """A normalizer that fails as a bug in the normalize stage would: the evidence stage cannot finish."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __getattr__(self, name: str) -> object:
        raise RuntimeError(self.message)


def test_a_failing_stage_makes_the_document_partial_with_its_component() -> None:
    engines = pipeline.Engines(normalizer=Broken("vocabulary index is corrupt"))  # type: ignore[arg-type]
    result = pipeline.process(seed_path("000"), RunOptions(), engines)
    assert result.study.status == "partial"
    assert result.errors == (ErrorItem("evidence", None, result.errors[0].message),)
    assert "RuntimeError: vocabulary index is corrupt" in result.errors[0].message
    assert result.study.errors.startswith("evidence: internal error RuntimeError")
    result, frames = pipeline.finish(result)
    assert frames["studies"]["status"].tolist() == ["partial"]
    assert frames["studies"]["errors"].tolist() == [result.study.errors]
    found = frames["findings"]
    assert ((found["check"] == "input_error") & (found["stage"] == "evidence")).sum() == 1
    with pytest.raises(RuntimeError):  # bugs still raise when asked (tests, EVIDEX_STRICT=1)
        pipeline.process(seed_path("000"), RunOptions(strict=True), engines)


def test_unreadable_input_is_failed_with_the_extract_component(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = pipeline.process(empty, RunOptions(), pipeline.Engines(normalize.load()))
    assert result.study.status == "failed"
    assert [e.component for e in result.errors] == ["extract"]
    assert result.study.errors.startswith("extract: ")


def test_work_is_the_same_function_every_executor_runs(tmp_path: Path) -> None:
    task = pipeline.Task(str(seed_path("000")), pipeline.study_id_for(seed_path("000")))
    outcome = pipeline.work(task, RunOptions(), fd_capture=False)
    assert outcome.status == "ok" and outcome.errors == ()
    direct = pipeline.run_one(seed_path("000"))
    for table, frame in direct.items():
        pd.testing.assert_frame_equal(outcome.frames[table], frame, obj=table)
