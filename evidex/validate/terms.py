"""unmapped_term: a drug, regimen or therapy the vocabulary could not name (its rows carry no canonical name)."""

from __future__ import annotations

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import Finding
from evidex.validate.common import Row, finding, rows
from evidex.validate.common import text as txt

# Kinds whose unmapped terms change what a reviewer pools; an unmapped grade word or donor does not.
KINDS = frozenset({"drug", "regimen", "therapy"})


def check(terms: pd.DataFrame, findings: pd.DataFrame | None = None) -> list[Finding]:
    known = {txt(f.get("quote")).lower() for f in rows(findings) if txt(f.get("check")) == Check.UNMAPPED_TERM}
    seen: set[tuple[str, str]] = set()
    out = []
    for r in rows(terms):
        kind, raw = txt(r.get("kind")), txt(r.get("raw")).strip()
        sig = (kind, raw.lower())
        if kind not in KINDS or txt(r.get("canonical")) or not raw or sig in seen or raw.lower() in known:
            continue
        seen.add(sig)
        out.append(_finding(r, kind, raw))
    return out


def _finding(r: Row, kind: str, raw: str) -> Finding:
    note = txt(r.get("note"))
    why = f" ({note})" if note else ""
    msg = f"The {kind} '{raw}' is not in the vocabulary{why}; rows that use it have no canonical name or code."
    return finding(r, Check.UNMAPPED_TERM, Severity.WARNING, msg, table="terms", ref=raw, column="canonical",
                   quote=raw)  # fmt: skip
