"""The number grammar of reported statistics: one regex per written form, longest first.

Each form is a named, versioned rule; ``find`` returns non-overlapping matches
with their offsets so a row can quote exactly the words it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidex.evidence.text import lexicon
from evidex.evidence.text.numbers import NUM, as_int, parse_number

_CASES = r"\s?(?:cases?|patients?|children|subjects|participants|persons|pts|adults|people|events?)?"
_PCT = r"\s?%"
_DASH = r"\s*(?:[-–—~]|to)\s*"
_UNIT = r"\s?(?P<unit>months?|days?|years?|weeks?|mos?|yrs?|wks?|d|y)\b"


def _n(name: str) -> str:
    return f"(?P<{name}>{NUM})"


@dataclass(frozen=True, slots=True)
class Stat:
    rule: str
    start: int
    end: int
    value: float | None = None
    events: int | None = None
    total: int | None = None
    low: float | None = None
    high: float | None = None
    spread: str = ""  # IQR | range | 95% CI | SD | SE, or "interval"/"±" until the context decides
    spread_value: float | None = None
    unit: str = ""
    percent: bool = False
    hr: bool = False  # an effect measure (HR, OR, RR, difference), whichever ``effect`` names
    effect: str = ""  # hazard_ratio | odds_ratio | risk_ratio | difference


_P_PAREN_TAIL = r"\s*[,;][^()]*"
_CI95 = r"(?:95\s?%\s?|95\s?per\s?cent\s+)(?:CIs?|C\.I\.|confidence\s+intervals?)(?:\s*[(\[]\s*CI\s*[)\]])?\s*[:,=]?\s*"
_OPEN = r"(?P<open>not\s+estimable|not\s+reached|not\s+evaluable|NE\b|NR\b|NA\b)"
_POP = r"\s?(?:patients|cases|children|subjects|participants|evaluable)\b"
_V, _E, _T, _LO, _HI = _n("value"), _n("events"), _n("total"), _n("low"), _n("high")
_SIGNED = r"(?P<{0}>[-−–]?\s?(?:\d+(?:[.·]\d+)?))"
_SV, _SLO, _SHI = _SIGNED.format("value"), _SIGNED.format("low"), _SIGNED.format("high")
_CIDASH = r"\s*(?:[-–—~]|to|,)\s*"
_TIME = r"(?:months?|mos?|days?|years?|yrs?|weeks?|wks?)"
# Effect measures: the name, its abbreviation in brackets, what it is for, then the value and its interval in any
# bracket style: "HR, 0.70; 95% CI, 0.47 to 1.03", "HR 0.75 [95% CI: 0.45, 1.28]", "HR(95%CI), 1.639(0.995-2.699)",
# "adjusted hazard ratio, 0.81; 95% CI, 0.54 to 1.21", "difference in restricted mean survival time, 72 days".
_EFFECT_NAME = (
    r"(?P<eff>(?:\b(?:adjusted|unadjusted|stratified|multivariate|multivariable)\s+)?(?:\bsub-?distribution\s+)?"
    r"(?:\bhazard\s+ratios?|\bodds\s+ratios?|\brelative\s+risks?|\brisk\s+ratios?|\brate\s+ratios?|"
    r"\b(?-i:a?HR|a?OR|RR|IRR|SHR|sHR|a?PR|RD|ARD|MD)\b"
    r"|\b(?:absolute\s+|mean\s+|risk\s+)?difference(?:\s+in\s+[a-z -]{3,40}?)?))"
)
_EFFECT = (
    rf"{_EFFECT_NAME}(?:\s*[(\[]\s*(?:(?-i:a?HR|a?OR|RR|IRR|RD|MD|CI)|95\s?%\s?CI)\s*[)\]])*"
    r"(?:\s+for\s+[^,;:()\d]{2,60}?)?\s*(?:[=:,]|\bof\b|\bwas\b|\bwere\b)?\s*"
    rf"{_SV}(?:\s?(?P<unit>{_TIME}|%|percentage\s+points?))?"
    rf"(?:(?:\s*[,;]\s*{_CI95}|\s*[(\[]\s*(?:{_CI95})?){_SLO}%?{_CIDASH}(?:{_SHI}|{_OPEN})%?\s*[)\]]?)?"
)
# "132 achieved complete remission", "Seven patients received CNS-directed therapy": a count the verb ties to what
# follows it (the verbs are data; "were"/"was" alone are not among them: "12 patients were evaluable" is a group).
# ... also "seven and six patients discontinued": the first count of a pair shares the verb
_COUNT_VERB = (
    rf"(?<![\w.,/-])(?<!grade )(?<!grades ){_E}(?:\s+(?:[A-Za-z-]+\s+)?{lexicon.alternation('population_nouns')})?"
    rf"(?=(?:\s+(?:and|or|,)\s+{NUM}(?:\s+(?:[A-Za-z-]+\s+)?{lexicon.alternation('population_nouns')})?)?"
    rf"\s+(?:(?:also|then|subsequently|eventually|ultimately)\s+)?(?:had\s+|have\s+|has\s+)?"
    rf"(?:{lexicon.alternation('count_verbs')})\b(?!\s+(?:or|and)\s+(?:refractory|relapsed|primary)))"
)
FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.I))
    for name, rx in (
        ("effect.v1", _EFFECT),
        # "Twelve (80.0%, 95% CI: 51.9-95.7) of the 15 patients"
        ("count_pct_ci_of.v1", rf"{_E}\s*\(\s*{_V}{_PCT}\s*[,;]\s*{_CI95}{_LO}%?{_CIDASH}{_HI}%?\s*\)\s+of\s+"
                               rf"(?:the\s+|all\s+)?{_T}\b"),
        ("pct_ci.v1", rf"{_V}{_PCT}\s*[(\[,;]\s*{_CI95}{_LO}%?{_CIDASH}(?:{_HI}|{_OPEN})%?\s*[)\]]?"),
        ("value_ci.v1", rf"{_V}(?:{_UNIT})?\s*[(\[]\s*{_CI95}{_LO}{_CIDASH}(?:{_HI}|{_OPEN})\s*[)\]]"
                        rf"(?:\s?(?P<unit1>{_TIME})\b)?"),
        # "1.05% (SD = 2.0; CI95%: 0.55; 1.55)", "-1.05 [sd = 2.0]", "49.05 years (SD 10.62)": a mean and its SD
        ("value_sd.v1", rf"{_SV}\s?(?P<pct>%)?(?:{_UNIT})?\s*[(\[]\s*(?:SD|s\.d\.|standard\s+deviation)\s*[=:,]?\s*"
                        rf"{_n('sd')}\s*%?\s*(?:[;,][^()\[\]]*)?[)\]]"),
        # "67% (35-90)" after "(95% CI)" or "(range)": the interval's kind is read from the sentence
        # "median OS was not reached (95% CI, 2.1-NE)": no value, the interval's lower bound
        ("nr_ci.v1", rf"\bnot\s+(?:yet\s+)?(?:been\s+)?reached\s*[(\[]\s*(?:NR\s*[;,:]\s*)?(?:{_CI95})?{_LO}{_CIDASH}"
                     rf"(?:{_HI}|{_OPEN})\s*[)\]]"),
        ("pct_interval.v1", rf"{_V}{_PCT}\s*[(\[]\s*{_LO}%?\s*[-–—]\s*{_HI}%?\s*[)\]]"),
        ("pct_pm.v1", rf"{_V}\s*%?\s*(?:±|\+/-|\+-)\s*{_n('sd')}\s*%"),
        ("pct_frac.v1", rf"{_V}{_PCT}\s*\(\s*(?:n\s*=\s*)?{_E}{_CASES}\s*/\s*{_T}{_CASES}\s*,?\s*"
                        rf"(?:\)|(?={_P_PAREN_TAIL}\)))"),
        ("frac_pct.v1", rf"{_E}\s*/\s*{_T}{_CASES}\s*[(\[]\s*{_V}{_PCT}\s*[)\]]"),
        ("pct_count.v1", rf"{_V}{_PCT}\s*\(\s*(?:n\s*=\s*)?{_E}{_CASES}\s*\)"),
        ("n_pct.v1", rf"[(\[]\s*n\s*=\s*{_E}\s*[;,]\s*{_V}{_PCT}\s*[)\]]"),
        # "70.5% of all 34 enrolled patients": the percent's denominator written after it
        ("pct_of.v1", rf"{_V}{_PCT}\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?{_T}(?:\s+[a-z][\w-]*)?{_POP}"),
        ("pct_then_frac.v1", rf"{_V}{_PCT}\s*[,;]\s*{_E}\s*/\s*{_T}(?![\d/])"),
        ("count_of_pct.v1", rf"{_E}\s+(?:\(\s*{_n('value0')}{_PCT}\s*\)\s+)?of\s+(?:the\s+|all\s+)?{_T}{_CASES}"
                            rf"(?:\s+\w+)?\s*[(\[]\s*{_V}{_PCT}\s*[)\]]"),
        ("count_pct_of.v1", rf"{_E}\s*\(\s*{_V}{_PCT}\s*\)\s+of\s+(?:the\s+|all\s+)?{_T}\b"),
        ("count_of_later_pct.v1", rf"(?<![\d.]){_E}\s+of\s+(?:the\s+|all\s+)?{_T}{_CASES}[^()\d;,]{{1,40}}?"
                                  rf"\(\s*{_V}{_PCT}\s*\)"),
        ("count_of.v1", rf"(?<![\d.]){_E}\s+of\s+(?:the\s+|all\s+)?{_T}{_POP}"),
        # "nausea (5 cases, 12.5%)", "(complete response, 69 patients, 63%)"
        ("count_pct_paren.v1", rf"(?:(?<=[(\[,;])|(?<=[(\[,;]\s)){_E}{_CASES}\s*[,;]\s*{_V}{_PCT}(?=\s*[)\]])"),
        ("count_pct.v1", rf"{_E}(?:{_CASES}|(?:\s[A-Za-z-]+){{1,2}}?)\s*[(\[]\s*{_V}{_PCT}"
                         r"(?:\s+of\s+(?:all\s+|the\s+)?[A-Za-z][\w -]{0,30})?\s*[)\]]"),  # "75 (82% of responders)"
        # "9.4 ± 2.2 days", "( 3.8 ± 0.4 ) weeks"
        ("mean_sd.v1", rf"{_V}\s*(?:±|\+/-|\+-)\s*{_n('sd')}(?:\s*\)(?=\s*{_TIME}\b))?(?:{_UNIT})?"),
        ("median_interval.v1", rf"{_V}\s*(?P<unit0>{_TIME})?\s*[(\[]\s*(?P<kw>range|IQR|interquartile range)?"
                               rf"[:,=]?\s*{_LO}{_DASH}(?:{_HI}|{_OPEN})\s*(?P<unit1>{_TIME})?\s*(?:\[\w+\])?\s*[)\]]"
                               rf"(?:{_UNIT})?"),
        ("interval_only.v1", rf"(?<![\d.%])\s?[(\[]\s*(?P<kw>range|IQR)?[:,=]?\s*{_LO}{_DASH}{_HI}\s*[)\]]{_UNIT}"),
        # "One child died of transplant-related causes (12.5%)": a count, a short clause, its percent (but "among 26
        # cases with A (65.4%)" counts the group the percent is of)
        ("count_clause_pct.v1", rf"(?<![\d.])(?<!\bamong\s){_E}\s+(?:[A-Za-z][A-Za-z-]*\s+){{2,7}}?"
                                rf"\(\s*{_V}{_PCT}\s*\)"),
        ("frac.v1", rf"(?<![\d/]){_E}\s*/\s*{_T}(?![\d/])"),
        # "3 of them remained in remission": a part of the group counted just before
        ("count_of_them.v1", rf"(?<![\w.,/-]){_E}\s+of\s+(?:them|these|those|whom)\b"),
        ("count_verb.v1", _COUNT_VERB),
        # "The number of patients requiring X in the A group was 8 and in the B group was 16": a bare count after
        # a copula, when the sentence's subject is a number of people (checked in ``_build``)
        ("count_number_of.v1", rf"(?:(?<=\bwas\s)|(?<=\bwere\s)){_E}(?![\d.,]*\s*(?:%|±|\+|[-–/]\s*\d|[A-Za-z]{{2,}}"
                               rf"(?<!and)(?<!in)(?<!vs)(?<!or)\b))"),
        # "CR was obtained in all of the 44 patients": every one of a counted group
        ("all_of.v1", rf"(?:(?<=\bin\s)|(?<=\bamong\s)|(?<=\bby\s)|(?<=\bfor\s))all\s+(?:of\s+)?(?:the\s+)?{_E}{_POP}"),
        # "(VOD/SOS; 1 fatal)", "(2 grade 3, 1 grade 4)": a count of the graded part, in a bracket or a list
        ("count_graded.v1", rf"(?:(?<=[(\[;,])|(?<=[(\[;,]\s)){_E}(?=\s+(?:fatal|grade\s*(?:[1-5]|IV|V|I{{1,3}})|"
                            r"severe|serious|life-threatening)\b)"),
        ("value_unit.v1", rf"{_V}{_UNIT}"),
        # "21.5 vs. 2.5 months", "13.3 and 6.3 months": the unit printed once, after the last value
        ("value_shared_unit.v1", rf"{_V}(?=\s*(?:,|and|or|vs\.?|versus)\s*(?:{NUM}\s*(?:,|and|or|vs\.?|versus)\s*)*"
                                 rf"{NUM}{_UNIT})"),
        # not a bound ("< 5%"), not the level of a CI ("95% CI", "CI95%")
        ("pct.v1", rf"(?<![<>≤≥])(?<![<>≤≥] )(?<!\bCI)(?<!\bCI\s){_V}{_PCT}"
                   r"(?!\s?(?:CI|C\.I\.|confidence|per\s?cent\s+conf))"),
        ("count.v1", rf"{_E}\s?(?:cases?|patients?|children|subjects|participants|pts|(?:[A-Za-z][\w-]+\s+){{0,2}}?"
                     rf"(?:(?:adverse\s+)?events?|{lexicon.alternation('event_nouns')}))\b"),
    )
)  # fmt: skip

_P = re.compile(r"\bp\s*(?P<op>=|<|>|≤|≥|<=|>=)\s*(?P<v>0?[.·]\d+|1(?:\.0+)?)", re.I)


@dataclass(frozen=True, slots=True)
class PValue:
    start: int
    end: int
    value: float
    operator: str


def p_values(text: str) -> list[PValue]:
    ops = {"≤": "<", "≥": ">", "<=": "<", ">=": ">"}
    out = []
    for m in _P.finditer(text):
        out.append(PValue(m.start(), m.end(), float(m["v"].replace("·", ".")), ops.get(m["op"], m["op"])))
    return out


def find(text: str) -> list[Stat]:
    """Every statistic written in ``text``, longest form first, none overlapping (and none inside a p-value)."""
    return list(_find(text))


@lru_cache(maxsize=2048)
def _find(text: str) -> tuple[Stat, ...]:
    taken = [(p.start, p.end) for p in p_values(text)]
    out: list[Stat] = []
    for name, rx in FORMS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            stat = _build(name, m)
            if stat is not None:
                taken.append((m.start(), m.end()))
                out.append(stat)
    return tuple(sorted(out, key=lambda s: s.start))


def _num(m: re.Match[str], key: str) -> float | None:
    grp = m.groupdict().get(key)
    if not grp:
        return None
    grp = re.sub(r"^[−–]\s?", "-", grp.strip())
    return parse_number(grp.replace(" ", "")) if re.match(r"-\s?\d", grp) else parse_number(grp)


def _unit(m: re.Match[str]) -> str:
    raw = next((m.groupdict().get(k) for k in ("unit", "unit1", "unit0") if m.groupdict().get(k)), "") or ""
    raw = raw.lower()
    short = {"mo": "months", "mos": "months", "d": "days", "y": "years", "yr": "years", "yrs": "years", "wk": "weeks",
             "wks": "weeks"}  # fmt: skip
    return short.get(raw, raw if raw.endswith("s") else raw + "s" if raw else "")


_GRADE_BEFORE = re.compile(r"(?:\bgrades?|[≥≤<>=])\s*$|\bgrades?\s*(?:[1-5]|I{1,3}|IV)\s*(?:or|and|to|[-–/])\s*$", re.I)
_TIME_LABEL = re.compile(rf"(?:^|[^\d\s])\s*\b{lexicon.alternation('time_label_words')}\s*$", re.I)
_PATIENT_ID = re.compile(
    r"(?<!\bof\s)\b(?:patients?|pts?|cases?|subjects?)\s*(?:no\.?\s*|#\s*|number\s+)?(?:\d+\s*(?:,|and|&)\s*)*$", re.I
)
# a bare number of people or events, no percent beside it
COUNTS = ("count.v1", "count_verb.v1", "count_graded.v1", "count_of_them.v1", "count_number_of.v1")
_NUMBER_OF = re.compile(rf"\bnumbers?\s+of\s+(?:{lexicon.alternation('population_nouns')})\b(?P<rest>[^;%±]*)$",
                        re.I)  # fmt: skip
_COUNT_RULES = (*COUNTS, "count_pct.v1", "count_of.v1", "count_clause_pct.v1", "count_of_later_pct.v1")


def _effect(name: str) -> str:
    n = name.lower()
    if "hazard" in n or re.search(r"\bs?hr\b", n):
        return "hazard_ratio"
    if "odds" in n or re.search(r"\ba?or\b", n):
        return "odds_ratio"
    if "difference" in n or re.fullmatch(r"a?rd|md", n):  # "RD: 24.0% [95% CI: 10.3% to 37.7%]"
        return "difference"
    return "risk_ratio"


def _whole_group(events: int | None, value: float | None, raw: str) -> bool:
    """A count and its percent describe a whole number of people: some n >= the count rounds to that percent."""
    if events is None or value is None or value <= 0:
        return True
    digits = raw.strip().replace("·", ".")
    half = 0.5 * 10 ** -(len(digits.split(".")[1]) if "." in digits else 0) + 0.01
    low, high = 100 * events / (value + half), 100 * events / max(value - half, 1e-9)
    return any(n >= events for n in range(max(1, int(low)), int(high) + 2) if low <= n <= high)


def _build(name: str, m: re.Match[str]) -> Stat | None:
    g = m.groupdict()
    if name in _COUNT_RULES and _GRADE_BEFORE.search(m.string[max(0, m.start() - 16) : m.start()]):
        return None  # "grade ≥3 adverse events", "grade 3 events": the number is a grade
    if name in _COUNT_RULES and _TIME_LABEL.search(m.string[max(0, m.start() - 40) : m.start()]):
        return None  # "Week 8 CGI-I response rate", "at day 28 MRD": the number names a visit, not how many
    if name in COUNTS and _PATIENT_ID.search(m.string[max(0, m.start() - 40) : m.start()]):
        return None  # "patients 2 and 5 experienced relapse", "in case 3": which patients, not how many
    if name == "count_number_of.v1" and not _NUMBER_OF.search(m.string, 0, m.start()):
        return None  # "the median age was 61 years" or "the dose was 8": no number of people is told
    value, events, total = _num(m, "value"), as_int(_num(m, "events")), as_int(_num(m, "total"))
    if name == "all_of.v1":
        total = events  # "in all of the 44 patients": 44 of 44
    if name in COUNTS and events is not None and _NONE_OF.search(m.string, max(0, m.start() - 20), m.start()):
        events, total = 0, events  # "None of the 12 patients had aGVHD": 0 of 12, not 12
    if name in COUNTS and events is not None and total is None and _ALL_OF.search(m.string, 0, m.start()):
        total = events  # "All 12 patients achieved CR": 12 of 12
    if name == "count_clause_pct.v1" and not _whole_group(events, value, g.get("value") or ""):
        return None  # "and 11 cases with B (72.7%)": 11 is no 72.7% of any whole number of people, but the group
    low, high = _num(m, "low"), _num(m, "high")
    if name == "frac.v1" and _GRADE_BEFORE.search(m.string[max(0, m.start() - 16) : m.start()]):
        return None  # "grade 1/2 for 2 events": grades, not a proportion
    if name == "frac.v1" and (total is None or events is None or total == 0 or events > total or total in (10,)):
        return None  # HLA "5/10" and dates are not proportions
    if name == "frac.v1" and _MATCH_GRADE.match(m.string, m.end()):
        return None  # "8/8 HLA-matched unrelated donor", "a 7/8 MUD": how well a donor matches
    if name == "frac.v1" and total is not None and events is not None and 1900 <= total <= 2100 and events <= 12:
        return None  # "as of 02/2023": a month and a year
    if name.startswith(("pct", "count_pct", "frac_pct")) and value is not None and value > 100:
        return None
    spread = ""
    if low is not None:
        named_ci = ("effect.v1", "pct_ci.v1", "value_ci.v1", "count_pct_ci_of.v1")
        ci = name in named_ci or (name == "nr_ci.v1" and "CI" in m.group())
        spread = "95% CI" if ci else _interval_kind(g.get("kw"))
    elif g.get("open") and g.get("low") is None and name != "effect.v1":
        spread = _interval_kind(g.get("kw"))
    return Stat(
        rule=name,
        start=m.start(),
        end=m.end(),
        value=value,
        events=events,
        total=total,
        low=low,
        high=high,
        spread="SD" if name in ("mean_sd.v1", "value_sd.v1") else "±" if name == "pct_pm.v1" else spread,
        spread_value=_num(m, "sd"),
        unit="%" if name == "value_sd.v1" and g.get("pct") else _unit(m),
        percent=name == "pct_pm.v1" or (name != "value_sd.v1" and _percent_after(m)),
        hr=name == "effect.v1",
        effect=_effect(g["eff"]) if name == "effect.v1" else "",
    )


_ALL_OF = re.compile(r"(?:^|[.;:]\s*|,\s*(?:and\s+)?)\ball\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?$", re.I)
_NONE_OF = re.compile(r"\bnone\s+of\s+(?:the\s+|these\s+|those\s+)?$", re.I)


def _percent_after(m: re.Match[str]) -> bool:
    return bool(m.groupdict().get("value")) and m.string[m.end("value") : m.end("value") + 2].strip().startswith("%")


_MATCH_GRADE = re.compile(rf"[\s-]*(?:{lexicon.alternation('match_grade_words')})\b", re.I)


def _interval_kind(keyword: str | None) -> str:
    if not keyword:
        return "interval"
    return "range" if keyword.lower() == "range" else "IQR"
