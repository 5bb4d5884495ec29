"""The batch benchmark runs end to end on tiny inputs (the lead runs the real sizes on an idle machine)."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import bench_batch
from tests.cli.conftest import STUDY_TEXT, make_pdf


def test_memory_and_rct_modes_report_their_figures(tmp_path: Path) -> None:
    out = tmp_path / "mem.json"
    assert bench_batch.main(["memory", "--sizes", "1,2", "--jobs", "1", "--work", str(tmp_path / "w"),
                             "--json", str(out)]) == 0  # fmt: skip
    rows = json.loads(out.read_text())
    assert [r["documents"] for r in rows] == [1, 2]
    assert all(r["rc"] == 0 and r["peak_rss_mb"] > 50 and r["papers_per_min"] > 0 for r in rows)
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    make_pdf(pdfs / "tiny.pdf", STUDY_TEXT)
    out = tmp_path / "rct.json"
    assert bench_batch.main(["rct", "--pdfs", str(pdfs), "--count", "1", "--work", str(tmp_path / "w"),
                             "--json", str(out)]) == 0  # fmt: skip
    rows = json.loads(out.read_text())
    assert len(rows) == 5 and all(r["pages"] == 1 and r["pages_per_s"] > 0 for r in rows)
    assert rows[2]["variant"].startswith("evidex dask")
