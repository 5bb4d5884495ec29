"""Per-patient and transplant tables -> patient/transplant rows (filled by the per-patient issue)."""

from __future__ import annotations

from evidex.models import Document, EvidenceBundle, Normalizer


def extract(doc: Document, normalizer: Normalizer) -> EvidenceBundle:
    """Patients, transplants, repairs, aggregates and findings from the document's tables."""
    return EvidenceBundle()
