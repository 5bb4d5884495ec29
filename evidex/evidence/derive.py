"""Values a meta-analyst computes from what a paper prints (Cochrane Handbook, section 6.5.2), each a named rule.

In place, on a row that lacks the value:
- ``total_from_group_size``: a proportion's denominator is its arm's n (also the denominator of a sentence's
  count of the patients of one group, "45 patients in the intervention group had died");
- ``total_from_percent``: n = events x 100 / percent, kept only when it is the one whole number that gives back
  the printed percent (a rounded "9%" of 166 fits any n from 1747 to 1953: none is derived) and is no larger
  than the arm;
- ``events_from_percent``: events = percent x n / 100, kept only when it rounds back to the printed percent;
- ``percent_from_events``: percent = events / n.
As a new row beside the printed one (the printed SE or CI stays as printed):
- ``sd_from_se``: SD = SE x sqrt(n) (6.5.2.2);
- ``sd_from_ci``: SD = sqrt(n) x (upper - lower) / (2 x t), t the 97.5% point of the t distribution with
  n - 1 degrees of freedom for n < 60, else 1.96 (6.5.2.2).
Every derived value names its rule in ``derived``.
"""

from __future__ import annotations

import math
from dataclasses import replace

from scipy.stats import t as student_t

from evidex.evidence import outcomes
from evidex.evidence.study import StudyModel
from evidex.models import Evidence

LARGE_SAMPLE = 60


_PATIENTS_OF_GROUP = ("stmt.count_in_group.v1", "stmt.count_number_of.v1")


def _join(*rules: str) -> str:
    return ";".join(dict.fromkeys(r for x in rules for r in x.split(";") if r))


def fill(row: Evidence, study: StudyModel) -> Evidence:
    """The in-place rules on one row (never on a survival estimate: 59% at 3 years is no count of events)."""
    if outcomes.facts(row.outcome, row.code_system).time_to_event:
        return row
    arm = study.by_id(row.arm_id) if row.arm_id else None
    whole_arm = row.section != "table" and row.subgroup in ("", "all")  # a table's own n is read by its reader
    # "45 patients in the intervention group had died", "the number of patients requiring X in the TAP group was
    # 8": patients of the group counted, so of the group's size (the count stays a count, as printed)
    counted = (row.statistic == "count" and row.prov.method in _PATIENTS_OF_GROUP and row.events is not None
               and arm is not None and arm.n is not None and row.events <= arm.n)  # fmt: skip
    if (row.statistic == "proportion" or counted) and row.total is None and arm is not None and arm.n and whole_arm:
        row = replace(row, total=arm.n, total_derived=True, derived=_join(row.derived, "total_from_group_size"))
    if row.statistic == "proportion" and row.total is None and row.events and row.value:
        n = only_total(row.events, row.value, arm.n if arm is not None and arm.n else None)
        if n is not None:
            row = replace(row, total=n, total_derived=True, derived=_join(row.derived, "total_from_percent"))
    total = row.total
    if row.statistic != "proportion" or not total:
        return row
    if row.events is None and row.value is not None:
        events = round(row.value * total / 100)
        if abs(100 * events / total - row.value) <= percent_tolerance(row.value):
            row = replace(row, events=events, derived=_join(row.derived, "events_from_percent"))
    elif row.value is None and row.events is not None and row.events <= total:
        row = replace(row, value=round(100 * row.events / total, 1),
                      derived=_join(row.derived, "percent_from_events"))  # fmt: skip
    return row


def only_total(events: int, pct: float, most: int | None = None) -> int | None:
    """The one group size n >= events (and <= most, an arm never counts more than itself) that gives the printed
    percent; None when the percent is too coarse to tell (or no n gives it)."""
    if pct <= 0 or events <= 0:
        return None
    tol = percent_tolerance(pct)
    # the n that fit form one run of whole numbers: from 100 x events / (pct + tol) up to 100 x events / (pct - tol)
    low = max(events, math.ceil(100 * events / (pct + tol) - 1e-9))
    high = math.floor(100 * events / (pct - tol) + 1e-9) if pct > tol else math.inf
    high = min(high, most) if most else high
    return int(low) if low == high else None


def percent_tolerance(pct: float) -> float:
    """Half a unit of the printed precision (10% -> 0.5, 10.4% -> 0.05), with room for float error."""
    text = f"{pct:g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10**-decimals + 1e-9


def sd_row(row: Evidence, study: StudyModel) -> Evidence | None:
    """A new row with the SD computed from a mean's SE or 95% CI and the group size, when both are there."""
    if row.statistic != "mean" or row.value is None:
        return None
    arm = study.by_id(row.arm_id) if row.arm_id else None
    n = row.total or (arm.n if arm is not None else None)
    if not n or n < 2:
        return None
    if row.spread == "SE" and row.spread_value is not None:
        sd, rule = row.spread_value * math.sqrt(n), "sd_from_se"
    elif row.spread == "95% CI" and row.low is not None and row.high is not None and row.high > row.low:
        crit = 1.959964 if n >= LARGE_SAMPLE else float(student_t.ppf(0.975, n - 1))
        sd, rule = math.sqrt(n) * (row.high - row.low) / (2 * crit), "sd_from_ci"
    else:
        return None
    return replace(row, spread="SD", spread_value=round(sd, 4), low=None, high=None, total=n,
                   total_derived=row.total is None, derived=_join(row.derived, rule),
                   prov=replace(row.prov, method=f"derive.{rule}.v1"))  # fmt: skip


def apply(rows: list[Evidence], study: StudyModel) -> list[Evidence]:
    out: list[Evidence] = []
    for r in rows:
        r = fill(r, study)
        out.append(r)
        extra = sd_row(r, study)
        if extra is not None:
            out.append(extra)
    return out
