"""Enrolment counts the plain "N patients were enrolled" grammar of ``links.enrolled`` does not read: a count whose
listed group sizes add up to it, a count of each arm at once, a subset counted in brackets beside the whole."""

from __future__ import annotations

import re

from evidex.evidence.text import lexicon, mentions
from evidex.evidence.text.arms import ArmHit
from evidex.evidence.text.context import DocContext, Scope
from evidex.evidence.text.numbers import NUM, as_int, parse_number
from evidex.evidence.text.rows import Draft, OutcomeRef, Sentence

_SIZE = re.compile(r"\b(?:[nN]|_N_)\s*=\s*(?P<n>\d[\d,]*)(?![\d/.,]*\s*[/%])")
_BETWEEN_SIZES = re.compile(r"[^.;]{0,120}?$")  # the words from the count to a size: no sentence or list break


def adds_up(s: Sentence, p: mentions.Population, arms: list[ArmHit]) -> bool:
    """ "Ten patients received either A (n = 6) or B (n = 4)", "in 343 patients who received A (n = 266) or B (n =
    77)": two or more group sizes printed right after a count, adding up to it, split that count into its groups;
    the count is the size of them all. Each size is an arm's, printed in brackets after its name (not "six patients
    -- rash (n = 1), dizziness (n = 1) ...": events by kind)."""
    if p.bracketed:
        return False
    total, last = 0, p.end
    for listed, m in enumerate(_SIZE.finditer(s.text, p.end), start=1):
        opened = s.text.rfind("(", last, m.start())
        if not _BETWEEN_SIZES.match(s.text, last, m.start()) or not any(0 <= opened - h.end <= 2 for h in arms):
            return False
        total += int(m["n"].replace(",", ""))
        last = m.end()
        if total == p.n:
            return listed >= 2
        if total > p.n:
            return False
    return False


_DIVIDED = re.compile(rf"[^,;()]{{0,80}}?{lexicon.alternation('division_cues')}", re.I)


def divided(s: Sentence, p: mentions.Population) -> bool:
    """ "Sixty patients were divided into three groups": the count before the division is the whole (the counts of
    the groups after it are not)."""
    return _DIVIDED.match(s.text, p.end) is not None


_EACH = re.compile(rf"\s*(?:(?:in|per|for|of)\s+(?:each|both)(?:\s+of\s+the\s+(?:two|three|\d+))?\s+"
                   rf"{lexicon.alternation('group_nouns')}|each)\b", re.I)  # fmt: skip
_SUBSET = {label: re.compile(rf"(?<![\w-])(?:{'|'.join(cues)})(?![\w])", re.I)
           for label, cues in lexicon.data()["subset_cues"].items()}  # fmt: skip


def each_arm(s: Sentence, p: mentions.Population, ctx: DocContext, scope: Scope) -> bool:
    """ "Propensity score matching identified 38 patients in each cohort", "40 patients were randomized to each
    arm": the count is every arm's size (of the subset the sentence names: "propensity matched")."""
    arms = [a for a in ctx.study.arms if a.arm_id]
    if p.arm is not None or len(arms) < 2 or not _EACH.match(s.text, p.end):
        return False
    quals = p.quals | scope.quals | subset(s.text)
    for a in arms:
        d = Draft(None, OutcomeRef("ENROLLED"), "count", a.arm_id, a.label, events=p.n, rule="stmt.each_arm.v1")
        d.quals = quals
        s.drafts.append(d)
    return True


def subset(text: str) -> frozenset[str]:
    """The subset of the cohort a sentence counts, by the cue it uses ("propensity score matching": the matched)."""
    return frozenset(label for label, cue in _SUBSET.items() if cue.search(text))


_BRACKET_SUBSET = re.compile(rf"\s*[(\[]\s*(?P<n>{NUM})\s+(?P<what>{lexicon.alternation('subset_words')})\s*[)\]]",
                             re.I)  # fmt: skip


def bracketed_subset(s: Sentence, p: mentions.Population, arm: str) -> None:
    """ "Ninety-seven patients (94 evaluable) were accrued": the subset in brackets beside the whole, counted too."""
    m = _BRACKET_SUBSET.match(s.text, p.end)
    n = as_int(parse_number(m["n"])) if m else None
    if m is None or n is None or n >= p.n:
        return
    d = Draft(None, OutcomeRef("ENROLLED"), "count", arm, events=n, rule="stmt.population_subset.v1")
    d.quals = p.quals | frozenset({m["what"].lower()})
    s.drafts.append(d)


_AMONG = re.compile(r"\b(?:among|amongst)\b(?:[^.;:]|\.\d)*$", re.I)


def arm_groups(s: Sentence, pops: list[mentions.Population]) -> None:
    """ "the CR rate among 26 cases with A (65.4%) and 11 cases with B (72.7%)": a rate's group, counted before the
    arm it belongs to after "among", is that arm's size (of the subgroup the sentence's lead-in names)."""
    lead = frozenset().union(*(d.quals for d in s.drafts if d.rule == "stmt.lead_group.v1"))
    for d in list(s.drafts):
        if d.stat is None or not d.stat.percent or d.arm in (None, "all") or d.group_n is None:
            continue
        own = [p for p in pops if p.arm == d.arm and p.n == d.group_n and p.end <= d.stat.start]
        if not own or not _AMONG.search(s.text, 0, own[-1].start):
            continue
        quals = d.quals | lead
        if any(e.outcome.code == "ENROLLED" and e.arm == d.arm and e.events == d.group_n for e in s.drafts):
            continue
        e = Draft(None, OutcomeRef("ENROLLED"), "count", d.arm, d.arm_label, events=d.group_n,
                  rule="stmt.arm_group.v1")  # fmt: skip
        e.quals = quals
        s.drafts.append(e)


_POP = lexicon.alternation("population_nouns")
_TREATED = r"(?:received|underwent|were\s+given)"
_SPLIT = re.compile(rf"(?<![\w.,])(?P<n1>{NUM})\s+(?:{_POP}\s+)?{_TREATED}\s+(?P<a>[\w-]+(?:\s+[\w-]+){{0,2}}?)"
                    rf"\s*,?\s+and\s+(?P<n2>{NUM})\s+(?:{_POP}\s+)?{_TREATED}\s+"
                    rf"(?P<b>[\w-]+(?:\s+[\w-]+){{0,4}}?)(?=\s*[.;,]|\s*$)", re.I)  # fmt: skip
_TREATMENT = re.compile(rf"(?<![\w-]){lexicon.alternation('treatment_words')}(?![\w-])", re.I)
_HEAD_NOUNS = re.compile(r"(?:\s+(?:conditioning|regimens?|prophylaxis))+$", re.I)


def split_by_treatment(s: Sentence, named: mentions.Named, ctx: DocContext) -> None:
    """ "Haploidentical recipients received ...; 104 patients received myeloablative and 88 received reduced intensity
    conditioning regimens": a group split by a second treatment (no arm of the study) into subgroups of the arm the
    sentence is about (its first named arm, else the study)."""
    for m in _SPLIT.finditer(s.text):
        parts = [(m["n1"], m["a"]), (m["n2"], _HEAD_NOUNS.sub("", m["b"]))]
        counts = [as_int(parse_number(n)) for n, _ in parts]
        if None in counts or not _TREATMENT.search(m["a"] + " " + m["b"]):
            continue
        if any(h.start >= m.start() for h in named.arms) or any(d.events in counts for d in s.drafts):
            continue  # the treatments are arms ("12 received A and 9 received B"), or the counts are read already
        subject = next((h for h in named.arms if h.start < m.start()), None)
        arm, label = (subject.arm, subject.label) if subject else (ctx.default_arm, "")
        for n, (_, what) in zip(counts, parts, strict=True):
            d = Draft(None, OutcomeRef("ENROLLED"), "count", arm, label, events=n, rule="stmt.treatment_split.v1")
            d.quals = frozenset({" ".join(what.split())})
            s.drafts.append(d)


def arm_stated(s: Sentence, p: mentions.Population, ctx: DocContext) -> bool:
    """ "Seven CR patients received no further treatment, and 3 of them remained in remission": the count of an arm
    in the very sentence the study model took that arm and its size from is the arm's size (words or digits; the
    words describing them describe the arm)."""
    arm = ctx.study.by_id(p.arm) if p.arm else None
    if arm is None or arm.n != p.n or not arm.quote or not (s.text in arm.quote or arm.quote in s.text):
        return False
    if not any(d.outcome.code == "ENROLLED" and d.arm == arm.arm_id and d.events == p.n for d in s.drafts):
        s.drafts.append(Draft(None, OutcomeRef("ENROLLED"), "count", arm.arm_id, arm.label, events=p.n,
                              rule="stmt.arm_stated.v1"))  # fmt: skip
    return True
