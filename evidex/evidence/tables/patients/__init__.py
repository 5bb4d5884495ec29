"""Per-patient and transplant tables -> patient/transplant rows, the repair log, and aggregates.

The pipeline per table: header -> columns (pt_headers), body -> rows (pt_rows, pt_read),
patient numbers (pt_sequence), cells -> records with logged repairs
(pt_records, pt_repair, pt_terms), records -> aggregates (pt_aggregates).
Tables whose rows are not patients (arm-level tables) are left to statements.
"""

from __future__ import annotations

from dataclasses import replace

from evidex.evidence.tables.patients import aggregates as pt_aggregates
from evidex.evidence.tables.patients import records as pt_records
from evidex.evidence.tables.patients import sequence as pt_sequence
from evidex.evidence.tables.patients.ocrlog import ocr_fixes
from evidex.evidence.tables.patients.read import Read, read
from evidex.evidence.tables.patients.records import Ctx
from evidex.evidence.tables.patients.terms import Terms, footnote_abbreviations
from evidex.models import Document, Evidence, EvidenceBundle, Normalizer, Patient, Table, Transplant


def extract(doc: Document, normalizer: Normalizer) -> EvidenceBundle:
    """Patients, transplants, repairs, aggregates and findings from the document's tables."""
    return extract_tables(doc, list(doc.tables), normalizer)


def extract_tables(doc: Document, tables: list[Table], normalizer: Normalizer) -> EvidenceBundle:
    """The same, from the given tables only (the router's choice), in document order."""
    reads: list[tuple[Read, Terms]] = []
    for table in tables:
        terms = Terms(normalizer, table.page, footnote_abbreviations(table.footnotes))
        got = read(doc, table, terms, reads[-1][0] if reads else None)
        if got is None:
            continue
        if reads and got.cols is reads[-1][0].cols:  # the next page of the previous table
            prev = reads[-1][0]
            prev.rows.extend(replace(r, index=len(prev.rows) + i) for i, r in enumerate(got.rows))
        else:
            reads.append((got, terms))
    out = _Out()
    for got, terms in reads:
        out.add(doc.study_id, got, terms)
    return out.bundle()


class _Out:
    """Everything the tables of one document produce, in reading order."""

    def __init__(self) -> None:
        self.patients: list[Patient] = []
        self.transplants: list[Transplant] = []
        self.aggregates: list[Evidence] = []
        self.ctxs: list[Ctx] = []

    def add(self, study_id: str, got: Read, terms: Terms) -> None:
        t = got.table
        ctx = Ctx(study_id, t.label or t.table_id, t.page, t.from_ocr, terms, out_table=got.kind)
        for fix in pt_sequence.number(got.rows):
            ctx.log(fix.value, fix)
        for patient, fix in ocr_fixes(t, got.cols, got.rows):
            ctx.log(patient, fix)
        records = pt_records.build(ctx, got.rows, got.kind)
        if got.kind == "patients":
            self.patients.extend(records)  # type: ignore[arg-type]
            self.aggregates.extend(pt_aggregates.patients(records))  # type: ignore[arg-type]
        else:
            self.transplants.extend(records)  # type: ignore[arg-type]
            self.aggregates.extend(pt_aggregates.transplants(records))  # type: ignore[arg-type]
        self.ctxs.append(ctx)

    def bundle(self) -> EvidenceBundle:
        return EvidenceBundle(
            aggregates=tuple(self.aggregates),
            patients=tuple(self.patients),
            transplants=tuple(self.transplants),
            repairs=tuple(r for c in self.ctxs for r in c.repairs),
            findings=tuple(f for c in self.ctxs for f in c.findings),
        )
