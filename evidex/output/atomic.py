"""Write files so that readers see either the old or the new bytes, never half of either.

Every temporary name starts with "." and ends in ".tmp" (DuckDB adds ".wal" to its own), so that
``clean_temps`` can remove what an interrupted run left behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from evidex.models import OutputError

TEMP_SUFFIX = ".tmp"


def temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # writers such as DuckDB want to create the file themselves
    return tmp


def fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _drop(tmp: Path) -> None:
    for p in (tmp, tmp.with_name(tmp.name + ".wal")):
        if p.exists():
            p.unlink()


def commit_all(
    writers: Mapping[Path, Callable[[Path], object]], before_rename: Callable[[], None] | None = None
) -> None:
    """Write every target to a temporary file first; rename them all into place only when all succeeded.

    ``before_rename`` runs once every file is written (to close a database the writers shared).
    """
    staged: dict[Path, Path] = {}
    try:
        for target, write in writers.items():
            tmp = temp_beside(target)
            staged[target] = tmp
            write(tmp)
        if before_rename is not None:
            before_rename()
        for tmp in staged.values():
            fsync_file(tmp)
        for target, tmp in staged.items():
            os.replace(tmp, target)
    finally:
        for tmp in staged.values():
            _drop(tmp)


def atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    commit_all({target: write})


def clean_temps(folder: Path) -> int:
    """Remove the temporary files interrupted runs left in ``folder``; how many went."""
    n = 0
    for p in folder.glob(".*"):
        if p.is_file() and (p.name.endswith(TEMP_SUFFIX) or p.name.endswith(TEMP_SUFFIX + ".wal")):
            p.unlink(missing_ok=True)
            n += 1
    return n


def output_error(folder: Path, exc: BaseException, doing: str = "write") -> OutputError:
    """One line for a failed write: a full disk and a read-only folder say so in plain words."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    if code == errno.ENOSPC or "No space left" in text or "not enough space" in text.lower():
        return OutputError(f"the disk holding {folder} is full: cannot {doing}; free some space and run again "
                           "(earlier results are unchanged)")  # fmt: skip
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return OutputError(f"cannot write to {folder}: {os.strerror(code)} (earlier results are unchanged)")
    reason = getattr(exc, "strerror", None) or text
    return OutputError(f"cannot {doing} in {folder}: {reason}")
