"""abstract_body_mismatch: one statistic for one group stated differently in two sections.

The abstract, conclusion and discussion restate the results and methods; a
restatement that disagrees is an error a reviewer must resolve. Each pair of
sections is compared once, the finding pointing at the more summary one.
Sentences that cite another study are not this study's numbers and are skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import Finding
from evidex.validate.common import (
    SECTION_ORDER,
    Row,
    arm_of,
    arm_resolver,
    decimals,
    finding,
    group_label,
    num,
    plain,
    quals,
    reads_as,
    stated_rows,
    stated_total,
)
from evidex.validate.common import text as txt

# "et al.", "(24)", "(27-30)", "[12]": a sentence reporting someone else's study.
_CITED = re.compile(r"et al\b|\(\s*\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\s*\)|\[\s*\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\s*\]")
_CLAUSE = re.compile(r"[;,]\s+|\s+(?:than|compared with|versus|vs\.?|whereas|while)\s+")
_OWN = re.compile(r"\b(present|our|this) (study|series|cohort)\b", re.I)


def check(evidence: pd.DataFrame) -> list[Finding]:
    resolve = arm_resolver(evidence)
    by_key: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in stated_rows(evidence):
        if txt(r.get("section")).lower() in SECTION_ORDER and not cites_other_study(r):
            by_key[key(r, resolve)].append(r)
    out: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    for group in by_key.values():
        group.sort(key=_rank)
        for i, s in enumerate(group):
            for b in group[i + 1 :]:
                if _rank(b) == _rank(s):
                    continue
                diff = differences(s, b)
                sig = (s.get("evidence_id"), txt(b.get("section")), tuple(diff))
                if diff and sig not in seen:
                    seen.add(sig)
                    out.append(_finding(s, b, diff))
    return out


def _rank(r: Row) -> int:
    return SECTION_ORDER[txt(r.get("section")).lower()]


def key(r: Row, resolve: dict[str, str]) -> tuple[Any, ...]:
    return (
        arm_of(r, resolve),
        quals(r.get("subgroup")),
        txt(r.get("outcome")),
        txt(r.get("statistic")),
        plain(r.get("timepoint_months")),
        txt(r.get("grade")),
    )


def cites_other_study(r: Row) -> bool:
    """Whether the clause holding the row's number reports another study (the sentence may hold both)."""
    if txt(r.get("section")).lower() == "abstract":
        return False
    quote = txt(r.get("quote"))
    clause = _clause_of(quote, r) or quote
    return bool(_CITED.search(clause)) and not _OWN.search(clause)


def _clause_of(quote: str, r: Row) -> str:
    for n in (plain(r.get("value")), plain(r.get("events"))):
        if n is None:
            continue
        for clause in _CLAUSE.split(quote):
            if re.search(rf"(?<![\d.]){re.escape(num(n))}(?![\d])", clause):
                return clause
    return ""


def differences(a: Row, b: Row) -> list[tuple[str, Any, Any]]:
    """Fields both rows state and state differently: events, stated totals, values (at printed precision)."""
    diff: list[tuple[str, Any, Any]] = []
    ea, eb = plain(a.get("events")), plain(b.get("events"))
    if ea is not None and eb is not None and ea != eb:
        diff.append(("events", ea, eb))
    ta, tb = stated_total(a), stated_total(b)
    if ta is not None and tb is not None and ta != tb:
        diff.append(("total", ta, tb))
    va, vb = plain(a.get("value")), plain(b.get("value"))
    if va is not None and vb is not None and not same_value(a, float(va), b, float(vb)):
        diff.append(("value", va, vb))
    return diff


def same_value(a: Row, va: float, b: Row, vb: float) -> bool:
    """Equal when the more precise one, rounded or truncated to the other's decimals, gives the other."""
    pa, pb = decimals(va, txt(a.get("quote"))), decimals(vb, txt(b.get("quote")))
    if pa <= pb:
        return reads_as(vb, va, pa)
    return reads_as(va, vb, pb)


def _describe(r: Row) -> str:
    ev, tot, val, unit = plain(r.get("events")), stated_total(r), plain(r.get("value")), txt(r.get("unit"))
    pct = unit == "%" or txt(r.get("statistic")) == "proportion"
    suffix = "%" if pct else f" {unit}" if unit else ""
    parts = [f"{num(val)}{suffix}"] if val is not None else []
    if ev is not None:
        parts.append(f"{ev}/{tot}" if tot is not None else f"{ev}")
    return " ".join(f"({p})" if i else p for i, p in enumerate(parts)) or "?"


def _finding(s: Row, b: Row, diff: list[tuple[str, Any, Any]]) -> Finding:
    label = txt(s.get("outcome_raw")) or txt(s.get("outcome"))
    who = group_label(txt(s.get("arm")), quals(s.get("subgroup")))
    where_b = txt(b.get("section")) + (f", page {plain(b.get('page'))}" if plain(b.get("page")) is not None else "")
    fields = ", ".join(f"{name} {num(x)} vs {num(y)}" for name, x, y in diff)
    msg = (
        f"{label} for {who} is {_describe(s)} in the {txt(s.get('section'))} but {_describe(b)} in the "
        f"{where_b} ({fields})."
    )
    ref = f"{txt(s.get('evidence_id'))};{txt(b.get('evidence_id'))}"
    return finding(s, Check.ABSTRACT_BODY_MISMATCH, Severity.ERROR, msg, ref=ref, column=diff[0][0])
