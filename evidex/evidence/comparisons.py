"""Arm rows of one outcome in one statement or table row -> two-arm comparisons, experimental vs control.

Readers give rows that belong to one contrast the same provisional ``comparison_id`` (a table row
and timepoint; a sentence or a respectively-list). Within it, rows of one outcome, subgroup, grade
and timepoint pair each experimental arm with each control arm (roles from the study model); two
active arms beside a control are compared too: the add-on arm over its base, the higher dose of one drug,
the arm the title names (alone, or first before "versus"), else the later named as the experimental side
(papers name arms from the least to the most added: control, A, A + B; 10 mg, 20 mg). A
binary comparison needs events and n on both sides, a continuous one a mean and an SD (printed or
derived), a time-to-event one a hazard ratio or the two medians. An effect row of the same contrast
(arm ``all``: HR, OR, RR, difference) gives the effect when the contrast has exactly two arms. A comparison
takes the p both its rows share only when it is the pair's: not a test across three or more groups (one p
column beside them, or one p shared by three groups of a sentence), not each group's own change (Evidence.p_scope).
Rows keep the final ids (";"-joined when a control arm is in two comparisons); ids that formed no
comparison are cleared.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from evidex.evidence import outcomes
from evidex.evidence.study import StudyModel
from evidex.models import Comparison, Evidence

_EFFECTS = {"hazard_ratio": "HR", "odds_ratio": "OR", "risk_ratio": "RR", "difference": "MD"}
_ARM_STATS = ("proportion", "count", "mean", "median")


def _key(r: Evidence) -> tuple:
    family = "binary" if r.statistic in ("proportion", "count") else r.statistic
    return (r.comparison_id, r.outcome, r.outcome_raw, r.subgroup, r.grade, r.timepoint_months, family)


def build(rows: list[Evidence], study: StudyModel) -> tuple[list[Evidence], list[Comparison]]:
    groups: dict[tuple, list[int]] = defaultdict(list)
    effects: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if not r.comparison_id:
            continue
        if r.arm_id and r.statistic in _ARM_STATS:
            groups[_key(r)].append(i)
        elif not r.arm_id and r.statistic in _EFFECTS:
            effects[r.comparison_id].append(i)
    ids: dict[int, list[str]] = defaultdict(list)
    out: list[Comparison] = []
    levels = factors(study)
    for key, members in groups.items():
        omnibus = _omnibus(rows, members)
        for e_i, c_i in _factor_pairs(rows, members, study, levels):
            cid = f"c{len(out) + 1}"
            eff = _effect(rows, effects.get(key[0], []), len({rows[i].arm_id for i in members}))
            comp = _comparison(rows[e_i], rows[c_i], cid, study, omnibus)
            if comp is None:
                continue
            c_arm = study.by_id(rows[c_i].arm_id)
            if c_arm is not None and c_arm.role == "experimental" and any(a.role == "control" for a in study.arms):
                comp = replace(comp, contrast="between_active")
            out.append(comp)
            ids[e_i].append(cid)
            ids[c_i].append(cid)
            if eff is not None:
                ids[eff].append(cid)
    final = [replace(r, comparison_id=";".join(ids.get(i, []))) for i, r in enumerate(rows)]
    return final, out


def factors(study: StudyModel) -> list[set[str]]:
    """A factorial design's factors, each the set of its levels' arm ids; empty when the arms are one factor.

    Arms named in runs whose sizes each add up to the same whole ("Regimen A n = 179 | Regimen B n = 175 |
    Schedule X n = 176 | Schedule Y n = 178"): every patient is in one level of each factor, so a level compares
    only with the other levels of its own factor. The whole is the randomized population when the paper states it;
    without one it takes three factors (two pairs of groups of a four-arm trial add up alike by chance: 50 + 49 and
    51 + 48; four groups of 30 are not two factors of 60)."""
    sizes = [a.n for a in study.arms]
    if len(sizes) < 4 or any(n is None or n <= 0 for n in sizes):
        return []
    ns = [n for n in sizes if n is not None]
    for first in range(2, len(ns) - 1):
        whole = sum(ns[:first])
        if study.population is not None and study.population != whole:
            continue
        runs, start, total = [], 0, 0
        for k, n in enumerate(ns):
            total += n
            if total == whole:
                runs.append(set(range(start, k + 1)))
                start, total = k + 1, 0
            elif total > whole:
                break
        enough = 2 if study.population is not None else 3
        if start == len(ns) and len(runs) >= enough and all(len(r) >= 2 for r in runs):
            return [{study.arms[i].arm_id for i in r} for r in runs]
    return []


def _factor_pairs(rows: list[Evidence], members: list[int], study: StudyModel, levels: list[set[str]]
                  ) -> list[tuple[int, int]]:  # fmt: skip
    """The pairs of a contrast; in a factorial design, within each factor only."""
    if not levels:
        return _pairs(rows, members, study)
    return [p for f in levels for p in _pairs(rows, [i for i in members if rows[i].arm_id in f], study)]


def _pairs(rows: list[Evidence], members: list[int], study: StudyModel) -> list[tuple[int, int]]:
    best: dict[str, int] = {}
    for i in members:  # one row per arm: the derived SD row wins over the printed SE row for a mean
        r = rows[i]
        j = best.get(r.arm_id)
        if j is None or (r.spread == "SD" and rows[j].spread != "SD"):
            best[r.arm_id] = i
    arms = [(study.by_id(a), i) for a, i in best.items()]
    exp = [i for a, i in arms if a is not None and a.role == "experimental"]
    ctl = [i for a, i in arms if a is not None and a.role == "control"]
    if not ctl and len(exp) >= 2:  # active groups side by side, no control: each named against the later ones
        ordered = sorted(exp, key=lambda i: _order(rows[i].arm_id))  # (a cohort study's first group is its index)
        return [(a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 :]]
    pairs = [(e, c) for e in exp for c in ctl]
    if ctl and len(exp) >= 2:  # active arms against each other too (the later named experimental unless told)
        ordered = sorted(exp, key=lambda i: _order(rows[i].arm_id))
        pairs += [_active(study, rows, a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 :]]
    return pairs


def _active(study: StudyModel, rows: list[Evidence], first: int, second: int) -> tuple[int, int]:
    """Two active arms beside a control: the add-on, higher-dose or title's arm is experimental (the study
    model says which); else the later named (papers name arms from the least to the most added)."""
    a, b = study.by_id(rows[first].arm_id), study.by_id(rows[second].arm_id)
    lead = study.studied(a, b) if a is not None and b is not None else None
    return (first, second) if lead is a and lead is not None else (second, first)


def _order(arm_id: str) -> int:
    return int(arm_id[1:]) if arm_id[1:].isdigit() else 0


_PREFERENCE = ("hazard_ratio", "risk_ratio", "odds_ratio", "difference")


def _effect(rows: list[Evidence], candidates: list[int], n_arms: int) -> int | None:
    """The contrast's effect when it has two arms: a ratio before a difference (HR, RR, OR, then MD/RD). One
    effect beside three or more groups names no pair."""
    if not candidates or n_arms != 2:
        return None
    return min(candidates, key=lambda i: _PREFERENCE.index(rows[i].statistic))


def _omnibus(rows: list[Evidence], members: list[int]) -> bool:
    """One p shared by three or more groups of the contrast ("15%, 23% and 19% in the three groups (p = 0.04)"):
    a test across all of them, not the p of any two."""
    arms: dict[tuple[float | None, str], set[str]] = defaultdict(set)
    for i in members:
        if rows[i].p_value is not None and not rows[i].p_scope:
            arms[(rows[i].p_value, rows[i].p_operator)].add(rows[i].arm_id)
    return any(len(a) > 2 for a in arms.values())


def _pair_p(e: Evidence, c: Evidence, omnibus: bool) -> float | None:
    """The p of the two arms' contrast: the same p on both rows, set as the contrast's or as each one's against the
    other (not a test across all groups, not each group's own change)."""
    if e.p_value is None or e.p_value != c.p_value or e.p_operator != c.p_operator:
        return None
    if e.p_scope or c.p_scope:
        return e.p_value if (e.p_scope, c.p_scope) == (f"vs {c.arm_id}", f"vs {e.arm_id}") else None
    return None if omnibus else e.p_value


def _comparison(e: Evidence, c: Evidence, cid: str, study: StudyModel, omnibus: bool = False) -> Comparison | None:
    facts = outcomes.facts(e.outcome, e.code_system)
    p = _pair_p(e, c, omnibus)
    base = Comparison(
        study_id=e.study_id, comparison_id=cid, outcome=e.outcome, measure="", outcome_raw=e.outcome_raw,
        subgroup=e.subgroup, grade=e.grade, timepoint_months=e.timepoint_months, arm_e=e.arm, arm_e_label=e.arm_label,
        arm_c=c.arm, arm_c_label=c.arm_label, arm_e_id=e.arm_id, arm_c_id=c.arm_id, page=e.prov.page,
        quote=_quote(e, c), section=e.section, domain=e.domain, unit=e.unit, method="comparisons.v1",
        source_table=e.prov.table or "", source_row=e.prov.row, p_value=p, p_operator=e.p_operator if p is not None
        else "", derived=";".join(dict.fromkeys(x for r in (e, c) for x in r.derived.split(";") if x)),
    )  # fmt: skip
    if e.statistic in ("proportion", "count") and None not in (e.events, e.total, c.events, c.total):
        return replace(base, measure="binary", events_e=e.events, n_e=e.total, events_c=c.events, n_c=c.total)
    if e.statistic == "mean" and e.spread == c.spread == "SD" and None not in (e.spread_value, c.spread_value):
        return replace(base, measure="continuous", mean_e=e.value, sd_e=e.spread_value, mean_c=c.value,
                       sd_c=c.spread_value, n_e=e.total, n_c=c.total)  # fmt: skip
    if facts.time_to_event and e.statistic == "median" and None not in (e.value, c.value):
        return replace(base, measure="time_to_event", n_e=e.total, n_c=c.total)
    return None


def with_effects(rows: list[Evidence], comps: list[Comparison]) -> list[Comparison]:
    """Each comparison takes the effect (HR, OR, RR, difference) of the effect row that shares its id."""
    by_id: dict[str, Evidence] = {}
    for r in rows:
        if not r.arm_id and r.statistic in _EFFECTS:
            for cid in r.comparison_id.split(";"):
                better = cid in by_id and _PREFERENCE.index(r.statistic) < _PREFERENCE.index(by_id[cid].statistic)
                if cid and (cid not in by_id or better):
                    by_id[cid] = r
    out = []
    for c in comps:
        found = by_id.get(c.comparison_id)
        if found is not None:
            r = found
            name = "RD" if r.statistic == "difference" and c.measure == "binary" else _EFFECTS[r.statistic]
            own = c.p_value is None and not r.p_scope and r.p_value is not None  # an omnibus p is no pair's
            c = replace(c, effect=name, effect_value=r.value, effect_low=r.low, effect_high=r.high,
                        p_value=r.p_value if own else c.p_value,
                        p_operator=r.p_operator if own else c.p_operator)  # fmt: skip
        out.append(c)
    return out


def _quote(e: Evidence, c: Evidence) -> str:
    return e.quote if e.quote == c.quote else f"{e.quote} || {c.quote}"
