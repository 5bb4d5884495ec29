"""percent_mismatch: a reported percent that is not events/total at the printed precision.

Papers both round and truncate (25/26 = 96.15 printed as 96.1), so either is
accepted at the number of decimals the paper printed; anything else is an error.
A percent with a count but no stated denominator ("4 cases (26.6%)") is an
error only when no whole number of patients gives it, and a warning when every
such number exceeds the group's size; a smaller one may be the evaluable patients.
"""

from __future__ import annotations

from decimal import Decimal

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
    stated_total,
)
from evidex.validate.common import text as txt
from evidex.validate.sums import group_sizes

MAX_N = 100_000  # no clinical series is larger; bounds the search for a denominator


def check(evidence: pd.DataFrame) -> list[Finding]:
    recs = rows(evidence)  # arithmetic holds whatever the outcome label
    resolve = arm_resolver(evidence)
    sizes = group_sizes(recs, resolve)
    largest = _largest_denominators(recs, resolve)
    out = []
    for r in recs:
        if plain(r.get("total")) is None:
            r = _with_group_size(r, sizes, largest, resolve)
        if (f := _check_row(r)) is not None:
            out.append(f)
    return out


def _largest_denominators(recs: list[Row], resolve: dict[str, str]) -> dict[tuple[str, frozenset[str]], int]:
    """Per group, the largest denominator any sentence states: the group has at least that many patients."""
    out: dict[tuple[str, frozenset[str]], int] = {}
    for r in recs:
        tot = stated_total(r)
        if tot is not None:
            k = (arm_of(r, resolve), quals(r.get("subgroup")))
            out[k] = max(out.get(k, 0), tot)
    return out


def _with_group_size(r: Row, sizes: dict, largest: dict, resolve: dict[str, str]) -> Row:
    """No denominator at all: borrow the group's stated size (or its largest stated denominator), as a guess."""
    k = (arm_of(r, resolve), quals(r.get("subgroup")))
    known = {s.n for s in sizes.get(k, [])}
    size = next(iter(known)) if len(known) == 1 else None if known else largest.get(k)
    return {**r, "total": size, "total_derived": True} if size else r


def _checkable(r: Row) -> tuple[int, int | None, float] | None:
    ev, tot, val = plain(r.get("events")), plain(r.get("total")), plain(r.get("value"))
    if txt(r.get("statistic")) != "proportion" or ev is None or val is None or ev < 0:
        return None
    if not 0 <= val <= 100:
        return None  # the schema reports a percent outside 0-100 (proportion_0_100)
    if tot is not None and (tot <= 0 or ev > tot):
        if not plain(r.get("total_derived")):
            return None  # the schema reports impossible counts
        tot = None  # a borrowed group size that cannot hold the events is the wrong group
    return int(ev), None if tot is None else int(tot), float(val)


def denominators(events: int, value: float, places: int, limit: int = MAX_N) -> list[int] | None:
    """Every whole N (events <= N <= limit) for which events/N prints as ``value``; None when too many to list."""
    if events == 0:
        return [limit] if value == 0 else []
    h = Decimal(5).scaleb(-places - 1)
    v = Decimal(str(value))
    # Rounding reaches down to v - h, truncation up to v + 2h: N lies between these bounds.
    lo = max(events, int(Decimal(events) * 100 / (v + 2 * h)))
    hi = limit if v - h <= 0 else min(limit, int(Decimal(events) * 100 / (v - h)) + 1)
    if hi - lo > 5000:
        return None
    return [n for n in range(lo, hi + 1) if reads_as(ratio_pct(events, n), value, places)]


def _check_row(r: Row) -> Finding | None:
    got = _checkable(r)
    if got is None:
        return None
    ev, tot, val = got
    places = decimals(val, txt(r.get("quote")))
    if tot is not None and reads_as(ratio_pct(ev, tot), val, places):
        return None
    if tot is not None and not plain(r.get("total_derived")):
        return _stated(r, ev, tot, val, places)
    fits = denominators(ev, val, places)
    if fits == []:
        return _no_denominator(r, ev, val)
    if tot is not None and fits is not None and min(fits) > tot:
        return _exceeds_group(r, ev, tot, val, fits)
    return None  # another denominator (evaluable patients) may explain it


def _label(r: Row) -> str:
    who = group_label(txt(r.get("arm")), quals(r.get("subgroup")))
    sec = txt(r.get("section")) or "text"
    return f"{txt(r.get('outcome_raw')) or txt(r.get('outcome'))} for {who} ({sec})"


def _stated(r: Row, ev: int, tot: int, val: float, places: int) -> Finding:
    exact = float(ratio_pct(ev, tot))
    msg = (
        f"{_label(r)} is reported as {num(val)}% ({ev}/{tot}), but {ev}/{tot} = {exact:.{max(places, 1)}f}%; "
        "check the percent, the count and the denominator."
    )
    return finding(r, Check.PERCENT_MISMATCH, Severity.ERROR, msg, column="value")


def _no_denominator(r: Row, ev: int, val: float) -> Finding:
    msg = (
        f"{_label(r)}: {ev} patients are reported as {num(val)}%, but {ev} is not {num(val)}% of any whole number "
        "of patients; check the count and the percent."
    )
    return finding(r, Check.PERCENT_MISMATCH, Severity.ERROR, msg, column="value")


def _exceeds_group(r: Row, ev: int, tot: int, val: float, fits: list[int]) -> Finding:
    implied = f"{fits[0]}" if len(fits) == 1 else f"{fits[0]}-{fits[-1]}"
    msg = (
        f"{_label(r)} is reported as {num(val)}% of {ev} patients, which implies {implied} patients, "
        f"more than the {tot} in the group; check the count and the percent."
    )
    # The group size is borrowed by the parser, not stated in the sentence: a look, not a verdict.
    return finding(r, Check.PERCENT_MISMATCH, Severity.WARNING, msg, column="value")
