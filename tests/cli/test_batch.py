"""Batch behaviour users rely on: bad inputs fail alone, re-runs replace, --jobs changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from evidex import output
from evidex.cli import main
from tests.conftest import seed_path

REASONS = {
    "missing": "no such file",
    "empty": "empty",
    "corrupt": "damaged",
    "not_pdf": "not a PDF",
    "undecodable": "UTF-8",
    "encrypted": "encrypted",
}


def read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_bad_input_fails_alone_with_one_line(
    kind: str, bad_inputs: dict[str, Path], tiny_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    bad = bad_inputs[kind]
    rc = main(["run", str(bad), str(tiny_pdf), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert rc != 0
    lines = [ln for ln in err.splitlines() if str(bad) in ln]
    assert len(lines) == 1, err
    assert REASONS[kind].lower() in lines[0].lower()
    assert "Traceback" not in err
    studies = read(out, "studies")
    assert set(studies["status"]) == {"ok", "failed"}
    assert studies.loc[studies["status"] == "ok", "source"].tolist() == [tiny_pdf.name]
    findings = read(out, "findings")
    failed_id = studies.loc[studies["status"] == "failed", "study_id"].item()
    assert (findings.loc[findings["study_id"] == failed_id, "check"] == "input_error").sum() == 1


def test_bad_input_leaves_earlier_results_intact(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["run", str(seed_path("004")), "--out", str(out), "--no-progress"]) == 0
    before = {t: read(out, t) for t in ("studies", "evidence", "patients", "terms")}
    assert main(["run", *map(str, bad_inputs.values()), "--out", str(out), "--no-progress"]) != 0
    after_studies = read(out, "studies")
    kept = after_studies[after_studies["status"] == "ok"].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before["studies"])
    for table in ("evidence", "patients", "terms"):
        pd.testing.assert_frame_equal(read(out, table), before[table])


def test_rerun_replaces_rows_and_keeps_other_studies(tmp_path: Path) -> None:
    out = tmp_path / "out"
    a, b = seed_path("000"), seed_path("004")
    assert main(["run", str(a), "--out", str(out), "--no-progress"]) == 0
    assert main(["run", str(b), "--out", str(out), "--no-progress"]) == 0
    first = {t: (out / f"{t}.csv").read_bytes() for t in ("studies", "evidence", "findings", "terms", "patients")}
    assert main(["run", str(b), "--out", str(out), "--no-progress"]) == 0
    assert main(["run", str(a), str(b), "--out", str(out), "--no-progress"]) == 0
    again = {t: (out / f"{t}.csv").read_bytes() for t in first}
    assert again == first
    assert len(read(out, "studies")) == 2


def test_jobs_two_gives_the_same_rows_as_serial(tmp_path: Path, tiny_pdf: Path) -> None:
    inputs = [str(seed_path("000")), str(seed_path("004")), str(tiny_pdf)]
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert main(["run", *inputs, "--out", str(serial), "--no-progress"]) == 0
    assert main(["run", *inputs, "--out", str(parallel), "--jobs", "2", "--no-progress"]) == 0
    for table in ("studies", "evidence", "aggregates", "patients", "transplants", "findings", "repairs", "terms"):
        left, right = read(serial, table), read(parallel, table)
        left = left.drop(columns=[c for c in ("path",) if c in left])
        right = right.drop(columns=[c for c in ("path",) if c in right])
        pd.testing.assert_frame_equal(left, right, obj=table)


def test_folder_input_is_searched_recursively(tmp_path: Path, tiny_pdf: Path) -> None:
    nested = tmp_path / "papers" / "2024"
    nested.mkdir(parents=True)
    shutil.copy(seed_path("000"), nested / "abstract.txt")
    shutil.copy(tiny_pdf, tmp_path / "papers" / "study.pdf")
    (tmp_path / "papers" / "notes.docx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "papers"), "--out", str(out), "--no-progress"]) == 0
    assert sorted(read(out, "studies")["source"]) == ["abstract.txt", "study.pdf"]


def test_interrupted_write_leaves_previous_files_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert main(["run", str(seed_path("000")), "--out", str(out), "--no-progress"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # the user pressed Ctrl-C while the database was being written

    monkeypatch.setattr(output.build, "_load_table", crash)
    assert main(["run", str(seed_path("004")), "--out", str(out), "--no-progress"]) == 130
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    log_before, log_after = before.pop("evidex.log"), after.pop("evidex.log")
    assert after == before  # nothing renamed into place, no temporary files left behind
    assert log_after.startswith(log_before)  # the log is only ever appended to


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "evidex", "run", str(seed_path("000")), "--out", str(tmp_path / "o")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "\r" not in proc.stderr and "doc/s" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("evidex: 1 paper processed (1 ok); 0 errors, 0 warnings;")
    assert line.endswith(f"review: {tmp_path / 'o' / 'report.html'}")


def test_unwritable_output_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    rc = main(["run", str(seed_path("000")), "--out", str(blocker / "sub"), "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 2 and "cannot write" in err and "Traceback" not in err


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import os
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "evidex", "run", str(seed_path("000")), str(seed_path("004")), "--out",
         str(tmp_path / "o")],
        stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(master)
    shown = b"".join(chunks).decode(errors="replace")
    assert "2/2" in shown and "doc" in shown
