"""Lint and type checks run with the tests, so the shape of the code cannot drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean() -> None:
    proc = run("ruff", "check", "evidex", "tests", "fixtures", "benchmarks")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_package_type_checks() -> None:
    proc = run("mypy", "evidex")
    assert proc.returncode == 0, proc.stdout + proc.stderr
