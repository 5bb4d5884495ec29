"""Resolved pieces of a statement -> an ``Evidence`` row (domain, statistic, unit, denominator)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidex.codes import Domain, Outcome
from evidex.evidence.text import lexicon
from evidex.evidence.text.stats import COUNTS, PValue, Stat
from evidex.models import Term

_DOMAINS: dict[str, str] = {
    **dict.fromkeys(("ENROLLED", "AGE", "SEX_MALE", "SEX_FEMALE", "REFRACTORY", "RELAPSED"), Domain.BASELINE),
    **dict.fromkeys(
        ("CR", "MRD_NEG", "ORR", "NON_CR", "PROGRESSION", "RELAPSE", "TREATMENT_DURATION"), Domain.EFFICACY
    ),
    **dict.fromkeys(("OS", "PFS", "DFS", "EFS", "LFS", "RFS", "FOLLOW_UP", "DEATH"), Domain.SURVIVAL),
    **dict.fromkeys(("CRS", "ICANS", "AE_TOTAL", "AE_GRADE3", "TREATMENT_DEATH", "INFECTION"), Domain.SAFETY),
    **dict.fromkeys(
        ("AGVHD", "AGVHD_SKIN", "AGVHD_GUT", "CGVHD", "TRM", "NEUTROPHIL_ENGRAFTMENT", "PLATELET_ENGRAFTMENT",
         "TIME_TO_HSCT", "HSCT"),
        Domain.TRANSPLANT,
    ),
}  # fmt: skip

# A subgroup qualifier counted on its own ("21 male (63.6%)") is a baseline or efficacy outcome.
QUALIFIER_OUTCOMES: dict[str, str] = {
    "male": Outcome.SEX_MALE,
    "female": Outcome.SEX_FEMALE,
    "refractory": Outcome.REFRACTORY,
    "relapsed": Outcome.RELAPSED,
    "HSCT": Outcome.HSCT,
    "CR": Outcome.CR,
    "non-CR": Outcome.NON_CR,
    "non-remission": Outcome.NON_CR,
}


@dataclass(frozen=True, slots=True)
class OutcomeRef:
    code: str  # outcome code, CTCAE term, or the phrase as written when nothing mapped
    code_system: str = "evidex"
    code_value: str = ""
    raw: str = ""
    kind: str = "outcome"  # outcome | ae | raw


@dataclass(frozen=True, slots=True)
class Hit:
    """An outcome named in a sentence, at [start, end)."""

    start: int
    end: int
    outcome: OutcomeRef


@dataclass
class Draft:
    """A row being assembled; ``evidex.evidence.statements`` turns it into ``Evidence``."""

    stat: Stat | None
    outcome: OutcomeRef
    statistic: str
    arm: str
    arm_label: str = ""
    quals: frozenset[str] = frozenset()
    grade: str = ""
    timepoint: float | None = None
    total: int | None = None
    total_derived: bool = False
    events: int | None = None
    value: float | None = None
    unit: str = ""
    spread: str = ""
    p_value: float | None = None
    p_operator: str = ""
    rule: str = ""
    seg: int = 0
    missing: bool = False
    candidates: list[int] = field(default_factory=list)
    group_n: int | None = None  # size of the group the statement itself names
    contrast: str = ""  # rows of one two-arm contrast in this sentence share it


def domain_of(outcome: OutcomeRef, quals: frozenset[str], grade: str = "") -> str:
    """An adverse event is safety (transplant after a transplant); a coded outcome's domain is its own; an
    outcome outside the vocabulary is safety only when graded or its words name a harm, else efficacy."""
    if outcome.kind == "ae":
        return Domain.TRANSPLANT if "HSCT" in quals else Domain.SAFETY
    if outcome.kind == "raw":
        return Domain.SAFETY if grade or _HARM.search(outcome.raw) else Domain.EFFICACY
    return _DOMAINS.get(outcome.code, Domain.EFFICACY)


_HARM = re.compile(rf"\b{lexicon.alternation('harm_words')}\b", re.I)


def statistic_of(stat: Stat, word: str) -> str:
    if stat.hr:
        return stat.effect or "hazard_ratio"
    if stat.percent or stat.rule in ("frac.v1", "count_of.v1", "all_of.v1"):
        return "proportion"
    if stat.rule in COUNTS:
        return "count"
    if stat.rule in ("mean_sd.v1", "value_sd.v1"):
        return word or "mean"
    return word or "median"


def consistent(events: int, total: int, value: float) -> bool:
    """events/total rounds to the reported percent (papers round, truncate, or keep one decimal)."""
    if total <= 0 or events > total:
        return False
    pct = 100.0 * events / total
    return abs(pct - value) <= 0.15 or abs(round(pct) - value) < 1e-9


def resolve_total(d: Draft, survival: bool) -> None:
    """Stated denominators win; otherwise the first group size that agrees with the numbers, marked derived."""
    if d.total is not None or not (d.candidates or d.group_n):
        return
    if d.events is not None and d.value is not None:
        for n in d.candidates:
            if consistent(d.events, n, d.value):
                d.total, d.total_derived = n, True
                return
        return
    if d.events is None and d.value is not None and not survival and d.statistic == "proportion" and d.group_n:
        d.total, d.total_derived = d.group_n, True


@dataclass
class Sentence:
    text: str
    cut: bool
    section: str
    page: int | None
    drafts: list[Draft] = field(default_factory=list)
    loose_p: list[tuple[frozenset[str], PValue]] = field(default_factory=list)  # "no difference in OS (p=0.4)"
    lead_n: int | None = None  # "Of the 14 MRD-positive patients, ...": the group a lead-in counts


def term_ref(term: Term, raw: str) -> OutcomeRef | None:
    if not term.canonical or term.kind not in ("ae", "outcome"):
        return None
    if term.kind == "ae":
        return OutcomeRef(term.canonical, term.code_system or "CTCAE v5.0", term.code, raw, "ae")
    return OutcomeRef(term.canonical, raw=raw)
