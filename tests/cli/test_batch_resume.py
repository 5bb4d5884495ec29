"""Resume: finished papers are kept at once, a re-run skips them, SIGKILL loses only papers in flight."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from evidex.cli import main
from evidex.output import read_manifests
from tests.conftest import ROOT, seed_path

SCANNED = ROOT / "fixtures" / "generated" / "seed004_scanned.pdf"  # 7 scanned pages: well over 10 s


def copies(folder: Path, n: int, seed: str = "004") -> list[Path]:
    """``n`` distinct papers: one seed with a different trailing line each (different bytes, same reading)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = seed_path(seed).read_text(encoding="utf-8")
    out = []
    for i in range(n):
        p = folder / f"paper_{i:03d}.txt"
        p.write_text(text + f"\n\nCopy {i}.\n", encoding="utf-8")
        out.append(p)
    return out


def closing(err: str) -> tuple[int, int]:
    """(processed, skipped) from the closing line."""
    line = [ln for ln in err.splitlines() if " processed" in ln][-1]
    processed = int(re.search(r"(\d+) papers? processed", line).group(1))  # type: ignore[union-attr]
    skipped = re.search(r"(\d+) skipped", line)
    return processed, int(skipped.group(1)) if skipped else 0


def test_rerun_skips_unchanged_papers_and_force_redoes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    papers = copies(tmp_path / "in", 3, "000")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 0
    assert closing(capsys.readouterr().err) == (3, 0)
    papers[1].write_text(papers[1].read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 0
    assert closing(capsys.readouterr().err) == (1, 2)  # only the edited paper is read again
    studies = pd.read_csv(out / "studies.csv", dtype=str)
    assert len(studies) == 3  # the edited paper's old version went: keyed by path as well as hash
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--no-progress", "--force"]) == 0
    assert closing(capsys.readouterr().err) == (3, 0)
    assert len(read_manifests(out)) == 3


def test_changed_ocr_options_redo_pdfs_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli.conftest import STUDY_TEXT, make_pdf

    pdf = make_pdf(tmp_path / "study.pdf", STUDY_TEXT)
    txt = copies(tmp_path / "in", 1, "000")[0]
    out = tmp_path / "out"
    assert main(["run", str(pdf), str(txt), "--out", str(out), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["run", str(pdf), str(txt), "--out", str(out), "--no-progress", "--ocr-dpi", "200"]) == 0
    assert closing(capsys.readouterr().err) == (1, 1)


def test_fixed_file_replaces_its_failed_row(tmp_path: Path) -> None:
    bad = tmp_path / "paper.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["run", str(bad), "--out", str(out), "--no-progress"]) == 1
    assert pd.read_csv(out / "studies.csv")["status"].tolist() == ["failed"]
    bad.write_text(seed_path("000").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["run", str(bad), "--out", str(out), "--no-progress"]) == 0
    assert pd.read_csv(out / "studies.csv")["status"].tolist() == ["ok"]


def test_failed_paper_is_reported_again_when_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF")
    out = tmp_path / "out"
    assert main(["run", str(bad), "--out", str(out), "--no-progress"]) == 1
    capsys.readouterr()
    assert main(["run", str(bad), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert closing(err) == (0, 1)
    assert len([ln for ln in err.splitlines() if str(bad) in ln and "damaged" in ln]) == 1


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_sigkill_keeps_finished_papers_and_the_rerun_does_only_the_rest(tmp_path: Path) -> None:
    total = 12
    copies(tmp_path / "in", total)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "evidex", "run", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    manifests = out / ".store" / "manifests"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(manifests.glob("*.json")) if manifests.is_dir() else []) < 3:
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"workers outlived their parent: {alive}"
    kept = read_manifests(out)
    assert 3 <= len(kept) < total
    for m in kept.values():  # every committed shard is whole and readable
        for table, rows in m.tables.items():
            assert len(pd.read_parquet(m.shard(out / ".store", table))) == rows
        assert json.loads((manifests / f"{m.study_id}.json").read_text())["gen"] == m.gen
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert closing(again.stderr) == (total - len(kept), len(kept))
    assert len(pd.read_csv(out / "studies.csv")) == total
    assert not list((out / ".store" / "tmp").iterdir())


def test_document_over_the_time_limit_fails_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not SCANNED.exists():
        pytest.skip("generated fixtures missing: python -m fixtures.generate")
    out = tmp_path / "out"
    txt = copies(tmp_path / "in", 1, "000")[0]
    rc = main(["run", str(SCANNED), str(txt), "--out", str(out), "--no-progress", "--timeout", "10"])
    err = capsys.readouterr().err
    assert rc == 1
    [line] = [ln for ln in err.splitlines() if SCANNED.name in ln]
    assert "time limit" in line and "--timeout" in line
    studies = pd.read_csv(out / "studies.csv", dtype=str).set_index("source")
    assert studies.loc[SCANNED.name, "status"] == "failed"
    assert studies.loc[txt.name, "status"] == "ok", studies.loc[txt.name, "errors"]
    assert studies.loc[SCANNED.name, "errors"].startswith("executor:")
    # a time-limit failure is the run's fault, not the file's: the next run tries it again
    assert main(["run", str(SCANNED), "--out", str(out), "--no-progress", "--timeout", "10"]) == 1
    assert closing(capsys.readouterr().err) == (1, 0)


def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    copies(tmp_path / "in", 6)
    proc = subprocess.Popen([sys.executable, "-m", "evidex", "run", str(tmp_path / "in"), "--out",
                             str(tmp_path / "out"), "--jobs", "2"], stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(proc.pid)) < 2:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
