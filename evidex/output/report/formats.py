"""Plain-text renderings of values (numbers, counts, intervals, effects); the templates do the markup."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Row = Mapping[str, Any]


def blank(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, float) and v != v)


def num(v: Any) -> str:
    if blank(v):
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.4g}"
    return str(v)


def text(v: Any) -> str:
    return num(v) if isinstance(v, int | float) else ("" if blank(v) else str(v))


def join(*parts: str, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def p_value(row: Row) -> str:
    if blank(row.get("p_value")):
        return ""
    return f"p {row.get('p_operator') or '='} {num(row['p_value'])}"


def interval(row: Row, low: str = "low", high: str = "high", name: str = "") -> str:
    if blank(row.get(low)) and blank(row.get(high)):
        return ""
    return join(name, f"{num(row.get(low))}–{num(row.get(high))}", sep=" ")


def _with_unit(value: Any, unit: Any) -> str:
    if blank(value):
        return ""
    u = text(unit)
    return f"{num(value)}{u}" if u == "%" else join(num(value), u, sep=" ")


def evidence_value(row: Row) -> str:
    """ "6/14 · 42.9%", "median 8.5 months (range 2.6–14.2)", "hazard ratio 0.62 (95% CI 0.21–1.83)"."""
    count = ""
    if not blank(row.get("events")):
        count = num(row["events"]) + (f"/{num(row['total'])}" if not blank(row.get("total")) else "")
    stat = text(row.get("statistic"))
    value = _with_unit(row.get("value"), row.get("unit"))
    if not value and stat == "median" and not count:
        value = "not reached"
    if value and stat not in ("", "proportion", "count"):
        value = f"{stat.replace('_', ' ')} {value}"
    spread = text(row.get("spread"))
    extra = interval(row, name=spread or "range")
    if not extra and not blank(row.get("spread_value")):
        extra = join(spread, num(row["spread_value"]), sep=" ")
    return join(count, value) + (f" ({extra})" if extra else "")


def evidence_outcome(row: Row) -> tuple[str, str]:
    title = text(row.get("outcome")) or text(row.get("outcome_raw"))
    when = f"{num(row['timepoint_months'])} months" if not blank(row.get("timepoint_months")) else ""
    grade = f"grade {row['grade']}" if text(row.get("grade")) not in ("", "any") else ""
    subgroup = text(row.get("subgroup")) if text(row.get("subgroup")) not in ("", "all") else ""
    return title, join(grade, when, subgroup)


def arm_pair(row: Row) -> tuple[str, str]:
    e = text(row.get("arm_e_label")) or text(row.get("arm_e"))
    c = text(row.get("arm_c_label")) or text(row.get("arm_c"))
    return f"{e} vs {c}", join(text(row.get("arm_e")), text(row.get("arm_c")), sep=" vs ")


def _group(row: Row, side: str) -> str:
    n = num(row.get(f"n_{side}"))
    if not blank(row.get(f"events_{side}")):
        return f"{num(row[f'events_{side}'])}/{n}" if n else num(row[f"events_{side}"])
    if not blank(row.get(f"mean_{side}")):
        sd = f" ± {num(row[f'sd_{side}'])}" if not blank(row.get(f"sd_{side}")) else ""
        return f"{num(row[f'mean_{side}'])}{sd}" + (f" (n {n})" if n else "")
    return f"n {n}" if n else "–"


def comparison_data(row: Row) -> str:
    return f"{_group(row, 'e')} vs {_group(row, 'c')}"


def comparison_effect(row: Row) -> str:
    if blank(row.get("effect_value")):
        return text(row.get("effect"))
    ci = interval(row, "effect_low", "effect_high", "95% CI")
    return join(text(row.get("effect")), num(row["effect_value"]), sep=" ") + (f" ({ci})" if ci else "")
