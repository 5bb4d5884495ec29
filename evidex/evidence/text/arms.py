"""Which of the study's arms a sentence names, and where: "in the SOC group", "axi-cel-treated patients",
"with ibrutinib than with chlorambucil", "the HBMT group", "cohort 2".

Every group phrase is resolved against the study model's arms (``StudyModel.resolve``): the arm's own
spellings and the short names the paper gave it are looked up literally, and a drug or therapy the
normalizer finds counts only when it resolves to one arm. A drug named in passing that is no arm
("adults in remission after chemotherapy" in a blinatumomab study) names nothing. Negation flips a
match: "no nelarabine" is the no-nelarabine arm when the study has one, and no arm when it has not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidex.evidence.study import StudyArm, StudyModel
from evidex.evidence.text import lexicon
from evidex.models import Normalizer

ARM_KINDS = ("drug", "therapy", "regimen")
_GROUP_AFTER = re.compile(
    rf"(?:[\s-]+(?:treated|based|containing))?(?:\s+(?:treatment\s+)?{lexicon.alternation('group_nouns')})?", re.I
)
_NEGATION = re.compile(r"(?:\b(?:no|non|without|not\s+receiving|did\s+not\s+receive)\s*-?\s*|\bnon-)$", re.I)


@dataclass(frozen=True, slots=True)
class ArmHit:
    start: int
    end: int
    arm: str  # arm_id
    label: str  # as written


def _spellings(study: StudyModel, arm: StudyArm) -> list[str]:
    names = {s for s in arm.spellings if s}
    names.add(arm.label)
    for short, long in study.abbreviations.items():  # "TAP" of the "TAP blocks" arm, long form "transversus ..."
        if len(short) >= 2 and (study.resolve(long) is arm or study.resolve(short) is arm):
            names.add(short)
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


@lru_cache(maxsize=256)
def _spelling_rx(spelling: str) -> re.Pattern[str]:
    body = re.escape(spelling).replace(r"\ ", r"[\s-]+")
    body = body.replace("_", r"\s*")  # "group_a" -> "group A", "groupA"
    short_caps = spelling.isupper() and len(spelling) <= 6
    plural = "s?" if short_caps else ""  # "MSDs", "HRDs"
    return re.compile(rf"(?<![\w-]){body}{plural}(?![\w])", 0 if short_caps else re.I)


@lru_cache(maxsize=256)
def _word_rx(word: str) -> re.Pattern[str]:
    """One word of an arm's name, standing alone ("haplo" but not "haplo-identical"'s neighbour "single-arm")."""
    caps = word.isupper()
    return re.compile(rf"(?<![\w-]){re.escape(word)}{'s?' if caps else ''}(?![\w-])", 0 if caps else re.I)


def find(text: str, study: StudyModel, normalizer: Normalizer | None = None) -> list[ArmHit]:
    """The arms a sentence names, left to right, none overlapping."""
    if not study.arms:
        return []
    cands: list[ArmHit] = []
    for arm in study.arms:
        for spelling in _spellings(study, arm):
            for m in _spelling_rx(spelling).finditer(text):
                cands.append(ArmHit(m.start(), m.end(), arm.arm_id, m.group()))
    weak = [_grow(text, m.start(), m.end(), arm) for arm in study.arms
            for word in _own_words(study, arm) for m in _word_rx(word).finditer(text)]  # fmt: skip
    if normalizer is not None:
        for men in normalizer.mentions(text, ARM_KINDS):
            if not men.term.canonical:
                continue
            end = _extend(text, men.end)
            same = [a for a in study.arms if a.arm.lower() == men.term.canonical.lower()]  # "hsct" is HSCT
            found = same[0] if len(same) == 1 else study.resolve(text[men.start : end])
            if found is not None:
                cands.append(ArmHit(men.start, end, found.arm_id, text[men.start : end]))
    control = study.resolve("control")  # "the control group" where the tables call the control "No intervention"
    if control is not None and not any(re.search(r"\bcontrols?\b", sp, re.I) for sp in control.spellings):
        cands += [ArmHit(m.start(), m.end(), control.arm_id, m.group()) for m in _CONTROL.finditer(text)]
    combined = _combination_arm(study)
    if combined is not None:  # "The antibody plus chemotherapy combination induced higher rates (98% vs 88%)"
        cands += [ArmHit(m.start(), m.end(), combined.arm_id, m.group()) for m in _COMBINATION.finditer(text)]
    kept = _longest(cands, text)
    kept = _longest(kept + [w for w in weak if not _beside(w, kept, text)], text)
    return _combined(text, _negated(text, _lettered_lists(text, study, kept), study))


_COMBINATION = re.compile(r"(?<![\w-])combination(?:\s+(?:therapy|regimen|arm|group))?(?![\w-])", re.I)
_COMBINES = re.compile(r"\bplus\b|\+|\bcombined\s+with\b|\band\b", re.I)


def _combination_arm(study: StudyModel) -> StudyArm | None:
    """ "the combination" of a study where one arm alone combines treatments ("inotuzumab plus mini-HCVD" beside
    "HCVAD"): that arm."""
    combined = [a for a in study.arms if _COMBINES.search(a.label)]
    return combined[0] if len(study.arms) >= 2 and len(combined) == 1 else None


_CONTROL = re.compile(rf"(?<![\w-])controls?(?:\s+{lexicon.alternation('group_nouns')})?(?![\w-])", re.I)
_LETTERED = re.compile(rf"\b(?P<noun>{lexicon.alternation('group_nouns')})\s+(?P<a>[A-Z]|[IVX]{{1,4}}|\d{{1,2}})"
                       r"(?P<rest>(?:\s*(?:,|and|or|&|vs\.?|versus)\s*(?:[A-Z]|[IVX]{1,4}|\d{1,2})\b)+)")  # fmt: skip
_LETTER = re.compile(r"(?:[A-Z]|[IVX]{1,4}|\d{1,2})\b")


def _lettered_lists(text: str, study: StudyModel, hits: list[ArmHit]) -> list[ArmHit]:
    """ "in group I and II", "groups A, B and C": each letter after the first names the arm "group <letter>"."""
    out = list(hits)
    for m in _LETTERED.finditer(text):
        noun = re.sub(r"s$", "", m["noun"], flags=re.I)
        letters = [(m.start("a"), m.end("a"), m["a"])]
        letters += [(m.start("rest") + x.start(), m.start("rest") + x.end(), x.group())
                    for x in _LETTER.finditer(m["rest"])]  # fmt: skip
        for i, (a, b, letter) in enumerate(letters):
            arm = _lettered_arm(study, f"{noun} {letter}")
            start = m.start() if i == 0 else a
            if arm is None or any(h.start < b and start < h.end for h in out):
                continue
            out.append(ArmHit(start, b, arm.arm_id, text[start:b]))
    return sorted(out, key=lambda h: h.start)


def _lettered_arm(study: StudyModel, phrase: str) -> StudyArm | None:
    found = [a for a in study.arms if any(_spelling_rx(sp).fullmatch(phrase) for sp in _spellings(study, a))]
    return found[0] if len(found) == 1 else None


_GENERIC = frozenset({
    "group", "groups", "arm", "arms", "cohort", "cohorts", "patients", "patient", "therapy", "treatment", "regimen",
    "regimens", "graft", "grafts", "donor", "donors", "transplant", "transplants", "transplantation", "cells", "cell",
    "dose", "doses", "blood", "marrow", "alone", "plus", "only", "with", "without", "versus", "combined", "based",
    "hla", "hsct", "hct", "sct", "bmt", "allo", "auto", "non", "low", "high", "post", "pre",
})  # fmt: skip


def _own_words(study: StudyModel, arm: StudyArm) -> list[str]:
    """The words of an arm's name that no other arm's name has ("weekly" of "weekly inotuzumab" beside
    "single-dose inotuzumab", "unrelated" of "8/8 HLA-matched unrelated"): a sentence that writes one of them
    names the arm ("with the weekly dose schedule", "matched unrelated donor transplants")."""
    others = {w.lower() for a in study.arms if a is not arm for w in a.label.split()}
    words = arm.label.split()
    if len(study.arms) < 2 or (len(words) < 2 and not re.search(r"[-/+]", arm.label)):
        return []
    own = [w for w in words if w.lower() not in others and w.lower() not in _GENERIC
           and re.fullmatch(r"(?=\S*[A-Za-z])[A-Za-z0-9][\w-]{3,}", w)]  # fmt: skip  ("24-week" of "24-week therapy")
    pieces = {p for a in study.arms if a is not arm for w in a.label.lower().split() for p in re.split(r"[-–/+]", w)}
    heads = [re.split(r"[-/+]", w)[0] for w in words if re.search(r"[-/+]", w)]  # "haplo" of "haplo-identical",
    own += [h for h in heads if h.lower() not in pieces and h.lower() not in _GENERIC  # "HRD" of "HRD-HSCT",
            and (re.fullmatch(r"[A-Za-z]{5,}", h) or re.fullmatch(r"[A-Z]{2,5}", h))]  # "BU" of "BU/THIO/FLU"
    return own + _described_words(study, arm)


def _described_words(study: StudyModel, arm: StudyArm) -> list[str]:
    """The words of what a lettered group received that no other group received ("clonidine" of "Group II: 30 ml
    ropivacaine + 1 mcg/kg clonidine"): a results sentence's "in clonidine group" names Group II."""
    if "letters" not in arm.sources:
        return []
    said = [sp for sp in arm.spellings if sp != arm.label and len(sp.split()) > 1]
    others = {w.lower() for a in study.arms if a is not arm for sp in a.spellings for w in re.findall(r"[\w-]+", sp)}
    return [w for sp in said for w in re.findall(r"[\w-]+", sp) if w.lower() not in others
            and w.lower() not in _GENERIC and re.fullmatch(r"[A-Za-z][A-Za-z-]{4,}", w)]


_NOUNS_AFTER = re.compile(r"(?:\s+(?:donors?|transplant(?:s|ation)?|grafts?|recipients?|schedules?|doses?))+", re.I)


def _grow(text: str, start: int, end: int, arm: StudyArm) -> ArmHit:
    """A word of the arm's name with the words around it that belong to the same name: "matched unrelated
    donor" for the arm "8/8 HLA-matched unrelated"."""
    pieces = {p for w in arm.label.lower().split() for p in re.split(r"[/-]", w) if len(p) >= 3}
    while (m := re.search(r"([A-Za-z][\w-]*)\s+$", text[:start])) and m.group(1).lower() in pieces:
        start = m.start(1)
    tail = _NOUNS_AFTER.match(text, end)
    end = tail.end() if tail else end
    return ArmHit(start, end, arm.arm_id, text[start:end])


def _beside(hit: ArmHit, kept: list[ArmHit], text: str) -> bool:
    """A word of an arm's name written next to another arm's name modifies it ("haploidentical offspring")."""
    for k in kept:
        if k.start < hit.end and hit.start < k.end:
            return True
        gap = text[hit.end : k.start] if hit.end <= k.start else text[k.end : hit.start]
        if re.fullmatch(r"[\s-]*", gap):
            return True
    return False


def _extend(text: str, end: int) -> int:
    g = _GROUP_AFTER.match(text, end)
    return g.end() if g and g.end() > end else end


def _longest(cands: list[ArmHit], text: str) -> list[ArmHit]:
    kept: list[ArmHit] = []
    for c in sorted(cands, key=lambda h: (-(h.end - h.start), h.start)):
        if not any(c.start < k.end and k.start < c.end for k in kept):
            end = _extend(text, c.end)
            kept.append(ArmHit(c.start, end, c.arm, text[c.start : end]))
    return sorted(kept, key=lambda h: h.start)


def _negated(text: str, hits: list[ArmHit], study: StudyModel) -> list[ArmHit]:
    out = []
    for h in hits:
        neg = _NEGATION.search(text[max(0, h.start - 25) : h.start])
        if neg is None:
            out.append(h)
            continue
        start = h.start - (len(text[max(0, h.start - 25) : h.start]) - neg.start())
        phrase = text[start : h.end]
        found = study.resolve(phrase)
        if found is not None and found.arm_id != h.arm:
            out.append(ArmHit(start, h.end, found.arm_id, phrase))
    return out


_PARTNER = re.compile(r"(?<![\w-])(?P<p>[A-Z][A-Za-z0-9]*[-/][A-Za-z0-9/-]*[A-Z0-9][A-Za-z0-9]*)\s*(?:plus|\+)\s*$")


def _combined(text: str, hits: list[ArmHit]) -> list[ArmHit]:
    """ "C-MTX plus nelarabine" (one cell of a factorial design): a regimen written with "plus" before an arm's name,
    itself no arm, is part of the name the sentence gives that group (the arm stays the one named)."""
    out = []
    for h in hits:
        m = _PARTNER.search(text, max(0, h.start - 30), h.start)
        if m is not None and not any(k.start < h.start and m.start() < k.end for k in hits if k is not h):
            h = ArmHit(m.start(), h.end, h.arm, text[m.start() : h.end])
        out.append(h)
    return out

