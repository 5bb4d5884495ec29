"""table_text_mismatch / table_text_agreement: counts from per-patient tables against the text's claims.

``aggregates`` holds what the per-patient tables add up to (CR patients, alive
patients, transplants by graft source...). A text statement of the same
outcome for the same group either agrees (info: the reviewer sees the match)
or disagrees (error). A text percent without counts is compared as a percent;
a mismatch there is only a warning because the text may give a Kaplan-Meier
estimate rather than a crude proportion.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import Finding
from evidex.validate.common import (
    Row,
    arm_of,
    arm_resolver,
    decimals,
    finding,
    group_label,
    num,
    plain,
    quals,
    ratio_pct,
    reads_as,
    rows,
    stated_rows,
    stated_total,
    where,
)
from evidex.validate.common import text as txt

# Qualifiers implied by the outcome itself: a graft source is only ever counted among transplanted patients.
_IMPLIED = {"GRAFT_": frozenset({"HSCT", "CR"})}


def check(evidence: pd.DataFrame, aggregates: pd.DataFrame) -> list[Finding]:
    if aggregates is None or aggregates.empty:
        return []
    resolve = arm_resolver(evidence, aggregates)
    text_rows: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in stated_rows(evidence):
        if plain(r.get("timepoint_months")) is None and txt(r.get("statistic")) in ("count", "proportion"):
            text_rows[key(r, resolve)].append(r)
    aggs = rows(aggregates)
    sizes = _table_group_sizes(aggs, resolve)
    out: list[Finding] = []
    for agg in aggs:
        k = key(agg, resolve)
        for r in text_rows.get(k, []):
            f = compare(agg, r, sizes.get(k[:2], 0))
            if f is not None:
                out.append(f)
    return out


def _table_group_sizes(aggs: list[Row], resolve: dict[str, str]) -> dict[tuple[Any, ...], int]:
    """Per group, the most patients any table statistic counts: rows missing from one statistic were unreadable."""
    out: dict[tuple[Any, ...], int] = {}
    for a in aggs:
        tot, k = plain(a.get("total")), key(a, resolve)[:2]
        if tot is not None and txt(a.get("statistic")) in ("count", "proportion") and not _is_graft(a):
            out[k] = max(out.get(k, 0), int(tot))
    return out


def _is_graft(r: Row) -> bool:
    return txt(r.get("outcome")).startswith("GRAFT_")  # counts transplants, not patients


def key(r: Row, resolve: dict[str, str]) -> tuple[Any, ...]:
    outcome = txt(r.get("outcome"))
    q = quals(r.get("subgroup"))
    for prefix, implied in _IMPLIED.items():
        if outcome.startswith(prefix):
            q = q - implied
    return arm_of(r, resolve), q, outcome


def _table_name(agg: Row) -> str:
    return txt(agg.get("source_table")) or "the per-patient table"


def compare(agg: Row, r: Row, group_size: int = 0) -> Finding | None:
    a_ev, a_tot = plain(agg.get("events")), plain(agg.get("total"))
    t_ev, t_tot, t_val = plain(r.get("events")), stated_total(r), plain(r.get("value"))
    if a_ev is None:
        return None
    if _is_graft(agg):
        group_size = 0  # graft sources count transplants: the patients' group size says nothing of them
    # Rows the table could not be read for: fewer known than the text's group or than the table's own group.
    unread = max(0, (t_tot or 0) - (a_tot or 0), group_size - (a_tot or group_size)) if a_tot is not None else 0
    if t_ev is not None:
        return _compare_counts(agg, r, int(a_ev), int(t_ev), t_tot, unread)
    if t_val is not None and a_tot:
        return _compare_percent(agg, r, int(a_ev), int(a_tot), float(t_val), unread)
    return None


def _compare_counts(agg: Row, r: Row, a_ev: int, t_ev: int, t_tot: int | None, unread: int) -> Finding | None:
    if unread and a_ev <= t_ev <= a_ev + unread:
        return None  # the unreadable rows decide it: nothing to say either way
    said = f"{t_ev}/{t_tot}" if t_tot is not None else f"{t_ev}"
    counted = _agg_text(agg) + (f" readable rows ({unread} unreadable)" if unread else "")
    return _finding(agg, r, said, counted, t_ev != a_ev, True)


def _compare_percent(agg: Row, r: Row, a_ev: int, a_tot: int, t_val: float, unread: int) -> Finding | None:
    places = decimals(t_val, txt(r.get("quote")))
    if reads_as(ratio_pct(a_ev, a_tot), t_val, places) and not unread:
        return _finding(
            agg, r, f"{num(t_val)}%", f"{_agg_text(agg)} = {float(ratio_pct(a_ev, a_tot)):.1f}%", False, False
        )
    if any(reads_as(ratio_pct(a_ev + k, a_tot + unread), t_val, places) for k in range(unread + 1)):
        return None  # true for some reading of the unreadable rows
    counted = f"{_agg_text(agg)} = {float(ratio_pct(a_ev, a_tot)):.1f}%" + (f" ({unread} unreadable)" if unread else "")
    return _finding(agg, r, f"{num(t_val)}%", counted, True, False)


def _agg_text(agg: Row) -> str:
    a_ev, a_tot = plain(agg.get("events")), plain(agg.get("total"))
    if a_tot is None or (txt(agg.get("outcome")) == "ENROLLED" and a_ev == a_tot):
        return f"{a_ev}"  # a head count has no denominator worth printing
    return f"{a_ev}/{a_tot}"


def _finding(agg: Row, r: Row, said: str, counted: str, differs: bool, counts: bool) -> Finding:
    label = txt(r.get("outcome_raw")) or txt(agg.get("outcome"))
    who = group_label(txt(r.get("arm")), quals(r.get("subgroup")))
    table = _table_name(agg)
    ref = f"{txt(r.get('evidence_id'))};{txt(agg.get('evidence_id'))}"
    if not differs:
        msg = f"{label} for {who}: {said} in the text ({where(r)}) = {counted} in {table}."
        return finding(r, Check.TABLE_TEXT_AGREEMENT, Severity.INFO, msg, ref=ref, column="events")
    sev = Severity.ERROR if counts else Severity.WARNING
    hint = "" if counts else " (the text may give a Kaplan-Meier estimate)"
    msg = f"{label} for {who}: the text ({where(r)}) says {said}, but {table} gives {counted}{hint}."
    return finding(r, Check.TABLE_TEXT_MISMATCH, sev, msg, ref=ref, column="events" if counts else "value")
