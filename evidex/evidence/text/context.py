"""What a statement needs from the rest of the paper: the study model's arms, grading systems, group sizes, the
current subgroup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidex.evidence.outcomes import facts as outcomes_facts
from evidex.evidence.study import StudyModel
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.rows import OutcomeRef
from evidex.models import Document, Mention, Normalizer

ARM_KINDS = ("drug", "therapy", "regimen")
NOT_ARMS = frozenset({"HSCT"})  # a transplant is a subgroup of an arm, not an arm of its own
_CTCAE = re.compile(r"common terminology criteria for adverse events|\bCTCAE\b", re.I)
_CTCAE_VERSION = re.compile(r"(?:version|v\.?)\s*(?P<v>\d(?:\.\d)?)", re.I)
_RANGE_DEFAULT = re.compile(r"\bmedians?\s*(?:\(|and\s+)range\b|\bmedian \(min(?:imum)?[-–, ]+max", re.I)
_IQR_DEFAULT = re.compile(
    r"\bmedians?\s*\(\s*(?:IQR|P25|interquartile)|\binterquartile range\b|\bP25\s*[-–]\s*P75\b", re.I
)


@dataclass
class DocContext:
    """What the sentences of one paper share. Arms are the study model's ``arm_id``s ("a1"), or "all"."""

    study: StudyModel = field(default_factory=StudyModel)
    arms: tuple[str, ...] = ()
    default_arm: str = "all"
    grading: dict[str, str] = field(default_factory=dict)  # outcome code or "ae" -> grading system
    interval: str = "IQR"  # what an unlabelled "median (a-b)" interval is in this paper
    sizes: dict[tuple[str, frozenset[str]], int] = field(default_factory=dict)
    transplanted: dict[str, int] = field(default_factory=dict)  # arm -> size of its transplanted group
    abbreviations: dict[str, OutcomeRef] = field(default_factory=dict)  # "TRAEs" -> the outcome it was defined for

    def size(self, arm: str, quals: frozenset[str]) -> int | None:
        n = self.sizes.get((arm, quals))
        if n is None and not quals and arm != "all":
            found = self.study.by_id(arm)
            n = found.n if found is not None else None
        return n

    def remember(self, arm: str, quals: frozenset[str], n: int) -> None:
        self.sizes.setdefault((arm, quals), n)

    def forget(self, arm: str, quals: frozenset[str], n: int) -> None:
        """A count first taken for ``arm`` that turned out to be another group's size is no size of ``arm``."""
        if self.sizes.get((arm, quals)) == n:
            del self.sizes[(arm, quals)]


@dataclass
class Scope:
    """A subgroup set by a lead-in phrase ("For those with positive MRD only, ...") lasts until the text changes it."""

    quals: frozenset[str] = frozenset()
    arm: str | None = None
    topic: tuple[OutcomeRef, float | None] | None = None  # the last outcome and landmark the paragraph reported


def build(doc: Document, normalizer: Normalizer, study: StudyModel | None = None) -> DocContext:
    ctx = DocContext(study=study or StudyModel(normalizer=normalizer))
    ctx.arms = tuple(a.arm_id for a in ctx.study.arms)
    single = ctx.study.single()
    ctx.default_arm = single.arm_id if single is not None else "all"
    methods = " ".join(b.text for b in doc.blocks if b.section == "methods" and b.kind == "paragraph")
    ctx.grading = _grading(methods, normalizer)
    if _RANGE_DEFAULT.search(methods) and not _IQR_DEFAULT.search(methods):
        ctx.interval = "range"
    ctx.abbreviations = abbreviations(doc.text, normalizer)
    return ctx


_DEFINED = re.compile(r"\s?\((?P<abbr>[A-Z][A-Za-z]{1,7})\)")


def abbreviations(text: str, normalizer: Normalizer) -> dict[str, OutcomeRef]:
    """ "Grade >=3 treatment-related adverse events (TRAEs) occurred in 92% ... The incidence of Grade >=3 TRAEs was
    90%": an abbreviation the paper defines right after an outcome term names that outcome wherever it stands
    alone. Its letters must be the term's, in order, the first one first ("gastroesophageal reflux disease (GERD)";
    never "mean age (SD)"); an abbreviation the vocabulary already knows keeps its own meaning."""
    out: dict[str, OutcomeRef] = {}
    for m in _DEFINED.finditer(text):
        abbr = m["abbr"]
        if abbr in out or normalizer.mentions(abbr, (), None):
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        found = [x for x in normalizer.mentions(before, ("outcome", "ae"), None) if x.term.canonical]
        if not found or found[-1].end != len(before):
            continue
        core = abbr[:-1] if abbr.endswith("s") and len(abbr) > 2 else abbr
        if not _letters_of(core, before[found[-1].start :]):
            continue
        t = found[-1].term
        if t.kind == "ae":
            out[abbr] = OutcomeRef(t.canonical or "", t.code_system or "CTCAE v5.0", t.code, abbr, "ae")
        else:
            out[abbr] = OutcomeRef(t.canonical or "", "evidex", t.code if t.code_system == "evidex" else "", abbr)
    return out


def _letters_of(abbr: str, words: str) -> bool:
    """The abbreviation's first letter starts the words; each letter stands in them, in order."""
    words = words.lower()
    if not words.startswith(abbr[0].lower()):
        return False
    pos = 0
    for ch in abbr.lower():
        pos = words.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


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
    graded = [m for m in outcomes if outcomes_facts(m.term.canonical or "").graded]
    targets = [m for m in graded if m.end <= system.start] or graded[:1]
    for target in targets:
        code = target.term.canonical or ""
        out.setdefault(code, system_name)
        if code == "AGVHD":
            out.setdefault("AGVHD_SKIN", system_name)
            out.setdefault("AGVHD_GUT", system_name)
