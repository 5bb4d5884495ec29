"""A re-run rebuilds only the study pages whose rows changed (a batch of 1,000 studies re-rendered every page)."""

from __future__ import annotations

import os
from pathlib import Path

from evidex.cli import main
from tests.conftest import ROOT


def test_unchanged_study_pages_are_kept_and_a_redone_study_is_rebuilt(tmp_path: Path) -> None:
    text = ROOT / "examples" / "example_study.txt"
    out = tmp_path / "out"
    assert main(["run", str(text), "--out", str(out), "--no-progress"]) == 0
    page = next((out / "report").glob("*.html"))
    os.utime(page, (1_000_000_000, 1_000_000_000))  # an old mtime: a rewrite would change it
    assert main(["run", str(text), "--out", str(out), "--no-progress"]) == 0  # skipped: same bytes and options
    assert page.stat().st_mtime == 1_000_000_000
    assert main(["run", str(text), "--out", str(out), "--no-progress", "--force"]) == 0  # redone: a new commit
    assert page.stat().st_mtime > 1_000_000_000
