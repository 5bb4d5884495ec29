"""Last touches on a sentence's rows: terms asked of the normalizer whole, the transplanted group, denominators."""

from __future__ import annotations

import dataclasses
import re

from evidex.evidence.text import cues, lexicon, phrases, sample
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.arms import ArmHit
from evidex.evidence.text.context import DocContext
from evidex.evidence.text.rows import (
    Draft,
    Hit,
    OutcomeRef,
    Sentence,
    consistent,
    domain_of,
    resolve_total,
    term_ref,
)
from evidex.evidence.text.stats import COUNTS
from evidex.models import Normalizer

TRANSPLANT_ONLY = frozenset(
    ("NEUTROPHIL_ENGRAFTMENT", "PLATELET_ENGRAFTMENT", "AGVHD", "AGVHD_SKIN", "AGVHD_GUT", "CGVHD", "TRM")
    + ("TIME_TO_HSCT",)
)


def complete(s: Sentence, normalizer: Normalizer, ctx: DocContext) -> None:
    _merge_counts(s)
    if s.lead_n:
        _of_the_lead(s, s.lead_n)
    s.drafts = [d for d in s.drafts if not (d.outcome.kind == "raw" and (_QUANTIFIER.fullmatch(d.outcome.raw.strip())
                                                                       or _no_label(d.outcome.raw)))]
    s.drafts = [d for d in s.drafts if not _named_number(s.text, d)]
    s.drafts = [d for d in s.drafts if not sample.flow(d, s.text)]  # "391 (75.2%) completed a phone screening"
    for d in s.drafts:
        unit = _TREATMENT_UNIT.search(d.outcome.raw) if d.outcome.kind == "raw" else None
        if unit and d.statistic in ("median", "mean"):  # "the median number of X cycles administered was 1 (1-6)"
            d.outcome, d.unit = OutcomeRef("TREATMENT_DURATION", raw=d.outcome.raw), unit.group().lower()
        if d.rule == "stmt.not_reached.v1" and not d.unit:  # "not reached in one arm, 16.4 months in the other"
            same = [o for o in s.drafts if o.outcome == d.outcome and o.statistic == "median" and o.unit]
            d.unit = same[0].unit if same else ""
        if d.outcome.kind == "raw":
            d.outcome = _as_ae(d.outcome, normalizer, s.page)
        if d.outcome.code in ("AE_TOTAL", "AE_GRADE3") and d.grade == "5":  # "no fatal adverse events occurred"
            d.outcome, d.grade = OutcomeRef("TREATMENT_DEATH", raw=d.outcome.raw), ""
        _transplanted(d, ctx)
        resolve_total(d, domain_of(d.outcome, d.quals) == "survival")


_QUANTIFIER = re.compile(rf"(?:the\s+)?{lexicon.alternation('quantifier_words')}", re.I)
_NUMBER_WORD = rf"(?i:{lexicon.alternation('number_units')}|{lexicon.alternation('number_tens')})"
_NO_LABEL = re.compile(rf"[IVX]{{1,4}}|\d[\d,.]*(?:st|nd|rd|th)?|{_NUMBER_WORD}|(?:[a-z]{{1,2}}\s+)+[a-z\d]{{1,2}}")


_GLUED = re.compile(r"[A-Za-z][-–]?$")


def _named_number(text: str, d: Draft) -> bool:
    """ "patients who achieved ACR20 responder criteria response", "patients with HCV-2 infection": a count whose
    number is part of a name (letters, or letters and a hyphen, right before it) tells how many of nothing."""
    if d.statistic != "count" or d.stat is None or d.events is None or d.stat.rule not in COUNTS:
        return False
    at = text.find(str(d.events), d.stat.start, d.stat.end)
    return at > 0 and bool(_GLUED.search(text, max(0, at - 2), at))


def _no_label(raw: str) -> bool:
    """ "higher in group II than group I (20% vs 0%)" -> "I"; "27 (26.5%) two" -> "two"; "the 10th and 90th
    percentiles were 23 and 40" -> "10th"; a figure's axis letters "c n": a phrase that names no outcome (an arm's
    numeral, a number, loose letters), so its row would be a value of nothing."""
    return bool(_NO_LABEL.fullmatch(raw.strip()))
_TREATMENT_UNIT = re.compile(rf"\b{lexicon.alternation('treatment_units')}\b(?=.*\b(?:administered|received|given|"
                             r"delivered|completed|infused)\b)", re.I)  # fmt: skip


def _transplanted(d: Draft, ctx: DocContext) -> None:
    """Engraftment, GVHD, transplant mortality happen only to the transplanted: the group the paper defined."""
    graft = d.outcome.code.startswith("GRAFT_")  # a graft source exists only for a transplant
    if (d.outcome.code not in TRANSPLANT_ONLY and not graft) or d.quals & {"HSCT", "no-HSCT"}:
        return
    if not ctx.transplanted:
        if graft:
            d.quals = d.quals | {"HSCT"}
        return
    if d.arm not in ctx.transplanted and len(ctx.transplanted) == 1 and d.arm in ("all", ctx.default_arm):
        d.arm = next(iter(ctx.transplanted))
    if d.arm in ctx.transplanted:
        d.quals = d.quals | {"HSCT"}
        d.candidates = [*d.candidates, ctx.transplanted[d.arm]]
        if d.rule == "stmt.none.v1" and d.total is None:  # "no transplant-related mortality"
            d.total, d.total_derived = ctx.transplanted[d.arm], True


def _as_ae(raw: OutcomeRef, normalizer: Normalizer, page: int | None) -> OutcomeRef:
    """A term named in a list ("decreased serum calcium levels", "neurologic events") asked of the normalizer whole."""
    for phrase in (raw.raw, re.sub(r"\s+(?:levels?|values?|counts?)$", "", raw.raw)):
        term = normalizer.normalize(phrase, None, page=page)
        whole = term.method in ("exact", "synonym", "abbreviation") and not term.note.startswith("qualifiers dropped")
        ref = term_ref(term, raw.raw) if whole else None  # "time to CR" is not CR; a fuzzy guess is no code
        if ref is not None:
            return ref
    return raw


def shared_values(s: Sentence, hits: list[Hit]) -> None:
    """ "The 3-year OS rate and EFS rate were all 92.9%": one value of every outcome of the list before it."""
    told = [d for d in s.drafts if d.stat is not None]
    alone = len({d.stat.start for d in told if d.stat is not None}) == 1 and not re.search(r"\brespectively\b", s.text)
    for d in list(s.drafts):
        if d.stat is None:
            continue
        lead = s.text[max(0, d.stat.start - 20) : d.stat.start]
        if not (_SHARED.search(lead) or (alone and _PLAIN_SHARED.search(lead))):
            continue  # "median PFS and median OS were 1.9 months (95% CI, 0.2 to 3.8)": one value, said once
        before = [h for h in hits if h.end <= d.stat.start]
        chain = before[-1:]
        link = r"[\s\w⁃-]*?(?:,|\band\b|\bor\b)[\s\w⁃-]*" if _SHARED.search(lead) else r"[\s\w⁃-]*?\band\b[\s\w⁃-]*"
        for h in reversed(before[:-1]):
            if not re.fullmatch(link, s.text[h.end : chain[0].start]) or len(
                s.text[h.end : chain[0].start]) > 40:  # fmt: skip
                break
            chain.insert(0, h)
        for h in chain:
            if h.outcome.code != d.outcome.code:
                s.drafts.append(dataclasses.replace(d, outcome=h.outcome))


_SHARED = re.compile(r"\b(?:were|was|are)\s+(?:both|all|each|equally)\s*$", re.I)
_PLAIN_SHARED = re.compile(r"\b(?:were|are)\s*$", re.I)


def _of_the_lead(s: Sentence, n: int) -> None:
    """ "Of the 14 MRD-positive patients, five received HSCT": a count is a part of the group the lead-in counts;
    "Of the 11 patients with R/R disease, the CR rate was 45.5%": a rate of it, when the numbers agree."""
    for d in s.drafts:
        if d.rule == "stmt.count_verb.v1" and d.events is not None and d.events <= n and d.outcome.code != "ENROLLED":
            d.statistic, d.total = "proportion", n
        elif d.statistic == "proportion" and d.events is None and d.total is None and d.value is not None:
            d.group_n = d.group_n or (n if consistent(round(d.value * n / 100), n, d.value) else None)


def _merge_counts(s: Sentence) -> None:
    """ "26 achieved CR, with a remission rate of 78.8% (26/33)": the count is the events of the rate beside it."""
    for c in [d for d in s.drafts if d.rule == "stmt.count_verb.v1" and d.events is not None]:
        key = (c.outcome.code, c.outcome.raw if not c.outcome.code else "", c.arm, c.quals, c.grade)
        rates = [d for d in s.drafts if d.statistic == "proportion" and d.stat is not None and d.stat.start > (
            c.stat.start if c.stat else 0) and (d.outcome.code, d.outcome.raw if not d.outcome.code else "", d.arm,
            d.quals, d.grade) == key and d.events in (None, c.events)]  # fmt: skip
        if rates:
            rates[0].events = c.events
            s.drafts.remove(c)


_N_AFTER = re.compile(r"\(\s*n\s*=\s*(?P<n>\d+)\s*[);,]", re.I)


def subgroups(s: Sentence, arms: list[ArmHit]) -> None:
    """The group a sentence names in its own words when no canonical qualifier fits (contract: free text)."""
    lead = phrases.group_lead(s.text) if not cues.RESET.search(s.text[:40]) else None
    running: tuple[str | None, int | None] = (lead, None)
    pieces = sent.clauses(s.text)
    outer: Draft | None = None
    last = 0
    for d in sorted((d for d in s.drafts if d.stat is not None), key=lambda d: d.stat.start if d.stat else 0):
        stat = d.stat
        assert stat is not None
        between = phrases.group_between(s.text, last, stat.start)  # "and for pts with ≥2 prior therapies (n = 45)"
        running = between or running
        last = stat.end
        if d.quals:
            continue
        a, b = pieces[d.seg] if d.seg < len(pieces) else (0, len(s.text))
        aside = outer is not None and outer.seg == d.seg and sent.enclosing(s.text, stat.start) is not None
        found = phrases.group_after(s.text, stat.end, b)
        sized = _N_AFTER.search(s.text, stat.end, b) if found else None
        free, n = (found, int(sized["n"]) if sized else None) if found else running
        if aside and outer is not None and not found:
            free, n = next(iter(outer.quals), None), None
        if free and not any(a <= h.start < b and h.label.lower() in free.lower() for h in arms) \
                and not _describes_arm(s.text, free, arms):  # fmt: skip
            d.quals = frozenset({free})
            if n and d.statistic == "proportion" and d.total is None and d.events is None:
                d.total = n  # "67% (35-90) for pts < 26 y (n = 12)"
        if sent.enclosing(s.text, stat.start) is None:
            outer = d
    if re.search(r"\brespectively\b", s.text):
        _groups_in_order(s, phrases.groups_in(s.text))
        _grades_in_order(s)


def _describes_arm(text: str, free: str, arms: list[ArmHit]) -> bool:
    """ "In patients with acute back pain (group A), ...; in those with ... (group B), ...": the words before an arm's
    name in brackets describe that arm, they are no subgroup (of it or of the arms named after it)."""
    for m in re.finditer(re.escape(free) + r"\s*[(\[]\s*", text, re.I):
        if any(h.start == m.end() or 0 <= h.start - m.end() <= 8 for h in arms):
            return True
    return False


def _grades_in_order(s: Sentence) -> None:
    """ "acute GVHD in types I-II and III-IV were 7.1% and 14.3%, respectively": the i-th value has the i-th grade."""
    told = [d for d in s.drafts if d.stat is not None and not d.stat.hr]
    told.sort(key=lambda d: d.stat.start if d.stat else 0)
    last = 0
    i = 0
    while i < len(told):
        run = [told[i]]
        while i + len(run) < len(told) and told[i + len(run)].outcome == run[0].outcome:
            run.append(told[i + len(run)])
        first = run[0].stat.start if run[0].stat else 0
        listed = [g for g in cues.grades(s.text) if last <= g.start < first]
        if len(run) >= 2 and len(listed) == len(run):
            for d, g in zip(run, listed, strict=True):
                d.grade = g.value
        last = run[-1].stat.end if run[-1].stat else last
        i += len(run)


def _groups_in_order(s: Sentence, groups: list[tuple[str, int | None]]) -> None:
    """ "... was 90% for A (n = 10) and 67% for B; median OS was not reached and 25.6 mo, respectively": a run of
    one outcome's values pairs with the groups in the order the sentence names them."""
    if len(groups) < 2:
        return
    pieces = sent.clauses(s.text)

    def at(d: Draft) -> int:
        return d.stat.start if d.stat is not None else pieces[min(d.seg, len(pieces) - 1)][0]

    runs: list[list[Draft]] = []
    for d in sorted(s.drafts, key=at):
        if d.outcome.code == "ENROLLED" or (d.stat is not None and d.stat.hr):
            continue
        if runs and (runs[-1][-1].outcome.code, runs[-1][-1].statistic) == (d.outcome.code, d.statistic):
            runs[-1].append(d)
        else:
            runs.append([d])
    for run in runs:
        if len(run) == len(groups) and all(not (d.quals - {g for g, _ in groups}) for d in run):
            for d, (g, _n) in zip(run, groups, strict=True):
                d.quals = frozenset({g})
