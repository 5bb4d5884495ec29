"""What a sentence names: outcomes, arms, subgroup qualifiers and populations with their sizes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidex.evidence.text import arms as arm_finder
from evidex.evidence.text import cues, lexicon, phrases
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.arms import ARM_KINDS, ArmHit
from evidex.evidence.text.context import DocContext
from evidex.evidence.text.numbers import NUM, as_int, parse_number
from evidex.evidence.text.rows import Hit, OutcomeRef
from evidex.models import Mention, Normalizer

__all__ = ["Hit", "Named", "Population", "find", "overlaps", "owned_by_population"]
KINDS = ("outcome", "ae", "subgroup", *ARM_KINDS)
_AE_TOTAL = re.compile(r"\b(?:adverse events?|AEs|toxicities|side effects)\b", re.I)
_SUBGROUPS = frozenset({"MRD-positive", "non-remission", "refractory", "relapsed", "CR", "non-CR", "HSCT", "no-HSCT",
                        "male", "female"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Population:
    start: int
    end: int
    n: int
    quals: frozenset[str]
    arm: str | None
    window_end: int = 0  # where the words describing this group end
    bracketed: bool = False  # "the CAR-T group (14 cases)": the size of a named group, in brackets after it


@dataclass
class Named:
    outcomes: list[Hit]
    arms: list[ArmHit]
    quals: list[cues.Cue]
    pops: list[Population]


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


_HYPHENS = str.maketrans({"\u2043": "-", "\u2011": "-", "\u2010": "-", "\u00ad": "-"})  # "event⁃free", same length


# "The percentage of patients with a complete response or better was 47.6%": what is counted, not a subgroup
_MEASURED = re.compile(rf"\b(?:percentage|proportion|percent|number|rates?|incidence)\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?"
                       rf"(?:{lexicon.alternation('population_nouns')})\s+(?:who\s+)?$", re.I)  # fmt: skip


_TOPIC_BEFORE = re.compile(r"\b(?:on|about|regarding)\s+$", re.I)
_MODIFIER_AFTER = re.compile(r"\s*-\s*\w|\s+(?:education|group|arm|program|cohort)", re.I)


def find(text: str, normalizer: Normalizer, ctx: DocContext, page: int | None) -> Named:
    found = _longest(list(normalizer.mentions(text.translate(_HYPHENS), KINDS, page)))
    terms = [m for m in found if m.term.kind in ("outcome", "ae") and m.term.canonical]
    # "relapse-free survival" is an outcome, not the "relapsed" subgroup: a longer term wins
    quals = [
        q
        for q in cues.qualifiers(text)
        if not any(m.start <= q.start and q.end <= m.end and m.end - m.start > q.end - q.start for m in terms)
        and not _MEASURED.search(text, 0, q.start)
    ]
    for m in found:
        if (
            m.term.kind == "subgroup"
            and m.term.canonical in _SUBGROUPS
            and not any(overlaps(m.start, m.end, q.start, q.end) for q in quals)
        ):
            quals.append(cues.Cue(m.start, m.end, m.term.canonical or ""))
    quals.sort(key=lambda q: q.start)
    arms = _arms(text, found, ctx)
    outcomes = [
        Hit(m.start, m.end, _ref(m))
        for m in found
        if m.term.kind in ("outcome", "ae") and m.term.canonical
        and not any(overlaps(m.start, m.end, q.start, q.end) for q in quals)
        and not any(overlaps(m.start, m.end, a.start, a.end) for a in arms)
    ]  # fmt: skip
    outcomes += [h for h in _graft_sources(text, normalizer, page)
                 if not any(overlaps(h.start, h.end, o.start, o.end) for o in outcomes)
                 and not any(overlaps(h.start, h.end, a.start, a.end) for a in arms)]  # fmt: skip
    for rm in _AE_TOTAL.finditer(text):
        if not any(overlaps(rm.start(), rm.end(), h.start, h.end) for h in outcomes):
            outcomes.append(Hit(rm.start(), rm.end(), OutcomeRef("AE_TOTAL", raw=rm.group())))
    for abbr, ref in ctx.abbreviations.items():  # "The incidence of Grade >=3 TRAEs was 90%", defined earlier
        for am in re.finditer(rf"(?<![\w(/-]){re.escape(abbr)}(?![\w)/-])", text):
            if _TOPIC_BEFORE.search(text, 0, am.start()) or _MODIFIER_AFTER.match(text, am.end()):
                continue  # "a knowledge test on GERD", "the GERD -education group": what it is about, no event
            taken = [(x.start, x.end) for x in outcomes] + [(a.start, a.end) for a in arms]
            taken += [(q.start, q.end) for q in quals]
            if not any(overlaps(am.start(), am.end(), a, b) for a, b in taken):
                outcomes.append(Hit(am.start(), am.end(), ref))
    for h in phrases.through_abbreviations(text.translate(_HYPHENS), normalizer, page):
        inner = [o for o in outcomes if overlaps(h.start, h.end, o.start, o.end)]
        if all(h.start <= o.start and o.end <= h.end and o.outcome.code == h.outcome.code for o in inner):
            outcomes = [o for o in outcomes if o not in inner] + [h]  # the whole term wins over its tail
    outcomes = phrases.refine(text, sorted(outcomes, key=lambda h: h.start), normalizer, page)
    outcomes = [h for h in outcomes if not _follow_up_moment(text, h)]
    return Named(outcomes, arms, quals, _populations(text, quals, arms))


_LANDMARK_FOLLOW_UP = re.compile(rf"\b{lexicon.alternation('landmark_prepositions')}\s+(?:the\s+)?(?:(?:whole|entire|"
                                 rf"last|final|same)\s+)?(?:{NUM}[- ](?:months?|weeks?|years?|days?)\s+)?$",
                                 re.I)  # fmt: skip
_FOLLOW_UP_OF = re.compile(r"\s*(?:time\s+)?(?:of|was|were|:)\s*(?:\d|a\s+median)", re.I)  # "at follow-up of 12 months"


def _follow_up_moment(text: str, h: Hit) -> bool:
    """ "until the 6 month follow-up", "at the 3-month follow-up": a moment, never the statistic measured."""
    return h.outcome.code == "FOLLOW_UP" and bool(_LANDMARK_FOLLOW_UP.search(text, 0, h.start)) \
        and not _FOLLOW_UP_OF.match(text, h.end)


def _longest(found: list[Mention]) -> list[Mention]:
    """Overlapping matches: the longer wins, then an outcome over an adverse-event term."""
    rank = {"outcome": 0, "ae": 1}
    ordered = sorted(found, key=lambda m: (-(m.end - m.start), rank.get(m.term.kind, 2), m.start))
    kept: list[Mention] = []
    for m in ordered:
        if not any(overlaps(m.start, m.end, k.start, k.end) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _ref(m: Mention) -> OutcomeRef:
    t = m.term
    if t.kind == "ae":
        return OutcomeRef(t.canonical or "", t.code_system or "CTCAE v5.0", t.code, t.raw, "ae")
    return OutcomeRef(t.canonical or "", "evidex", t.code if t.code_system == "evidex" else "", t.raw, "outcome")


def _arms(text: str, found: list[Mention], ctx: DocContext) -> list[ArmHit]:
    return arm_finder.find(text, ctx.study, ctx.study.normalizer)


def _populations(text: str, quals: list[cues.Cue], arms: list[ArmHit]) -> list[Population]:
    out = []
    for m in cues.POPULATION.finditer(text):
        n = as_int(parse_number(m["n"]))
        if n is None or n == 0 or 1900 <= n <= 2100 or _is_percent_or_time(text, m.end()):
            continue
        if _LABELLED.search(text, 0, m.start("n")):
            continue  # "Genotype 2 ... Patients", "stage 4 patients": the number names a category
        if _AMOUNT.match(text, m.end("n")) or _EACH.match(text, m.end()):
            continue  # "a total of 30 ml per patient" is a dose; "(..., one patient each)" is no group
        if text[m.end() : m.end() + 1] == ")" and text[max(0, m.start() - 1) : m.start()] != "(":
            continue  # "(range 2-14)" ends with a number, not a group
        window_end = _window_end(text, m.end())
        own = frozenset(q.value for q in quals if m.start() <= q.start < window_end)
        first = next((a for a in arms if m.start() <= a.start < window_end), None)
        arm = None if first is None or _heads_list(text, m.end(), first, arms) else first.arm
        if arm is None and first is None:
            arm = _group_before(text, m.start(), arms)
        bracketed = _group_before(text, m.start(), arms) is not None
        out.append(Population(m.start(), m.end(), n, own, arm, window_end, bracketed))
    return _arms_across(text, out, arms)


_RECEIVED = re.compile(
    r"^[^,;.\d]{0,40}?\b(?:received|receiving|treated with|given|underwent|(?:assigned|randomi[sz]ed|allocated) to)\s",
    re.I,
)
_SUBJECT = re.compile(r"^[^,;.\d]{0,30}\b(?:included|comprised|consisted of|enrolled)\s+$", re.I)


def _arms_across(text: str, pops: list[Population], arms: list[ArmHit]) -> list[Population]:
    """ "14 children (9 males and 6 females) received Bolinto", "The Bolinto group included 8 males":
    the arm named after the verb (or as the subject) is the arm of the groups counted."""
    inside = sent.bracketed(text)
    out: list[Population] = []
    for i, p in enumerate(pops):
        arm = p.arm
        if arm is None and inside[p.start] and out and not inside[out[-1].start]:
            arm = out[-1].arm  # a breakdown in brackets belongs to the group before it
        if arm is None and out and re.fullmatch(r"\s*(?:[A-Za-z]+\s+)?and\s+", text[out[-1].end : p.start]):
            arm = out[-1].arm  # "8 males and 6 females"
        if arm is None:
            arm = _arm_after(text, p, pops[i + 1 :], arms, inside) or _arm_before(text, p, arms)
        out.append(Population(p.start, p.end, p.n, p.quals, arm, p.window_end, p.bracketed))
    for i, p in enumerate(out):  # the bracketed breakdown learns the arm its group found later
        if p.arm is None and inside[p.start]:
            owner = next((q for q in reversed(out[:i]) if not inside[q.start]), None)
            out[i] = Population(p.start, p.end, p.n, p.quals, owner.arm if owner else None, p.window_end, p.bracketed)
    return out


def _arm_after(text: str, p: Population, rest: list[Population], arms: list[ArmHit], inside: tuple[bool, ...]
               ) -> str | None:  # fmt: skip
    limit = next((q.start for q in rest if not inside[q.start]), len(text))
    for a in arms:
        if p.end <= a.start < limit:
            gap = "".join(ch for k, ch in enumerate(text[p.end : a.start], p.end) if not inside[k])
            verb = _RECEIVED.match(gap)
            return a.arm if verb is not None and not _heads_list(text, p.end, a, arms) else None
    return None


def _heads_list(text: str, start: int, a: ArmHit, arms: list[ArmHit]) -> bool:
    """ "50 patients were randomly assigned to either soy or placebo", "to A (n = 30), B or C": the arm after the
    group's verb is one of a list of arms, so the count is of all of them."""
    if _SPLIT.search(text, start, a.start):
        return True
    nxt = next((b for b in arms if b.start >= a.end and b.arm != a.arm), None)
    between = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text[a.end : nxt.start]) if nxt else ""
    return nxt is not None and bool(_ARM_LIST_JOIN.fullmatch(between))


# the first arm after "assigned to" heads a list of arms: the count is of all the groups, not of the first
_SPLIT = re.compile(r"\b(?:either|one\s+of|(?:two|three|four|2|3|4)\s+(?:groups|arms|cohorts))\b"
                    r"|(?:,|\bor|\band)\s*(?:the\s+)?$", re.I)  # fmt: skip
_ARM_LIST_JOIN = re.compile(r"[^,;.\d]{0,20}?(?:,|\bor\b|\band\b|\bvs\.?|\bversus\b)\s*(?:with\s+|to\s+)?(?:the\s+)?"
                            r"(?:[^,;.\d]{0,12})?", re.I)


def _arm_before(text: str, p: Population, arms: list[ArmHit]) -> str | None:
    before = [a for a in arms if a.end <= p.start]
    if before and _SUBJECT.match(text[before[-1].end : p.start]):
        return before[-1].arm
    return None


_AMOUNT = re.compile(r"\s?(?:ml|mg|g|kg|µg|μg|mcg|mmol|mEq|l|IU|units?)\b", re.I)
_EACH = re.compile(r"\s+each\b", re.I)
_LABELLED = re.compile(rf"\b{lexicon.alternation('number_label_words')}\s*$", re.I)


def _is_percent_or_time(text: str, end: int) -> bool:
    return bool(re.match(r"\s?(?:%|months?|days?|years?|weeks?|/)", text[end:]))


def _window_end(text: str, start: int) -> int:
    m = re.compile(r"[,;()]|\b(?:and|while|whereas)\b|\d").search(text, start)
    return min(m.start() if m else len(text), start + 80)


def _group_before(text: str, start: int, arms: list[ArmHit]) -> str | None:
    """ "the berintuo-treated group(12cases)": the size in brackets right after a group."""
    for a in arms:
        if 0 <= start - a.end <= 3 and "(" in text[a.end : start + 1]:
            return a.arm
    return None


def owned_by_population(q: cues.Cue, pops: list[Population]) -> bool:
    return any(p.start <= q.start < p.window_end and q.value in p.quals for p in pops)


_GRAFT_ORDER = ("BM", "PB", "CB")
_GRAFT_JOIN = re.compile(r"\s*(?:\+|/|\band\b|\bplus\b|\bcombined? with\b|\bwith\b)\s*", re.I)
_GRAFT_COUNT = re.compile(
    r"(?:\s+(?:alone|only))?\s*(?:stem cells?\s*|grafts?\s*)?\(\s*(?:n\s*=\s*)?\d+|(?:\s+(?:alone|only))?\s+in\s+\d+\b",
    re.I,
)  # "peripheral blood alone in 9"
_TRANSPLANT = re.compile(r"transplant|HSCT|\bgraft|stem cell", re.I)


def _graft_sources(text: str, normalizer: Normalizer, page: int | None) -> list[Hit]:
    """ "bone marrow + peripheral stem cells (5 cases), cord blood (2 cases)": counts of each graft source.

    Sources joined by "+"/"and"/"combined with" form one source ("GRAFT_BM_PB"); a source counts only when a
    number follows it and the sentence is about transplantation ("bone marrow remission" is not a graft).
    """
    if not _TRANSPLANT.search(text):
        return []
    found = [m for m in normalizer.mentions(text, ("graft_source",), page) if m.term.canonical in _GRAFT_ORDER]
    groups: list[list[Mention]] = []
    for m in found:
        if groups and _GRAFT_JOIN.fullmatch(text[groups[-1][-1].end : m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    hits = []
    for g in groups:
        if not _GRAFT_COUNT.match(text, g[-1].end):
            continue
        parts = sorted({m.term.canonical or "" for m in g}, key=_GRAFT_ORDER.index)
        code = "GRAFT_" + "_".join(parts)
        hits.append(Hit(g[0].start, g[-1].end, OutcomeRef(code, "evidex", code, text[g[0].start : g[-1].end])))
    return hits
