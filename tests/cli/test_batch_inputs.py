"""Inputs checked before reading, one clear line each, and a quiet terminal (issues 12 and 14)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path

import pandas as pd
import pytest

from evidex import inputs
from evidex.cli import main
from tests.conftest import ROOT, seed_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    rc = main(["run", *args, "--no-progress"])
    return rc, capsys.readouterr().err


def test_fifo_named_pdf_is_refused_without_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "paper.pdf"
    os.mkfifo(fifo)
    result: dict[str, object] = {}
    t = threading.Thread(target=lambda: result.update(out=run([str(fifo), str(seed_path("000")), "--out",
                                                               str(tmp_path / "out")], capsys)))  # fmt: skip
    t.start()
    t.join(timeout=120)
    if t.is_alive():  # unblock the reader so the test process can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("a FIFO named .pdf blocked the batch")
    rc, err = result["out"]  # type: ignore[misc]
    assert rc == 1
    [line] = [ln for ln in err.splitlines() if str(fifo) in ln]
    assert "named pipe" in line and "Traceback" not in err
    studies = pd.read_csv(tmp_path / "out" / "studies.csv", dtype=str)
    assert sorted(studies["status"]) == ["failed", "ok"]


def test_device_and_socket_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sock_path = tmp_path / "s.pdf"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        rc, err = run(["/dev/null", str(sock_path), str(seed_path("000")), "--out", str(tmp_path / "out")], capsys)
    finally:
        server.close()
    assert rc == 1
    assert "device" in [ln for ln in err.splitlines() if "/dev/null" in ln][0]
    assert "socket" in [ln for ln in err.splitlines() if str(sock_path) in ln][0]


def test_empty_folder_and_symlink_loop_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    looped = tmp_path / "looped"
    (looped / "sub").mkdir(parents=True)
    shutil.copy(seed_path("000"), looped / "sub" / "a.txt")
    (looped / "sub" / "back").symlink_to(looped, target_is_directory=True)
    (looped / "self.pdf").symlink_to(looped / "self.pdf")  # a link to itself
    rc, err = run([str(empty), str(looped), "--out", str(tmp_path / "out")], capsys)
    [line] = [ln for ln in err.splitlines() if str(empty) in ln]
    assert line.startswith(f"evidex: {empty}: no input files in this folder")
    assert any("symlink loop" in ln and "back" in ln for ln in err.splitlines()), err
    assert "a.txt" in set(pd.read_csv(tmp_path / "out" / "studies.csv")["source"])
    assert "Traceback" not in err and rc == 1  # the self-link cannot be read


def test_duplicate_bytes_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "copy of a.txt"
    shutil.copy(seed_path("000"), a)
    shutil.copy(seed_path("000"), b)
    rc, err = run([str(a), str(b), "--out", str(tmp_path / "out")], capsys)
    assert rc == 0
    assert f"evidex: {b}: same bytes as {a}; read once" in err.splitlines()
    assert len(pd.read_csv(tmp_path / "out" / "studies.csv")) == 1


def test_newline_in_a_file_name_stays_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad\nname.pdf"
    bad.write_bytes(b"not a pdf at all")
    rc, err = run([str(bad), "--out", str(tmp_path / "out")], capsys)
    assert rc == 1
    lines = err.splitlines()
    assert any(inputs.shown(bad) in ln and "not a PDF" in ln for ln in lines), err
    assert not any(ln.startswith("name.pdf") for ln in lines)


def test_library_messages_go_to_the_log_not_the_screen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pikepdf

    source = ROOT / "fixtures" / "generated" / "seed004_digital.pdf"
    if not source.exists():
        pytest.skip("generated fixtures missing: python -m fixtures.generate")
    noisy = tmp_path / "noisy.pdf"
    with pikepdf.open(source) as pdf:  # one colour component for an RGB space: pdfminer logs "Cannot set ..."
        for page in pdf.pages:
            page.contents_add(pikepdf.Stream(pdf, b"/DeviceRGB cs 0.5 sc /DeviceRGB CS 0.5 SC\n"), prepend=True)
        pdf.save(noisy)
    out = tmp_path / "out"
    rc, err = run([str(noisy), "--out", str(out)], capsys)
    log = (out / "evidex.log").read_text(encoding="utf-8")
    assert rc == 0
    assert "Cannot set" not in err and "color" not in err.lower()
    closing = err.splitlines()[-1]
    assert len(err.splitlines()) == 1, err
    assert str(out / "report.html") in closing
    if "Cannot set" in log:  # when a pdfminer-based reader ran on the page: counted and pointed to
        assert "noisy.pdf: warning pdfminer" in log and str(out / "evidex.log") in closing


def test_capture_takes_all_three_kinds_of_chatter(capfd: pytest.CaptureFixture[str]) -> None:
    import logging
    import warnings

    from evidex import capture

    with capture.quiet() as got:
        logging.getLogger("pdfminer.pdfinterp").warning("Cannot set non-stroke color because 1 components")
        warnings.warn("a library warning", UserWarning, stacklevel=1)
        os.write(2, b"C-level noise from a library\n")
    assert capfd.readouterr().err == ""
    assert sorted(got.lines) == ["C-level noise from a library", "warning UserWarning: a library warning",
                                 "warning pdfminer.pdfinterp: Cannot set non-stroke color because 1 components"]
