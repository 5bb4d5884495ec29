"""Statistics a reviewer would check a per-patient table against the text with.

Each is an ``Evidence`` row (section "table", arm "all") for the validate stage
to compare with the paper's own statements ("26 of 33 achieved CR").
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import replace

from evidex.codes import Domain, Outcome, Statistic
from evidex.models import Evidence, Patient, Provenance, Transplant

NEXT = {"HSCT": Outcome.HSCT, "CAR-T": Outcome.NEXT_CAR_T, "chemotherapy": Outcome.NEXT_CHEMOTHERAPY,
        "blinatumomab": Outcome.NEXT_BLINATUMOMAB}  # fmt: skip
GRAFT_ORDER = ("BM", "PB", "CB")


def _row(
    study_id: str, table: str, page: int | None, outcome: str, domain: str, events: int, total: int,
    quote: str, subgroup: str = "all", statistic: str = Statistic.PROPORTION,
) -> Evidence:  # fmt: skip
    value = round(100.0 * events / total, 1) if statistic == Statistic.PROPORTION and total else None
    return Evidence(
        study_id=study_id, arm="all", outcome=outcome, statistic=statistic, domain=domain, arm_label="all patients",
        subgroup=subgroup, events=events, total=total, value=value if statistic == Statistic.PROPORTION else events,
        unit="%" if statistic == Statistic.PROPORTION else "", section="table", quote=quote,
        prov=Provenance(page=page, table=table, method="pt_aggregates.v1"),
    )  # fmt: skip


def _count(items: Sequence[Patient], pred: Callable[[Patient], bool | None]) -> tuple[int, int]:
    known = [p for p in items if pred(p) is not None]
    return sum(1 for p in known if pred(p)), len(known)


def patients(rows: Sequence[Patient]) -> list[Evidence]:
    if not rows:
        return []
    sid, table, page = rows[0].study_id, rows[0].table, rows[0].prov.page
    n = len(rows)
    out = [_row(sid, table, page, Outcome.ENROLLED, Domain.BASELINE, n, n,
                f"{table}: {n} patients listed", statistic=Statistic.COUNT)]  # fmt: skip
    groups = {"all": list(rows), "CR": [p for p in rows if p.cr], "non-CR": [p for p in rows if p.cr is False]}
    cr, known = _count(rows, lambda p: p.cr)
    if known:
        out.append(_row(sid, table, page, Outcome.CR, Domain.EFFICACY, cr, known,
                        f"{table}: {cr} of {known} patients with CR = Y"))  # fmt: skip
    for name, grp in groups.items():
        if not grp or (name != "all" and not known):
            continue
        out.extend(_survival(sid, table, page, grp, name))
        out.extend(_next(sid, table, page, grp, name))
    hsct = [p for p in groups["CR"] if p.post_therapy]
    for name, grp in (("CR;HSCT", [p for p in hsct if "HSCT" in p.post_therapy.split(";")]),
                      ("CR;no-HSCT", [p for p in hsct if "HSCT" not in p.post_therapy.split(";")])):  # fmt: skip
        if grp:
            out.extend(_survival(sid, table, page, grp, name))
    return out


def _survival(sid: str, table: str, page: int | None, grp: list[Patient], name: str) -> list[Evidence]:
    alive, known = _count(grp, lambda p: p.alive)
    if not known:
        return []
    where = "" if name == "all" else f" ({name})"
    return [
        _row(sid, table, page, Outcome.OS, Domain.SURVIVAL, alive, known,
             f"{table}: {alive} of {known} patients{where} alive at last follow-up", name),
        _row(sid, table, page, Outcome.DEATH, Domain.SURVIVAL, known - alive, known,
             f"{table}: {known - alive} of {known} patients{where} dead at last follow-up", name, Statistic.COUNT),
    ]  # fmt: skip


def _next(sid: str, table: str, page: int | None, grp: list[Patient], name: str) -> list[Evidence]:
    out = []
    where = "" if name == "all" else f" ({name})"
    for therapy, outcome in NEXT.items():
        k = sum(1 for p in grp if therapy in p.post_therapy.split(";"))
        if k:
            out.append(_row(sid, table, page, outcome, Domain.TRANSPLANT if therapy == "HSCT" else Domain.EFFICACY,
                            k, len(grp), f"{table}: {k} of {len(grp)} patients{where} went on to {therapy}",
                            name, Statistic.COUNT))  # fmt: skip
    return out


def transplants(rows: Sequence[Transplant]) -> list[Evidence]:
    if not rows:
        return []
    sid, table, page = rows[0].study_id, rows[0].table, rows[0].prov.page
    people = list(dict.fromkeys(t.patient for t in rows))
    n, m = len(people), len(rows)
    out = [_row(sid, table, page, Outcome.ENROLLED, Domain.TRANSPLANT, n, n,
                f"{table}: {n} patients with {m} transplants", "HSCT", Statistic.COUNT)]  # fmt: skip
    sources: dict[str, int] = {}
    for t in rows:
        if t.graft_source:
            parts = set(t.graft_source.split(";"))
            key = "GRAFT_" + "_".join(g for g in GRAFT_ORDER if g in parts)
            sources[key] = sources.get(key, 0) + 1
    for key, k in sorted(sources.items()):
        out.append(_row(sid, table, page, key, Domain.TRANSPLANT, k, m,
                        f"{table}: {k} of {m} transplants with graft {key[6:].replace('_', ' + ')}",
                        "HSCT", Statistic.COUNT))  # fmt: skip
    last = {t.patient: t for t in rows}
    known = [t for t in last.values() if t.final_status]
    if known:
        dead = sum(1 for t in known if t.final_status == "death")
        out.append(_row(sid, table, page, Outcome.OS, Domain.SURVIVAL, len(known) - dead, len(known),
                        f"{table}: {len(known) - dead} of {len(known)} transplanted patients not dead at last status",
                        "HSCT"))  # fmt: skip
    out.extend(_days(sid, table, page, rows))
    return out


def _days(sid: str, table: str, page: int | None, rows: Sequence[Transplant]) -> list[Evidence]:
    out = []
    spec = ((Outcome.TIME_TO_HSCT, "days_to_hsct"), (Outcome.NEUTROPHIL_ENGRAFTMENT, "neutrophil_engraftment_day"),
            (Outcome.PLATELET_ENGRAFTMENT, "platelet_engraftment_day"))  # fmt: skip
    for outcome, name in spec:
        vals = [float(v) for t in rows if (v := getattr(t, name)) is not None]
        if len(vals) < 2:
            continue
        for stat, fn in ((Statistic.MEDIAN, statistics.median), (Statistic.MEAN, statistics.fmean)):
            e = _row(sid, table, page, outcome, Domain.TRANSPLANT, len(vals), len(rows),
                     f"{table}: {stat} {name} over {len(vals)} transplants", "HSCT", stat)  # fmt: skip
            spread = (
                {"spread": "range", "low": min(vals), "high": max(vals)}
                if stat == Statistic.MEDIAN
                else {"spread": "SD", "spread_value": round(statistics.stdev(vals), 2)}
            )
            e = replace(e, value=round(fn(vals), 2), unit="days", events=None, total=len(vals))
            out.append(replace(e, **spread))  # type: ignore[arg-type]
    return out
