"""What a statement needs from the rest of the paper: arms, grading systems, group sizes, the current subgroup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidex.evidence.text import sentences as sent
from evidex.models import Document, Mention, Normalizer

ARM_KINDS = ("drug", "therapy", "regimen")
NOT_ARMS = frozenset({"HSCT"})  # a transplant is a subgroup of an arm, not an arm of its own
_CTCAE = re.compile(r"common terminology criteria for adverse events|\bCTCAE\b", re.I)
_CTCAE_VERSION = re.compile(r"(?:version|v\.?)\s*(?P<v>\d(?:\.\d)?)", re.I)
_RANGE_DEFAULT = re.compile(r"\bmedians?\s*(?:\(|and\s+)range\b|\bmedian \(min(?:imum)?[-–, ]+max", re.I)
_IQR_DEFAULT = re.compile(
    r"\bmedians?\s*\(\s*(?:IQR|P25|interquartile)|\binterquartile range\b|\bP25\s*[-–]\s*P75\b", re.I
)
GRADED = ("CRS", "ICANS", "AGVHD", "AGVHD_SKIN", "AGVHD_GUT", "CGVHD")


@dataclass
class DocContext:
    arms: tuple[str, ...] = ()
    named_arms: tuple[str, ...] = ()  # comparators the vocabulary does not know, as the title names them ("placebo")
    default_arm: str = "all"
    grading: dict[str, str] = field(default_factory=dict)  # outcome code or "ae" -> grading system
    interval: str = "IQR"  # what an unlabelled "median (a-b)" interval is in this paper
    sizes: dict[tuple[str, frozenset[str]], int] = field(default_factory=dict)
    transplanted: dict[str, int] = field(default_factory=dict)  # arm -> size of its transplanted group

    def size(self, arm: str, quals: frozenset[str]) -> int | None:
        return self.sizes.get((arm, quals))

    def remember(self, arm: str, quals: frozenset[str], n: int) -> None:
        self.sizes.setdefault((arm, quals), n)


@dataclass
class Scope:
    """A subgroup set by a lead-in phrase ("For those with positive MRD only, ...") lasts until the text changes it."""

    quals: frozenset[str] = frozenset()
    arm: str | None = None


def build(doc: Document, normalizer: Normalizer) -> DocContext:
    ctx = DocContext()
    ctx.named_arms = _comparators(doc.title or "", normalizer)
    ctx.arms = _arms(doc, normalizer, ctx.named_arms)
    ctx.default_arm = ctx.arms[0] if len(ctx.arms) == 1 else "all"
    methods = " ".join(b.text for b in doc.blocks if b.section == "methods" and b.kind == "paragraph")
    ctx.grading = _grading(methods, normalizer)
    if _RANGE_DEFAULT.search(methods) and not _IQR_DEFAULT.search(methods):
        ctx.interval = "range"
    return ctx


_COMBINED = re.compile(r"\b(?:combined with|plus|in combination with|followed by|bridging(?: to)?|with)\b|\+", re.I)


_VERSUS = re.compile(r"\s+(?:versus|vs\.?|compared with)\s+", re.I)
_TAIL = re.compile(r"\s+(?:in|for|as|among|with|on|after|before|at|during|plus)\s.*$|[:;,.].*$", re.I)


def _comparators(title: str, normalizer: Normalizer) -> tuple[str, ...]:
    """ "Blinatumomab versus placebo as maintenance": a side of "versus" the vocabulary cannot name is still an arm."""
    parts = _VERSUS.split(title)
    if len(parts) < 2:
        return ()
    out = []
    for part in parts:
        phrase = _TAIL.sub("", part).strip()
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
        known = [m for m in normalizer.mentions(phrase, ARM_KINDS) if m.term.canonical]
        if phrase and not known and len(phrase.split()) <= 4:
            out.append(phrase.lower())
    return tuple(out)


def _arms(doc: Document, normalizer: Normalizer, named: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Interventions named in the title and the abstract's first sentences: the study's arms.

    "X combined with Y" or "X bridging to Y" is one arm (X); "X versus Y" and "X and Y" are two.
    """
    title = doc.title or ""
    texts = [title]
    abstract = [b for b in doc.blocks if b.section in ("abstract", "title") and b.kind == "paragraph"]
    for block in abstract[:1]:
        texts.extend(s.text for s in sent.sentences(block.text)[:2])
    found: list[str] = []
    positions: dict[str, int] = {}  # where the title names an arm, in whatever spelling ("Bolinto")
    for i, text in enumerate(texts):
        previous: Mention | None = None
        for m in normalizer.mentions(text, ARM_KINDS):
            canon = m.term.canonical
            joined = previous is not None and _COMBINED.search(text[previous.end : m.start])
            previous = m
            if canon and canon not in NOT_ARMS and canon not in found and not joined:
                found.append(canon)
            if canon and i == 0 and title:
                positions.setdefault(canon, m.start)
    for phrase in named:  # keep the title's order: "X versus placebo" -> (X, placebo)
        positions[phrase] = title.lower().find(phrase)
        found.append(phrase)
    return tuple(sorted(found, key=lambda arm: positions.get(arm, len(title) + found.index(arm))))


def _grading(methods: str, normalizer: Normalizer) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in sent.sentences(methods):
        systems = [m for m in normalizer.mentions(s.text, ("grading_system",)) if m.term.canonical]
        outcomes = [m for m in normalizer.mentions(s.text, ("outcome", "ae")) if m.term.canonical]
        if not systems and _CTCAE.search(s.text):
            version = _CTCAE_VERSION.search(s.text[_CTCAE.search(s.text).start() :])  # type: ignore[union-attr]
            if version:
                label = version["v"] if "." in version["v"] else version["v"] + ".0"
                out.setdefault("ae", f"CTCAE v{label}")
            continue
        previous = 0
        for sys_m in systems:
            _assign(out, sys_m, [m for m in outcomes if m.start >= previous])
            previous = sys_m.end
    return out


def _assign(out: dict[str, str], system: Mention, outcomes: list[Mention]) -> None:
    """ "CRS and ICANS were graded according to ASTCT 2019": the graded outcomes named before the system
    (since the previous system in the sentence) take it; if none precede it, the first named after it."""
    system_name = system.term.canonical or ""
    if system_name.startswith("CTCAE"):
        out.setdefault("ae", system_name)
        return
    graded = [m for m in outcomes if m.term.canonical in GRADED]
    targets = [m for m in graded if m.end <= system.start] or graded[:1]
    for target in targets:
        code = target.term.canonical or ""
        out.setdefault(code, system_name)
        if code == "AGVHD":
            out.setdefault("AGVHD_SKIN", system_name)
            out.setdefault("AGVHD_GUT", system_name)
