"""The number grammar of reported statistics: one regex per written form, longest first.

Each form is a named, versioned rule; ``find`` returns non-overlapping matches
with their offsets so a row can quote exactly the words it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidex.evidence.text.numbers import NUM, as_int, parse_number

_N = rf"(?P<{{0}}>{NUM})"
_CASES = r"\s?(?:cases?|patients?|children|subjects|participants|persons|pts|adults|people|events?)?"
_PCT = r"\s?%"
_DASH = r"\s*(?:[-–—~]|to)\s*"
_UNIT = r"\s?(?P<unit>months?|days?|years?|weeks?|mo|d|y)\b"


def _n(name: str) -> str:
    return _N.format(name)


@dataclass(frozen=True, slots=True)
class Stat:
    rule: str
    start: int
    end: int
    value: float | None = None
    events: int | None = None
    total: int | None = None
    low: float | None = None
    high: float | None = None
    spread: str = ""  # IQR | range | 95% CI | SD | SE, or "interval" until the context decides
    spread_value: float | None = None
    unit: str = ""
    percent: bool = False
    hr: bool = False


_P_PAREN_TAIL = r"\s*[,;][^()]*"
_CI95 = r"95\s?%\s?CI\s*[:,=]?\s*"
_POP = r"\s?(?:patients|cases|children|subjects|participants|evaluable)\b"
_V, _E, _T, _LO, _HI = _n("value"), _n("events"), _n("total"), _n("low"), _n("high")
_TIME = r"(?:months?|days?|years?)"
FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.I))
    for name, rx in (
        ("hr.v1", rf"(?:\bHR|hazard ratio)(?:\s+for\s+[a-z]+)?\s*(?:[=:,]|of|was)?\s*{_V}\s*(?:[,;(]\s*)?"
                  rf"(?:{_CI95}{_LO}{_DASH}{_HI}\)?)?"),
        ("pct_ci.v1", rf"{_V}{_PCT}\s*[(\[,]\s*{_CI95}{_LO}%?{_DASH}{_HI}%?\s*[)\]]?"),
        ("value_ci.v1", rf"{_V}(?:{_UNIT})?\s*[(\[]\s*{_CI95}{_LO}{_DASH}{_HI}\s*[)\]]"
                        r"(?:\s?(?P<unit1>months?|days?|years?|weeks?)\b)?"),
        ("pct_frac.v1", rf"{_V}{_PCT}\s*\(\s*{_E}{_CASES}\s*/\s*{_T}{_CASES}\s*(?:\)|(?={_P_PAREN_TAIL}\)))"),
        ("frac_pct.v1", rf"{_E}\s*/\s*{_T}{_CASES}\s*\(\s*{_V}{_PCT}\s*\)"),
        ("pct_count.v1", rf"{_V}{_PCT}\s*\(\s*{_E}{_CASES}\s*\)"),
        ("pct_then_frac.v1", rf"{_V}{_PCT}\s*[,;]\s*{_E}\s*/\s*{_T}(?![\d/])"),
        ("count_of_pct.v1", rf"{_E}\s+of\s+(?:the\s+|all\s+)?{_T}{_CASES}\s*\(\s*{_V}{_PCT}\s*\)"),
        ("count_of_later_pct.v1", rf"(?<![\d.]){_E}\s+of\s+(?:the\s+|all\s+)?{_T}{_CASES}[^()\d;,]{{1,40}}?"
                                  rf"\(\s*{_V}{_PCT}\s*\)"),
        ("count_of.v1", rf"(?<![\d.]){_E}\s+of\s+(?:the\s+|all\s+)?{_T}{_POP}"),
        ("count_pct_paren.v1", rf"\(\s*{_E}{_CASES}\s*[,;]\s*{_V}{_PCT}\s*\)"),
        ("count_pct.v1", rf"{_E}(?:{_CASES}|(?:\s[A-Za-z-]+){{1,2}}?)\s*\(\s*{_V}{_PCT}\s*\)"),
        ("mean_sd.v1", rf"{_V}\s*(?:±|\+/-|\+-)\s*{_n('sd')}(?:{_UNIT})?"),
        ("median_interval.v1", rf"{_V}\s*(?P<unit0>{_TIME})?\s*[(\[]\s*(?P<kw>range|IQR|interquartile range)?"
                               rf"[:,=]?\s*{_LO}{_DASH}{_HI}\s*(?P<unit1>{_TIME})?\s*[)\]](?:{_UNIT})?"),
        ("interval_only.v1", rf"(?<![\d.%])\s?[(\[]\s*(?P<kw>range|IQR)?[:,=]?\s*{_LO}{_DASH}{_HI}\s*[)\]]{_UNIT}"),
        # "One child died of transplant-related causes (12.5%)": a count, a short clause, its percent
        ("count_clause_pct.v1", rf"(?<![\d.]){_E}\s+(?:[A-Za-z][A-Za-z-]*\s+){{2,7}}?\(\s*{_V}{_PCT}\s*\)"),
        ("frac.v1", rf"(?<![\d/]){_E}\s*/\s*{_T}(?![\d/])"),
        ("value_unit.v1", rf"{_V}{_UNIT}"),
        ("pct.v1", rf"(?<![<>≤≥])(?<![<>≤≥] ){_V}{_PCT}(?!\s?CI)"),  # "<0.01%" is a threshold, not a result
        ("count.v1", rf"{_E}\s?(?:cases?|patients?|children|subjects|participants|(?:(?:serious )?adverse )?"
                     r"events?)\b"),
    )
)  # fmt: skip

_P = re.compile(r"\bp\s*(?P<op>=|<|>|≤|≥|<=|>=)\s*(?P<v>0?[.·]\d+|1(?:\.0+)?)", re.I)


@dataclass(frozen=True, slots=True)
class PValue:
    start: int
    end: int
    value: float
    operator: str


def p_values(text: str) -> list[PValue]:
    ops = {"≤": "<", "≥": ">", "<=": "<", ">=": ">"}
    out = []
    for m in _P.finditer(text):
        out.append(PValue(m.start(), m.end(), float(m["v"].replace("·", ".")), ops.get(m["op"], m["op"])))
    return out


def find(text: str) -> list[Stat]:
    """Every statistic written in ``text``, longest form first, none overlapping (and none inside a p-value)."""
    return list(_find(text))


@lru_cache(maxsize=2048)
def _find(text: str) -> tuple[Stat, ...]:
    taken = [(p.start, p.end) for p in p_values(text)]
    out: list[Stat] = []
    for name, rx in FORMS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            stat = _build(name, m)
            if stat is not None:
                taken.append((m.start(), m.end()))
                out.append(stat)
    return tuple(sorted(out, key=lambda s: s.start))


def _num(m: re.Match[str], key: str) -> float | None:
    grp = m.groupdict().get(key)
    return parse_number(grp) if grp else None


def _unit(m: re.Match[str]) -> str:
    raw = next((m.groupdict().get(k) for k in ("unit", "unit1", "unit0") if m.groupdict().get(k)), "") or ""
    raw = raw.lower()
    return {"mo": "months", "d": "days", "y": "years"}.get(raw, raw if raw.endswith("s") else raw + "s" if raw else "")


def _build(name: str, m: re.Match[str]) -> Stat | None:
    g = m.groupdict()
    value, events, total = _num(m, "value"), as_int(_num(m, "events")), as_int(_num(m, "total"))
    low, high = _num(m, "low"), _num(m, "high")
    if name == "frac.v1" and (total is None or events is None or total == 0 or events > total or total in (10,)):
        return None  # HLA "5/10" and dates are not proportions
    if name.startswith(("pct", "count_pct", "frac_pct")) and value is not None and value > 100:
        return None
    spread = ""
    if low is not None:
        spread = "95% CI" if name in ("hr.v1", "pct_ci.v1", "value_ci.v1") else _interval_kind(g.get("kw"))
    return Stat(
        rule=name,
        start=m.start(),
        end=m.end(),
        value=value,
        events=events,
        total=total,
        low=low,
        high=high,
        spread="SD" if name == "mean_sd.v1" else spread,
        spread_value=_num(m, "sd"),
        unit=_unit(m),
        percent=bool(g.get("value")) and m.string[m.end("value") : m.end("value") + 2].strip().startswith("%"),
        hr=name == "hr.v1",
    )


def _interval_kind(keyword: str | None) -> str:
    if not keyword:
        return "interval"
    return "range" if keyword.lower() == "range" else "IQR"
