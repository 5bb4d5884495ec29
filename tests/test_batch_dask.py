"""The same per-document function on a real dask.distributed LocalCluster gives a serial run's rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evidex.cli import main
from tests.cli.conftest import STUDY_TEXT, make_pdf
from tests.conftest import seed_path

TABLES = ("studies", "evidence", "aggregates", "patients", "transplants", "findings", "repairs", "terms", "pages")


def read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False).drop(columns=["path"], errors="ignore")


def test_local_cluster_with_two_workers_gives_the_serial_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    pdf = make_pdf(tmp_path / "tiny.pdf", STUDY_TEXT)
    inputs = [str(seed_path("000")), str(seed_path("004")), str(pdf), str(tmp_path / "missing.pdf")]
    serial, cluster = tmp_path / "serial", tmp_path / "dask"
    assert main(["run", *inputs, "--out", str(serial), "--no-progress"]) == 1
    serial_err = capsys.readouterr().err.splitlines()
    assert main(["run", *inputs, "--out", str(cluster), "--no-progress", "--executor", "dask", "--jobs", "2"]) == 1
    dask_err = capsys.readouterr().err.splitlines()
    for table in TABLES:
        pd.testing.assert_frame_equal(read(serial, table), read(cluster, table), obj=table)
    # the same lines and the same summary (but the rate) whichever executor ran
    assert dask_err[:-1] == serial_err[:-1]
    strip = [ln.split("; ")[:2] for ln in (serial_err[-1], dask_err[-1])]
    assert strip[0] == strip[1] == ["evidex: 4 papers processed (3 ok, 1 failed)", "1 error, 0 warnings"]
