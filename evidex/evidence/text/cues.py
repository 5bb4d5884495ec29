"""Words around the numbers: timepoints, grades, medians, populations and subgroup qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from evidex.evidence.text import lexicon
from evidex.evidence.text.numbers import NUM, parse_number

PROCEDURE_VERBS = Path(__file__).parents[2] / "data" / "procedure_verbs.yaml"

_MONTHS = {"day": 1 / 30.44, "week": 7 / 30.44, "month": 1.0, "year": 12.0}
_TIMEPOINT = re.compile(
    rf"(?:(?P<n>{NUM})(?P<h>[-‐‑⁃ ])?(?P<u>day|week|month|year)s?"
    rf"(?:(?P<named>(?=[-‐‑⁃ ](?:[\w-]+[-‐‑⁃ ]){{0,3}}?(?:rate|survival|OS|PFS|DFS|EFS|LFS|RFS|GRFS|DOR|"
    rf"cumulative|incidence|relapse|progression|CIR|NRM|TRM|mortality|probabilit)))|\b)"
    rf"(?![-‐‑⁃ ]?(?:old|of age|(?:additional\s+)?follow[- ]?up))"
    rf"|(?:(?P<at>at)|within|by|after)\s+(?P<n2>{NUM})\s?(?P<u2>day|week|month|year)s?\b"
    rf"(?!\s+(?:of|from|since|before)\b)"  # "within 6 months of HSCT": relative
    rf"(?(at)|(?!\s+(?:after|post|following)\b|[-\s]post\b))"  # but "OS at 2 years after HSCT" is a landmark
    r"|(?<![\w-])(?<!by )(?<!on )(?<!until )(?<!before )(?P<u3>day)\s*\+?\s*(?P<n3>\d{1,3})\b"
    r"(?!\s*(?:to|-|–)\s*\d))",  # "day 30 neutrophil recovery"; "by day 30" is a deadline
    re.I,
)
_HYPHENATED = re.compile(rf"(?:{NUM})[-‐‑⁃](?:day|week|month|year)\b", re.I)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    value: str  # canonical value of the cue (months as text, grade, qualifier, statistic)


def timepoints(text: str) -> list[tuple[int, int, float]]:
    """Landmark times ("6-month PFS", "within six months", "2-year OS") in months."""
    return list(_timepoints(text))


@lru_cache(maxsize=512)  # asked again for every number of a sentence: once per text (a 26 KB sentence took 9 s)
def _timepoints(text: str) -> tuple[tuple[int, int, float], ...]:
    out = []
    for m in _TIMEPOINT.finditer(text):
        num, unit = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"]) if m["n2"] else (m["n3"], m["u3"])
        hyphen = bool(_HYPHENATED.match(m.group())) or not m["n"] or (m["named"] is not None and bool(m["h"]))
        n = parse_number(num)
        if n is None or not hyphen:
            continue
        out.append((m.start(), m.end(), round(n * _MONTHS[unit.lower()], 2)))
    return tuple(out)


_G = r"(?:[1-5]|V|IV|III|II|I|Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ)"
_GRADE = re.compile(
    rf"(?P<ge>(?:grades?|types?)\s*(?:≥|>=|(?P<low0>{_G})\s*(?:or|and)\s*(?:higher|above|more|greater|worse))"
    rf"\s*(?P<low1>{_G})?|(?:≥|>=)\s*grade\s*(?P<low2>{_G})"
    rf"|(?:at least|any)\s+grade\s+(?P<low3>{_G})\s+or\s+(?:higher|more))"
    rf"|(?P<range>(?:grades?|types?)\s*(?P<a>{_G})\s*(?:[-–/~]|to|or|and)\s*(?P<b>{_G})(?!\d)"
    rf"|(?P<a2>{_G})\s*[-–~]\s*(?P<b2>{_G})\s*(?:degree|grade)\b)"
    r"|(?P<severe>\b(?:severe|serious|high[- ]grade)\b)"
    r"|(?P<mild>\b(?:mild|low[- ]grade)\b)"
    r"|(?P<fatal>\bfatal\b)"
    rf"|(?P<exact>(?:all\s+)?grades?\s*(?P<g>{_G})(?!\s*(?:or|and|[-–/]|\d)))",
    re.I,
)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4", "Ⅴ": "5"}


def _arabic(g: str) -> str:
    return _ROMAN.get(g.upper() if g.isascii() else g, g)


def grades(text: str) -> list[Cue]:
    """Grades as written: "grade ≥3" -> ">=3", "grade 3-4" / "grade III–IV" -> "3-4", "grade 1/2" -> "1-2",
    "severe" -> ">=3", "mild" -> "1-2", "fatal" -> "5", "grade 3" -> "3"."""
    return list(_grades(text))


@lru_cache(maxsize=512)  # asked again for every number of a sentence: once per text
def _grades(text: str) -> tuple[Cue, ...]:
    out = []
    for m in _GRADE.finditer(text):
        if m["exact"] and _ROMAN_RANGE.match(text, m.end("g") - len(m["g"])):
            continue
        if m["ge"]:
            low = m["low0"] or m["low1"] or m["low2"] or m["low3"] or "3"
            value = ">=" + _arabic(low)
        elif m["range"]:
            a, b = _arabic(m["a"] or m["a2"]), _arabic(m["b"] or m["b2"])
            value = f"{a}-{b}" if a != b else a
        elif m["severe"]:
            value = ">=3"
        elif m["mild"]:
            value = "1-2"
        elif m["fatal"]:
            value = "5"
        else:
            value = _arabic(m["g"])
        out.append(Cue(m.start(), m.end(), value))
    for m in _ROMAN_RANGE.finditer(text):  # "types I-II and III-IV": the second range has no "grade" before it
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(Cue(m.start(), m.end(), f"{_arabic(m['a'])}-{_arabic(m['b'])}"))
    return tuple(sorted(out, key=lambda c: c.start))


_ROMAN_RANGE = re.compile(r"(?<![\w-])(?P<a>Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|I{1,3})\s*[-–]\s*(?P<b>Ⅱ|Ⅲ|Ⅳ|Ⅴ|IV|V|I{1,3})(?![\w-])")


_STATISTIC = re.compile(r"\b(?P<median>medians?)\b|\b(?P<mean>mean|average)\b", re.I)
NOT_REACHED = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:reached|achieved|attained|estimable)\b|\bNR\b|\bnot reach", re.I
)


def statistic_words(text: str) -> list[Cue]:
    return [Cue(m.start(), m.end(), "median" if m["median"] else "mean") for m in _STATISTIC.finditer(text)]


# "underwent", "proceeded to", "went on to": verbs of going on to a transplant, shared with the normalizer
_PROCEDURE_VERBS = "|".join(yaml.safe_load(PROCEDURE_VERBS.read_text(encoding="utf-8"))["verbs"])
# Subgroup qualifiers: negated forms first so "without CR" never reads as "CR".
QUALIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.I))
    for name, rx in (
        ("non-CR", r"\b(?:without|did not (?:achieve|reach)|failed to achieve|not achieving|no|non-?)\s*(?:a\s+)?"
                   r"(?:CR|complete (?:remission|response))\b|\bnon-CR\b"),
        ("no-HSCT", r"\b(?:without|did not (?:receive|undergo)|not (?:receiving|undergoing)|no|non-?)\s*(?:\w+\s+)?"
                    r"(?:HSCT|transplant\w*|allo-?HSCT|SCT)\b(?!-?related)|\bunbridged\b"),
        ("non-remission", r"\b(?:not in remission|non-?remission|nonremission|unremitting|without remission|"
                          r"no remission|"
                          r"active disease|did not (?:achieve|reach) remission)\b"),
        ("MRD-positive", r"\b(?:MRD[- ]?positiv\w*|positiv\w* (?:for )?MRD|MRD\+)"),
        ("CR", r"\b(?:with|achieved|achieving|reached|in|who achieved)\s+(?:a\s+)?"
               r"(?:CR|complete (?:remission|response))\b(?![\s-]+(?:rates?|duration|proportion)\b)"),
        ("HSCT", rf"\b(?:{_PROCEDURE_VERBS}|receiv\w+|with|bridg\w+ to|bridged)\s+"
                 r"(?:(?!(?:time|median|mean|duration|interval)\b)[\w-]+\s+){0,4}?"  # not "with a median time to HSCT"
                 r"(?:(?:allo-?)?HSCT|transplant\w*|(?:allo-?)?SCT)\b(?!-?related)"
                 r"|\btransplant(?:ation)? (?:group|cohort|arm)\b|\bbridg\w+ (?:HSCT|transplant\w*)\b"
                 # "achieved CR before undergoing HSCT": the state of those who were transplanted
                 r"|\b(?:before|prior to)\s+(?:undergoing|receiving|proceeding to)\s+(?:[\w-]+\s+){0,2}?"
                 r"(?:(?:allo-?)?HSCT|transplant\w*|(?:allo-?)?SCT)\b"),
        ("refractory", r"(?<!class )(?<!class-)(?<!drug )(?<!agent )\brefractory\b"),  # not "triple-class refractory"
        ("relapsed", r"\b(?:relapsed|relapsing|recurrent|(?:with|had|in)\s+(?:a\s+)?(?:(?:first|second|third|1st|2nd|"
                     r"3rd|early|late)\s+)?(?:relapse|recurrence))\b"),
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


_POP_NOUN = lexicon.alternation("population_nouns")
# a group's size; never the number of a name ("HCV-2 patients", "HIV-1 infected adults", "COVID-19 patients")
POPULATION = re.compile(
    rf"(?<![\d.,/])(?<!(?-i:[A-Z]))(?<![A-Za-z][-‐‑–])(?P<n>{NUM})(?:(?:\s+(?!(?:of|groups?|subgroups?|arms?|cohorts?|times|cycles|and)\b)[A-Za-z/+-][\w/+‐‑–-]*){{0,3}}?\s*{_POP_NOUN}\b|\s+(?=(?:with|without|who|did|underwent|"
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
ENROL = lexicon.pattern("enrolment_cues")
EVALUABLE = re.compile(r"\b(?:evaluable|assessable|evaluated|assessed|available)\b", re.I)
NONE_OF = re.compile(
    r"\b(?:no|none of|without|nor)\s+(?:cases? of\s+|patients? (?:had|developed|experienced)\s+)?", re.I
)
GROUP_WORD = re.compile(r"[\s-]*(?:\w+[\s-]+){0,2}?(?:groups?|arms?|cohorts?)\b", re.I)  # used with .match(text, pos)


def in_lead(text: str, pos: int) -> bool:
    lead = LEAD_IN.match(text)
    return bool(lead and pos < lead.end())
