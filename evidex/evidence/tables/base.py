"""What every table reader receives and returns, and the protocol the router's registry holds."""

from __future__ import annotations

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
    return [[ln.strip()] for ln in table.lines if ln.strip()], {}
