"""One sentence -> draft evidence rows.

Each statistic takes its outcome, arm, subgroup, grade and timepoint from the
clause segment it sits in, falling back to what earlier segments of the same
sentence set (a list of AEs under "of which 79 were grade 3 or higher" keeps
that grade), then to the scope set by a lead-in phrase in an earlier sentence.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from evidex.evidence import outcomes
from evidex.evidence.text import about, align, cues, finish, lexicon, links, mentions, scales, stats
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.arms import ArmHit
from evidex.evidence.text.context import DocContext, Scope
from evidex.evidence.text.rows import (
    QUALIFIER_OUTCOMES,
    Draft,
    OutcomeRef,
    Sentence,
    statistic_of,
)  # fmt: skip
from evidex.models import Normalizer

_ANAPHORA = re.compile(
    r"\b(?:corresponding|respective|same|these|those|such)\s+(?:values?|rates?|figures?|estimates?|"
    r"proportions?|percentages?|probabilities)\b",
    re.I,
)


@dataclass
class _State:
    outcome: OutcomeRef | None = None
    arm: tuple[str, str] | None = None
    quals: frozenset[str] = frozenset()
    grade: str = ""
    last_count: int | None = None
    stated: dict[str, int] = field(default_factory=dict)  # outcome -> denominator stated earlier in the sentence
    lead_tp: float | None = None
    subject_tp: float | None = None  # the one landmark written before the sentence's first number
    summary: tuple[str, str] | None = None  # statistic and unit of the last median or mean
    aside: tuple[tuple[int, int], OutcomeRef] | None = None  # the outcome of the last number in a bracket
    timepoint: float | None = None  # of the last row: "54.4% in one arm and 39.0% in the other" share it
    row_grade: str = ""
    arm_spans: list[tuple[int, int]] = field(default_factory=list)  # where the sentence names arms
    pops: list[mentions.Population] = field(default_factory=list)  # groups counted in this sentence


def analyse(s: Sentence, normalizer: Normalizer, ctx: DocContext, scope: Scope) -> None:
    named = mentions.find(s.text, normalizer, ctx, s.page)
    found = stats.find(s.text)
    pops = [p for p in named.pops if not any(mentions.overlaps(p.start, p.end, x.start, x.end) for x in found
                                             if x.rule not in stats.COUNTS and x.rule != "pct_of.v1")]  # fmt: skip
    before = scope.quals
    local = _update_scope(s.text, named, pops, scope)
    for p in pops:
        inherited = scope.quals if not p.quals >= scope.quals else frozenset()
        ctx.remember(p.arm or ctx.default_arm, p.quals | inherited, p.n)
        if "HSCT" in p.quals:  # "Eight children in CR after Bolinto were bridged to HSCT"
            ctx.transplanted.setdefault(p.arm or ctx.default_arm, p.n)
    st = _State(arm=(scope.arm, "") if scope.arm else None, pops=pops)
    lead = cues.LEAD_IN.match(s.text)
    counted = [p.n for p in pops if lead and p.start < lead.end()]
    sizes = list(links.N_IS.finditer(s.text))
    if lead and not counted and all(m.start() < lead.end() for m in sizes):  # "Among patients with >=12 months of
        counted = [int(m["n"].replace(",", "")) for m in sizes]  # follow-up (N=578; ...), the CR rate was 86%"
    s.lead_n = counted[0] if len(counted) == 1 else None
    named_arm = [(h.start, h.end) for h in named.arms]  # "48-week" in "the 48-week arm" names a group, not a time
    st.arm_spans = named_arm
    lead_tps = _times(s.text[: lead.end()], named_arm) if lead else []
    st.lead_tp = lead_tps[0][2] if lead_tps else None  # "At 12 months, the EFS was 61.2% and OS was 80.5%"
    first = min((x.start for x in found), default=len(s.text))
    subject = {t[2] for t in _times(s.text[:first], named_arm)}
    st.subject_tp = subject.pop() if len(subject) == 1 else None
    every = _times(s.text, named_arm)
    if st.subject_tp is None and every and all(re.match(r"(?:at|by)\b", s.text[t[0] : t[1]], re.I) for t in every) \
            and len({t[2] for t in every}) == 1:  # fmt: skip
        st.subject_tp = every[0][2]  # "was estimated at 26% and 29% after A and B at 2 years vs 15% after C"
    if scope.topic is not None and _ANAPHORA.search(s.text):  # "the corresponding values were 94% and 85%"
        st.outcome = scope.topic[0]
        st.lead_tp = st.lead_tp if st.lead_tp is not None else scope.topic[1]
    pieces = sent.clauses(s.text)
    _borrow_ahead(s.text, pieces, named, normalizer)
    for k, (a, b) in enumerate(pieces):
        _segment(s, k, a, b, named, found, pops, st, ctx, scope)
    if s.cut:
        _cut_tail(s, named, st, ctx, scope)
    align.outcome_lists(s, named)
    align.effect_outcomes(s, named)
    links.respectively(s, named, pops, ctx, scope)
    align.arms_in_order(s, named, ctx)
    links.sizes_before_arms(s, pops)
    align.comparator_bracket(s, named, ctx)
    align.not_reached_first(s, named, ctx)
    links.counts_in_groups(s, named)
    links.p_values(s, named)
    links.enrolled(s, pops, ctx, scope, named)
    links.enrolled_in_order(s, pops, named, ctx)
    links.group_sizes(s, named, ctx)
    finish.shared_values(s, named.outcomes)
    finish.complete(s, normalizer, ctx)
    align.contrasts(s)
    finish.subgroups(s, named.arms)
    told = [d for d in s.drafts if d.stat is not None and not d.stat.hr]
    if told:
        scope.topic = (told[-1].outcome, told[-1].timepoint)
    if local or not s.drafts:
        scope.quals = before  # "Among the 7 without CR, 5 received CAR-T": a scope only for its own sentence


def _times(text: str, arm_spans: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """Landmark times outside the names of arms ("serious AEs in the 48-week and 24-week arms (4.3% vs 3.2%)")."""
    return [t for t in cues.timepoints(text) if not any(a < t[1] and t[0] < b for a, b in arm_spans)
            and not _GROUP_AFTER.match(text, t[1])]  # fmt: skip


_GROUP_AFTER = re.compile(rf"(?:\s+(?:treatment|therapy|regimen))?\s+{lexicon.alternation('group_nouns')}\b", re.I)


def _borrow_ahead(text: str, pieces: tuple[tuple[int, int], ...], named: mentions.Named, normalizer: Normalizer
                  ) -> None:  # fmt: skip
    """ "prevention of grade II-IV (HR 0.24) and grade III-IV acute GVHD (HR 0.19)": a graded item that names no
    outcome shares the outcome of the parallel item after it."""
    for (a, b), (c, d) in zip(pieces, pieces[1:], strict=False):
        grades = [g for g in cues.grades(text) if a <= g.start < b]
        if not grades or any(a <= h.start < b for h in named.outcomes):
            continue
        nxt = [h for h in named.outcomes if c <= h.start < d]
        if not nxt or not re.match(r"\s*(?:and|or|,)?\s*(?:[\w-]+\s+)?(?:grades?\b|≥|severe|mild|moderate|high-grade|"
                                   r"[\w-]+\s+(?:acute|chronic))", text[c:d], re.I):  # fmt: skip
            continue
        own = re.search(r"(?P<w>acute|chronic)\s*$", text[a : grades[0].start], re.I)  # "3-month acute grade 2-4"
        outcome = nxt[0].outcome
        if own:
            whole = [m for m in normalizer.mentions(f"{own['w']} {outcome.raw.split()[-1]}", ("outcome",), None)
                     if m.term.canonical]  # fmt: skip
            outcome = OutcomeRef(whole[0].term.canonical or "", raw=own["w"]) if whole else outcome
        named.outcomes.append(mentions.Hit(grades[0].end, grades[0].end, outcome))
    named.outcomes.sort(key=lambda h: h.start)


def _update_scope(text: str, named: mentions.Named, pops: list[mentions.Population], scope: Scope) -> bool:
    """Apply a lead-in's subgroup; True when it holds for this sentence only.

    "For those with positive MRD only, ..." sets the topic of the sentences that follow;
    "Of the 25 patients with refractory disease, 17 ..." counts a part and is local.
    """
    lead = cues.LEAD_IN.match(text)
    if lead:
        quals = frozenset(q.value for q in named.quals if q.start < lead.end())
        listed = {p.quals for p in pops if p.start < lead.end() and p.quals}
        lead_arms = {a.arm for a in named.arms if a.start < lead.end()}
        if len(lead_arms) == 1:
            scope.arm = lead_arms.pop()  # "In the CAR-T group, ..." holds for the paragraph
        if cues.RESET.search(lead["body"]):
            scope.quals, scope.arm = frozenset(), None
        elif quals and len(listed) < 2:  # "In 11 refractory and 22 relapsed, ..." is a list, not a scope
            scope.quals = quals
        return any(p.start < lead.end() for p in pops)
    if cues.RESET.search(text):
        scope.quals = frozenset()
    elif any(q.value in ("HSCT", "no-HSCT") for q in named.quals) and named.arms:
        scope.quals = frozenset()  # a new named group ("the CAR-T transplant group") changes the subject
    return False


@dataclass
class _Seg:
    """What one clause segment names."""

    k: int
    a: int
    b: int
    outs: list[mentions.Hit]
    quals: frozenset[str]
    loose: list[cues.Cue]  # qualifiers not describing a counted group: candidates for the counted thing itself
    grades: list[cues.Cue]
    seg_quals: list[cues.Cue]
    arms: list[ArmHit]


def _segment(s: Sentence, k: int, a: int, b: int, named: mentions.Named, found: list[stats.Stat],
             pops: list[mentions.Population], st: _State, ctx: DocContext, scope: Scope) -> None:  # fmt: skip
    text = s.text
    # "time to CRS onset" times an event; it is not the event's own statistic
    outs = [h for h in named.outcomes if a <= h.start < b and not re.match(r"\s*onset\b", text[h.end : h.end + 10])]
    seg_quals = [q for q in named.quals if a <= q.start < b and not cues.in_lead(text, q.start)]
    loose = [q for q in seg_quals if not mentions.owned_by_population(q, pops)]
    grades = [g for g in cues.grades(text) if a <= g.start < b]
    arms = [x for x in named.arms if a <= x.start < b]
    seg = _Seg(k, a, b, outs, frozenset(q.value for q in seg_quals), loose, grades, seg_quals, arms)
    grades = [g for g in grades if not scales.numbered_bracket(text, g)]  # "(2% grade ≥3)" grades only its bracket
    if arms:
        st.arm = (arms[0].arm, arms[0].label)
    if grades and not outs and re.match(r"\s*(?:mostly|mainly|predominantly|largely|primarily|majority)\b", text[a:b]):
        grades = []  # "CRS in 85% of A and 81% of B, predominantly low grade": how the events spread, not their grade
    if grades and not outs and s.drafts and re.match(r"\s*(?:all|both|each)\b", text[a:b]):
        for d in s.drafts:  # "CRS in 6 cases (35.7%), all grade 1-2, and ICANS in 1": it grades the row before
            d.grade = grades[0].value if d.seg == k - 1 and d.stat is not None else d.grade
    elif grades and not outs:
        st.grade = grades[0].value
    for g in grades:  # "grade 3 or higher events were X in 7 cases and Y in 3": the grade of the whole list
        if re.match(r"\s*(?:adverse\s+)?(?:events?|AEs|toxicities)\b", text[g.end : g.end + 25], re.I):
            st.grade = g.value
    seg_stats = [x for x in found if a <= x.start < b and not about.is_population(x, text, outs)
                 and not (x.rule == "count_verb.v1" and _TIMED_GROUP.search(text, x.end, b))
                 and not about.names_a_group(x, text, named.outcomes, named.arms, len(ctx.arms) > 1)]  # fmt: skip
    if cues.EVALUABLE.search(text, a, b) and seg_stats and all(x.rule in stats.COUNTS for x in seg_stats):
        if seg_stats[0].events:  # "CRS was evaluable in 9 cases": the denominator of that outcome
            key = st.quals | scope.quals | {f"evaluable:{_code(outs, st)}"}
            ctx.remember(_arm(st, ctx)[0], key, seg_stats[0].events)
        return
    if not seg_stats:
        _statless(s, k, a, b, outs, grades, st, ctx, scope, seg_quals)
        if outs and st.outcome is None and re.match(r"[\s,;]*with\b", s.text[b : b + 8], re.I):
            st.outcome = outs[-1].outcome  # "5-year DFS rates did not differ ..., with 63.6%, 58.4% and 58.3% for ..."
        return
    # "58% of A had at least one hospitalization": the count that defines the event names the clause's
    # outcome, so it is read before the values it follows
    for x in sorted(seg_stats, key=lambda x: not _defines_event(s.text, x)):
        _add_row(s, seg, x, pops, st, ctx, scope)


def _defines_event(text: str, x: stats.Stat) -> bool:
    return x.rule == "count.v1" and bool(about.AT_LEAST.search(text, 0, x.start))


def _add_row(s: Sentence, seg: _Seg, x: stats.Stat, pops: list[mentions.Population], st: _State, ctx: DocContext,
             scope: Scope) -> None:  # fmt: skip
    box = sent.enclosing(s.text, x.start)
    topic = st.aside[1] if st.aside is not None and box is not None and st.aside[0] == box else st.outcome
    outcome = about.outcome_for(s.text, x, seg.outs, _adjacent(s.text, x, seg), topic, seg.a, seg.b, seg.arms)
    if outcome is None:
        return
    if _defines_event(s.text, x):
        st.outcome = st.outcome or outcome  # "42% had at least 1 hospitalization": the count defines the event
        return
    own_quals = seg.quals - {q for q, o in QUALIFIER_OUTCOMES.items() if outcome.code in (o, _EVENT_OF.get(q))}
    own_quals -= _COMPLEMENTS.get(outcome.code, frozenset())  # "15 underwent HSCT and 11 did not": not in no-HSCT
    d = _draft(s, seg.k, x, outcome, own_quals if seg.quals else st.quals, seg.grades, st, ctx, scope, seg.a, seg.b)
    if d is None:
        return
    carried = not seg.outs and outcome == st.outcome
    if d.timepoint is None and d.statistic == "proportion" and (st.lead_tp is not None or carried):
        # from a lead-in, or the landmark of the clause before
        d.timepoint = st.timepoint if st.timepoint is not None else st.lead_tp
    if d.timepoint is None and d.statistic == "proportion" and st.subject_tp is not None and scales.timed(outcome):
        d.timepoint = st.subject_tp  # "Six-month DOR, PFS, and OS rates were 55%, 39%, and 71%"
    if carried:
        d.grade = d.grade or st.row_grade
        if d.outcome.code == "AE_TOTAL" and d.grade == ">=3":  # "Grade ≥3 AEs occurred in 92% of A and in 88% of B"
            d.outcome = OutcomeRef("AE_GRADE3", raw=d.outcome.raw)
    st.timepoint, st.row_grade = d.timepoint, d.grade
    if d.statistic in ("median", "mean") and d.unit:
        st.summary = (d.statistic, d.unit)
    if x.rule == "count_of_them.v1":  # "Seven patients ..., and 3 of them remained in remission": 3 of 7
        whole = [p.n for p in pops if p.end <= x.start and p.n >= (x.events or 0)]
        d.statistic, d.total = ("proportion", whole[-1]) if whole else (d.statistic, d.total)
    sized = d.group_n if d.events is None and x.events is not None else None
    d.group_n = sized or next((p.n for p in pops if seg.a <= p.start < seg.b and p.quals), None)
    s.drafts.append(d)
    if sized:
        s.drafts.append(Draft(None, OutcomeRef("ENROLLED"), "count", d.arm, d.arm_label, d.quals, events=sized,
                              rule="stmt.group_size_n.v1", seg=seg.k))  # fmt: skip
    if box is None or st.outcome is None:
        st.outcome = outcome  # an aside in brackets does not change what the sentence is about
    if box is not None:
        st.aside = (box, outcome)  # but holds inside its bracket: "(2% vs 9%)"
    if seg.quals:
        st.quals = own_quals
    if x.rule in stats.COUNTS and d.events is not None:
        st.last_count = d.events
    if x.total is not None:
        st.stated.setdefault(outcome.code, x.total)


_TIMED_GROUP = re.compile(r"\b(?:at|after)\s+a\s+(?:median|mean)\b", re.I)  # "20 proceeded to HSCT at a median of"
_GROUP_N = re.compile(r"\bn\s*=", re.I)
_VERB_QUAL = re.compile(r"(?:achieved|attained|reached|had|developed|were|was|remained)\b", re.I)
_OF_GROUP = re.compile(r"\bof\s+(?:the\s+|all\s+)?\S+\s+(?:[\w-]+\s+){0,2}$")  # "4 of the 7 children in non-remission"
_LATER_VERB = re.compile(
    r"[^,;()]{0,70}?\b(?:achieved|achieving|attained|reached|had|having|developed|were|was)\s+.*", re.I
)
_ITS_BRACKET = re.compile(r"\s*(?:disease|status|state)?\s*[(\[]\s*(?:[\d.]+\s*%?\s*(?:,|and|vs\.?|;)\s*)*", re.I)
# A count of an outcome cannot lie in the group that lacks it: the other half of a partition named beside it
_COMPLEMENTS: dict[str, frozenset[str]] = {
    "HSCT": frozenset({"no-HSCT"}),  # not CR vs non-remission: "5 of the 8 in non-remission achieved CR" is fine
    "SEX_MALE": frozenset({"female"}), "SEX_FEMALE": frozenset({"male"}),
    "REFRACTORY": frozenset({"relapsed"}), "RELAPSED": frozenset({"refractory"}),
}  # fmt: skip
_EVENT_OF = {"relapsed": "RELAPSE"}  # "12 patients relapsed": the event, not the relapsed subgroup
_AT_A_MEDIAN = re.compile(r"\s*at a (?:median|mean) of\s*", re.I)


def _adjacent(text: str, x: stats.Stat, seg: _Seg) -> list[str]:
    """Qualifiers that are themselves the thing measured: "21 male (63.6%)", "11 cases (33.3%) were refractory";
    and for any qualifier, its timing: "the median time to HSCT was 21 days", "HSCT at a median of 38 days"."""
    out = []
    for q in seg.seg_quals:
        loose = q in seg.loose or x.rule == "count_verb.v1"  # "132 achieved CR": the verb's object is counted
        between = text[x.end : q.start]
        apart = re.search(r"[;,]|\bin the\b|\bvs\b|\bversus\b", between)
        verb = _VERB_QUAL.match(text, q.start, q.end)
        denominator = not verb and _OF_GROUP.search(text, x.start, q.start)
        counted = loose and x.start <= q.start < x.end + 25 and not apart and not denominator  # "4 of the 7 in CR"
        tied = x.total is not None or x.percent
        later = tied and q.start >= x.end and _LATER_VERB.fullmatch(between + text[q.start : q.end])
        counted = counted or bool(later)  # "Twelve (80%) of the 15 patients with X achieved CR"
        named = any(h.end <= x.start for h in seg.outs)
        bracketed = loose and not named and q.end <= x.start and _ITS_BRACKET.fullmatch(text[q.end : x.start])
        timed = q.end <= x.start and (
            re.search(r"\btime\b", text[seg.a : q.start], re.I) or _AT_A_MEDIAN.fullmatch(text[q.end : x.start])
        )
        if counted or timed or bracketed:
            out.append(q.value)
    return out


def _code(outs: list[mentions.Hit], st: _State) -> str:
    if outs:
        return outs[0].outcome.code
    return st.outcome.code if st.outcome else ""


def _arm(st: _State, ctx: DocContext) -> tuple[str, str]:
    return st.arm if st.arm and st.arm[0] else (ctx.default_arm, "")


def _draft(s: Sentence, k: int, x: stats.Stat, outcome: OutcomeRef, quals: frozenset[str], grades: list[cues.Cue],
           st: _State, ctx: DocContext, scope: Scope, a: int, b: int) -> Draft | None:  # fmt: skip
    text = s.text
    words = [w for w in cues.statistic_words(text) if w.start < x.start and (w.start >= a or k > 0)]
    word = words[-1].value if words and words[-1].start >= a - 60 else ""
    if not word and x.unit and st.summary and st.summary[1] == x.unit:
        word = st.summary[0]  # "median OS was 9.2 months in A, 4.3 months in B": the list goes on
    if x.rule == "value_unit.v1" and any(t[0] <= x.start < t[1] for t in cues.timepoints(text)):
        return None  # "within one month" is when, not how long
    if x.rule == "value_unit.v1" and not word:
        return None  # "the longest PFS was 461 days" is not a summary statistic
    spread_end = _SPREAD_BEFORE.search(text, max(0, x.start - 40), x.start)
    if x.rule in ("value_unit.v1", "value_shared_unit.v1") and spread_end:
        return None  # "(median 6, range 2–11 months)", "a standard deviation of 7.43 years": a spread, no summary
    if scales.probability(x, word, outcome):  # "3-year OS was 0.71 (0.64-0.77)": a probability, written as a percent
        kind = x.spread if x.spread != "interval" else "95% CI"
        x = dataclasses.replace(x, value=scales.pct(x.value), low=scales.pct(x.low), high=scales.pct(x.high),
                                percent=True, spread=kind)  # fmt: skip
    statistic = statistic_of(x, word)
    arm, label = _arm(st, ctx)
    grade = scales.severity(outcome.code, scales.grade_for(text, x, grades, st.grade), text, a, x.start)
    if outcome.code == "HSCT" and statistic in ("median", "mean"):
        outcome = OutcomeRef("TIME_TO_HSCT", raw=outcome.raw)  # "the median time of bridging HSCT was 21 days"
    if outcome.code == "FOLLOW_UP" and statistic == "count":
        outcome = OutcomeRef("ENROLLED", raw=outcome.raw)  # "410 patients had follow-up data": those followed
    if outcome.code == "AE_TOTAL" and grade:
        outcome = OutcomeRef("AE_GRADE3", raw=outcome.raw) if grade == ">=3" else outcome
    tps = [t for t in _times(text, st.arm_spans) if a <= t[0] < b and scales.scoped(text, cues.Cue(t[0], t[1], ""), x)]
    if x.spread == "±":
        x = dataclasses.replace(x, spread=_spread(x, text, a, b, ctx))
    d = Draft(
        stat=x, outcome=outcome, statistic=statistic, arm=arm, arm_label=label, quals=quals | scope.quals,
        grade=grade if outcome.code != "AE_GRADE3" else ">=3", timepoint=tps[0][2] if tps else None,
        total=x.total, events=x.events, value=None if x.rule == "interval_only.v1" else x.value,
        unit=_unit(x, statistic, outcome), spread=_spread(x, text, a, b, ctx), rule=f"stmt.{x.rule}", seg=k,
        missing=x.rule == "interval_only.v1",
    )  # fmt: skip
    if x.hr and len(ctx.arms) > 1:
        d.arm, d.arm_label = "all", ""  # a hazard ratio belongs to the comparison, not to one arm
    if x.events is not None and _GROUP_N.search(text, x.start, x.end) and outcomes.facts(outcome.code).time_to_event:
        d.events, d.group_n = None, x.events  # "a 5-year DFS of 91% (n = 147)": the size of the group, not events
    d.candidates = _candidates(d, st, ctx, scope)
    return d


_SPREAD_BEFORE = re.compile(r"(?:\b(?:standard\s+deviation|SD|SE|IQR|interquartile\s+range|range)"
                            r"\s*(?:of|was|:|=|,)?\s*|\d\s*(?:[-–—]|to)\s*|\b(?:for|every|per)\s+)$",
                            re.I)  # fmt: skip  ("once daily for four weeks": how long it was given)


def _unit(x: stats.Stat, statistic: str, outcome: OutcomeRef) -> str:
    if statistic == "proportion":
        return "%" if x.value is not None else ""
    if statistic in ("median", "mean"):
        return x.unit or ("years" if outcome.code == "AGE" else "")
    return ""


def _spread(x: stats.Stat, text: str, a: int, b: int, ctx: DocContext) -> str:
    if x.spread == "±":  # "83.7% ± 1.1%": a survival estimate's standard error unless the paper says SD
        return "SD" if re.search(r"\bSD\b|standard deviation", text, re.I) else "SE"
    if x.spread != "interval":
        return x.spread
    if x.rule == "pct_interval.v1" and re.search(r"95\s?%\s?(?:CI|C\.I\.|confidence)", text[: x.start], re.I):
        return "95% CI"  # "The CR rate (95% CI) was 67% (35-90)"
    seg = text[a:b].lower()
    if "range" in seg:
        return "range"
    if "iqr" in seg or "interquartile" in seg:
        return "IQR"
    return ctx.interval


def _candidates(d: Draft, st: _State, ctx: DocContext, scope: Scope) -> list[int]:
    quals = d.quals
    keys = [(d.arm, quals | {f"evaluable:{d.outcome.code}"}), (d.arm, quals), (d.arm, scope.quals),
            (d.arm, frozenset()), (ctx.default_arm, frozenset())]  # fmt: skip
    # the denominator stated for this outcome earlier in the sentence, a count it is a part of, any stated one
    out = [n for n in (st.stated.get(d.outcome.code), st.last_count, *st.stated.values()) if n]
    at = d.stat.start if d.stat else 0
    out += [p.n for p in reversed(st.pops) if p.start < at and p.n not in out]  # "Eight were bridged; 3 (37.5%)"
    for arm, q in keys:
        n = ctx.size(arm, q)
        if n is not None and n not in out:
            out.append(n)
    return out


_LISTED = re.compile(r"\s*(?:,\s*)?(?:and|or|,)?\s*(?:the\s+)?(?:median\s+)?")


def _statless(s: Sentence, k: int, a: int, b: int, outs: list[mentions.Hit], grades: list[cues.Cue], st: _State,
              ctx: DocContext, scope: Scope, quals_in: list[cues.Cue]) -> None:  # fmt: skip
    """ "median OS was not achieved", "no severe CRS or neurotoxicity": rows without a number in them."""
    text = s.text[a:b]
    if not outs:
        return
    arm, label = _arm(st, ctx)
    groups = ("HSCT", "no-HSCT", "non-remission")
    own = frozenset(q.value for q in quals_in if q.value not in QUALIFIER_OUTCOMES or q.value in groups)
    quals = (own or st.quals) | scope.quals
    if cues.NOT_REACHED.search(text) and any(w.value == "median" for w in cues.statistic_words(text)):
        listed = [outs[0]]  # "the median OS and DFS were not reached": each of the list
        for h in outs[1:]:
            if not _LISTED.fullmatch(s.text[listed[-1].end : h.start]):
                break
            listed.append(h)
        for h in listed:
            s.drafts.append(Draft(None, h.outcome, "median", arm, label, quals, rule="stmt.not_reached.v1", seg=k))
        st.outcome = outs[0].outcome
        return
    if re.search(r"\bdifference\b|\bsignifican", text, re.I):
        return
    for none in cues.NONE_OF.finditer(text):  # "no excess toxicities: no CRS grade ≥3": the second "no" counts
        listed = _listed_after(s.text, a + none.end(), outs)
        if listed:
            break
    else:
        return
    if listed:
        grade = scales.pick(grades, st.grade)
        for h in listed:
            d = Draft(None, h.outcome, "count", arm, label, quals, grade=grade, events=0, rule="stmt.none.v1", seg=k)
            d.total = ctx.size(arm, quals)  # "no severe CRS" in a group of known size
            d.total_derived = d.total is not None
            s.drafts.append(d)


_NOT_ZERO = lexicon.pattern("none_not_zero")


def _listed_after(text: str, pos: int, outs: list[mentions.Hit]) -> list[mentions.Hit]:
    """ "no severe CRS or neurotoxicity": the outcomes within two words of "no", joined by or/and/nor."""
    out: list[mentions.Hit] = []
    for h in outs:
        if h.start < pos:
            continue
        gap = re.sub(
            r"\b(?:grade\s*(?:[1-5]|≥\s*3|III?)(?:\s*(?:or|and)\s*(?:higher|above|more))?|severe|serious|fatal)\b",
            "",
            text[pos : h.start],
            flags=re.I,
        )
        if not out and _NOT_ZERO.search(gap):
            break  # "without excess neurotoxicity" is no zero count
        if (not out and len(gap.split()) <= 2) or (out and re.fullmatch(r"\s*(?:,|or|and|nor)\s*", gap)):
            out.append(h)
            pos = h.end
        else:
            break
    return out


def _cut_tail(s: Sentence, named: mentions.Named, st: _State, ctx: DocContext, scope: Scope) -> None:
    """A sentence that lost its end after naming a statistic ("a 12-month OS The ..."): a row with no value."""
    found = stats.find(s.text)
    tail_start = found[-1].end if found else 0
    outs = [h for h in named.outcomes if h.start >= tail_start]
    if not outs:
        return
    tps = [t for t in cues.timepoints(s.text) if t[0] >= tail_start]
    arm, label = _arm(st, ctx)
    statistic = "proportion" if (tps or links.RATE.search(s.text[tail_start:])) else "median"
    s.drafts.append(Draft(None, outs[-1].outcome, statistic, arm, label, st.quals | scope.quals,
                          timepoint=tps[0][2] if tps else None, rule="stmt.cut_off.v1",
                          seg=len(sent.clauses(s.text)) - 1,
                          missing=True))  # fmt: skip
