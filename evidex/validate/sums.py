"""sum_mismatch: parts that should make up a whole and do not.

Group sizes come only from statements that count members of a group
(ENROLLED, or a membership outcome such as SEX_MALE or REFRACTORY): totals of
other outcomes may be evaluable subsets and would raise false alarms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import product
from typing import Any

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import Finding
from evidex.validate.common import (
    Row,
    arm_of,
    arm_resolver,
    coherent,
    count_of,
    finding,
    group_label,
    plain,
    quals,
    stated_rows,
    stated_total,
)
from evidex.validate.common import text as txt

# Outcome whose count is the size of the subgroup with this qualifier.
MEMBERSHIP: dict[str, str] = {
    "SEX_MALE": "male",
    "SEX_FEMALE": "female",
    "REFRACTORY": "refractory",
    "RELAPSED": "relapsed",
    "CR": "CR",
    "NON_CR": "non-CR",
    "HSCT": "HSCT",
}


@dataclass(frozen=True)
class Partition:
    parts: tuple[str, ...]
    exhaustive: bool  # False: other categories may exist, so only parts exceeding the whole are wrong
    name: str


PARTITIONS: tuple[Partition, ...] = (
    Partition(("male", "female"), True, "sex"),
    Partition(("refractory", "relapsed"), True, "disease status"),
    Partition(("CR", "non-CR"), True, "response"),
    # Usually stated among responders only; a parser that loses "among the CR patients" must not raise alarms.
    Partition(("HSCT", "no-HSCT"), False, "transplant group"),
    Partition(("MRD-positive", "non-remission"), True, "tumour burden subgroup"),
)
Key = tuple[str, frozenset[str]]


@dataclass(frozen=True)
class Family:
    """Outcomes that split one group: graft sources split the transplants, next therapies the responders."""

    prefix: str
    outcomes: frozenset[str]
    within: frozenset[str]  # qualifier every member implies ("HSCT" for a graft source)
    exhaustive: bool
    name: str

    def member(self, outcome: str) -> bool:
        return outcome in self.outcomes or bool(self.prefix) and outcome.startswith(self.prefix)

    def short(self, outcome: str) -> str:
        """GRAFT_BM_PB -> "BM+PB", NEXT_CAR_T -> "CAR-T", NEXT_CHEMOTHERAPY -> "chemotherapy"."""
        rest = outcome.removeprefix(self.prefix)
        if self.prefix == "GRAFT_":
            return rest.replace("_", "+")
        if rest == "HSCT":
            return rest
        return rest.replace("_", "-") if "_" in rest else rest.lower()


FAMILIES: tuple[Family, ...] = (
    Family("GRAFT_", frozenset(), frozenset({"HSCT"}), True, "graft source"),
    # Some patients receive no further therapy: only more than the group is a contradiction.
    Family("NEXT_", frozenset({"HSCT"}), frozenset(), False, "next therapy"),
)


@dataclass(frozen=True)
class Size:
    n: int
    row: dict[str, Any]


def check(evidence: pd.DataFrame) -> list[Finding]:
    resolve = arm_resolver(evidence)
    recs = [r for r in stated_rows(evidence) if plain(r.get("timepoint_months")) is None]
    sizes = group_sizes(recs, resolve)
    out = [f for key in list(sizes) for p in PARTITIONS if (f := _partition(sizes, key, p)) is not None]
    out += _families(recs, sizes, resolve)
    return out


def group_sizes(recs: list[Row], resolve: dict[str, str]) -> dict[Key, list[Size]]:
    """Stated sizes of each (arm, qualifiers) group; a count at a landmark time is not a group size."""
    sizes: dict[Key, list[Size]] = defaultdict(list)
    for r in recs:
        if plain(r.get("timepoint_months")) is not None or not coherent(r):
            continue
        arm, q, outcome = arm_of(r, resolve), quals(r.get("subgroup")), txt(r.get("outcome"))
        n = count_of(r)
        if outcome == "ENROLLED" and n is not None:
            sizes[(arm, q)].append(Size(n, dict(r)))
        elif outcome in MEMBERSHIP and n is not None and txt(r.get("statistic")) in ("count", "proportion"):
            sizes[(arm, q | {MEMBERSHIP[outcome]})].append(Size(n, dict(r)))
            total = stated_total(r)
            if total is not None:
                sizes[(arm, q)].append(Size(total, dict(r)))
    return sizes


def _partition(sizes: dict[Key, list[Size]], key: Key, p: Partition) -> Finding | None:
    arm, q = key
    if any(part in q for part in p.parts):
        return None
    parts = [_enrolled_first(sizes.get((arm, q | {part}), [])) for part in p.parts]
    wholes = _enrolled_first(sizes.get(key, []))
    if not wholes or not all(parts):
        return None
    for together in _stated_together(parts):  # "9 males and 6 females": one sentence must add up by itself
        total = sum(s.n for s in together)
        misfit = [w for w in wholes if not _fits(total, w.n, p.exhaustive)]
        if misfit:
            return _sum_finding(together, p.parts, misfit[0], group_label(arm, q), p.name)
    combos = [sum(s.n for s in c) for c in product(*parts)]
    # Each stated size of the whole must be made up by some statement of the parts.
    bad = [w for w in wholes if not any(_fits(c, w.n, p.exhaustive) for c in combos)]
    if not bad:
        return None
    first = [ps[0] for ps in parts]
    return _sum_finding(first, p.parts, bad[0], group_label(arm, q), p.name)


def _stated_together(parts: list[list[Size]]) -> list[list[Size]]:
    """Every part's size as one sentence states them all (the same quote), one list per such sentence."""
    out = []
    for first in parts[0]:
        quote = txt(first.row.get("quote"))
        same = [next((s for s in sizes if txt(s.row.get("quote")) == quote), None) for sizes in parts[1:]]
        if quote and all(s is not None for s in same):
            out.append([first, *(s for s in same if s is not None)])
    return out


def _enrolled_first(sizes: list[Size]) -> list[Size]:
    """Stated enrolments are the wholes a reviewer compares against; denominators only when none is stated."""
    enrolled = [s for s in sizes if txt(s.row.get("outcome")) == "ENROLLED"]
    return enrolled or sizes


def _fits(total: int, whole: int, exhaustive: bool) -> bool:
    return total == whole if exhaustive else total <= whole


def _sum_finding(parts: list[Size], names: tuple[str, ...], whole: Size, who: str, what: str) -> Finding:
    total = sum(s.n for s in parts)
    terms = " + ".join(f"{s.n} {n}" for s, n in zip(parts, names, strict=True))
    sec = txt(whole.row.get("section")) or "text"
    msg = f"{what.capitalize()} counts for {who}: {terms} = {total}, but the group has {whole.n} ({sec})."
    anchor = parts[0].row
    ref = ";".join(dict.fromkeys(txt(s.row.get("evidence_id")) for s in [*parts, whole]))
    return finding(anchor, Check.SUM_MISMATCH, Severity.ERROR, msg, ref=ref, column="events")


def _families(recs: list[Row], sizes: dict[Key, list[Size]], resolve: dict[str, str]) -> list[Finding]:
    """Counts of one family of outcomes (graft sources, next therapies) against their group."""
    out = []
    for fam in FAMILIES:
        by_group: dict[Key, dict[str, Size]] = defaultdict(dict)
        for r in recs:
            outcome, n = txt(r.get("outcome")), count_of(r)
            if fam.member(outcome) and n is not None and txt(r.get("statistic")) in ("count", "proportion"):
                key = (arm_of(r, resolve), quals(r.get("subgroup")) | fam.within)
                by_group[key].setdefault(outcome, Size(n, dict(r)))  # a restatement is compared elsewhere
        for key, members in by_group.items():
            parts = list(members.values())
            # A transplant series states its own size without an "HSCT" qualifier; a transplanted subgroup
            # (CR;HSCT) is smaller than its parent (CR), so only the whole series may stand in.
            series = (key[0], key[1] - fam.within)
            wholes = _enrolled_first(sizes.get(key) or (sizes.get(series, []) if not series[1] else []))
            total = sum(p.n for p in parts)
            bad = [w for w in wholes if not _fits(total, w.n, fam.exhaustive)]
            if len(parts) < 2 or not bad:
                continue
            names = tuple(fam.short(o) for o in members)
            out.append(_sum_finding(parts, names, bad[0], group_label(*key), fam.name))
    return out
