"""Damaged PDFs repaired once, before any library reads a page, so that every reader sees the same pages.

A named step (``qpdf-repair.v1``) in the manner of pdfplumber's ``repair=True``: qpdf (through pikepdf)
checks the file; when it had to reconstruct the cross-reference table (a broken xref, a cut trailer),
or the page tree is not a tree (a cycle, a /Kids entry that is no page, a /Count that lies), the file
is rewritten to a temporary copy with a clean xref and a flat page tree of the pages that do read.
A file qpdf cannot parse is left as it is; pdfium then reads what it can.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

METHOD = "qpdf-repair.v1"
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")  # page attributes a parent node may hold
MAX_NODES = 200_000  # page-tree nodes walked before giving up (a tree this big is itself damage)
TEMP_PREFIX = "evidex-repaired-"
# qpdf warnings about nothing a reader would miss: a trailer /Size that undercounts the objects (common
# after incremental updates) -- 4 of 60 real trial PDFs, which every reader opens as they are
BENIGN = ("reported number of objects",)


@dataclass(frozen=True, slots=True)
class Repaired:
    path: Path  # the copy to read
    note: str  # what was wrong, for the document's warnings

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def repair(path: Path, must: bool = False) -> Repaired | None:
    """A repaired temporary copy of ``path`` when qpdf finds damage (always try when ``must``), else None."""
    import pikepdf

    try:
        # qpdf would walk the page tree on open (to push inherited attributes) and fail on a loop: walk it here
        with pikepdf.open(path, suppress_warnings=True, inherit_page_attributes=False) as pdf:
            if pdf.is_encrypted:
                return None
            problems = [_short(w) for w in pdf.get_warnings() if not any(b in w for b in BENIGN)]
            problems += _fix_page_tree(pdf)
            if not problems and not must:
                return None
            return _save(pdf, problems or ["the file could not be opened as it was"])
    except (pikepdf.PikepdfError, OSError, RecursionError, ValueError, TypeError, KeyError, AttributeError):
        return None  # beyond qpdf's repair: read the file as it is


def _save(pdf: Any, problems: list[str]) -> Repaired:
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".pdf")
    os.close(fd)
    try:
        pdf.save(name, static_id=True)
    except BaseException:
        os.unlink(name)
        raise
    unique = list(dict.fromkeys(problems))
    more = f" (+{len(unique) - 3} more)" if len(unique) > 3 else ""
    return Repaired(Path(name), f"the PDF was damaged ({'; '.join(unique[:3])}{more}); read from a copy "
                                f"repaired by qpdf ({METHOD})")


def _short(warning: str) -> str:
    """qpdf's warning without the file name it starts with."""
    text = warning.split(": ", 1)[-1] if ": " in warning else warning
    return " ".join(text.split())[:120]


def _fix_page_tree(pdf: Any) -> list[str]:
    """Flatten the page tree to the pages that read, in order; what was wrong with it (empty when nothing)."""
    import pikepdf

    root = pdf.Root.get("/Pages")
    if not isinstance(root, pikepdf.Dictionary):
        return []  # no page tree at all: nothing to keep
    leaves, problems = _walk(root)
    count = root.get("/Count")
    stated = int(count) if count is not None and _is_int(count) else None
    if stated != len(leaves):
        problems.append(f"the page count says {stated}, the page tree holds {len(leaves)}")
    if not problems:
        return []
    for page, inherited in leaves:
        for key, value in inherited.items():
            if key not in page:
                page[key] = value
        page.Parent = root
    root.Kids = pikepdf.Array([page for page, _ in leaves])
    root.Count = len(leaves)
    for key in INHERITED:
        if key in root:
            del root[key]
    return problems


def _is_int(value: Any) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


def _is_page(node: Any) -> bool:
    kind = node.get("/Type")
    return str(kind) == "/Page" if kind is not None else ("/Contents" in node or "/MediaBox" in node)


def _walk(root: Any) -> tuple[list[tuple[Any, dict[str, Any]]], list[str]]:
    """Leaf pages in document order with the attributes they inherit; the tree's faults."""
    import pikepdf

    leaves: list[tuple[Any, dict[str, Any]]] = []
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Any, dict[str, Any]]] = [(root, {})]
    while stack and len(seen) < MAX_NODES:
        node, inherited = stack.pop()
        key = node.objgen
        if key != (0, 0) and key in seen:
            problems.append("the page tree loops or lists a page twice")
            continue
        seen.add(key)
        kids = node.get("/Kids")
        if kids is None:
            if _is_page(node):
                leaves.append((node, inherited))
            elif node.objgen != root.objgen:
                problems.append("a page-tree entry is not a page")
            continue
        passed = {**inherited, **{k: node[k] for k in INHERITED if k in node}}
        children = list(kids) if isinstance(kids, pikepdf.Array) else []
        for kid in reversed(children):
            if isinstance(kid, pikepdf.Dictionary):
                stack.append((kid, passed))
            else:
                problems.append("a page-tree entry is not a page")
    return leaves, problems
