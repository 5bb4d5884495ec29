"""A cell's shape plus the cues around it -> the statistic it reports (n (%), mean (SD), median (IQR), ...).

Cues are tried nearest first: the row label, the column header, then the caption and footnotes
("Values are mean (SD) or n (%)"). Without a cue, arithmetic decides "12 (10.0)": 12 of the
arm's 120 is 10.0%, so it is n (%). A reading that breaks arithmetic (events above the group
size, a percent above 100) is not a value: the caller flags it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidex.evidence.tables.grammar import Shape

_INTERVAL_CUES = {
    "median_iqr": ("median", "IQR"),
    "median_range": ("median", "range"),
    "median_ci": ("median", "95% CI"),
    "mean_ci": ("mean", "95% CI"),
}


@dataclass
class Reading:
    statistic: str
    rule: str
    events: int | None = None
    total: int | None = None
    value: float | None = None
    spread: str = ""
    spread_value: float | None = None
    low: float | None = None
    high: float | None = None
    total_derived: bool = False
    derived: list[str] = field(default_factory=list)


def _is_int(x: float | None) -> bool:
    return x is not None and float(x).is_integer()


def fits_printed(events: float, n: int | None, pct: float, slack: int = 2) -> bool:
    """n is the denominator of "events (pct)": events/n gives the printed percent roughly, and to within one unit of
    its last digit (rounded or cut off) n itself or an n a patient or two either side does (those analysed, a slip:
    49 (41.2) of 120 is 49 of 119), or no n at all does (a misprint: 3 (18.6) of 16). 9 (2.9) of 326 is 9 of about
    310, far from 326: the row counts another denominator (those assessed)."""
    if not n or events > n or not _pct_fits(events, n, pct):
        return False
    if any(_printed(events, m, pct) for m in range(max(n - slack, 1), n + slack + 1)):
        return True
    return not any(_printed(events, m, pct) for m in range(max(int(events), 1), n))


def _printed(events: float, n: int, pct: float) -> bool:
    return abs(100 * events / n - pct) <= 2 * _half_unit(pct)


def _pct_fits(events: float, n: int | None, pct: float) -> bool:
    """events/n rounds to the printed percent (with room for the analysed n differing by a patient or two)."""
    if not n or events > n:
        return False
    return abs(100 * events / n - pct) <= max(0.6, 0.02 * pct)


def interpret(s: Shape, cues: list[str], n: int | None, label: str = "", near: int | None = None) -> Reading | None:
    """The statistic a cell holds, or None when neither the cues nor the numbers say what it is.

    ``cues`` run nearest first; the first ``near`` of them (the row's own label, the column header) beat
    arithmetic, the rest (a section above, the caption) do not: "54 (57.4)" of 94 under "BMI (SD)" is n (%).
    """
    near = len(cues) if near is None else near
    fits = s.a is not None and s.b is not None and _is_int(s.a) and _pct_fits(s.a, n, s.b)
    if s.kind == "paren" and not near and fits:
        cues = ["n_pct"]
    if s.kind == "frac" and re.search(r"[a-z]{3,}\s*/\s*[a-z]{3,}", label, re.I):
        return None  # "Male / Female: 14 / 8" is two counts, not 14 of 8
    cue = next((c for c in cues if c), "")
    if s.kind in ("frac_pct", "pct_frac"):
        return _proportion(int(s.a or 0), s.n, s.b, "frac_pct")
    if s.kind == "frac":
        return _proportion(int(s.a or 0), s.n, None, "frac")
    if s.kind in ("pm", "pm_ci"):
        se = "se" in cue or "mean_se" in cues
        r = Reading("median" if cue.startswith("median") else "mean", f"{s.kind}", value=s.a,
                    spread="SE" if se else "SD", spread_value=s.b)  # fmt: skip
        r.total = s.n
        return r
    if s.kind == "interval":
        return _interval(s, cue, cues)
    cues = [_score_as_mean(c, i < near or s.kind in ("paren", "pm", "pm_ci")) for i, c in enumerate(cues)]
    cue = next((c for c in cues if c), "")
    if s.kind == "paren":
        return _paren(s, cue, cues, n)
    if s.kind == "pct":
        return _percent(s.a, n)
    if s.kind == "number":
        return _number(s, cue, n)
    if s.kind == "not_reached" and cue.startswith("median"):
        return Reading("median", "not_reached")
    return None


def _score_as_mean(cue: str, applies: bool) -> str:
    """ "Pain score": a mean when the cell is "a (b)" or "a ± b" (arithmetic has already taken n (%)), and a lone
    number under a row label or column header that says so; a caption or footnote's score ("a higher score means
    ...") makes no lone number a mean, and no cue word "score" makes an interval one."""
    return cue if cue != "score" else ("mean" if applies else "")


def _proportion(events: int, total: int | None, pct: float | None, rule: str) -> Reading | None:
    if total is not None and (events > total or total == 0):
        return None
    r = Reading("proportion", rule, events=events, total=total, value=pct)
    if pct is None and total:
        r.value = round(100 * events / total, 1)
        r.derived.append("percent_from_events")
    return r


def _percent(pct: float | None, n: int | None) -> Reading | None:
    if pct is None or not 0 <= pct <= 100:
        return None
    r = Reading("proportion", "pct", value=pct, total=n, total_derived=n is not None)
    if n:
        events = round(pct * n / 100)
        if abs(100 * events / n - pct) <= _half_unit(pct):
            r.events = events
            r.derived.append("events_from_percent")
    return r


def _half_unit(pct: float) -> float:
    """Half a unit of the printed precision: 87 -> 0.5, 31.6 -> 0.05."""
    text = f"{pct:g}"
    return 0.5 * 10 ** -(len(text.split(".")[1]) if "." in text else 0) + 1e-9


def _interval(s: Shape, cue: str, cues: list[str]) -> Reading | None:
    known = next((_INTERVAL_CUES[c] for c in cues if c in _INTERVAL_CUES), None)
    if known is None and cue == "median":
        known = ("median", "")
    if known is None and cue == "mean":
        known = ("mean", "")  # "4 (3-5)" under "mean": an interval of unknown kind, never assumed a 95% CI
    if known is None and s.pct_a:
        known = ("proportion", "95% CI")
    if known is None:
        return None
    stat, spread = known
    if s.lo is not None and s.hi is not None and s.lo > s.hi:
        return None
    return Reading(stat, "interval", value=s.a, spread=spread, low=s.lo, high=s.hi)


def _paren(s: Shape, cue: str, cues: list[str], n: int | None) -> Reading | None:
    a, b = s.a, s.b
    if a is None or b is None:
        return None
    sd = cue in ("mean_sd", "sd") or "mean_sd" in cues or "sd" in cues
    se = cue in ("mean_se", "se") or "mean_se" in cues or "se" in cues
    if s.pct_a and (s.pct_b or cue in ("mean_sd", "sd", "mean_se", "se")):
        # "84% (30%)": a percent's spread in percent, never a count; a mean percent (SD) of clusters when a cue says
        # so ("Cluster-level prevalence, mean (SD)"), else nothing tells what the second percent is. Under the
        # header's own "(SD)", "84% (30)" is that mean and SD too
        return _mean(a, b, sd, se) if sd or se else None
    if cue == "pct_n" or (s.pct_a and _is_int(b)):
        return _proportion(int(b), n, a, "pct_count") if _is_int(b) else None
    if cue == "n_pct" or s.pct_b or (cue in ("", "pct") and _is_int(a) and _pct_fits(a, n, b)):
        if not _is_int(a) or not 0 <= b <= 100:
            return None
        r = Reading("proportion", "count_pct", events=int(a), total=n, value=b, total_derived=n is not None)
        return None if n is not None and a > n else r
    if sd or se or cue == "mean":
        return _mean(a, b, sd, se, s.n)
    return None


def _mean(a: float, b: float, sd: bool, se: bool, total: int | None = None) -> Reading | None:
    if b < 0:
        return None
    spread = "SE" if se and not sd else ("SD" if sd else "")
    return Reading("mean", "mean_paren", value=a, spread=spread, spread_value=b, total=total)


def _number(s: Shape, cue: str, n: int | None) -> Reading | None:
    a = s.a
    if a is None:
        return None
    if cue == "pct":
        return _percent(a, n)
    if cue in ("n_pct", "n") and _is_int(a):
        if n is not None and a > n:
            return None
        return Reading("count", "count", events=int(a), total=n, total_derived=n is not None)
    if cue in ("mean", "mean_sd", "mean_se", "mean_ci"):
        return Reading("mean", "number", value=a)
    if cue.startswith("median"):
        return Reading("median", "number", value=a)
    return None


def composite(parts: dict[str, Shape], cues: list[str], n: int | None) -> Reading | None:
    """One arm's statistic printed over several columns: n | Mean | SD (or 95% CI, or events | %)."""
    def num(role: str) -> float | None:
        s = parts.get(role)
        return s.a if s is not None and s.kind in ("number", "pct") else None

    own_n = num("n")
    total = int(own_n) if own_n is not None and _is_int(own_n) else n
    if "events" in parts or ("pct" in parts and "mean" not in parts):
        events, pct = num("events"), num("pct")
        if events is not None and _is_int(events):
            return _proportion(int(events), total, pct, "columns")
        return _percent(pct, total)
    stat = "median" if "median" in parts else "mean"
    value = num(stat)
    if value is None:
        return None
    r = Reading(stat, "columns", value=value, total=total if own_n is not None else None)
    if num("sd") is not None:
        r.spread, r.spread_value = "SD", num("sd")
    elif num("se") is not None:
        r.spread, r.spread_value = "SE", num("se")
    else:
        iv = parts.get("ci") or parts.get("range")
        if iv is not None and iv.lo is not None and iv.hi is not None:
            r.spread = "95% CI" if "ci" in parts else ("range" if "range" in cues else "IQR")
            r.low, r.high = iv.lo, iv.hi
    return r
