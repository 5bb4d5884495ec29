"""Words around the numbers: timepoints, grades, medians, populations and subgroup qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidex.evidence.text.numbers import NUM, parse_number

_MONTHS = {"day": 1 / 30.44, "week": 7 / 30.44, "month": 1.0, "year": 12.0}
_TIMEPOINT = re.compile(
    rf"(?:(?P<n>{NUM})[- ]?(?P<u>day|week|month|year)s?"
    rf"(?=[- ](?:\w+[- ]){{0,3}}?(?:rate|survival|OS|PFS|DFS|EFS|LFS|RFS|"
    rf"cumulative|incidence|relapse|progression|CIR|NRM|TRM)|\b)(?![- ]?(?:old|of age))"
    rf"|(?:within|at|by|after)\s+(?P<n2>{NUM})\s?(?P<u2>day|week|month|year)s?\b)",
    re.I,
)
_HYPHENATED = re.compile(rf"(?:{NUM})-(?:day|week|month|year)\b", re.I)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    value: str  # canonical value of the cue (months as text, grade, qualifier, statistic)


def timepoints(text: str) -> list[tuple[int, int, float]]:
    """Landmark times ("6-month PFS", "within six months", "2-year OS") in months."""
    out = []
    for m in _TIMEPOINT.finditer(text):
        num, unit = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"])
        hyphen = bool(_HYPHENATED.match(m.group())) or not m["n"]
        n = parse_number(num)
        if n is None or not hyphen:
            continue
        out.append((m.start(), m.end(), round(n * _MONTHS[unit.lower()], 2)))
    return out


_GRADE = re.compile(
    r"(?P<ge>grade\s*(?:≥|>=|3\s*(?:or|and)\s*(?:higher|above|more|greater)|III?\s*(?:or|and)\s*(?:higher|above)|"
    r"3\s*(?:[-–/]|or|and)\s*4|III\s*(?:[-–/]|or|and)\s*IV)\s*3?|(?:≥|>=)\s*grade\s*(?:3|III)|severe|serious)"
    r"|(?P<from>grade\s*(?P<low>[1-4]|IV|III|II|I)\s*(?:[-–/]|or|and)\s*(?:4|5|IV|V)\b)"
    r"|(?P<exact>(?:all\s+)?grade\s*(?P<g>[1-5])(?!\s*(?:or|and|[-–]|\d)))",
    re.I,
)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def grades(text: str) -> list[Cue]:
    out = []
    for m in _GRADE.finditer(text):
        value = ">=3" if m["ge"] else m["g"]
        if m["from"]:
            value = ">=" + _ROMAN.get(m["low"].upper(), m["low"])  # "grade II-IV" -> ">=2"
        out.append(Cue(m.start(), m.end(), value))
    return out


_STATISTIC = re.compile(r"\b(?P<median>median)\b|\b(?P<mean>mean|average)\b", re.I)
NOT_REACHED = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:reached|achieved|attained|estimable)\b|\bNR\b|\bnot reach", re.I
)


def statistic_words(text: str) -> list[Cue]:
    return [Cue(m.start(), m.end(), "median" if m["median"] else "mean") for m in _STATISTIC.finditer(text)]


# Subgroup qualifiers: negated forms first so "without CR" never reads as "CR".
QUALIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.I))
    for name, rx in (
        ("non-CR", r"\b(?:without|did not (?:achieve|reach)|failed to achieve|not achieving|no|non-?)\s*(?:a\s+)?"
                   r"(?:CR|complete (?:remission|response))\b|\bnon-CR\b"),
        ("no-HSCT", r"\b(?:without|did not (?:receive|undergo)|not (?:receiving|undergoing)|no|non-?)\s*(?:\w+\s+)?"
                    r"(?:HSCT|transplant\w*|allo-?HSCT|SCT)\b(?!-?related)|\bunbridged\b"),
        ("non-remission", r"\b(?:not in remission|non-?remission|unremitting|without remission|no remission|"
                          r"active disease|did not (?:achieve|reach) remission)\b"),
        ("MRD-positive", r"\b(?:MRD[- ]?positiv\w*|positiv\w* (?:for )?MRD|MRD\+)"),
        ("CR", r"\b(?:with|achieved|achieving|reached|in|who achieved)\s+(?:a\s+)?"
               r"(?:CR|complete (?:remission|response))\b"),
        ("HSCT", r"\b(?:underw\w+|receiv\w+|with|bridg\w+ to|bridged|proceeded to|went on to)\s+(?:[\w-]+\s+){0,4}?"
                 r"(?:HSCT|transplant\w*|SCT)\b(?!-?related)"
                 r"|\btransplant(?:ation)? (?:group|cohort|arm)\b|\bbridg\w+ (?:HSCT|transplant\w*)\b"),
        ("refractory", r"\brefractory\b"),
        ("relapsed", r"\b(?:relapsed|relapsing|recurrent|(?:with|had|in)\s+(?:a\s+)?(?:relapse|recurrence))\b"),
        ("male", r"\b(?:males?|boys|men)\b"),
        ("female", r"\b(?:females?|girls|women)\b"),
    )
)  # fmt: skip


def qualifiers(text: str) -> list[Cue]:
    """Subgroup qualifiers, non-overlapping, negated forms winning over their positive twins."""
    out: list[Cue] = []
    for name, rx in QUALIFIERS:
        for m in rx.finditer(text):
            if not any(m.start() < c.end and c.start < m.end() for c in out):
                out.append(Cue(m.start(), m.end(), name))
    return sorted(out, key=lambda c: c.start)


_POP_NOUN = r"(?:cases?|patients?|children|subjects|participants|adults|pts|individuals|infants|adolescents)"
POPULATION = re.compile(
    rf"(?P<n>{NUM})(?:(?:\s+(?!(?:of|groups?|subgroups?|arms?|cohorts?|times|cycles|and)\b)[A-Za-z/+-][\w/+-]*){{0,3}}?\s*{_POP_NOUN}\b|\s+(?=(?:with|without|who|did|underwent|"
    rf"had|received|achieved|were|continued|discontinued|males?|females?|boys|girls)\b)|\s*(?=\)))",
    re.I,
)
LEAD_IN = re.compile(
    r"^\s*(?:[A-Z][a-z]+\s?:\s*)?(?:for|among|in|of|within|at|by|after)\b\s*(?P<body>[^,;]{3,160})[,;]", re.I
)
RESET = re.compile(
    r"\b(?:overall|all (?:the )?(?:\d+ )?(?:patients|children|cases)|whole (?:cohort|group)"
    r"|total (?:cohort|population))\b",
    re.I,
)
ENROL = re.compile(
    r"\b(?:included|enrolled|recruited|collected|analy[sz]ed|a total of|comprised|randomi[sz]ed|assigned|allocated)\b",
    re.I,
)
EVALUABLE = re.compile(r"\b(?:evaluable|assessable|evaluated|assessed|available)\b", re.I)
NONE_OF = re.compile(
    r"\b(?:no|none of|without|nor)\s+(?:cases? of\s+|patients? (?:had|developed|experienced)\s+)?", re.I
)
GROUP_WORD = re.compile(r"[\s-]*(?:\w+[\s-]+){0,2}?(?:groups?|arms?|cohorts?)\b", re.I)  # used with .match(text, pos)


def in_lead(text: str, pos: int) -> bool:
    lead = LEAD_IN.match(text)
    return bool(lead and pos < lead.end())
