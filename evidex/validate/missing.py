"""missing_value: a statistic whose number is missing (an IQR without its median, a rate without a number).

The evidence stage reports what it sees while parsing; this check covers the
rows it kept, without repeating a finding it already made for the same row.
"""

from __future__ import annotations

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import Finding
from evidex.validate.common import Row, finding, group_label, num, plain, quals, rows
from evidex.validate.common import text as txt


def check(evidence: pd.DataFrame, findings: pd.DataFrame | None = None) -> list[Finding]:
    known = [f for f in rows(findings) if txt(f.get("check")) == Check.MISSING_VALUE]
    out = []
    for r in rows(evidence):
        msg = _problem(r)
        if msg and not _already_reported(r, known):
            out.append(finding(r, Check.MISSING_VALUE, Severity.WARNING, msg, column="value"))
    return out


def _problem(r: Row) -> str:
    if plain(r.get("value")) is not None:
        return ""
    stat = txt(r.get("statistic"))
    label = txt(r.get("outcome_raw")) or txt(r.get("outcome"))
    who = group_label(txt(r.get("arm")), quals(r.get("subgroup")))
    low, high, spread = plain(r.get("low")), plain(r.get("high")), txt(r.get("spread"))
    if spread or low is not None or high is not None or plain(r.get("spread_value")) is not None:
        bounds = f" {num(low)}-{num(high)}" if low is not None or high is not None else ""
        return (
            f"The {stat or 'statistic'} of {label} for {who} is given only as its {spread or 'spread'}{bounds}; "
            f"the {stat or 'value'} itself is missing from the text."
        )
    if stat == "proportion" and plain(r.get("events")) is None:
        return f"The proportion of {label} for {who} has neither a percent nor a count; the sentence may be cut off."
    return ""


def _already_reported(r: Row, known: list[Row]) -> bool:
    eid, quote = txt(r.get("evidence_id")), txt(r.get("quote"))
    for f in known:
        ref, fq = txt(f.get("ref")), txt(f.get("quote"))
        if eid and eid in ref.split(";"):
            return True
        same_place = quote and fq and (fq in quote or quote in fq) and plain(f.get("page")) == plain(r.get("page"))
        if same_place and _names_outcome(txt(f.get("message")), r):
            return True
    return False


def _names_outcome(message: str, r: Row) -> bool:
    """One sentence can miss two numbers: the earlier finding must be about this row's outcome."""
    names = {txt(r.get("outcome")), txt(r.get("outcome_raw"))} - {""}
    return not names or any(n.lower() in message.lower() for n in names)
