"""Statements in running text -> evidence rows (filled by the evidence issue)."""

from __future__ import annotations

from evidex.models import Document, Evidence, Finding, Normalizer


def extract(doc: Document, normalizer: Normalizer) -> tuple[list[Evidence], list[Finding]]:
    return [], []
