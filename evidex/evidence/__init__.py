"""Evidence stage: a ``Document`` -> the study's arms, evidence rows, comparisons, per-patient rows, repairs.

The study model (arms, roles, sizes) is built first, from the text and the tables' headers; then
the sentences and the tables (through the router) are read against it; derived values and the
two-arm comparisons come last. Normalization is asked of the injected ``Normalizer``; this
package never imports another stage.
"""

from __future__ import annotations

from evidex.evidence import comparisons, derive, scope, statements, study
from evidex.evidence.tables import header, router
from evidex.evidence.tables.base import grid_of
from evidex.evidence.tables.patients.reader import PatientListingReader
from evidex.evidence.text import context
from evidex.models import Document, EvidenceBundle, Normalizer


def build(doc: Document, normalizer: Normalizer) -> EvidenceBundle:
    model = study.build(doc, normalizer, _table_arms(doc, normalizer))
    grading = context.build(doc, normalizer).grading
    text_rows, text_findings = statements.extract(doc, normalizer, model)
    text_rows = scope.reported_here(text_rows)
    tab = router.read_all(doc, normalizer, model, grading)
    rows = derive.apply(text_rows + tab.evidence, model)
    rows, comps = comparisons.build(rows, model)
    comps = comparisons.with_effects(rows, comps)
    return EvidenceBundle(
        evidence=tuple(rows),
        arms=tuple(a.record(doc.study_id) for a in model.arms),
        comparisons=tuple(comps),
        aggregates=tuple(tab.aggregates),
        patients=tuple(tab.patients),
        transplants=tuple(tab.transplants),
        repairs=tuple(tab.repairs),
        findings=tuple(text_findings) + tuple(tab.findings),
        design=model.design,
    )


def _table_arms(doc: Document, normalizer: Normalizer) -> list[tuple[str, int | None, int | None, str]]:
    """Arm-like header columns of the tables that are not per-patient listings."""
    listing = PatientListingReader()
    keep = []
    for table in doc.tables:
        grid, indents = grid_of(table)
        probe = router.TableInput(doc, table, grid, normalizer, study.StudyModel(), {}, indents)
        if grid and listing.claim(probe) < router.MIN_CLAIM:
            keep.append((grid, table.caption or "", table.page))
    return header.arm_candidates(keep)
