"""Lists that pair up in order: outcomes with values, groups with values.

- "OS, EFS and RFS at 3 years were 69%, 55%, and 62%, respectively": the i-th value is the i-th outcome;
  "Survival and relapse rates were 91% and 15% in A, 59% and 35% in B" cycles the outcomes per group;
- "(21.5 vs. 2.5 months)" after "with axi-cel versus SOC", "57% vs 59%" for "single-dose and weekly dose",
  "48% and 13% for venetoclax plus LDAC and LDAC alone, respectively": the i-th value of one outcome is the
  i-th arm the sentence names; a sentence that names one arm of a two-arm study ("more common with
  cilta-cel (25% vs 15%)") puts the other arm second.
Rows of one outcome that end up in two or more arms form one contrast: they share a provisional
comparison id, with the effect row (HR, OR, RR, difference) of that outcome in the same sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from evidex.evidence.text import cues, lexicon
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.arms import ArmHit
from evidex.evidence.text.context import DocContext
from evidex.evidence.text.mentions import Hit, Named
from evidex.evidence.text.rows import Draft, Sentence

# "overall survival (OS) and EFS" is a list; "overall survival (65% and 54%, P=0.04) and DFS" is not: a bracket
# holding values closes the first item
_LIST_GAP = re.compile(r"^\s*(?:\((?![^()]*(?:%|\d\.\d|\bp\s*[=<>]))[^()]{1,40}\)\s*)?"
                       r"(?:,\s*(?:and|or)?|and|or|/|&)\s*(?:the\s+)?$", re.I)
_CONTRAST = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:with|to)|than|respectively|between)\b", re.I)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_OWN_GROUP = re.compile(r"\b(?:with|in|for|among|after|on)\s", re.I)  # "34% with X and 52% with Y"
_ADJACENT = re.compile(r"^\s*(?:%|months?|years?|days?|weeks?)?\s*[,;]?\s*(?:and|or|vs\.?|versus|to|"
                       r"compared\s+(?:with|to))?\s*$", re.I)  # "(25% vs 15%)": two values set side by side
_OVERALL = re.compile(  # "6.2 months overall, 5.0 months with X", "11.6% and 7.5% of all patients"
    r"\s*(?:%|months?|years?|days?|weeks?)?(?:\s*(?:,|and|or)\s*[\d.]+\s*%?)*\s*(?:overall\b(?!\s+(?:survival|"
    r"response|remission|rate|mortality))|(?:in|of|among)\s+(?:all|the\s+(?:whole|entire|overall|total))\b)", re.I)
_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?!\w)", re.I)
# "HBMT recipients had better overall survival (65.0% and 54.2%)": a comparison that names one arm of two
_COMPARATIVE = re.compile(r"\b(?:better|worse|higher|lower|longer|shorter|superior|inferior|greater|fewer|"
                          r"more\s+(?:common|frequent|often)|less\s+(?:common|frequent|often)|improved|reduced)\b",
                          re.I)  # fmt: skip
_FAMILY = {"proportion": "binary", "count": "binary"}


def outcome_lists(s: Sentence, named: Named) -> None:
    """Values after a list of outcomes take the outcomes in order: cycling when groups repeat the list
    ("91% and 15% in A, 59% and 35% in B"), in blocks when each outcome's values are set against each other
    ("OS, PFS and GRFS were 87.8% vs 72.5%, 82.2% vs 65.0% and 78.1% vs 55.0%")."""
    for chain in _chains(s.text, named.outcomes):
        run = _run_after(s, chain)
        k = len(chain)
        if len(run) < k or len(run) % k:
            continue
        per = len(run) // k
        blocks = per > 1 and _VERSUS.search(_gap(s, run[0], run[1])) is not None
        for i, d in enumerate(run):
            d.outcome = chain[i // per if blocks else i % k].outcome


def _gap(s: Sentence, a: Draft, b: Draft) -> str:
    return s.text[a.stat.end : b.stat.start] if a.stat and b.stat else ""


def _chains(text: str, hits: list[Hit]) -> list[list[Hit]]:
    chains: list[list[Hit]] = []
    for h in hits:
        if chains and h.outcome == chains[-1][-1].outcome and text[chains[-1][-1].end : h.start].strip() == "(":
            continue  # "overall survival (OS)": the abbreviation repeats the outcome
        if chains and _LIST_GAP.match(text[chains[-1][-1].end : h.start]) and h.outcome != chains[-1][-1].outcome:
            chains[-1].append(h)
        else:
            chains.append([h])
    return [c for c in chains if len(c) >= 2 and len({h.outcome.code for h in c}) == len(c)]


def _run_after(s: Sentence, chain: list[Hit]) -> list[Draft]:
    codes = {h.outcome.code for h in chain}
    closing = _RESPECTIVELY.search(s.text, chain[-1].end)  # "71% and 65%, respectively, ... (DFS, 92%)": it ends there
    run = []
    for d in s.drafts:
        if d.stat is None or d.stat.start < chain[-1].end or d.stat.hr:
            continue
        if closing is not None and d.stat.start > closing.start():
            break
        if d.outcome.code not in codes:
            break  # the next statistic is of something else: the list is over
        run.append(d)
    return run


def arms_in_order(s: Sentence, named: Named, ctx: DocContext) -> None:
    """A run of one outcome's values pairs with the arms in the order the sentence names them; a
    "respectively" that names no group pairs with the study's arms in the order the paper introduced them
    ("The 12-month PFS rate was 64.3% and 50.0%, respectively")."""
    order = list(dict.fromkeys(a.arm for a in named.arms))
    implied = len(order) == 1 and len(ctx.arms) == 2 and bool(_CONTRAST.search(s.text) or _COMPARATIVE.search(s.text))
    paired: list[Draft] = []
    defaulted = [d for d in s.drafts if d.stat is not None and not d.stat.hr and d.arm == _first_arm(s, d, named)]
    if len(order) >= 2 or implied:
        for run in _runs(s):
            pairs = _other_arm(s, run, named, ctx) if implied else order  # "more common with cilta-cel (25% vs 15%)"
            if len(run) == len(pairs) and not _own_arms(s, run, named):
                _pair(run, pairs, named)
                paired += run
    elif not order and len(ctx.arms) >= 2:
        _study_order(s, named, ctx)
    if len(order) <= 1 and len(ctx.arms) >= 2 and len({q.value for q in named.quals}) < 2:
        _unknown_other(s, paired)
    _after_list(s, named, paired)
    placed = paired + _labelled(s, named, paired) + _attach(s, named)
    _unplaced(s, named, [d for d in defaulted if not any(d is p for p in placed)])
    _descriptive(s, named)
    _each_arm(s, ctx)


def _first_arm(s: Sentence, d: Draft, named: Named) -> str | None:
    """The first arm its clause names: the arm a value takes when nothing else places it."""
    at = d.stat.start if d.stat else 0
    a, b = next(((a, b) for a, b in sent.clauses(s.text) if a <= at < b), (0, len(s.text)))
    return next((h.arm for h in named.arms if a <= h.start < b), None)


_LABEL_GAP = re.compile(r"\s*[,:=]?\s*")


def _labelled(s: Sentence, named: Named, paired: list[Draft]) -> list[Draft]:
    """ "(desvenlafaxine, 28.7%; fluoxetine, 32.1%; and placebo, 34.8%)", "placebo: 12%": a value right after an arm's
    name, in the same bracket or after a colon, is that arm's (not "Compared with placebo, 45% of ...")."""
    out = []
    for d in s.drafts:
        if d.stat is None or d.stat.hr or any(d is p for p in paired):
            continue
        at = d.stat.start
        hit = next((h for h in named.arms if h.end <= at and _LABEL_GAP.fullmatch(s.text, h.end, at)), None)
        box = sent.enclosing(s.text, d.stat.start)
        if hit is not None and (re.search(r"[:=]", s.text[hit.end : d.stat.start]) or
                                (box is not None and box == sent.enclosing(s.text, hit.start))):  # fmt: skip
            d.arm, d.arm_label = hit.arm, hit.label
            out.append(d)
            continue
        if box is None or _VERSUS.search(s.text, box[0], box[1]):
            continue  # "(28% vs 49%)" sets two groups against each other
        owner = next((h for h in named.arms if _BRACKET_AFTER.fullmatch(s.text, h.end, box[0] + 1)), None)
        if owner is not None and not any(box[0] < h.start < at for h in named.arms):
            d.arm, d.arm_label = owner.arm, owner.label  # "for fluoxetine (78.2%; p = 0.017)"
            out.append(d)
    return out


_BRACKET_AFTER = re.compile(rf"(?:\s+(?:{lexicon.alternation('population_nouns')}|"
                            rf"{lexicon.alternation('group_nouns')}))?\s*[(\[]", re.I)  # fmt: skip


def _unplaced(s: Sentence, named: Named, drafts: list[Draft]) -> None:
    """ "AEs were reported by 31.9% of patients (A, 28.7%; B, 32.1%; and C, 34.8%)": a value in a clause that names
    two or more arms, which no pairing, label or "in <arm>" placed, belongs to none of them for sure (here: to all
    patients); it keeps no arm rather than the first one named."""
    for d in drafts:
        at = d.stat.start if d.stat else 0
        a, b = next(((a, b) for a, b in sent.clauses(s.text) if a <= at < b), (0, len(s.text)))
        if len({h.arm for h in named.arms if a <= h.start < b}) >= 2 and d.arm == _first_arm(s, d, named):
            d.arm, d.arm_label = "all", ""

_NR_VS = re.compile(r"\bnot\s+(?:yet\s+)?(?:been\s+)?reached\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:vs\.?|versus|compared\s+"
                    r"(?:with|to)|and)\s*$", re.I)  # fmt: skip


def not_reached_first(s: Sentence, named: Named, ctx: DocContext) -> None:
    """ "longer PFS with A than with B (median, not reached vs. 18.9 months)": the median not reached is the first
    arm's, a row of its own without a value; the value is the second arm's."""
    order = list(dict.fromkeys(h.arm for h in named.arms))
    if len(order) != 2 or len(ctx.arms) != 2:
        return
    for d in list(s.drafts):
        if d.stat is None or d.statistic != "median":
            continue
        if not _NR_VS.search(s.text, max(0, d.stat.start - 60), d.stat.start):
            continue
        if any(e is not d and (e.outcome, e.statistic, e.arm) == (d.outcome, "median", order[0]) for e in s.drafts):
            continue
        label = next((h.label for h in named.arms if h.arm == order[0]), "")
        nr = Draft(None, d.outcome, "median", order[0], label, d.quals, grade=d.grade, timepoint=d.timepoint,
                   unit=d.unit, rule="stmt.not_reached.v1", seg=d.seg)  # fmt: skip
        d.arm, d.arm_label = order[1], next((h.label for h in named.arms if h.arm == order[1]), "")
        s.drafts.insert(s.drafts.index(d), nr)


_COMPARATOR = re.compile(r"\b(?:compared\s+(?:with|to)|than(?:\s+(?:with|in|for|after))?|vs\.?|versus|relative\s+to)"
                         r"\s+(?:those\s+(?:of|with|in|after)\s+|the\s+)?$", re.I)  # fmt: skip


def comparator_bracket(s: Sentence, named: Named, ctx: DocContext) -> None:
    """ "A was associated with higher X (42%), Y (17%) and Z (31%), compared with B (16%, 6%, and 5%,
    respectively)": the values in the bracket after the comparator arm pair in order with the rows listed before
    it, which are the subject arm's."""
    for h in named.arms:
        opened = re.match(r"\s*[(\[]", s.text[h.end :])
        if opened is None or not _COMPARATOR.search(s.text[max(0, h.start - 40) : h.start]):
            continue
        start = h.end + opened.end()
        close = sent.enclosing(s.text, start)
        end = close[1] if close is not None else len(s.text)
        told = [d for d in s.drafts if d.stat is not None and not d.stat.hr and d.outcome.code != "ENROLLED"]
        inside = [d for d in told if start <= d.stat.start < end]  # type: ignore[union-attr]
        before = [d for d in told if d.stat.end <= h.start]  # type: ignore[union-attr]
        items = {(d.outcome, d.grade, d.timepoint) for d in before}
        if len(inside) < 2 or len(before) != len(inside) or len(items) != len(before):
            continue
        subject = [a for a in named.arms if a.end <= before[0].stat.start and a.arm != h.arm]  # type: ignore[union-attr]
        for e, d in zip(before, inside, strict=True):
            d.outcome, d.grade, d.timepoint = e.outcome, e.grade, e.timepoint
            d.arm, d.arm_label = h.arm, h.label
            d.candidates = [n for n in (ctx.size(h.arm, d.quals), ctx.size(h.arm, frozenset())) if n]
            if subject:
                e.arm, e.arm_label = subject[-1].arm, subject[-1].label


_ARM_JOIN = re.compile(r"^\s*(?:[(\[][^()\[\]]*[)\]])?\s*(?:,|and|or|vs\.?|versus|compared\s+(?:with|to))\s*"
                       r"(?:the\s+)?$", re.I)  # fmt: skip


def _after_list(s: Sentence, named: Named, paired: list[Draft]) -> None:
    """A value after a list of arms that no run pairs with them is no single arm's: "received either X (n = 6)
    or Y (n = 4), where ... was evident on MRI (100%)"."""
    for d in s.drafts:
        if d.stat is None or d.stat.hr or any(d is p for p in paired):
            continue
        before = [h for h in named.arms if h.end <= d.stat.start]
        if len(before) >= 2 and before[-1].arm != before[-2].arm and d.arm in (before[-1].arm, before[-2].arm) \
                and _ARM_JOIN.match(s.text[before[-2].end : before[-1].start]):  # fmt: skip
            d.arm, d.arm_label = "all", ""


_EACH = re.compile(r"\b(?:in|for|with)\s+(?:each|both|either)\s+(?:of\s+the\s+(?:two|three|four)\s+)?"
                   r"(?:groups?|arms?|cohorts?)\b", re.I)  # fmt: skip


def _each_arm(s: Sentence, ctx: DocContext) -> None:
    """ "One case of fatal veno-occlusive disease occurred in each group": the row holds for every arm."""
    if len(ctx.arms) < 2 or not _EACH.search(s.text):
        return
    pieces = sent.clauses(s.text)
    for d in list(s.drafts):
        if d.stat is None or d.stat.hr or d.arm != "all":
            continue
        a, b = next(((a, b) for a, b in pieces if a <= d.stat.start < b), (0, len(s.text)))
        if not _EACH.search(s.text, a, b):
            continue
        d.arm = ctx.arms[0]
        at = s.drafts.index(d)
        s.drafts[at + 1 : at + 1] = [replace(d, arm=arm, arm_label="", candidates=list(d.candidates))
                                     for arm in ctx.arms[1:]]  # fmt: skip


def _unknown_other(s: Sentence, paired: list[Draft]) -> None:
    """ "CoPAT patients had higher rates of completion (90.3% versus 45.4%)" in a study whose model has more than
    the two groups compared: the first value is the named arm's, the one set against it belongs to a group the
    sentence does not name. It is left out rather than given to the named arm. (Two subgroups set against each other
    within an arm, "with than without HSCT (88.9% vs 60.0%)", are read by ``finish.subgroups``.)"""
    drop: list[Draft] = []
    for run in _runs(s):
        if len(run) < 2 or any(d is p for d in run for p in paired) or run[0].arm == "all":
            continue
        if len({d.arm for d in run}) > 1 or len({d.quals for d in run}) > 1:
            continue
        if all(_VERSUS.search(_gap(s, a, b)) for a, b in zip(run, run[1:], strict=False)):
            drop += run[1:]
    if drop:
        s.drafts = [d for d in s.drafts if not any(d is x for x in drop)]


def _pair(run: list[Draft], order: list[str], named: Named) -> None:
    for d, arm in zip(run, order, strict=True):
        d.arm = arm
        d.arm_label = next((a.label for a in named.arms if a.arm == arm), "")


def _other_arm(s: Sentence, run: list[Draft], named: Named, ctx: DocContext) -> list[str]:
    """The named arm and the study's other one, in the order of the run's two values: the named arm goes where
    its name stands ("34% with X and 52% with additional blinatumomab" names the second); values that are
    not side by side ("17% after HSCT, less frequent after the weekly schedule (7%)") pair with nothing."""
    hit = named.arms[0]
    other = next(a for a in ctx.arms if a != hit.arm)
    if len(run) != 2 or run[0].stat is None or run[1].stat is None:
        return []
    between = s.text[run[0].stat.end : run[1].stat.start]
    if run[1].stat.end <= hit.start and _OWN_GROUP.search(between):
        return [other, hit.arm]
    return [hit.arm, other] if _ADJACENT.match(between) else []


_AGENT_SUBJECT = re.compile(rf"\b{lexicon.alternation('agent_nouns')}\s+{lexicon.alternation('agent_verbs')}\b", re.I)


def _study_order(s: Sentence, named: Named, ctx: DocContext) -> None:
    """No arm named: a "respectively" that pairs no outcome list, or values set against each other ("87.8% vs
    72.5%"), take the study's arms in the order the paper introduced them."""
    respectively = _RESPECTIVELY.search(s.text) is not None and not _chains(s.text, named.outcomes)
    for run in _runs(s):
        if len(run) != len(ctx.arms) or any(d.arm != "all" or d.quals != run[0].quals for d in run):
            continue  # the values already belong to groups ("93% and 100% in MRD- and MRD+, respectively")
        versus = all(_VERSUS.search(_gap(s, a, b)) for a, b in zip(run, run[1:], strict=False))
        if versus and not respectively and _AGENT_SUBJECT.search(s.text, 0, run[0].stat.start if run[0].stat else 0):
            continue  # "The antibody combination induced higher rates (98% vs 88%)": the subject's arm is first
        if respectively or versus:
            for d, arm in zip(run, ctx.arms, strict=True):
                d.arm, d.arm_label = arm, ""


_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|occurred|developed|achieved|reported|observed|compared|"
                   r"versus|vs|than|whereas|while|but|respectively)\b", re.I)  # fmt: skip
_TIGHT_END = re.compile(r"\b(?:in|of|for|with|among|on|after|receiving|(?:assigned|allocated|randomi[sz]ed)\s+to)\s+"
                        r"(?:(?:the|those|all|patients|pts)\s+)*$", re.I)  # fmt: skip
# "the X and Y groups", "haplo alloHSCT and UCB grafts": the first of a list of arms
_ARM_LIST = re.compile(r"^\s*(?:[\w/-]+\s*)?(?:,|and|or|vs\.?|versus|/)\s*(?:the\s+)?$", re.I)


def _attach(s: Sentence, named: Named) -> list[Draft]:
    """A value followed closely by "in/of/with <arm>" belongs to that arm, whatever the clause around it says:
    "83% and 54% in ZUMA-1 vs 34% and 12% in SCHOLAR-1", "[26.4%] in the daratumumab group and ... [38.8%] in
    the control group", "0.31 (0.25-0.38) BU, 0.36 (0.27-0.44) TREO". Close: no comma, semicolon or verb between,
    at most 60 characters, and the arm is not the first of a list of arms ("in the X and Y groups" pairs values in
    order instead)."""
    several = len({h.arm for h in named.arms}) >= 2
    pieces = sent.clauses(s.text)
    placed: list[Draft] = []
    for d in s.drafts:
        if d.stat is None or d.stat.hr:
            continue
        a = next((a for a, b in pieces if a <= d.stat.start < b), 0)
        if _OVERALL.match(s.text, d.stat.end) and not any(a <= h.start < d.stat.start for h in named.arms):
            d.arm, d.arm_label = "all", ""  # but "for patients treated with CAR-T was 12.33 months overall"
            continue
        if not several:
            continue
        own = _stated_for(s, named, d)
        if own is not None:
            d.arm, d.arm_label = own.arm, own.label
            placed.append(d)
            continue
        hit = next((h for h in named.arms if h.start >= d.stat.end), None)
        if hit is None:
            continue
        gap = s.text[d.stat.end : hit.start]
        plain = re.sub(r"[(\[][^()\[\]]*[)\]]", " ", gap)
        opened = gap.count("(") > gap.count(")") or gap.count("[") > gap.count("]")
        if opened and any(d.stat.end <= e.stat.start < hit.start for e in s.drafts if e.stat is not None):
            if d.arm == hit.arm and not any(h.end <= d.stat.start for h in named.arms):
                d.arm, d.arm_label = "all", ""  # "84% after induction (81% in cohort 1 ...)": that arm is the bracket's
            continue
        if len(gap) > 60 or re.search(r"[,;]", plain) or _VERB.search(plain):
            continue
        if cues.POPULATION.search(plain):
            continue  # "A (65.4%) and 11 cases with B (72.7%)": the arm after a new group's count is that group's
        if plain.strip() and not _TIGHT_END.search(gap):
            continue  # not "x% in <arm>" nor "0.31 (0.25-0.38) BU"
        after = next((h for h in named.arms if h.start >= hit.end), None)
        if after is not None and _ARM_LIST.match(s.text[hit.end : after.start]):
            continue
        d.arm, d.arm_label = hit.arm, hit.label
        placed.append(d)
    return placed


# "<arm> (group) was/were/of/: <value>": the copula ties the value to the arm written just before it
_COPULA_AFTER_ARM = re.compile(rf"\s*(?:(?:treatment\s+)?{lexicon.alternation('group_nouns')})?\s*[)\]]?\s*"
                               r"(?:was|were|of|:|=)\s*(?:about\s+|approximately\s+|only\s+)?", re.I)  # fmt: skip


def _stated_for(s: Sentence, named: Named, d: Draft) -> ArmHit | None:
    """ "X in the A group was 8 and in the B group was 16", "the rate in A was 30% and in B was 10%": a value whose
    own arm is named right before it, joined by a copula, belongs to that arm and not to the arm after it."""
    at = d.stat.start if d.stat else 0
    before = [h for h in named.arms if h.end <= at]
    if not before or not _COPULA_AFTER_ARM.fullmatch(s.text, before[-1].end, at):
        return None
    own = before[-1]
    if re.match(r"\s*(?:groups|arms|cohorts)\b", s.text[own.end : at], re.I) or (
            len(before) > 1 and _ARM_LIST.match(s.text[before[-2].end : own.start])):  # fmt: skip
        return None  # "the A and B groups were 100% and 76%": a list of arms, paired in order
    return own


_DESCRIPTIVE_OF_STUDY = frozenset({"FOLLOW_UP"})


def _descriptive(s: Sentence, named: Named) -> None:
    """A follow-up time printed inside a comparison of arms is the study's, unless its own clause names an arm
    ("(21.5 vs. 2.5 months; median follow-up: 24.3 months; HR, 0.276)")."""
    if len({h.arm for h in named.arms}) < 2:
        return
    for d in s.drafts:
        if d.stat is None or d.outcome.code not in _DESCRIPTIVE_OF_STUDY:
            continue
        a = max(s.text.rfind(c, 0, d.stat.start) for c in ";([") + 1
        b = min((i for i in (s.text.find(c, d.stat.end) for c in ";)]") if i >= 0), default=len(s.text))
        if not any(a <= h.start < b for h in named.arms):
            d.arm, d.arm_label = "all", ""


def _runs(s: Sentence) -> list[list[Draft]]:
    runs: list[list[Draft]] = []
    for d in s.drafts:
        if d.stat is None or d.stat.hr:
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and _same(last, d):
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def _same(a: Draft, b: Draft) -> bool:
    fam = _FAMILY.get
    return (a.outcome, a.timepoint, a.grade, fam(a.statistic, a.statistic)) == (
        b.outcome, b.timepoint, b.grade, fam(b.statistic, b.statistic))  # fmt: skip


def _own_arms(s: Sentence, run: list[Draft], named: Named) -> bool:
    """Every value of the run sits in a clause that names its own, different arm ("94% of axi-cel and 82% of SOC")."""
    pieces = sent.clauses(s.text)
    own = []
    for d in run:
        at = d.stat.start if d.stat else 0
        a, b = next(((a, b) for a, b in pieces if a <= at < b), (0, len(s.text)))
        arms = [h.arm for h in named.arms if a <= h.start < b]
        own.append(arms[0] if arms else None)
    return None not in own and len(set(own)) == len(own)


def contrasts(s: Sentence) -> None:
    """Rows of one outcome in two or more arms share a provisional comparison id (local to the sentence)."""
    groups: dict[tuple, list[Draft]] = {}
    for d in s.drafts:
        counted = d.stat is None and d.rule == "stmt.count_in_group.v1"  # "45 patients in the A group ... died"
        if (d.stat is None and not counted) or (d.stat is not None and d.stat.hr) or d.arm == "all":
            continue
        key = (d.outcome.code, d.outcome.raw if not d.outcome.code else "", d.timepoint, d.grade,
               _FAMILY.get(d.statistic, d.statistic), frozenset(d.quals))  # fmt: skip
        groups.setdefault(key, []).append(d)
    k = 0
    for key, rows in groups.items():
        if len({d.arm for d in rows}) < 2:
            continue
        k += 1
        for d in rows:
            d.contrast = str(k)
        for e in s.drafts:
            if e.stat is not None and e.stat.hr and not e.contrast and e.outcome.code == key[0]:
                e.contrast = str(k)


_DESCRIPTIVE = frozenset({"FOLLOW_UP", "AGE", "ENROLLED", "SEX_MALE", "SEX_FEMALE"})


def effect_outcomes(s: Sentence, named: Named) -> None:
    """An effect measure is of the outcome the sentence compares, never of a follow-up time or an age
    printed beside it ("21.5 vs. 2.5 months; median follow-up: 24.3 months; HR, 0.276")."""
    for d in s.drafts:
        if d.stat is None or not d.stat.hr or d.outcome.code not in _DESCRIPTIVE:
            continue
        before = [e for e in s.drafts if e.stat is not None and not e.stat.hr and e.stat.start < d.stat.start
                  and e.outcome.code not in _DESCRIPTIVE]  # fmt: skip
        hits = [h for h in named.outcomes if h.outcome.code not in _DESCRIPTIVE]
        if before:
            d.outcome = before[-1].outcome
        elif hits:
            d.outcome = hits[0].outcome
