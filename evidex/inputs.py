"""What the user named, checked before anything is read: regular files only, each hashed once.

A FIFO, device or socket is refused without being opened for reading (opening a FIFO blocks);
folders are walked with symlink loops detected; a folder with nothing to read and a second copy
of the same bytes are said out loud instead of silently dropped.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1 << 20


@dataclass(frozen=True)
class Input:
    path: Path
    sha256: str = ""  # empty when refused
    problem: str = ""  # why it is refused: a one-line reason


@dataclass
class Collected:
    inputs: list[Input] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line each for stderr (not errors of a document)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (second copy, first copy)


def shown(path: Path | str) -> str:
    """A path on one line: control characters (a newline in a file name) written as escapes."""
    text = str(path)
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def hash_file(path: Path) -> tuple[str, str]:
    """(sha256, "") for a regular file, ("", reason) otherwise; never blocks on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return "", "no such file"
    except OSError as exc:
        return "", f"cannot open it ({exc.strerror or exc})"
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            return "", f"{_kind(mode)}, not a file to read; skipped"
        digest = hashlib.sha256()
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
        return digest.hexdigest(), ""
    except OSError as exc:
        return "", f"cannot read it ({exc.strerror or exc})"
    finally:
        os.close(fd)


def _walk(folder: Path, suffixes: tuple[str, ...], notes: list[str]) -> Iterator[Path]:
    """Files below ``folder`` with one of ``suffixes``, following links once; loops reported, not followed."""
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
        except OSError as exc:
            loop = exc.errno == 40  # ELOOP
            notes.append(f"{shown(d)}: {'symlink loop' if loop else exc.strerror or exc}; skipped")
            continue
        if (st.st_dev, st.st_ino) in seen:
            notes.append(f"{shown(d)}: symlink loop (leads back to a folder already searched); skipped")
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            notes.append(f"{shown(d)}: cannot list it ({exc.strerror or exc}); skipped")
            continue
        subdirs = []
        for e in entries:
            p = Path(e.path)
            if _is_dir(e, p, notes):
                subdirs.append(p)
            elif p.suffix.lower() in suffixes:
                yield p
        stack.extend(reversed(subdirs))


def _is_dir(entry: os.DirEntry[str], path: Path, notes: list[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError as exc:
        if exc.errno == 40:
            notes.append(f"{shown(path)}: symlink loop; skipped")
        return False


def collect(items: Iterable[str], suffixes: tuple[str, ...]) -> Collected:
    """Files named directly (whatever their suffix) and, for folders, every file with ``suffixes`` below them."""
    out = Collected()
    first: dict[str, Path] = {}
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = list(_walk(p, suffixes, out.notes))
            if not found:
                out.notes.append(f"{shown(p)}: no input files in this folder (looked for {', '.join(suffixes)})")
        else:
            found = [p]
        for f in sorted(found) if p.is_dir() else found:
            sha, problem = hash_file(f)
            if sha and sha in first:
                out.duplicates.append((f, first[sha]))
                continue
            if sha:
                first[sha] = f
            out.inputs.append(Input(f, sha, problem))
    return out
