"""Evidence stage: a ``Document`` -> evidence rows, per-patient rows and the repair log.

Normalization is asked of the injected ``Normalizer``; this package never
imports another stage.
"""

from __future__ import annotations

from evidex.evidence import statements
from evidex.evidence.tables import patients as tables
from evidex.models import Document, EvidenceBundle, Normalizer


def build(doc: Document, normalizer: Normalizer) -> EvidenceBundle:
    rows, stmt_findings = statements.extract(doc, normalizer)
    tab = tables.extract(doc, normalizer)
    return EvidenceBundle(
        evidence=tuple(rows),
        aggregates=tab.aggregates,
        patients=tab.patients,
        transplants=tab.transplants,
        repairs=tab.repairs,
        findings=tuple(stmt_findings) + tab.findings,
    )
