"""Read the finished tables from DIR/evidex.duckdb: counts for the index, one study's rows at a time.

One read-only connection for the whole build. Every study query filters on study_id, so memory holds one
study, never the run; the index's counts tell which of a study's tables are empty, and those are not queried.
A table or column an older database lacks reads as empty, not as an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

Row = dict[str, Any]

_SEVERITY_RANK = "CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 WHEN 'info' THEN 2 ELSE 3 END"
_ORDER = {"findings": f"{_SEVERITY_RANK}, page NULLS LAST, rowid", "arms": "arm_id, rowid"}
COUNTED = ("evidence", "comparisons", "arms", "findings", "patients", "transplants", "repairs", "cells")
_STUDY_FIELDS = ("study_id", "source", "title", "label", "first_author", "year", "kind", "status", "error",
                 "pages", "ocr_pages", "path", "journal", "doi", "registration")  # fmt: skip


def label_of(study: Mapping[str, Any]) -> str:
    """How a study is named: "First author year" when the metadata has it, else its title, else its file."""
    for key in ("label", "title", "source", "study_id"):
        value = study.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


class Database:
    def __init__(self, path: Path) -> None:
        import duckdb

        self.path = path
        self.con = duckdb.connect(str(path), read_only=True)
        found = self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
        ).fetchall()
        self.columns: dict[str, set[str]] = {}
        for table, column in found:
            self.columns.setdefault(table, set()).add(column)

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.con.close()

    def has(self, table: str, column: str = "study_id") -> bool:
        return column in self.columns.get(table, set())

    def rows(self, sql: str, params: list[Any] | None = None) -> list[Row]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, values, strict=True)) for values in cur.fetchall()]

    def study(self, study_id: str, table: str, expected: int | None = None) -> list[Row]:
        """The study's rows of ``table`` in the order they were written; ``expected`` = 0 skips the query."""
        if not self.has(table) or expected == 0:
            return []
        order = _ORDER.get(table, "rowid")
        if table == "findings" and not self.has("findings", "severity"):
            order = "rowid"
        return self.rows(f'SELECT * FROM "{table}" WHERE study_id = ? ORDER BY {order}', [study_id])

    def cells(self, study_id: str, expected: int | None = None) -> list[Row]:
        """The study's table cells with their table's label and page, for finding a row's box."""
        if not (self.has("cells", "x0") and self.has("tables", "label")) or expected == 0:
            return []
        return self.rows(
            "SELECT t.label, t.page, c.table_id, c.row, c.col, c.text, c.x0, c.top, c.x1, c.bottom "
            "FROM cells c JOIN tables t USING (study_id, table_id) WHERE c.study_id = ?",
            [study_id],
        )

    def index(self) -> list[Row]:
        """One row per study: its naming fields, the arms it compares and how many rows and findings it has."""
        if not self.has("studies"):
            return []
        fields = ", ".join(f"s.{f}" if self.has("studies", f) else f"NULL AS {f}" for f in _STUDY_FIELDS)
        counted = [t for t in COUNTED if t != "arms"]
        counts = ", ".join(f"{t}.n AS n_{t}" for t in counted)
        joins = " ".join(f"LEFT JOIN ({self._count(t)}) {t} USING (study_id)" for t in counted)
        sql = (
            f"SELECT {fields}, {counts}, ar.arms, ar.n AS n_arms, fi.errors, fi.warnings, fi.infos FROM studies s "
            f"{joins} LEFT JOIN ({self._arms()}) ar USING (study_id) "
            f"LEFT JOIN ({self._findings()}) fi USING (study_id) ORDER BY s.rowid"
        )
        rows = self.rows(sql)
        for r in rows:
            for key in (*(f"n_{t}" for t in COUNTED), "errors", "warnings", "infos"):
                r[key] = int(r[key] or 0)
        return rows

    def _count(self, table: str) -> str:
        if not self.has(table):
            return "SELECT NULL::VARCHAR AS study_id, 0 AS n WHERE false"
        return f'SELECT study_id, count(*) AS n FROM "{table}" GROUP BY study_id'

    def _arms(self) -> str:
        if not (self.has("arms", "arm_label") and self.has("arms", "arm")):
            return "SELECT NULL::VARCHAR AS study_id, NULL::VARCHAR AS arms, 0 AS n WHERE false"
        return (
            "SELECT study_id, string_agg(coalesce(nullif(arm_label, ''), arm), '; ' ORDER BY rowid) AS arms, "
            "count(*) AS n FROM arms GROUP BY study_id"
        )

    def _findings(self) -> str:
        if not self.has("findings", "severity"):
            return "SELECT NULL::VARCHAR AS study_id, 0 AS errors, 0 AS warnings, 0 AS infos WHERE false"
        return (
            "SELECT study_id, count(*) FILTER (WHERE severity = 'error') AS errors, "
            "count(*) FILTER (WHERE severity = 'warning') AS warnings, "
            "count(*) FILTER (WHERE severity = 'info') AS infos FROM findings GROUP BY study_id"
        )
