"""Outcome phrases beyond the vocabulary's literal matches.

- Abbreviations in brackets: "overall survival (OS)" is one outcome mention, and the abbreviation names the whole
  phrase before it: "GVHD-free, relapse-free survival (GRFS)" is GRFS, not RFS.
- Elliptic coordination: "event-free and overall survival", "neutrophil and platelet engraftment", "acute and
  chronic GVHD": the shared head word completes each modifier, and each completed phrase is asked of the
  normalizer whole (only an exact or synonym match counts).
- A modifier that makes a known outcome another thing: "very good partial response" is no partial response.
- The noun phrase a number is about when no known outcome is named (``about``): "38% had secondary AML",
  "graft failure occurred in 14%", "the rate of early death was 8%", "a 100% CNS response", "duration of
  response was 7 months". The phrase keeps the paper's words; the row's outcome code stays empty.

The cue words (verbs, stop words, blocking modifiers) are data in ``evidence/data/lexicon.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from evidex.evidence.text import lexicon
from evidex.evidence.text.numbers import NUM_RE
from evidex.evidence.text.rows import Hit, OutcomeRef
from evidex.models import Normalizer

_OPEN = re.compile(r"\s*[(\[]\s*$")
_CLOSE = re.compile(r"\s*[)\]]")
_ABSORB = re.compile(r"^(?:-free)?\s*[,/]?\s*$", re.I)
_COORD = re.compile(r"(?<![\w-])(?P<mod>[A-Za-z][\w-]*)\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+|/|&\s*)$", re.I)


def refine(text: str, hits: list[Hit], normalizer: Normalizer, page: int | None) -> list[Hit]:
    """The vocabulary's hits with blocked ones dropped, abbreviations merged and elliptic lists completed."""
    kept = [_modified(text, h) for h in hits if not _blocked(text, h)]
    merged = _abbreviations(text, kept)
    return sorted(merged + _elliptic(text, merged, normalizer, page), key=lambda h: h.start)


_CAUSE_NOUN = re.compile(r"\s+(?:adverse\s+events?|AEs?|causes?|complications?|reasons?|toxicity)$", re.I)
_ABBR_INSIDE = re.compile(r"\s*\((?-i:[A-Z][A-Za-z0-9]{1,9})\)(?:\s*-\s*|\s+|(?=[a-z]))(?=[A-Za-z])")


def through_abbreviations(text: str, normalizer: Normalizer, page: int | None) -> list[Hit]:
    """ "minimal residual disease (MRD)-negative rate", "human cytomegalovirus(CMV)infection": a term the paper
    interrupts with its abbreviation, read as if the bracket were not there (offsets of the text as written)."""
    cuts = list(_ABBR_INSIDE.finditer(text))
    if not cuts:
        return []
    plain, where, pos = [], [], 0
    for m in cuts:
        plain.append(text[pos : m.start()] + " ")
        where.extend([*range(pos, m.start()), m.start()])
        pos = m.end()
    plain.append(text[pos:])
    where.extend(range(pos, len(text) + 1))
    joined = "".join(plain)
    out = []
    for men in normalizer.mentions(joined, ("outcome", "ae"), page):
        start, end = where[men.start], where[men.end - 1] + 1
        t = men.term
        if not t.canonical or not any(start < c.start() < end for c in cuts):
            continue
        said = text[start:end]
        if t.kind == "ae":
            out.append(Hit(start, end, OutcomeRef(t.canonical, t.code_system or "CTCAE v5.0", t.code, said, "ae")))
        else:
            code = t.code if t.code_system == "evidex" else ""
            out.append(Hit(start, end, OutcomeRef(t.canonical, "evidex", code, said)))
    return out


def _blocked(text: str, h: Hit) -> bool:
    """ "very good partial response": a modifier before the term names another outcome; "progression-free"
    is without progression."""
    free = bool(re.match(r"-?free\b", text[h.end : h.end + 6], re.I))
    timed = h.outcome.code in _SURVIVALS and bool(re.match(r"\s+time\b", text[h.end : h.end + 6], re.I))
    free = free or timed  # "survival time" measures another thing
    risk = re.match(r"[\s-]+risk\b", text[h.end : h.end + 8], re.I) and _risk_level().search(text[: h.start])
    return bool(free or risk or _blocking().search(text[max(0, h.start - 30) : h.start]))


@cache
def _risk_level() -> re.Pattern[str]:
    """ "an average relapse risk", "higher relapse risk": a risk group, not the outcome."""
    return re.compile(rf"(?<![\w-]){_rx('risk_levels')}[\s-]+$", re.I)


def _modified(text: str, h: Hit) -> Hit:
    """ "parkinsonian side effects", "major hemorrhagic adverse events", "fungal infection": events of one kind
    are not the whole class; the phrase as written, no code (severity and attribution words keep the class)."""
    if h.outcome.code not in _CLASSES:
        return h
    m = re.search(r"((?:[A-Za-z][\w-]*\s+){1,3})$", text[max(0, h.start - 60) : h.start])
    if m is None:
        return h
    words = m.group(1).split()
    own: list[str] = []
    for w in reversed(words):
        if _neutral().fullmatch(w) or NUM_RE.fullmatch(w):
            break
        own.insert(0, w)
    if not own:
        return h
    start = h.start - len(m.group(1)) + m.group(1).index(own[0])
    return Hit(start, h.end, OutcomeRef("", "", raw=text[start : h.end], kind="raw"))


_SURVIVALS = frozenset({"OS", "PFS", "EFS", "DFS", "LFS", "RFS", "GRFS"})
_CLASSES = frozenset({"AE_TOTAL", "INFECTION"})  # outcomes that name a whole class of events


@cache
def _neutral() -> re.Pattern[str]:
    return re.compile(rf"(?:{_rx('ae_neutral_modifiers')})", re.I)


@cache
def _blocking() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){lexicon.alternation('outcome_blocking_modifiers')}[\s-]*$", re.I)


def _abbreviations(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is None or not _OPEN.fullmatch(text[prev.end : h.start]) or not _CLOSE.match(text, h.end):
            out.append(h)
            continue
        end = _CLOSE.match(text, h.end).end()  # type: ignore[union-attr]
        if prev.outcome.code == h.outcome.code:
            out[-1] = Hit(prev.start, end, prev.outcome)
            continue
        start = prev.start  # the abbreviation names the whole phrase: "GVHD-free, relapse-free survival (GRFS)"
        while len(out) >= 2 and _ABSORB.match(text[out[-2].end : start]):
            out.pop()
            start = out[-1].start
        out[-1] = Hit(start, end, OutcomeRef(h.outcome.code, h.outcome.code_system, h.outcome.code_value,
                                             text[start:end], h.outcome.kind))  # fmt: skip
    return out


def _elliptic(text: str, hits: list[Hit], normalizer: Normalizer, page: int | None) -> list[Hit]:
    """ "event-free and overall survival": each modifier before the last full phrase shares its head word."""
    out: list[Hit] = []
    for h in hits:
        words = text[h.start : h.end].split()
        if len(words) < 2:
            continue
        pos = h.start
        while True:
            m = _COORD.search(text, max(0, pos - 40), pos)
            if m is None or m.end() != pos or any(o.start < m.end() and m.start() < o.end for o in hits + out):
                break
            found = _complete(m["mod"], words, h, normalizer, page)
            if found is None:
                break
            out.append(Hit(m.start("mod"), m.end("mod"), found))
            pos = m.start("mod")
    return out


def _complete(mod: str, words: list[str], h: Hit, normalizer: Normalizer, page: int | None) -> OutcomeRef | None:
    for k in range(1, len(words)):
        phrase = f"{mod} {' '.join(words[k:])}"
        for m in normalizer.mentions(phrase, ("outcome", "ae"), page):
            t, said = m.term, phrase[: m.end]
            if m.start == 0 and m.end > len(mod) + 1 and t.canonical and t.canonical != h.outcome.code:
                if t.kind == "ae":
                    return OutcomeRef(t.canonical, t.code_system or "CTCAE v5.0", t.code, said, "ae")
                return OutcomeRef(t.canonical, "evidex", t.code if t.code_system == "evidex" else "", said)
    return None


# ---- the noun phrase a number is about ----


@cache
def _rx(name: str) -> str:
    return lexicon.alternation(name)


@cache
def _after() -> re.Pattern[str]:
    who = rf"(?:of\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:[\w-]+\s+)?{_rx('population_nouns')}\s+)?"
    # "39% of patients in the control group and 34% (of patients) in the intervention group had ...": the group
    # after each value, and the parallel items after the first, sit between a value and its verb
    group = rf"(?:(?:in|of|from)\s+the\s+(?:[\w+-]+\s+){{1,4}}?(?:{_rx('group_nouns')})\s+)"
    # "34%", "15 patients (71.4%)"
    value = rf"(?:[\d.]+\s?%|(?:\d+|[a-z]+)\s+{_rx('population_nouns')}\s*\(\s*[\d.]+\s?%\s*\))"
    parallel = rf"(?:(?:and|or|,|vs\.?|versus)\s+{value}\s+{who}{group})"
    return re.compile(
        rf"^[\s)\]]*{who}(?:{group}(?P<par>{parallel}+)?)?(?:{_rx('population_nouns')}\s+)?(?:who\s+|that\s+)?"
        rf"(?:had\s+|have\s+|has\s+)?"
        rf"(?:(?P<kept>{_rx('kept_verbs')})|(?P<light>{_rx('light_verbs')}))\s+(?P<np>[^,;:()\[\]]+)",
        re.I,
    )


@cache
def _before() -> tuple[re.Pattern[str], ...]:
    rate = _rx("rate_nouns")
    forms = (
        # "the mean time to rescue analgesia in the control group was 613 min": the group is no part of what
        rf"(?P<np>[^,;:()]+?)\s+(?:in|among|for)\s+(?:the\s+)?(?:(?!(?:in|for|of|among)\s)[\w+/-]+\s+){{0,4}}?"
        rf"(?:{_rx('group_nouns')})\s+"
        r"(?:was|were|is|are)\s*(?:about\s+|approximately\s+)?$",
        # "the mean ± SD of fentanyl given in the clonidine group (105 ± 30.8) was lower than ...": the value alone
        # in the group's bracket, before the verb
        rf"^(?:the\s+)?(?:(?:mean|median)\s*(?:±|\+/-)?\s*(?:SD|SE|IQR)?\s+of\s+)?(?P<np>[^,;:()]+?)\s+(?:in|among|for)\s+"
        rf"(?:the\s+)?(?:(?!(?:in|for|of|among)\s)[\w+/-]+\s+){{0,4}}?(?:{_rx('group_nouns')})\s*[(\[]\s*$",
        rf"(?:{rate})\s+(?:of|for)\s+(?P<np>[^,;:()]+?)\s+(?:was|were|is|are|reached)\s*(?:about\s+|approximately\s+)?$",
        rf"(?P<np>[^,;:()]+?\s+(?:{rate}))\s*(?:was|were|is|are|of|reached|:)?\s*$",
        r"(?P<np>[^,;:()]+?)\s+(?:was|were)\s+(?:(?:observed|seen|noted|reported|documented|detected|found|"
        r"identified|diagnosed|present|recorded|confirmed|achieved)\s+)?(?:in|among|for)\s*(?:a\s+total\s+of\s+)?$",
        # "CAR transgenes were detectable in 77.8%": the state is part of what is counted
        r"(?P<np>[^,;:()]+?)\s+(?:was|were|remained)\s+(?P<state>[a-z][\w-]+)\s+(?:in|among)\s*$",
        r"(?P<np>[^,;:()]+?)\s+(?:occurred|developed|arose|happened|appeared)\s+(?:in|among)\s*$",
        r"(?P<np>[^,;:()]+?)\s+(?:was|were|is|are|of|reached|totaled|totalled)\s*(?:about\s+|approximately\s+)?$",
        r"(?P<np>[^,;:()]+?)\s*:\s*$",
        r"(?P<np>[^,;:()]+?)\s+in\s*$",
        rf"(?:{rate})\s+of\s+(?P<np>[^,;:()]+?)\s*[(\[]\s*$",  # "lower rates of early death (0% vs 8%)"
    )
    return tuple(re.compile(f, re.I) for f in forms)


@cache
def _stop_start() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_rx('phrase_stop_words')})\b", re.I)


@cache
def _verb_start() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_rx('light_verbs')}|{_rx('kept_verbs')}|{_rx('count_verbs')})\b", re.I)


@cache
def _lead() -> re.Pattern[str]:
    return re.compile(rf"^(?:(?:{_rx('phrase_lead_words')})(?![\w-])\s*)+", re.I)


@cache
def _end() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{_rx('phrase_end_words')})\b.*$", re.I)


_NUMBERS = re.compile(
    r"\d[.,·]\d|(?<![A-Za-z-])\d+\s*(?:%|patients?|participants?|subjects?|cases?|pts|children|adults|of\b|/)", re.I
)
_TIMEPOINT = re.compile(r"\b\d+(?:\.\d+)?[- ](?:day|week|month|year)s?\b", re.I)
_COMPARED = re.compile(r"[≥≤<>]\s*\d+(?:\.\d+)?\s*%?")
_ABBREVIATION = re.compile(r"\s*\((?-i:[A-Z][A-Za-z0-9/+-]{0,9})\)(?=\s+[a-z])")
_LEAD_TIME = re.compile(r"^(?:(?:the|a|an)\s+)?\d+(?:\.\d+)?[- ](?:day|week|month|year)s?\b[\s-]*", re.I)
MAX_WORDS = 8


_STAT_LABEL = re.compile(r"\s*\(\s*(?:mean|median)\s*(?:±|\+/-|\+-|,|and|\(|\[)?\s*(?:SD|S\.D\.|SE|SEM|"
                         r"standard\s+deviation|standard\s+error|IQR|interquartile\s+range|range)\s*[)\]]?\s*\)",
                         re.I)  # fmt: skip


def about(text: str, start: int, end: int, a: int, b: int, percent: bool) -> str | None:
    """The words a number at [start, end) is about, within its clause [a, b); None when no phrase is found.

    After the number: "38% had secondary AML", "12 patients developed graft failure", "a 100% CNS response".
    Before it: "graft failure occurred in 14%", "the rate of early death was 8%", "duration of response was
    7 months", "<NP>: 45%", "<NP> in 12%".
    """
    np = object_of(text, end, b)
    if np:
        return np
    if percent:
        np = direct(text, end, b)
        if np:
            return np
    head = _STAT_LABEL.sub("", text[a:start])  # "The 24 h morphine requirement (mean ± SD) was 34.6 ± 14.6 mg"
    for rx in _before():
        m = rx.search(head)
        if m:
            np = _clean(m["np"])
            if np and m.groupdict().get("state"):
                np = f"{np} {m['state']}"
            if np:
                return np
    in_group = _compared_in_group().search(head) if _UNIT_CLOSE.match(text, end, b) else None
    if in_group:  # the group's bracket holds this value alone
        return _clean(in_group["np"])
    return _before_bracket(head, text[end:b]) if percent else None


_UNIT_CLOSE = re.compile(r"\s*(?:[A-Za-zµμ%/]{1,8}\.?\s*)?[)\]]")  # "(5.1 ± 0.9)", "(5.1 ± 0.9 min)": the value alone


@cache
def _compared_in_group() -> re.Pattern[str]:
    """ "the pain score was lower (p = 0.01) in the A group (3.1 ± 1.0)": the value in the group's bracket."""
    return re.compile(rf"(?P<np>[^,;:()]+?)\s+(?:was|were|is|are)\s+(?:[a-z]+ly\s+)?(?:{_rx('comparative_words')})\b"
                      r"(?:\s*\([^()]*\))?\s+(?:in|among|for|with)\s+[^,;:()]{1,60}?[(\[]\s*$", re.I)


def _before_bracket(head: str, tail: str) -> str | None:
    """ "graft failure (14% vs 6%; P < .001)", "on magnetic resonance imaging (100%)": the words right before a
    bracket that holds the value (alone, or a comparison of values)."""
    if not re.search(r"[(\[]\s*$", head) or not re.match(r"\s*(?:[)\]]|(?:vs\.?|versus|and|,|;)\s)", tail):
        return None
    words = re.sub(r"\s*[(\[]\s*$", "", head)
    words = _LANDMARK_TAIL.sub("", words)  # "continued X until the 6 month follow-up (86/125 vs 78/133)"
    chunk = _CHUNK.split(words)[-1]
    return _clean(chunk) if len(chunk.split()) <= 5 else None


_LANDMARK_TAIL = re.compile(rf"\s+{lexicon.alternation('landmark_prepositions')}\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?"
                            r"(?:follow-?up|visit|end\s+of\s+(?:treatment|study|therapy))$", re.I)  # fmt: skip


_CHUNK = re.compile(
    r"\b(?:on|in|by|with|either|and/or|or|and|of|were|was|had|have|has|included|including|more|less|fewer|higher|"
    r"lower|than|to|from|after|for|between|observed|reported|showed|demonstrated|groups?|arms?)\b",
    re.I,
)


def object_of(text: str, end: int, b: int) -> str | None:
    """ "38% had secondary AML", "7 received CNS-directed therapy": what the verb after a number names (an
    abbreviation in brackets inside it is dropped: "minimal residual disease (MRD) negativity")."""
    m = _after().match(_ABBREVIATION.sub("", text[end:b]))
    if m is None:
        return None
    np = _clean(m["np"], verb_phrase=bool(m["kept"]))  # "were diagnosed within 14 days" keeps its preposition
    if np and m["kept"]:
        verb = re.sub(r"^(?:were|was)\s+", "", " ".join(m["kept"].lower().split()))  # "were in CR" -> "in CR"
        cause = re.match(r"(?:of|from|due\s+to)\s+(?P<c>.+)", np) if verb == "died" else None
        if cause:  # "died of treatment-related causes": a treatment-related death
            what = re.split(r"\s+(?:in|with|among|during|after)\s+", cause["c"])[0]
            return _CAUSE_NOUN.sub("", what) + " death"
        np = f"{verb} {np}"
    return np


def parallel_object(text: str, end: int, stop: int) -> str | None:
    """ "39% of patients in the control group and 34% of patients in the intervention group had X": the first
    item of a list of group values takes what the verb after the last item names (the list spans clauses)."""
    m = _after().match(_ABBREVIATION.sub("", text[end:stop]))
    return object_of(text, end, stop) if m is not None and m["par"] else None


def direct(text: str, end: int, b: int) -> str | None:
    """ "a 73% reduction in the risk of death", "a 100% CNS response": the phrase right after a percent."""
    m = re.match(r"^\s+(?P<np>[A-Za-z][^,;:()\[\]]*)", text[end:b])
    if m is None or _stop_start().match(m["np"]) or _verb_start().match(m["np"]):
        return None
    if re.match(r"[a-z]+(?:ing|ed)\b", m["np"]):
        return None  # "22 patients (16.2%) receiving blinatumomab": a participle describes the group
    if re.fullmatch(r"[A-Z][A-Z0-9/+-]{0,7}\.?", m["np"].strip()):
        return None  # "0.36 (0.27-0.44) TREO": a group's short name after its value
    return _clean(m["np"])


def _clean(raw: str, verb_phrase: bool = False) -> str | None:
    np = _end().sub("", " ".join(raw.split())).strip(" ,;:-.")
    np = _after_last_verb(np)
    np = _lead().sub("", _LEAD_TIME.sub("", np)).strip(" ,;:-.")
    np = re.sub(r"\s+(?:was|were|is|are|had|has)$", "", np)
    np = _LEAD_GRADE.sub("", np)  # "a grade 3 hemorrhage": the grade is read on its own, the event is "hemorrhage"
    words = np.split()
    bare = _COMPARED.sub("", _TIMEPOINT.sub("", np))  # "≥5% blasts", "within 14 days" keep their numbers
    if not words or _NUMBERS.search(bare) or "%" in bare:
        return None  # "salvage 2", "CD19" keep theirs; a count or a decimal is another statistic
    np = " ".join(words[:MAX_WORDS])
    if _ONLY_GRADE.fullmatch(np):
        return None  # "including grade III-IV in 3 (12.5%)" grades the outcome named before it
    if (_stop_start().match(np) and not verb_phrase) or _only_population(np):
        return None
    return np


_LEAD_GRADE = re.compile(r"^(?:(?:an?|any)\s+)?grades?\s*(?:[≥≤<>]=?\s*)?[IVX\d]+(?:\s*(?:[-–/]|to|or|and)\s*[IVX\d]+)?"
                         r"(?:\s+or\s+(?:higher|more|above|worse))?\s+(?=[A-Za-z]{3})", re.I)  # fmt: skip
_ONLY_GRADE = re.compile(
    r"(?:(?:including|with|of\s+which|of\s+whom|and)\s+)?(?:grades?|stages?)\s+[IVX\d]+"
    r"(?:\s*(?:[-–]|to|or|and)\s*[IVX\d]+)?(?:\s+or\s+(?:higher|more|above|worse))?",
    re.I,
)


def _after_last_verb(np: str) -> str:
    """ "the regimen gave lower rates of induction death" -> "induction death": what follows the last verb or
    rate noun of a clause is the thing measured."""
    parts = _clause_verb().split(np)
    return parts[-1] if parts[-1].strip() else np


@cache
def _clause_verb() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_rx('clause_verbs')}|(?:rates?|incidences?|proportions?|percentages?)\s+of)\s+", re.I)


def _only_population(np: str) -> bool:
    return bool(re.fullmatch(rf"(?:(?:all|the|these|those|our|other|remaining|[\w-]+)\s+)?"
                             rf"(?:{_rx('population_nouns')}|groups?|arms?|cohorts?)", np, re.I))  # fmt: skip


# ---- free-text subgroups: the group a sentence names when no canonical qualifier fits ----

_WHO = r"(?:the\s+)?(?:patients?|pts|those|children|adults|subjects|participants|cases|recipients)"
_GROUP_AFTER = re.compile(
    rf"^\s*(?:\([^()]*\)\s*)?(?:for|in|among)\s+{_WHO}\s+(?P<g>(?:with|without|aged|in|who|receiving|older|younger|"
    rf"≥|≤|<|>|>=|<=)[^,;:()\[\]]*)",
    re.I,
)
_GROUP_LEAD = re.compile(
    rf"^\s*(?:[A-Z][a-z]+\s?:\s*)?(?:for|among|in|of|within)\s+(?:(?:{_WHO})\s+(?P<g>(?:with|without|aged|in|who|"
    rf"receiving|older|younger|≥|≤|<|>)[^,;:()\[\]]*)|(?:the\s+)?(?P<adj>[\w≥≤<>-]+(?:\s+[\w-]+)?)\s+"
    rf"(?:patients?|pts|children|adults|subjects|participants|cases|recipients|cohort|population|subgroup)\b)",
    re.I,
)


def group_after(text: str, end: int, b: int) -> str | None:
    """ "9.2 months for patients in salvage 1", "67% for pts < 26 y (n = 12)": the group written after a value."""
    m = _GROUP_AFTER.match(text[end:b])
    return _group(m["g"]) if m else None


_GROUP_WITHIN = re.compile(
    rf"\b(?:for|in|among)\s+{_WHO}\s+(?P<g>(?:with|without|aged|in|who|receiving|older|younger|≥|≤|<|>|>=|<=)"
    rf"[^,;:()\[\]]*?)\s*(?:\(\s*n\s*=\s*(?P<n>\d+)\s*\)|(?=[,;:()\[\]]|$))",
    re.I,
)


def groups_in(text: str) -> list[tuple[str, int | None]]:
    """Every group a sentence names in order ("for pts with 1 prior therapy (n = 10) and for pts with ≥2 ...")."""
    out: list[tuple[str, int | None]] = []
    for m in _GROUP_WITHIN.finditer(text):
        g = _group(m["g"])
        if g and g not in [o[0] for o in out]:
            out.append((g, int(m["n"]) if m["n"] else None))
    return out


def group_between(text: str, start: int, end: int) -> tuple[str, int | None] | None:
    """ "..., and for pts with ≥2 prior therapies (n = 45), the rate was 67%": the last group named between two
    values, with its size when printed."""
    found = list(_GROUP_WITHIN.finditer(text, start, end))
    if not found:
        return None
    g = _group(found[-1]["g"])
    return (g, int(found[-1]["n"]) if found[-1]["n"] else None) if g else None


def group_lead(text: str) -> str | None:
    """ "Among patients aged 65 or older, ...", "In MRD-negative patients, ...": the group a lead-in names (a
    lead-in that counts its group, "Among 33 patients with B-ALL", describes the study population)."""
    m = _GROUP_LEAD.match(text)
    comma = text.find(",")
    if m is None or re.search(r"\band\s+(?:those|patients|pts)\b", text[: comma if comma > 0 else 200], re.I):
        return None  # "Among patients with X and those with Y, ... respectively": a list of groups
    return _group(m["g"]) if m["g"] else _group(m["adj"])


def _group(raw: str) -> str | None:
    g = _end().sub("", " ".join(raw.split())).strip(" ,;:-.")
    g = re.sub(r"^(?:with|in|who\s+(?:had|were|received)|aged)\s+", "", g, flags=re.I)
    g = re.sub(r"\s+(?:years?|y|yrs?)\s+(?:old|of\s+age)$", " y", g, flags=re.I)
    words = g.split()
    if not words or len(words) > MAX_WORDS or _NOT_A_GROUP.fullmatch(words[0]) or not re.search(r"[A-Za-z]", g):
        return None
    if re.fullmatch(rf"\d+(?:\s+{_rx('population_nouns')})?", g, re.I):
        return None  # "Of the 64 patients": a count, no group
    if re.search(r"\b(?:and|or)\s+(?:those|patients|pts)\b", g, re.I):
        return None  # "patients with MRD and those without": a list of groups
    return g.replace(";", ",")


_NOT_A_GROUP = re.compile(
    r"all|the|our|overall|whole|total|these|those|evaluable|treated|enrolled|included|remaining|other|less|more|"
    r"fewer|greater|both|each|such|this|that|which|whom|receiving|received|treated|randomi[sz]ed|assigned|allocated",
    re.I,
)
