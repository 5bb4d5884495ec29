"""Write files so that readers see either the old or the new bytes, never half of either."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # writers such as DuckDB want to create the file themselves
    return tmp


def commit_all(writers: dict[Path, Callable[[Path], None]]) -> None:
    """Write every target to a temporary file first; rename them all into place only when all succeeded."""
    staged: dict[Path, Path] = {}
    try:
        for target, write in writers.items():
            tmp = _temp_beside(target)
            staged[target] = tmp
            write(tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        for target, tmp in staged.items():
            os.replace(tmp, target)
    finally:
        for tmp in staged.values():
            if tmp.exists():
                tmp.unlink()


def atomic_write(target: Path, write: Callable[[Path], None]) -> None:
    commit_all({target: write})
