"""What every table reader receives and returns, and the protocol the router's registry holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from evidex.evidence.study import StudyModel
from evidex.models import Document, Evidence, Finding, Normalizer, Patient, Repair, Table, Transplant


@dataclass
class TableInput:
    doc: Document
    table: Table
    grid: list[list[str]]  # each cell's text; a text table's lines are one column
    normalizer: Normalizer
    study: StudyModel
    grading: dict[str, str] = field(default_factory=dict)  # outcome code or "ae" -> grading system
    indents: dict[tuple[int, int], float] = field(default_factory=dict)  # (row, col) -> indent of the cell text
    memo: dict[str, object] = field(default_factory=dict)  # per-table work a reader caches between claim and read

    @property
    def context(self) -> str:
        """The caption and footnotes: where a table says what its numbers are ("values are mean (SD)")."""
        return " ".join([self.table.caption or "", *self.table.footnotes])


@dataclass
class TableOutput:
    evidence: list[Evidence] = field(default_factory=list)
    patients: list[Patient] = field(default_factory=list)
    transplants: list[Transplant] = field(default_factory=list)
    aggregates: list[Evidence] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def extend(self, other: TableOutput) -> None:
        for name in ("evidence", "patients", "transplants", "aggregates", "repairs", "findings"):
            getattr(self, name).extend(getattr(other, name))


class Reader(Protocol):
    """A reader for one kind of table. ``claim`` says how sure it is (0..1) that a table is its kind;
    ``read`` gets every table the router gave it, in document order (a per-patient table may run on)."""

    kind: str

    def claim(self, t: TableInput) -> float: ...

    def read(self, tables: list[TableInput]) -> TableOutput: ...


def grid_of(table: Table) -> tuple[list[list[str]], dict[tuple[int, int], float]]:
    if table.cells:
        return [[c.strip() for c in row] for row in table.grid()], {(c.row, c.col): c.indent for c in table.cells}
    lines = [ln.strip() for ln in table.lines if ln.strip()]
    if lines and sum(1 for ln in lines if ln.count("|") >= 2) >= 0.6 * len(lines):
        return _pipe_grid(lines), {}
    return _line_grid(lines) or [[ln] for ln in lines], {}


_GROUP = re.compile(r"(?P<label>[A-Za-z][\w+/&.,' -]*?)\s*\(\s*[nN]\s*=\s*\d+\s*\)")
_NUM = r"[-−–]?\d+(?:[.·]\d+)?"
_VALUE = re.compile(
    rf"{_NUM}\s*/\s*\d+\s*\(\s*{_NUM}\s*%?\s*\)|{_NUM}\s*(?:±|\+/-)\s*{_NUM}|{_NUM}\s*%?\s*\(\s*{_NUM}\s*%?"
    rf"(?:\s*(?:-|–|to|,)\s*{_NUM}\s*%?)?\s*\)|{_NUM}\s*%|{_NUM}"
)


def _line_grid(lines: list[str]) -> list[list[str]] | None:
    """A table that reached us as text lines, with its groups and sizes in one header line ("Event Blinatumomab
    (N=72) Placebo (N=70)"): each later line is its label and, at its end, one value per group."""
    head = next((i for i, ln in enumerate(lines[:3]) if len(_GROUP.findall(ln)) >= 2), None)
    if head is None:
        return None
    groups = list(_GROUP.finditer(lines[head]))
    grid = [["", *(m.group().strip() for m in groups)]]  # the row-label header may sit in the first group's name
    k = len(groups)
    for ln in lines[head + 1 :]:
        values = list(_VALUE.finditer(ln))
        tail = values[-k:] if len(values) >= k else []
        if tail and all(ln[a.end() : b.start()].strip() == "" for a, b in zip(tail, tail[1:], strict=False)) and \
                not ln[tail[-1].end() :].strip():  # fmt: skip
            grid.append([ln[: tail[0].start()].strip(), *(m.group().strip() for m in tail)])
        else:
            grid.append([ln] + [""] * k)
    return grid


_RULE = re.compile(r"^[\s|:+-]+$")
_N_HEAD = re.compile(r"\(\s*[nN]\s*=\s*\d+")


def _pipe_grid(lines: list[str]) -> list[list[str]]:
    """A pipe table pasted as text: cells split at '|', rule lines dropped. A header line under the first
    whose first cell names a group with its n ("Blinatumomab (n = 105) | Chemotherapy (n = 103)") sat under
    the columns right of the label column: it moves right by one."""
    rows = []
    for ln in lines:
        if _RULE.match(ln):
            continue
        rows.append([c.strip() for c in ln.strip().strip("|").split("|")])
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    for i in range(1, min(3, len(rows))):
        if _N_HEAD.search(rows[i][0]) and not any(_N_HEAD.search(c) for c in rows[0][:1]):
            rows[i] = ["", *rows[i][:-1]]
        _span(rows[i - 1], rows[i])
    return rows


_CUE_ONLY = re.compile(r"^\s*(?:no\.?|n|number)\s*\(\s*%\s*\)\s*$|^\s*(?:mean|median)\s*[(\[][^)\]]*[)\]]\s*$", re.I)


def _span(upper: list[str], lower: list[str]) -> None:
    """A statistic cue over several group columns ("No. (%)" over two arms) was one cell in a pipe table:
    the cells right of it move right so the columns line up again."""
    for c, text in enumerate(upper):
        if not _CUE_ONLY.match(text):
            continue
        k = 0
        while c + k < len(lower) and _N_HEAD.search(lower[c + k]):
            k += 1
        if k > 1:
            upper[:] = (upper[: c + 1] + [text] * (k - 1) + upper[c + 1 :])[: len(upper)]
        return
