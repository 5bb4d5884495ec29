"""Output under pressure: a full disk or a read-only folder gives one clear line, a non-zero exit, and the
earlier database whole; temp files of interrupted runs are cleaned."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import psutil
import pytest

from evidex import output
from evidex.cli import main
from tests.conftest import seed_path


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if p.is_file() and p.name != "evidex.log"}  # fmt: skip


def studies_in_db(out: Path) -> list[str]:
    con = duckdb.connect(str(out / "evidex.duckdb"), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT source FROM studies").fetchall())
    finally:
        con.close()


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.decode().strip()}); the injected ENOSPC test covers it")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Take all the room on ``disk`` but ``leave`` bytes."""
    st = os.statvfs(disk)
    free = st.f_bavail * st.f_frsize
    with open(disk / "filler.bin", "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


def test_full_disk_keeps_the_earlier_database_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path / "disk", "24m") as disk:
        out = disk / "out"
        assert main(["run", str(seed_path("000")), "--out", str(out), "--no-progress"]) == 0
        before = digest(out)
        capsys.readouterr()
        for leave in (256 << 10, 1536 << 10):  # too little for the probe; enough for the probe, not the build
            fill(disk, leave)
            rc = main(["run", str(seed_path("004")), "--out", str(out), "--no-progress"])
            err = capsys.readouterr().err
            assert rc == 2, err
            lines = err.strip().splitlines()
            assert len(lines) == 1 and "is full" in lines[0] and "Traceback" not in err, err
            assert digest(out) == before
            assert studies_in_db(out) == [seed_path("000").name]
            (disk / "filler.bin").unlink()
        assert main(["run", str(seed_path("004")), "--out", str(out), "--no-progress"]) == 0
        assert studies_in_db(out) == sorted([seed_path("000").name, seed_path("004").name])
        assert not [p for p in out.iterdir() if p.name.endswith((".tmp", ".wal"))]


def test_injected_enospc_during_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    out = tmp_path / "out"
    assert main(["run", str(seed_path("000")), "--out", str(out), "--no-progress"]) == 0
    before = digest(out)
    capsys.readouterr()
    real = output.build._write_csv

    def full(con: object, table: str, path: Path) -> None:
        if table == "findings":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(con, table, path)

    monkeypatch.setattr(output.build, "_write_csv", full)
    assert main(["run", str(seed_path("004")), "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "is full" in err and "Traceback" not in err
    assert digest(out) == before
    assert studies_in_db(out) == [seed_path("000").name]


def test_read_only_folder_fails_before_any_paper_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["run", str(seed_path("000")), "--out", str(out), "--no-progress"]) == 0
    before = digest(out)
    capsys.readouterr()
    ro = tmp_path / "ro"
    ro.mkdir()
    proc = subprocess.run(["mount", "--bind", "-o", "ro", str(out), str(ro)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip("cannot bind-mount read-only here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=False)
        rc = main(["run", str(seed_path("004")), "--out", str(ro), "--no-progress"])
        err = capsys.readouterr().err
    finally:
        subprocess.run(["umount", str(ro)], check=False)
    assert rc == 2
    assert err.count("\n") == 1 and "cannot write" in err and "Traceback" not in err
    assert "processed" not in err  # refused before reading anything
    assert digest(out) == before


def test_orphan_temp_files_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["run", str(seed_path("000")), "--out", str(out), "--no-progress"]) == 0
    orphans = [out / ".evidex.duckdb.abc123.tmp", out / ".evidex.duckdb.abc123.tmp.wal",
               out / ".store" / "tmp" / "evidence.x.parquet.1234.tmp",
               out / ".store" / "evidence" / "deadbeef0000.0123456789ab.parquet"]  # fmt: skip
    for p in orphans:
        p.write_bytes(b"left by a killed run")
    shutil.copy(seed_path("004"), tmp_path / "b.txt")
    assert main(["run", str(tmp_path / "b.txt"), "--out", str(out), "--no-progress"]) == 0
    assert not [p for p in orphans if p.exists()]


def test_two_runs_into_one_folder_take_turns(tmp_path: Path) -> None:
    import fcntl
    import sys
    import time

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".evidex.lock", "w") as held:  # another run holds the folder
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        proc = subprocess.Popen([sys.executable, "-m", "evidex", "run", str(seed_path("000")), "--out", str(out)],
                                stderr=subprocess.PIPE, text=True)  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(
            f.path.endswith(".evidex.lock") for f in psutil.Process(proc.pid).open_files()
        ):
            time.sleep(0.1)
        time.sleep(1.0)
        assert proc.poll() is None and not (out / ".store").exists()  # waiting at the lock, nothing read yet
        fcntl.flock(held.fileno(), fcntl.LOCK_UN)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert (out / "studies.csv").exists()
