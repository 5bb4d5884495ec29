"""Shared helpers for the checks: plain values out of typed frames, findings joined to their source row."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import Finding

Row = dict[str, Any]

# Sections that state this study's own numbers, summary first: a restatement is compared with the later sections.
SECTION_ORDER: dict[str, int] = {
    "abstract": 0, "conclusion": 1, "conclusions": 1, "discussion": 2, "results": 3, "methods": 4,
}  # fmt: skip
# Outcomes that are times or ages: a median or mean, never a proportion of patients.
TIME_OUTCOMES = frozenset(
    {"FOLLOW_UP", "AGE", "TIME_TO_HSCT", "NEUTROPHIL_ENGRAFTMENT", "PLATELET_ENGRAFTMENT", "TREATMENT_DURATION"}
)
_PCT = re.compile(r"(\d+(?:\.(\d+))?)\s*%")


def plain(v: Any) -> Any:
    """``pd.NA``/NaN -> None, numpy scalars -> Python scalars; an infinite number is no value either (missing)."""
    if v is None or v is pd.NA:
        return None
    v = v.item() if hasattr(v, "item") else v
    return None if isinstance(v, float) and not math.isfinite(v) else v


def rows(df: pd.DataFrame | None) -> list[dict[str, Any]]:
    if df is None or df.empty:
        return []
    return [{str(k): plain(v) for k, v in r.items()} for r in df.to_dict("records")]


def coherent(r: Row) -> bool:
    """Whether the outcome can be the statistic at all; an incoherent row (a misread) is left to the schema."""
    return not (text(r.get("outcome")) in TIME_OUTCOMES and text(r.get("statistic")) == "proportion")


def stated_rows(df: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Rows the consistency checks compare: coherent ones."""
    return [r for r in rows(df) if coherent(r)]


def text(v: Any) -> str:
    v = plain(v)
    return "" if v is None else str(v)


def num(v: float | int | None) -> str:
    """87.9 -> "87.9", 100.0 -> "100"."""
    if v is None:
        return "?"
    return f"{v:g}" if float(v) != int(v) else str(int(v))


def quals(subgroup: Any) -> frozenset[str]:
    """The subgroup's qualifiers as a set; ``all`` is the absence of a qualifier."""
    return frozenset(q.strip() for q in text(subgroup).split(";") if q.strip() and q.strip() != "all")


def arm_resolver(*frames: pd.DataFrame | None) -> dict[str, str]:
    """In a single-arm study ``all`` and the one named arm are the same group."""
    arms: set[str] = set()
    for df in frames:
        if df is not None and not df.empty and "arm" in df:
            arms |= {a for a in df["arm"].dropna().astype(str) if a and a != "all"}
    return {"all": next(iter(arms))} if len(arms) == 1 else {}


def arm_of(row: Row, resolve: Mapping[str, str]) -> str:
    arm = text(row.get("arm")) or "all"
    return resolve.get(arm, arm)


def group_label(arm: str, q: Iterable[str]) -> str:
    who = "all patients" if arm in ("", "all") else f"the {arm} arm"
    q = sorted(q)
    return f"{who} ({', '.join(q)})" if q else who


def where(row: Row) -> str:
    sec = text(row.get("section")) or "text"
    page = plain(row.get("page"))
    return f"{sec}, page {page}" if page is not None else sec


def decimals(value: float, quote: str) -> int:
    """Decimals the paper printed for ``value``: read from the quote, else from the number itself."""
    for m in _PCT.finditer(quote or ""):
        if abs(float(m.group(1)) - value) < 1e-9:
            return len(m.group(2) or "")
    s = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(s.split(".")[1]) if "." in s else 0


def reads_as(exact: float | Decimal, reported: float, places: int) -> bool:
    """Whether ``reported`` is ``exact`` rounded half-up or truncated at ``places`` decimals. Any finite magnitude
    and any count of places is compared exactly (a huge value must not outgrow the default 28 digits); a
    non-finite value reads as nothing."""
    d = Decimal(str(exact)) if not isinstance(exact, Decimal) else exact
    r = Decimal(str(reported))
    if not (d.is_finite() and r.is_finite()):
        return False
    q = Decimal(1).scaleb(-places)
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, max(d.adjusted(), r.adjusted(), 0) + places + 2)
        target = r.quantize(q, rounding=ROUND_HALF_UP)
        return target in (d.quantize(q, rounding=ROUND_HALF_UP), d.quantize(q, rounding=ROUND_DOWN))


def ratio_pct(events: int, total: int) -> Decimal:
    return Decimal(events) * 100 / Decimal(total)


def finding(
    row: Row,
    check: Check,
    severity: Severity,
    message: str,
    table: str = "evidence",
    ref: str | None = None,
    column: str = "",
    quote: str | None = None,
) -> Finding:
    """A validate finding that points at ``row``'s page and quote."""
    return Finding(
        study_id=text(row.get("study_id")),
        check=str(check),
        severity=str(severity),
        message=message,
        page=plain(row.get("page")),
        quote=text(row.get("quote")) if quote is None else quote,
        stage="validate",
        table=table,
        ref=text(row.get("evidence_id")) if ref is None else ref,
        column=column,
    )


def count_of(row: Row) -> int | None:
    """A patient count stated by a row: its events, else a whole-number value of a count."""
    ev = plain(row.get("events"))
    if ev is not None:
        return int(ev)
    val = plain(row.get("value"))
    if text(row.get("statistic")) == "count" and val is not None and float(val).is_integer():
        return int(val)
    return None


def stated_total(row: Row) -> int | None:
    """The denominator when the sentence states it (not one borrowed from the group size)."""
    total = plain(row.get("total"))
    return None if total is None or plain(row.get("total_derived")) else int(total)
