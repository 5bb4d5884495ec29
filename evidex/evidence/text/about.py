"""What a number in a sentence is about: which outcome, and whether it counts a group rather than an outcome.

A number takes the outcome term inside it or just before its bracket, a verb right after it ("91 (83%)
responded"), a term the words after it link to ("12 (10%) had grade 3 CRS"), a qualifier it counts ("21 male
(63.6%)"), the phrase after it when no term is there ("38% had secondary AML", "a 73% reduction in the risk of
death"), the last term before it, the phrase before it ("graft failure occurred in 14%"), or what the sentence
was about. Counts that define the study's groups ("90 underwent MSD-HSCT", "received either A or B") or break a
counted outcome into its kinds are no outcome rows.
"""

from __future__ import annotations

import re

from evidex.evidence.text import lexicon, phrases, stats
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.arms import ArmHit
from evidex.evidence.text.numbers import NUM
from evidex.evidence.text.rows import QUALIFIER_OUTCOMES, Hit, OutcomeRef

_AFTER_LINK = re.compile(
    r"^[\s)]*(?:of|had|with|were|was|developed|experienced|as|showed|presented with)?\s*(?:[\w-]+\s+){0,3}$", re.I
)
_VERB_TAIL = re.compile(r"\s+(?:occurred|developed|(?:was|were) (?:reported|observed))$")
_LEAD_WORDS = re.compile(
    r"^\s*(?:and|including|such as|the most common\s+(?:\w+\s+){0,3}were|were|was|of which)\s+", re.I
)


def is_population(x: stats.Stat, text: str, outs: list[Hit] = ()) -> bool:  # type: ignore[assignment]
    """A bare "N cases" is a count of an outcome only in "X in N cases", "N cases of X", "There were N X"."""
    if x.rule != "count.v1":
        return False
    head, tail = text[max(0, x.start - 12) : x.start], text[x.end : x.end + 10]
    if any(0 <= x.start - h.end <= 3 and "(" in text[h.end : x.start] for h in outs):
        return False  # "cord blood stem cells (2 cases)": the count of the outcome just named
    if _INCLUDING.search(text, max(0, x.start - 12), x.start) and any(
        _WITH_GRADED.fullmatch(text[x.end : h.start]) for h in outs if h.start > x.end
    ):
        return False  # "including 47 patients with grade 1-2 (mild) CRS": a count of the graded outcome
    if (x.start > 0 and text[x.start - 1] == "(") or re.match(r"\s*(?:with|without|who|treated|receiving)\b", tail):
        return True
    if re.search(r"events?$", text[x.start : x.end], re.I) or _COUNTED.match(text, x.start, x.end):
        return False  # "212 adverse events", "8 permanent discontinuations" count events, never people
    counted = re.search(r"(?:\bin|there were|occurred in|observed in)\s*$", head, re.I) or re.match(r"\s*of\b", tail)
    return not counted


_INCLUDING = re.compile(r"\b(?:including|of\s+whom|of\s+which|with|and)\s*$", re.I)
_WITH_GRADED = re.compile(
    r"\s+with\s+(?:grades?\s*[\dIV≥<>]+(?:\s*(?:to|or|and|-|–)\s*[\dIV]+)?\s*(?:\([^()]*\)\s*|\(\s*)?|severe\s+|mild\s+|"
    r"moderate\s+|any[- ]grade\s+)?",
    re.I,
)
_GROUP_VERB = re.compile(
    r"\s+(?:\w+\s+)?(?:received|underwent|were\s+(?:treated|assigned|allocated)|was\s+treated)\b", re.I
)


def names_a_group(x: stats.Stat, text: str, outcomes: list[Hit], arms: list[ArmHit], compared: bool) -> bool:
    """ "90 underwent MSD-HSCT", "Ten patients received either A (n = 6) or B": a count that defines a study arm."""
    if x.rule == "count_verb.v1" and _SUBSET.search(text[max(0, x.start - 30) : x.start]):
        return _same_outcome_before(x, outcomes)  # "Relapse occurred in 11, of whom 7 had CD19-negative relapse"
    verb = _GROUP_VERB.match(text, x.end) if x.rule == "count_verb.v1" else None
    if verb is None:
        return False
    window = text[verb.end() : verb.end() + 30]
    if re.match(r"\s*(?:either\b|randomi[sz]ation)", window, re.I):
        return True  # "received either A or B", "underwent randomization": the groups of the study
    if compared and _TREATMENT.match(window):
        return True  # "104 received myeloablative conditioning": the treatment that makes the groups
    return compared and any(0 <= a.start - verb.end() <= len(window) - len(window.lstrip()) + 12 for a in arms)


_TREATMENT = re.compile(rf"\s*(?:[\w-]+\s+){{0,3}}?{lexicon.alternation('treatment_words')}\b", re.I)
_SUBSET = re.compile(r"\b(?:of|among)\s+(?:whom|which|these|them|those)\s*,?\s*$", re.I)


def _same_outcome_before(x: stats.Stat, outcomes: list[Hit]) -> bool:
    """A breakdown of a counted outcome into its kinds names the outcome again with a modifier: no count of its own."""
    after = next((h for h in outcomes if h.start >= x.end), None)
    return after is not None and any(h.outcome.code == after.outcome.code for h in outcomes if h.end <= x.start)


def outcome_for(text: str, x: stats.Stat, outs: list[Hit], adjacent: list[str], carried: OutcomeRef | None, a: int,
                b: int, arms: list[ArmHit] | None = None) -> OutcomeRef | None:  # fmt: skip
    """What a number is about: a term inside or just before it, a verb after it, the next term it is linked to, a
    counted qualifier, the phrase after it, the last term before it, the phrase before it, or what the sentence
    was about (``carried``)."""
    if x.percent and (_THRESHOLD_BEFORE.search(text, 0, x.start) or _THRESHOLD_AFTER.match(text, x.end)):
        return None  # "patients with less than 50% blasts", "50% or more": a threshold that defines a group
    if x.percent and _CONCENTRATION.search(text, max(0, x.start - 30), x.start):
        return None  # "30 ml 0.75% ropivacaine": how strong a solution is
    if x.percent and _RELATIVE.match(text, x.end):
        return None  # "a risk of death that was 84% lower", "a 73% reduction in the risk of death": no rate
    if x.unit and _WINDOW.search(text, max(0, x.start - 25), x.start):
        return None  # "discontinued during the first 6 and 12 months": when, not how long
    timed = _TIME_TO.search(text, max(0, x.start - 80), x.start) if x.unit and not x.percent else None
    if timed:  # "to obtain CR, it took (3.83 ± 0.41) weeks": the time it took
        return OutcomeRef("", "", raw=f"time to {timed['x']}", kind="raw")
    if x.hr:
        event = _effect_event(text, x, a)
        if event is not None:
            return event
    if x.rule == "count_number_of.v1":
        return _number_of_what(text, x, outs)
    inside = [h for h in outs if x.start <= h.start and h.end <= x.end]
    if inside:
        return inside[0].outcome  # "163 adverse events"
    counted = _COUNTED.match(text, x.start, x.end) if x.rule == "count.v1" else None
    if counted:  # "8 permanent discontinuations", "3 deaths": the count names its events
        return OutcomeRef("", "", raw=counted["what"], kind="raw")
    named = [h for h in outs if 0 <= x.start - h.end <= 3 and "(" in text[h.end : x.start + 1]]
    if named:
        return named[-1].outcome  # "cord blood (2 cases)": the count in brackets belongs to what it follows
    groups = [m.span() for m in _GROUP_PHRASE.finditer(text, a, x.start)]  # "among patients with a CR or a CRi"
    before = [h for h in outs if h.end <= x.start and not any(g0 <= h.start < g1 for g0, g1 in groups)]
    box = sent.enclosing(text, x.start)
    after = [h for h in outs if h.start >= x.end and sent.enclosing(text, h.start) in (None, box)]  # no aside
    countish = x.rule in ("count_pct.v1", "count.v1", "count_verb.v1", "pct_count.v1", "pct_frac.v1", "count_of_pct.v1",
                          "count_of.v1", "count_clause_pct.v1", "count_pct_ci_of.v1", "count_pct_of.v1")  # fmt: skip
    verb = _VERB_OUTCOME.match(text, x.end)
    if verb:  # "91 (83%) responded (complete response, ...)", "12 (10%) relapsed after HSCT": the verb names it
        return OutcomeRef(_VERB_OUTCOMES[" ".join(verb["v"].lower().split())], raw=verb["v"])
    if _DIED_OF.match(text, x.end):  # "three patients had died from treatment-emergent adverse events"
        phrase = phrases.object_of(text, x.end, b)
        if phrase:
            return OutcomeRef("", "", raw=phrase, kind="raw")
    if after and x.percent and _OF_WHO_VERB.match(text[x.end : after[0].start]):
        return after[0].outcome  # "72.2% of the patients achieving complete response"
    if x.unit and _DURATION_OF.search(text, max(0, x.start - 30), x.start) and _OF_THERAPY.match(text, x.end):
        return OutcomeRef("TREATMENT_DURATION", raw="duration of therapy")  # "duration of 42 months of X therapy"
    if after and countish and _AFTER_LINK.match(text[x.end : after[0].start]):
        if not _QUALIFIED.match(text, after[0].end):
            return after[0].outcome
        phrase = phrases.object_of(text, x.end, b)  # "27 (30%) had a CR with no platelet recovery": another outcome
        return OutcomeRef("", "", raw=phrase, kind="raw") if phrase else after[0].outcome
    for q in adjacent:
        if q in QUALIFIER_OUTCOMES:
            return OutcomeRef(QUALIFIER_OUTCOMES[q], raw=q)
    unitless = x.rule == "median_interval.v1" and not x.unit  # "a median of 5 (range 3-13) prior regimens"
    starts = [h.start for h in after] + [h.start for h in arms or []]
    named_next = any(0 <= at - x.end <= 3 for at in starts)  # "0.36 (0.27-0.44) TREO": an arm
    pair = _PAIRED.match(text, x.end) if x.rule == "count_verb.v1" else None  # "seven and six patients discontinued"
    pair = pair or (_PAIRED_PCT.match(text, x.end) if x.percent else None)  # "17.6% and 11.6% [...] having X"
    if pair and not named_next:
        stop = text.find(";", x.end)
        end = stop if stop > 0 else len(text)  # the list may span clauses
        phrase = phrases.object_of(text, pair.end(), end)
        phrase = phrase or (phrases.direct(text, pair.end(), end) if x.percent else None)
        if phrase:
            return OutcomeRef("", "", raw=phrase, kind="raw")
    if (x.percent or countish or unitless) and not named_next:
        article = re.search(r"\b(?:a|an)\s*$", text[max(0, x.start - 4) : x.start], re.I)  # "a 73% reduction in"
        directly = phrases.direct(text, x.end, b) if (x.percent or unitless) and (article or not before) else None
        aside = _ASIDE.match(text, x.end)  # "11.6% [<3 years: 13.8%] having X"
        phrase = phrases.object_of(text, aside.end() if aside else x.end, b) or directly
        if phrase is None and x.percent:  # "39% of patients in A and 34% in B had X": the list spans clauses
            stop = text.find(";", x.end)
            phrase = phrases.parallel_object(text, x.end, stop if stop > 0 else len(text))
        if phrase:  # "38% had secondary AML", "a 73% reduction in the risk of death"
            return OutcomeRef("", "", raw=phrase, kind="raw")
    if before:
        return before[-1].outcome
    if after:
        return after[0].outcome
    raw = _raw_phrase(text, x, a, b)
    if raw is not None:
        return raw
    if not x.hr:
        phrase = phrases.about(text, x.start, x.end, a, b, x.percent or x.total is not None)
        if phrase is not None and not any(h.label.lower() in phrase.lower() for h in arms or []):
            return OutcomeRef("", "", raw=phrase, kind="raw")  # "graft failure occurred in 14%": the paper's words
    return carried


_NUMBER_OF = re.compile(rf"\bnumbers?\s+of\s+(?:{lexicon.alternation('population_nouns')})\b\s*"
                        r"(?:(?:who|that)\s+(?:were\s+|had\s+)?)?(?P<what>[^;]*?)"
                        rf"(?:\s*\b(?:in|among|for|of|receiving)\s+(?:the\s+|each\s+)?[^;]{{0,40}}?\b"
                        rf"(?:{lexicon.alternation('group_nouns')})\b[^;]*?)?\s+(?:was|were)\s+[^;]*$",
                        re.I)  # fmt: skip


def _number_of_what(text: str, x: stats.Stat, outs: list[Hit]) -> OutcomeRef | None:
    """ "The number of patients requiring rescue analgesia in the A group was 8": the people are counted for what
    qualifies them (a term of the vocabulary there, else the words); with no qualifier it is the group's size."""
    m = _NUMBER_OF.search(text, 0, x.start)
    if m is None:
        return None
    what = [h for h in outs if m.start("what") <= h.start < m.end("what") and h.outcome.code != "ENROLLED"]
    if what:
        return what[0].outcome
    words = re.sub(r"^(?:with|requiring|needing|having|receiving|who\s+(?:had|required|needed))\s+", "",
                   m["what"].strip(" ,"), flags=re.I)  # fmt: skip
    if not words:
        return OutcomeRef("ENROLLED", raw="number of patients")
    return OutcomeRef("", "", raw=words, kind="raw")


_COUNTED = re.compile(rf"\S+\s+(?P<what>(?:[A-Za-z][\w-]+\s+){{0,2}}{lexicon.alternation('event_nouns')})$", re.I)
_EVENTS = [(re.compile(rf"\b(?:{rx})\b", re.I), code) for rx, code in lexicon.data()["effect_events"]]


def _effect_event(text: str, x: stats.Stat, a: int) -> OutcomeRef | None:
    """ "hazard ratio for disease progression or death" (PFS), "a 25% reduction in risk of death (HR 0.75)" (OS):
    an effect measure that names the events it counts, in its own words or just before its bracket."""
    own = text[x.start : x.end]
    near = text[max(a, x.start - 140) : x.start]  # "risk of progression or death that was 84% lower with A than B ("
    for words in (own, near if re.search(r"[(\[;,]\s*$|\bwith\s+a\s*$", near) else ""):
        for rx, code in _EVENTS:
            m = rx.search(words)
            if m:
                return OutcomeRef(code, raw=m.group())
    return None


_TIME_TO = re.compile(
    r"\bto\s+(?:obtain|achieve|reach|attain|get)\s+(?P<x>[A-Za-z][\w/-]*(?:\s+[a-z][\w-]*){0,3}?)"
    r"\s*(?:,\s*it\s+took|\s+it\s+took|\s+took)\b[^;]*$",
    re.I,
)
_GROUP_PHRASE = re.compile(
    r"\b(?:among|in|for)\s+(?:the\s+)?(?:patients?|pts|those|children|cases|subjects)\s+(?:with|who\s+(?:achieved|had))"
    r"\s+[^,;()]*?(?=\s+(?:was|were|is|are|had|showed|achieved)\b|[,;(]|$)",
    re.I,
)
_THRESHOLD_BEFORE = re.compile(
    r"(?:(?:less|more|greater|fewer|higher|lower)\s+than|at\s+(?:least|most)|\b(?:over|under|above|below|up\s+to)|"
    r"[<>≤≥])\s*$",
    re.I,
)
_PAIRED = re.compile(
    rf"\s+(?:and|or|,)\s+{NUM}\b(?:\s+(?:[A-Za-z-]+\s+)?{lexicon.alternation('population_nouns')})?", re.I
)
_OF_WHO_VERB = re.compile(
    r"\s*of\s+(?:the\s+|all\s+)?(?:patients|pts|participants|children|cases|subjects)\s+(?:who\s+)?"
    r"(?:achieving|achieved|had|having|developed|developing|experienced|experiencing|showed|showing|attained)\s+"
    r"(?:an?\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
_DIED_OF = re.compile(r"\s+(?:patients?\s+|children\s+|cases\s+)?(?:had\s+)?died\s+(?:of|from|due\s+to)\b", re.I)
_DURATION_OF = re.compile(r"\bduration\s+of\s*$", re.I)
_OF_THERAPY = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,3}(?:therapy|treatment)\b", re.I)
_ASIDE = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*%[^)]*\))")
_PAIRED_PCT = re.compile(r"(?:\s*(?:,\s*)?(?:and|or|,)\s*[\d.]+\s*%\s*(?:\[[^\]]*\]|\([^)]*\))?)+", re.I)
_RELATIVE = re.compile(rf"\s*(?:relative\s+)?{lexicon.alternation('relative_change')}", re.I)
_WINDOW = re.compile(
    r"\b(?:during|within|over|in)\s+the\s+(?:first|last|initial|following|next)\s+(?:[\d.]+\s+(?:and|or|to)\s+)?$", re.I
)
_CONCENTRATION = re.compile(rf"(?<![\w.]){lexicon.alternation('concentration_leads')}\s+$", re.I)
AT_LEAST = re.compile(r"\b(?:at\s+(?:least|most)|more\s+than|fewer\s+than|less\s+than|up\s+to)\s*$|[<>≤≥]\s*$", re.I)
_THRESHOLD_AFTER = re.compile(
    r"\s*(?:or\s+(?:more|less|higher|lower|greater|above|below)|and\s+(?:above|below))\b", re.I
)
_QUALIFIED = re.compile(r"\s+(?:with\s+no|without|but\s+(?:no|not))\b", re.I)
_VERB_OUTCOMES: dict[str, str] = {k.lower(): v for k, v in lexicon.data()["verb_outcomes"].items()}
_VERB_WORDS = "|".join(k.replace(" ", r"\s+") for k in _VERB_OUTCOMES)
_VERB_OUTCOME = re.compile(
    rf"[\s)\]]*(?:(?:patients?|cases?|children|adults|pts)\s+)?(?:had\s+)?"
    rf"(?P<v>{_VERB_WORDS})"
    r"(?=\s*(?:[,.;()]|$|\b(?:after|within|at|during|in|and|by|before|while|following|on|to)\b))",
    re.I,
)


def _raw_phrase(text: str, x: stats.Stat, a: int, b: int) -> OutcomeRef | None:
    """An unmapped term in an adverse-event list: "hepatic impairment in 13 cases (39.4%)", "nine (60%) had X"."""
    if x.rule not in ("count_pct.v1", "count_pct_paren.v1"):
        return None
    head = _LEAD_WORDS.sub("", text[a : x.start])
    tail = re.match(
        r"[\s)]*(?P<v>had|of|developed|experienced|were|died (?:of|from|due to))\s+(?P<p>[A-Za-z][A-Za-z -]{2,50})",
        text[x.end : b],
    )
    if x.rule == "count_pct.v1" and re.search(r"\sin\s*$", head):
        head = re.sub(r"\s+in\s*$", "", head)
    elif x.rule == "count_pct.v1":
        head = tail["p"] if tail else ""
        if tail and tail["v"].startswith("died"):  # "died of treatment-related causes": a treatment-related death
            head = re.sub(r"\s+(?:causes?|complications?|reasons?|toxicity)$", "", head) + " death"
    head = _VERB_TAIL.sub("", head.strip(" ,;:("))
    if re.match(r"(?:the|those|these|this|all)\b", head, re.I) or re.search(r"\b(?:group|arm|cohort)s?$", head, re.I):
        return None  # "20 cases (90.9%) of the CAR-T group" names a group, not an event
    if re.match(r"(?:grade|severe|serious)\b", head, re.I):
        return None  # "79 (48.5%) were grade 3 or higher" grades the outcome before it
    if re.fullmatch(r"[A-Za-z][A-Za-z -]{2,50}", head) and len(head.split()) <= 6:
        return OutcomeRef("", code_system="", raw=head, kind="raw")
    return None
