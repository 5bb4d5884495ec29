"""Links between the rows of one sentence: respectively-lists, p-values of a comparison, enrolment counts."""

from __future__ import annotations

import re

from evidex.codes import Domain
from evidex.evidence.text import cues, enrolment, lexicon, mentions, stats
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.arms import ArmHit
from evidex.evidence.text.context import DocContext, Scope
from evidex.evidence.text.numbers import NUM, NUM_RE, as_int, parse_number
from evidex.evidence.text.rows import QUALIFIER_OUTCOMES, Draft, OutcomeRef, Sentence, domain_of

RATE = re.compile(r"\brate\b|\bincidence\b|\bproportion\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|of whom|comprising|consisting of)\b", re.I)
_RESPECTIVELY = re.compile(r"\brespectively\b|\bvs\.?(?!\w)|\bversus\b", re.I)


def respectively(s: Sentence, named: mentions.Named, pops: list[mentions.Population], ctx: DocContext,
                  scope: Scope) -> None:  # fmt: skip
    """ "OS rates of 93.3% and 100%, respectively" in groups named earlier: the i-th number is the i-th group."""
    if not _RESPECTIVELY.search(s.text):
        return
    groups: list[tuple[frozenset[str], int | None, str | None]] = [(p.quals, p.n, p.arm) for p in pops if p.quals]
    in_lead = [p for p in pops if p.quals and cues.in_lead(s.text, p.start)]
    if len(in_lead) == 1:
        groups.remove((in_lead[0].quals, in_lead[0].n, in_lead[0].arm))  # "Among the 26 with CR, ...": the scope
    if len(groups) < 2:  # "that of patients with bridging HSCT than without (88.9% vs 60.0%)"
        loose = [q.value for q in named.quals if not cues.in_lead(s.text, q.start)]
        groups = [(frozenset({q}), None, None) for q in dict.fromkeys(loose)]
    if len(groups) < 2:
        return
    runs: list[list[Draft]] = []
    for d in s.drafts:
        if d.stat is None or d.statistic == "hazard_ratio":
            continue
        if runs and runs[-1][-1].outcome == d.outcome and runs[-1][-1].timepoint == d.timepoint:
            runs[-1].append(d)
        else:
            runs.append([d])
    for run in runs:
        itself = any(QUALIFIER_OUTCOMES.get(q) == run[0].outcome.code for g in groups for q in g[0])
        if len(run) != len(groups) or itself:
            continue  # "treated in first relapse (27%) or refractory disease (12%)": the groups are the outcomes
        for d, (quals, n, arm) in zip(run, groups, strict=True):
            d.quals = quals | scope.quals
            d.candidates = [n, *d.candidates] if n else d.candidates
            d.group_n = n or d.group_n
            if arm:
                d.arm, d.arm_label = arm, ""


def p_values(s: Sentence, named: mentions.Named) -> None:
    """A p-value belongs to every row of the comparison it closes: same outcome, earlier in the sentence."""
    pieces = sent.clauses(s.text)
    for p in stats.p_values(s.text):
        k = next((i for i, (a, b) in enumerate(pieces) if a <= p.start < b), len(pieces) - 1)
        here = [d for d in s.drafts if d.seg == k]
        if here:
            target = {here[-1].outcome.code}
        else:
            a, b = pieces[k]
            target = {h.outcome.code for h in named.outcomes if a <= h.start < b}
            s.loose_p.append((frozenset(target), p))
        for d in s.drafts:
            if d.p_value is None and d.seg <= k and (not target or d.outcome.code in target):
                d.p_value, d.p_operator = p.value, p.operator


_DISEASE = frozenset({"relapsed", "refractory"})  # together: the disease of every patient, no subgroup
_TREATED = frozenset({"HSCT"})  # a methods sentence's enrolled group named by its treatment is the study's
_DISEASE_WORDS = re.compile(r"\s*(?:with\s+|who\s+had\s+)?(?:[\w-]+\s+)?(?:relapsed|refractory)\s*"
                            r"(?:and|or|/|-|and/or)\s*(?:relapsed|refractory)\b", re.I)  # fmt: skip


def enrolled(s: Sentence, pops: list[mentions.Population], ctx: DocContext, scope: Scope,
             named: mentions.Named | None = None) -> None:  # fmt: skip
    """ "A total of 46 patients were included": a count of the group, when the verb is in the group's clause."""
    pieces = sent.clauses(s.text)
    outcomes, arms = (named.outcomes, named.arms) if named else ([], [])
    lead_arm = next((h.arm for h in arms if cues.in_lead(s.text, h.start)), None)  # "In SCHOLAR-1, 434 patients .."
    for p in pops:
        if _lead_size(s, p, outcomes, ctx, scope):
            continue
        k = next((i for i, (a, b) in enumerate(pieces) if a <= p.start < b), None)
        a, b = pieces[k] if k is not None else (0, len(s.text))
        if k is not None and k + 2 < len(pieces) and _INCLUDING.match(s.text[pieces[k + 1][0] :].lstrip(" ,")):
            b = pieces[k + 2][1]  # "Eighteen patients with X, including 4 with Y, were enrolled": past the aside
        if p.bracketed and (p.quals or scope.quals):
            _subgroup_size(s, p, scope)
            continue
        if enrolment.arm_stated(s, p, ctx) or RATE.search(s.text, a, b):
            continue
        upto = min([q.start for q in pops if q.start > p.end and a <= q.start < b] + [b])
        if _FLOW.search(s.text, p.start, upto):
            continue  # "one patient in the X group did not have ...", "8 patients were not included in the analysis"
        own = p.quals - {"male", "female"}
        if own <= _DISEASE and _DISEASE_WORDS.match(s.text, p.end):
            own = frozenset()
        if own <= _TREATED and s.section == "methods" and cues.ENROL.search(s.text, a, b):
            own = frozenset()  # "The data of 28 children who received HSCT were analyzed": who the study is about
        if own or scope.quals:
            continue  # but "343 patients with relapsed and refractory myeloma" describes the whole study
        listed_sex = p.quals and (cues.ENROL.search(s.text) or _INCLUDING.search(s.text, 0, p.start))
        if not (cues.ENROL.search(s.text, a, b) or listed_sex or _received_arm(s, p, arms, ctx)
                or enrolment.adds_up(s, p, arms) or enrolment.divided(s, p)):
            continue
        code = "SEX_MALE" if p.quals == {"male"} else "SEX_FEMALE" if p.quals == {"female"} else "ENROLLED"
        if code != "ENROLLED" and _ONE_SEX_ENROLLED.match(s.text, p.end) and len({q.quals for q in pops}) == 1:
            code = "ENROLLED"  # "787 women were randomly allocated to A or B": who took part, not how many were women
        arm = p.arm or (lead_arm if not cues.in_lead(s.text, p.start) else None) or ctx.default_arm
        if code == "ENROLLED" and (_counts_for_each(s, p, arm) or enrolment.each_arm(s, p, ctx, scope)):
            continue
        if any(d.outcome.code == code and d.arm == arm and d.events in (None, p.n) for d in s.drafts):
            continue
        d = Draft(None, OutcomeRef(code), "count", arm, events=p.n, rule="stmt.population.v1")
        if code == "ENROLLED":
            d.quals = enrolment.subset(s.text[a:b])  # "propensity score matching identified 76 patients"
            enrolment.bracketed_subset(s, p, arm)  # "Ninety-seven patients (94 evaluable)"
        else:  # "the Bolinto group included 8 males": of the group's size, when known
            d.total = ctx.size(arm, frozenset())
            d.total_derived = d.total is not None
        s.drafts.append(d)
    enrolment.arm_groups(s, pops)
    if named is not None:
        enrolment.split_by_treatment(s, named, ctx)


_ONE_SEX_ENROLLED = re.compile(r"[^,;()]{0,40}?\b(?:were|was)\s+(?:\w+\s+)?(?:randomi[sz]ed|assigned|allocated|"
                               r"enrolled|recruited|included)\b", re.I)  # fmt: skip
_FOR_EACH = re.compile(r"\b(?P<what>evaluable|assessable|eligible|analy[sz]ed)\s+for\s+(?P<items>[^,;.()]+?)\s*,?\s*"
                       r"respectively\b", re.I)  # fmt: skip


def _counts_for_each(s: Sentence, p: mentions.Population, arm: str) -> bool:
    """ "434 and 424 patients were evaluable for response and survival, respectively": one group size for each
    purpose listed, in order (not arms: those are read by ``enrolled_in_order``)."""
    listed = _LISTED_NUMS.search(s.text, 0, p.start)
    each = _FOR_EACH.search(s.text, p.end)
    if listed is None or each is None:
        return False
    counts = [as_int(parse_number(m.group())) for m in NUM_RE.finditer(listed["list"])] + [p.n]
    items = [x for x in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", each["items"]) if x]
    if len(items) != len(counts) or None in counts:
        return False
    for n, item in zip(counts, items, strict=True):
        d = Draft(None, OutcomeRef("ENROLLED"), "count", arm, events=n, rule="stmt.population.v1")
        d.quals = frozenset({f"{each['what'].lower()} for {item}"})
        s.drafts.append(d)
    return True


_HAD_RECEIVED = re.compile(r"^\s*(?:with\s+[^,;()]{1,40}?\s+)?(?:had\s+)?(?:received|been\s+treated\s+with)\s+$", re.I)


def _received_arm(s: Sentence, p: mentions.Population, arms: list[ArmHit], ctx: DocContext) -> bool:
    """ "As of May 4, 2022, 768 patients with B-ALL had received tisagenlecleucel": the subject group of a sentence
    that states only who received an arm is that arm's size (no other number: "12 patients received A and 5
    relapsed" counts more than who was treated)."""
    if sent.has_statistic(s.text) or len(list(cues.POPULATION.finditer(s.text))) != 1:
        return False
    if p.arm is not None:
        return any(h.arm == p.arm and _HAD_RECEIVED.match(s.text[p.end : h.start]) for h in arms)
    norm = ctx.study.normalizer  # no arms in the study model: a treatment named after the verb
    treated = norm.mentions(s.text, ("drug", "therapy", "regimen"), None) if norm is not None else ()
    return ctx.default_arm == "all" and any(_HAD_RECEIVED.match(s.text[p.end : m.start]) for m in treated)


_LEAD_GROUP = re.compile(r"^\s*(?:among|of|in|within)\s+(?:the\s+|all\s+)?$", re.I)
_LEAD_ENROLLED = re.compile(r"(?:(?:who|that)\s+(?:were|had\s+been)\s+)?(?:treated|enrolled|included|recruited|"
                            r"randomi[sz]ed|evaluable|analy[sz]ed|infused)\b", re.I)  # fmt: skip
NOT_ENROLLED = re.compile(r"\b(?:screened|eligible|assessed\s+for|excluded|declined|approached|invited)\b", re.I)


_AGE_BAND = re.compile(r"\s*(?P<band>(?:aged|above|under|below|over|older than|younger than|[<>≤≥]=?)\s*\d[^,;()]*)$",
                       re.I)  # fmt: skip


def _lead_size(s: Sentence, p: mentions.Population, outcomes: list[mentions.Hit], ctx: DocContext, scope: Scope
               ) -> bool:  # fmt: skip
    """ "Of the 14 MRD-positive patients, five received HSCT", "In 37 patients above 65 years old, the CR rate ...",
    "Among 110 patients (median age, 37 years) treated, 91 (83%) responded": the group a lead-in counts before
    its results is a group of the study (a subgroup when described; a subgroup whose size a result of the sentence
    already carries as its denominator is no second row). A lead-in whose group is named by an outcome
    ("Among 17 patients with atrial fibrillation, ...") counts the outcome, not who was enrolled."""
    lead = cues.LEAD_IN.match(s.text)
    if lead is None or p.bracketed or p.start >= lead.end() or not _LEAD_GROUP.match(s.text[: p.start]):
        return False
    if NOT_ENROLLED.search(s.text, 0, lead.end()) or (p.quals and p.quals <= {"male", "female"}):
        return False  # "Of 440 patients screened, 366 were randomized": not all of them took part
    own = {QUALIFIER_OUTCOMES.get(q) for q in p.quals}
    if any(p.end <= h.start < lead.end() and domain_of(h.outcome, frozenset()) != Domain.BASELINE
           and h.outcome.code not in own for h in outcomes):  # fmt: skip
        return True
    carried = any(d.stat is not None and p.n in (d.total, d.group_n, *d.candidates) for d in s.drafts)
    if p.quals and carried:
        return True  # "Among the 16 patients with relapsed disease, the CR rate was 81.3% (13 cases)": the rate's n
    quals = p.quals | scope.quals
    band = _AGE_BAND.match(s.text, p.end, lead.end() - 1)
    if re.match(r"\s*(?:in|within)\b", s.text, re.I) and not (p.quals or band):
        return False  # "In three cases, infection was caused by ...": how often, not a group
    end = next((b for a, b in sent.clauses(s.text) if a <= p.start < b), lead.end())
    rest = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", s.text[p.end : end]).strip(" ,;")
    if not (not rest or band or p.quals or _LEAD_ENROLLED.match(rest)):
        return False  # "Of the 18 patients readmitted to hospital, ...", "Of these 983 patients with disagreements"
    if not p.quals and band:  # "In 37 patients above 65 years old": the age band is the subgroup
        quals |= {" ".join(band["band"].split())}
    arm = p.arm or ctx.default_arm
    if not any(d.outcome.code == "ENROLLED" and d.events == p.n for d in s.drafts):
        d = Draft(None, OutcomeRef("ENROLLED"), "count", arm, events=p.n, rule="stmt.lead_group.v1")
        d.quals = quals
        s.drafts.append(d)
    return True


_LISTED_NUMS = re.compile(rf"(?<![\w.,-])(?P<list>{NUM}(?:\s*,\s*{NUM})*,?\s+and\s+)$", re.I)


def enrolled_in_order(s: Sentence, pops: list[mentions.Population], named: mentions.Named, ctx: DocContext) -> None:
    """ "Fifty-one and 58 patients were randomized to A and B, respectively", "180 and 128 patients received A or
    B, respectively": the i-th count is the size of the i-th arm named after it."""
    if not _RESPECTIVELY.search(s.text) or not re.search(r"\brespectively\b", s.text, re.I):
        return
    pieces = sent.clauses(s.text)
    for p in pops:
        listed = _LISTED_NUMS.search(s.text, 0, p.start)
        if listed is None:
            continue
        counts = [as_int(parse_number(m.group())) for m in NUM_RE.finditer(listed["list"])] + [p.n]
        a, b = next(((a, b) for a, b in pieces if a <= p.start < b), (0, len(s.text)))
        order = list(dict.fromkeys(h.arm for h in named.arms if p.end <= h.start < b))
        if len(order) != len(counts) or None in counts or not cues.ENROL.search(s.text, a, b) and not re.search(
                r"\b(?:received|underwent|were\s+treated)\b", s.text[p.end : b], re.I):  # fmt: skip
            continue
        s.drafts = [d for d in s.drafts if not (d.outcome.code == "ENROLLED" and d.events in counts)]
        ctx.forget(ctx.default_arm, p.quals, p.n)  # "Fifty-one and 58 patients": 58 is one arm's, not all of them
        for n, arm in zip(counts, order, strict=True):
            s.drafts.append(Draft(None, OutcomeRef("ENROLLED"), "count", arm, events=n, rule="stmt.population.v1"))
        aside = re.match(r"\s*[(\[][^()\[\]]*[)\]]", s.text[p.end :])
        for d in s.drafts:  # "180 and 128 patients (median age 9.9 years)": of them all
            if aside and d.stat is not None and p.end <= d.stat.start < p.end + aside.end():
                d.arm, d.arm_label = "all", ""


def sizes_before_arms(s: Sentence, pops: list[mentions.Population]) -> None:
    """ "the CR rate among 26 cases with A (65.4%) and 11 cases with B (72.7%)": a rate's denominator is the group
    counted just before the arm it belongs to, with no other value between."""
    for d in s.drafts:
        if d.stat is None or not d.stat.percent or d.stat.total is not None or d.arm in (None, "all"):
            continue
        own = [p for p in pops if p.arm == d.arm and p.end <= d.stat.start]
        if not own or any(own[-1].end <= e.stat.start < d.stat.start for e in s.drafts if e.stat is not None):
            continue
        d.group_n = own[-1].n
        d.candidates = [own[-1].n, *d.candidates]


_VERBS = lexicon.data()["verb_outcomes"]
_IN_GROUP = r"(?:\s+(?:patients?|pts|participants|cases))?\s+(?:in|of|with|on|receiving)\s+(?:the\s+)?"
_BEFORE_ARM = re.compile(rf"(?<![\w.,])(?P<n>{NUM}){_IN_GROUP}$", re.I)
_BETWEEN_ARMS = re.compile(rf"(?:\s+(?:groups?|arms?|cohorts?))?\s*"
                           rf"(?:,\s*and|,|and|vs\.?|versus|compared\s+(?:to|with))\s*(?P<n>{NUM})"
                           rf"{_IN_GROUP}", re.I)  # fmt: skip
_HAD_AFTER_ARMS = re.compile(r"(?:\s+(?:groups?|arms?|cohorts?))?\s*,?\s*(?:had|developed|experienced)\s+"
                             r"(?:(?:an?|any)\s+)?", re.I)  # fmt: skip
_TERM_ENDS = re.compile(r"\s*(?:[(\[][^()\[\]]*[)\]]\s*)?(?:[.;,]|$|\s+(?:during|after|within|at|by)\b)", re.I)
_VERB_AFTER_ARMS = re.compile(rf"(?:\s+(?:groups?|arms?|cohorts?))?\s*,?\s*(?:had\s+|have\s+)?(?P<v>"
                              rf"{'|'.join(sorted(_VERBS, key=len, reverse=True))})\b", re.I)  # fmt: skip


def counts_in_groups(s: Sentence, named: mentions.Named) -> None:
    """ "39 patients in the A group and 64 in the B group had died", "45 patients in the A group compared to 58
    patients in the B group had died", "four patients in the A group and two in the B group had pancreatitis": a
    count per group, of what the verb after the list says (a verb that names the event, or "had" and a term)."""
    for h1, h2 in zip(named.arms, named.arms[1:], strict=False):
        first = _BEFORE_ARM.search(s.text, 0, h1.start)
        mid = _BETWEEN_ARMS.fullmatch(s.text, h1.end, h2.start)
        outcome = _counted_after(s.text, h2.end, named)
        if h1.arm == h2.arm or first is None or mid is None or outcome is None:
            continue
        counts = [as_int(parse_number(first["n"])), as_int(parse_number(mid["n"]))]
        if None in counts:
            continue
        seg = next((k for k, (a, b) in enumerate(sent.clauses(s.text)) if a <= h1.start < b), 0)
        s.drafts = [d for d in s.drafts if d.events not in counts or d.statistic != "count"]
        for n, h in zip(counts, (h1, h2), strict=True):
            s.drafts.append(Draft(None, outcome, "count", h.arm, h.label, events=n,
                                  rule="stmt.count_in_group.v1", seg=seg))  # fmt: skip


def _counted_after(text: str, end: int, named: mentions.Named) -> OutcomeRef | None:
    """What a list of counts per group was counted for: the event its verb names ("had died"), or the term right
    after "had", "developed" or "experienced" ("had pancreatitis"), ungraded and alone in its clause."""
    verb = _VERB_AFTER_ARMS.match(text, end)
    if verb is not None:
        return OutcomeRef(_VERBS[" ".join(verb["v"].lower().split())], raw=verb["v"])
    had = _HAD_AFTER_ARMS.match(text, end)
    term = next((h for h in named.outcomes if had is not None and h.start == had.end()), None)
    if had is None or term is None or not _TERM_ENDS.match(text, term.end):
        return None
    return term.outcome


def _subgroup_size(s: Sentence, p: mentions.Population, scope: Scope) -> None:
    """ "For those with positive MRD only, ... in the CAR-T group (14 cases)": the size of the arm's subgroup."""
    quals = p.quals | scope.quals
    if p.arm is None or any(d.outcome.code == "ENROLLED" and d.arm == p.arm and d.quals == quals for d in s.drafts):
        return
    d = Draft(None, OutcomeRef("ENROLLED"), "count", p.arm, events=p.n, rule="stmt.group_size.v1")
    d.quals = quals
    s.drafts.append(d)


N_IS = re.compile(r"\b(?:[nN]|_N_)\s*=\s*(?P<n>\d[\d,]*)(?![\d/.,]*\s*[/%])")


_WHO_HAD = re.compile(r"\b(?:patients|pts|those|subjects|children|adults|participants)\s+(?:with|without|who)\b"
                      r"[^,;()]*$", re.I)  # fmt: skip


_DOSE_BEFORE = re.compile(r"(?:^|[\s,])(?P<dose>\d+(?:\.\d+)?)\s*\($")
_DOSE_UNIT = re.compile(r"(?:\s*,?\s*(?:or|and)?\s*\d+(?:\.\d+)?\s*\(\s*(?:[nN]|_N_)\s*=\s*\d+\s*\))*"
                        r"\s*(?:mg|µg|μg|mcg|IU\b|units?\b|(?:x|×)\s*10)", re.I)  # fmt: skip


def group_sizes(s: Sentence, named: mentions.Named, ctx: DocContext) -> None:
    """ "venetoclax (n = 143)", "the HBMT group(n=168)", "(n = 218 offspring; ...)", "pts < 26 y (n = 12)":
    the size of the group named beside "n =" is an enrolment count of that arm (else of the study)."""
    found = stats.find(s.text)
    previous, kept = 0, False  # the end of the "n =" before, and whether it counted people
    for m in N_IS.finditer(s.text):
        owner, previous = _owner(s.text, m.start(), previous), m.end()
        if any(x.start <= m.start() < x.end for x in found if x.rule != "count.v1"):
            continue  # "(n = 2; 1.8%)": a count of events, read with its percent
        n = int(m["n"].replace(",", ""))
        if any(0 <= m.start() - h.end <= 3 and re.fullmatch(r"\s*[(\[]\s*", s.text[h.end : m.start()])
               and h.outcome.code != "FOLLOW_UP" and not _WHO_HAD.search(s.text, 0, h.start)
               for h in named.outcomes):  # fmt: skip
            continue  # "thrombocytopenia (n=2)": how many had it; but "patients with CRS (n = 40)" are a group
        labelled = next((a for a in named.arms if 0 <= m.start() - a.end <= 3
                         and re.fullmatch(r"\s*[,:]?\s*", s.text[a.end : m.start()])), None)  # "(ALL, n = 255; ..."
        after = labelled or next((a for a in named.arms if 0 <= a.start - m.end() <= 2), None)
        bracket = s.text.rfind("(", 0, m.start()), s.text.rfind("[", 0, m.start())
        opened = max(bracket)
        before = next((a for a in named.arms if opened >= 0 and 0 <= opened - a.end <= 2), None)
        hit = after or before
        arm = hit.arm if hit is not None else ctx.default_arm
        if any(d.outcome.code == "ENROLLED" and d.arm == arm and d.events == n for d in s.drafts):
            continue
        d = Draft(None, OutcomeRef("ENROLLED"), "count", arm, hit.label if hit else "", events=n,
                  rule="stmt.group_size_n.v1")  # fmt: skip
        dose = _DOSE_BEFORE.search(s.text, 0, opened + 1) if hit is None and opened >= 0 else None
        if dose and _DOSE_UNIT.match(s.text, s.text.find(")", m.end()) + 1):
            # "received 1.2 (n = 3), 1.6 (n = 12), or 1.8 (n = 9) mg/m2 per cycle": one dose level each
            d.quals = frozenset({f"dose level {dose['dose']}"})
        elif hit is None and not _an_arms_size(s.text, n, ctx):
            people = _PEOPLE.search(owner) and not _FLOW.search(owner)
            if not (people or (kept and _PARALLEL.fullmatch(owner))):
                kept = False
                continue  # "dairy products (n=11)", "Screening failure (n=5)", "Missing data, n=3": nobody enrolled
            label = _LABEL.search(owner)
            if label and not _WHOLE.fullmatch(label["label"]):
                d.quals = frozenset({label["label"]})  # "(children, n = 130; adolescents, n = 209)": a subgroup
        kept = True
        s.drafts.append(d)


def _an_arms_size(text: str, n: int, ctx: DocContext) -> bool:
    """The study model found an arm printed with this n in this sentence (``statements`` gives it that arm)."""
    return any(a.n == n and a.quote and (a.quote in text or text in a.quote) for a in ctx.study.arms)


_FLOW = lexicon.pattern("flow_cues")
_PEOPLE = re.compile(rf"(?<![\w-])(?:{lexicon.alternation('population_nouns')}|{lexicon.alternation('group_nouns')}|"
                     rf"{lexicon.alternation('people_words')}|{lexicon.alternation('enrolment_cues')})(?![\w])", re.I)
_PARALLEL = re.compile(r"[)\]\s]*(?:,|;)?\s*(?:and|or|vs\.?|versus)?\s+[^,;()]{0,30}?(?:[(\[]|[,:])?\s*", re.I)
_WHOLE = re.compile(r"(?:all|total|overall|patients|participants|subjects|pts|cases|randomi[sz]ed|enrolled)", re.I)
_LABEL = re.compile(r"[(\[;]\s*(?P<label>[A-Za-z][\w -]{1,30}?)\s*[,:]\s*$")


def _owner(text: str, at: int, previous: int) -> str:
    """The words a "n = 12" counts: back to the last semicolon or the "n =" before it, at most 120 characters."""
    semi = text.rfind(";", 0, at)
    if semi >= 0 and not re.search(r"[A-Za-z]", text[semi:at]):
        semi = text.rfind(";", 0, semi)  # "(expansion cohort; n = 13)": the name before the semicolon
    return text[max(previous, semi, at - 120) : at]
