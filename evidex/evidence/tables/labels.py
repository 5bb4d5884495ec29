"""A table row's label -> its outcome: a vocabulary code when the label names one, else the words as written.

A code is taken only when the matched term covers most of the label ("Overall survival",
"Neutropenia", "Male"), never because a word of a longer label happens to be a term: "Patients
who received blood transfusions" is not SEX_FEMALE, it keeps an empty code and its words.
A row that only names a time ("9-month follow-up", "Day 1", "Baseline") is a time of the measure above it,
not an outcome of its own: it takes the code of its section's label, and "follow-up" in it is no FOLLOW_UP.
A row of those without an event ("No depression" under "Depression (GDS)") is not that event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from evidex.evidence.tables import cues
from evidex.evidence.text.rows import OutcomeRef, term_ref
from evidex.models import Normalizer

_SEX = {
    "male": "SEX_MALE", "males": "SEX_MALE", "men": "SEX_MALE", "man": "SEX_MALE", "boys": "SEX_MALE",
    "female": "SEX_FEMALE", "females": "SEX_FEMALE", "women": "SEX_FEMALE", "woman": "SEX_FEMALE",
    "girls": "SEX_FEMALE", "male sex": "SEX_MALE", "female sex": "SEX_FEMALE", "sex, male": "SEX_MALE",
    "sex, female": "SEX_FEMALE", "gender, male": "SEX_MALE", "gender, female": "SEX_FEMALE",
}  # fmt: skip
_SEX_PARENT = re.compile(r"\b(?:sex|gender)\b", re.I)
_AGE = re.compile(r"^\s*age\b(?!\s*(?:group|categor|<|>|≥|≤|\d))", re.I)
_FILLER = re.compile(r"\b(?:n|no|number|of|patients?|participants?|subjects?|with|any|the|a|%|rate|incidence|"
                     r"years?|months?|days?|mean|median|sd|iqr|range|total|events?)\b|[^\w\s]", re.I)  # fmt: skip
_COVER = 0.6


def outcome(leaf: str, path: list[str], normalizer: Normalizer, page: int | None, ae_table: bool) -> OutcomeRef:
    label = " — ".join([*path, leaf])
    if _NEGATED.match(leaf):
        return OutcomeRef("", code_system="", raw=label, kind="raw")
    if time_only(leaf):
        if not path:
            return OutcomeRef("", code_system="", raw=label, kind="raw")
        return replace(outcome(path[-1], path[:-1], normalizer, page, ae_table), raw=label)
    sex = _sex(leaf, path)
    if sex:
        return OutcomeRef(sex, raw=label)
    if _AGE.match(leaf):
        return OutcomeRef("AGE", raw=label)
    for text in (leaf, *([f"{path[-1]} {leaf}"] if path else [])):
        ref = _covering(text, normalizer, page, ae_table)
        if ref is not None:
            return OutcomeRef(ref.code, ref.code_system, ref.code_value, label, ref.kind)
    return OutcomeRef("", code_system="", raw=label, kind="raw")


# "No depression", "Without fever", "Absence of nausea", "Free of pain": the category of those without the event
_NEGATED = re.compile(r"^\s*(?:no(?![.\w])|without\b|absence\s+of\b|free\s+(?:of|from)\b|never\b)", re.I)
_TIME_WORDS = re.compile(r"\b(?:follow[- ]?up|visit|assessment|time\s?point|at|after|from|on|post|pre|end|of)\b",
                         re.I)  # fmt: skip


# "Table 2:", "TABLE S1.", "Table 3a", "Table IV -": a caption's label, in front of what the caption says
CAPTION_LABEL = re.compile(r"^\s*(?:table|tab\.?)\s*(?:[A-Z]?\d+[a-z]?|[IVX]{1,6}\b)\s*[.:|-]?\s*", re.I)
_CAPTION_CUT = re.compile(r"\s+(?:in|among|between|by|per|for|of\s+(?:the\s+)?(?:patients|participants|subjects|"
                          r"groups?)|according|at\s+(?:different|each|various))\b|\s*[(\[:;,.]", re.I)


def caption_subject(caption: str) -> str:
    """What a caption says its table measures, when it names one thing: "Table 2: Hamilton Anxiety Rating Scale"
    -> "Hamilton Anxiety Rating Scale", "Table 3. Pain scores in the two groups (median)" -> "Pain scores";
    "" when nothing short is left."""
    text = CAPTION_LABEL.sub("", caption or "", count=1)
    m = _CAPTION_CUT.search(text)
    subject = (text[: m.start()] if m else text).strip()
    if _GENERIC_SUBJECT.fullmatch(subject):
        return ""  # "Outcomes", "Comparison of the results": no measure named
    return subject if 1 <= len(subject.split()) <= 6 and _content(subject) else ""


_GENERIC_SUBJECT = re.compile(r"(?:(?:the|of|and|main|primary|secondary|study|clinical|comparison|results?|outcomes?|"
                              r"characteristics|variables|data|parameters|measures|findings|endpoints?|baseline|"
                              r"changes?|values)\s*)+", re.I)  # fmt: skip


def time_only(leaf: str) -> bool:
    """ "9-month follow-up", "Day 1", "Week 12", "Baseline (mean ± SD)": a label that names a placed time and
    nothing else (no measure, no event: "Fever on day 4" names fever)."""
    tp = cues.timepoint(leaf)
    if tp is None or tp.months is None:
        return False
    rest = leaf.replace(tp.text, " ", 1)
    return _content(_TIME_WORDS.sub(" ", rest)) == 0


def _sex(leaf: str, path: list[str]) -> str:
    key = re.sub(r"[^a-z, ]", "", leaf.lower()).strip(" ,")
    key = re.sub(r"\s*,\s*(?:n|no)\b.*$", "", key)
    named = key.startswith(("sex", "gender", "male", "female"))
    if key in _SEX and (not path or _SEX_PARENT.search(path[-1]) or named):
        return _SEX[key]
    return ""


def _content(text: str) -> int:
    return len(re.sub(r"\s+", "", _FILLER.sub(" ", text)))


def _covering(text: str, normalizer: Normalizer, page: int | None, ae_table: bool) -> OutcomeRef | None:
    """The outcome term that covers most of ``text``, if one does."""
    kinds = ("outcome", "ae")  # a contract code (CRS, ICANS, AGVHD) before its CTCAE name
    whole = _content(text)
    if not whole:
        return None
    best: OutcomeRef | None = None
    best_cover = _COVER
    for m in normalizer.mentions(text, kinds, page):
        ref = term_ref(m.term, text)
        if ref is None:
            continue
        cover = _content(text[m.start : m.end]) / whole
        better = cover > best_cover or (cover == best_cover and best is not None and best.kind == "ae"
                                        and ref.kind == "outcome")  # fmt: skip
        if best is None and cover >= best_cover or better:
            best, best_cover = ref, cover
    if best is None:
        term = normalizer.normalize(text, "ae" if ae_table else None, page=page)
        if term.canonical and term.method in ("exact", "synonym", "abbreviation"):
            best = term_ref(term, text)
    return best
