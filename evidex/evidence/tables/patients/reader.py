"""The per-patient listing reader in the router's registry: one reader for patient and transplant listings."""

from __future__ import annotations

from evidex.evidence.tables.base import TableInput, TableOutput
from evidex.evidence.tables.patients import extract_tables
from evidex.evidence.tables.patients.read import Read, read
from evidex.evidence.tables.patients.terms import Terms, footnote_abbreviations


class PatientListingReader:
    kind = "patient_listing"

    def __init__(self) -> None:
        self._last: Read | None = None

    def claim(self, t: TableInput) -> float:
        """1.0 when the table's rows are patients (or the next page of a listing), else 0."""
        terms = Terms(t.normalizer, t.table.page, footnote_abbreviations(t.table.footnotes))
        got = read(t.doc, t.table, terms, self._last)
        if got is None:
            return 0.0
        self._last = got
        return 1.0

    def read(self, tables: list[TableInput]) -> TableOutput:
        if not tables:
            return TableOutput()
        bundle = extract_tables(tables[0].doc, [t.table for t in tables], tables[0].normalizer)
        return TableOutput(patients=list(bundle.patients), transplants=list(bundle.transplants),
                           aggregates=list(bundle.aggregates), repairs=list(bundle.repairs),
                           findings=list(bundle.findings))  # fmt: skip
