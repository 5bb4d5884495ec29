"""Other ways a paper writes an outcome's name, tried when the name as written finds no entry.

- a time of measurement after or before it: "Negative MRD at the end of cycle 1", "MRD negativity at day 28",
  "CR after induction", "end-of-induction MRD negativity". The time names when the outcome was measured, not
  another outcome; the caller keeps the words (the row's label) and reads the time from them.
- its grade or severity around it: "CRS, grade >=3", "acute GVHD grade II-IV", "Severe (grade 3-4) acute GVHD",
  "moderate-to-severe chronic GVHD", "extensive chronic GVHD" (the grade is read from the words by the caller).
- the result word first: "negative MRD" is "MRD negative".
- a verb of getting to a procedure that is itself an outcome: "underwent HSCT", "proceeded to transplant"
  (the share of patients transplanted, the outcome HSCT, not the therapy).
- a footnote letter glued to the last word of a pasted table's label: "transplantf", "survivalb". Taken only
  when the word with the letter is unknown to the vocabulary and the word without it is known.

Every form found here may only name an outcome (never an adverse event or a drug): "Pain at 6 months" is not the
CTCAE term Pain.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_TIME_UNIT = r"(?:days?|d|weeks?|wks?|months?|mos?|years?|yrs?|y)"
_PHASE = (r"(?:re-?)?induction|consolidation|intensification|maintenance|treatment|therapy|infusion|"
          r"(?:allo-?)?(?:HSCT|SCT|HCT)|transplant(?:ation)?|(?:last\s+)?follow-?up|randomi[sz]ation|diagnosis|"
          r"enrol(?:l?ment)|registration")
# "at the end of cycle 1", "after 2 cycles", "at day 28", "at 12 months", "after induction", "post-HSCT",
# "from HSCT", "Overall survival, 2-year"
OUTCOME_WHEN = re.compile(
    rf"\s*,\s*\d+(?:\.\d+)?[\s-]?{_TIME_UNIT}\s*$|"
    r"(?:\s*,)?\s+(?:at|after|by|following|post|on|before|during|within|through|until|from)[\s-]+(?:the\s+)?"
    r"(?:(?:end|completion|start)\s+of\s+(?:the\s+)?)?(?:first\s+|second\s+|third\s+)?"
    r"(?:(?:cycles?|courses?|blocks?|phases?|days?|weeks?|months?|years?|visits?)\s*\d+(?:\s*(?:-|–|and|or)\s*\d+)?"
    rf"|\d+(?:\.\d+)?\s*(?:-\s*)?{_TIME_UNIT}|(?:one|two|three|four|five|six)\s+(?:cycles?|courses?)"
    rf"|\d+\s+(?:cycles?|courses?)|cycles?|courses?|{_PHASE})(?:\s+\d+)?\s*$",
    re.IGNORECASE,
)
# "end-of-induction MRD negativity", "day 28 MRD", "post-induction CR"
OUTCOME_WHEN_LEAD = re.compile(
    rf"^(?:(?:end|completion)[- ]of[- ](?:{_PHASE}|cycle[- ]\d+|course[- ]\d+)|post[- ]?(?:{_PHASE})|"
    r"(?:day|week|cycle|course)[- ]\d+)\s+",
    re.IGNORECASE,
)
_GRADE = r"(?:[0-5]|i{1,3}|iv|v)"
_GRADE_SPAN = rf"{_GRADE}(?:\s*(?:-|–|to|or|and)\s*{_GRADE})?"
# "grade >=3", "grade 3 or higher", "degree I-II", "I-II degree" (a translation's word for grade)
_GRADE_RUN = (rf"(?:(?:grades?|degrees?)\s*(?:[≥>]=?\s*)?{_GRADE_SPAN}(?:\s*(?:or\s+)?(?:higher|above|more))?"
              rf"|{_GRADE_SPAN}\s*(?:degrees?|grades?))")
_SEVERITY = r"(?:mild|moderate|severe)(?:(?:[\s-]+(?:to|or)[\s-]+|\s*/\s*)(?:moderate|severe))?"
# "CRS, grade >=3", "acute GVHD grade II-IV", "ICANS (any grade)", "cGVHD, moderate to severe"
GRADE_TAIL = re.compile(rf"(?:\s*,\s*|\s+)\(?\s*(?:(?:any|all)[- ]grades?|{_GRADE_RUN}|{_SEVERITY})\s*\)?$", re.I)
# "Severe (grade 3-4) acute GVHD", "moderate-to-severe chronic GVHD", "extensive chronic GVHD", "I-II degree cGVHD"
GRADE_LEAD = re.compile(
    rf"^(?:(?:{_SEVERITY}|extensive|limited)[\s,]+(?:\(\s*{_GRADE_RUN}\s*\)\s*)?|(?:{_GRADE_RUN})\s+)", re.I
)
# "MRD negativity by flow cytometry", "negative MRD by PCR", "ORR per investigator": how it was measured
ASSESSED_BY = re.compile(
    r"\s*,?\s+(?:by|using|per|via|with)\s+(?:(?:multiparameter|multicolou?r|\d+-colou?r|central|local|"
    r"independent|real-time|quantitative)\s+)*(?:flow(?:\s+cytometry)?|FCM|M?FC|(?:RQ-|q|RT-|dd)?PCR|NGS|"
    r"next-generation\s+sequencing|clonoSEQ|sequencing|investigators?(?:\s+assessment)?|IRC|"
    r"(?:independent\s+)?(?:central\s+)?review(?:\s+committee)?|IMWG|Lugano|iwCLL|ELN)"
    r"(?:\s*\([^)]*\))?\s*$",
    re.IGNORECASE,
)
_RESULT_FIRST = re.compile(r"^(?P<result>negative|positive|undetectable|detectable)\s+(?P<measure>.+)$", re.I)
# "underwent HSCT", "proceeded to allogeneic transplant", "bridged to HSCT", "went on to receive HSCT": the verbs are
# shared with the text reader's HSCT cue (evidex/data/procedure_verbs.yaml)
PROCEDURE_VERBS = Path(__file__).parents[1] / "data" / "procedure_verbs.yaml"
_VERBS = yaml.safe_load(PROCEDURE_VERBS.read_text(encoding="utf-8"))["verbs"]
PROCEEDED = re.compile(
    rf"^(?:(?:patients?|pts)\s+(?:who\s+)?)?(?:{'|'.join(_VERBS)})\s+(?:an?\s+|subsequent\s+|consolidative\s+)?",
    re.IGNORECASE,
)
_GLUED_MARK = re.compile(r"(?<=[a-z]{4})[a-h]$")
_WORD = re.compile(r"[A-Za-z]+")


def timeless(text: str) -> str:
    """The outcome's words without a time of measurement or a method of assessment around them ("" when there is
    none)."""
    out = text
    for _ in range(3):  # "MRD negativity by flow cytometry at day 29": a time after the method, or before it
        cut = ASSESSED_BY.sub("", OUTCOME_WHEN.sub("", out))
        if cut == out:
            break
        out = cut
    out = OUTCOME_WHEN_LEAD.sub("", out)
    return out.strip(" ,;:") if out != text else ""


def gradeless(text: str) -> str:
    """The outcome's words without a grade or severity around them ("" when there is none)."""
    out = GRADE_LEAD.sub("", GRADE_TAIL.sub("", text))
    return out.strip(" ,;:") if out != text else ""


def result_last(text: str) -> str:
    """ "negative MRD" -> "MRD negative" ("" when the text does not start with a result word)."""
    m = _RESULT_FIRST.match(text)
    return f"{m.group('measure')} {m.group('result')}" if m else ""


def procedure(text: str) -> str:
    """ "underwent HSCT" -> "HSCT": the procedure a verb of getting there names ("" without such a verb)."""
    m = PROCEEDED.match(text)
    return text[m.end() :].strip() if m else ""


def unmarked(text: str, known_word: object) -> str:
    """ "Underwent hematopoietic stem cell transplantf" -> "... transplant": the label without a footnote letter
    glued to its last word, when ``known_word(word)`` says the word is unknown with the letter and known without
    it ("" otherwise). Past tenses ("relapsed" -> "relapse") are words, not marks."""
    words = _WORD.findall(text)
    if not words:
        return ""
    last = words[-1]
    if not _GLUED_MARK.search(last) or last.lower().endswith("ed") or not callable(known_word):
        return ""
    if known_word(last) or not known_word(last[:-1]):
        return ""
    cut = text.rstrip()
    return cut[: len(cut) - 1] if cut.endswith(last) else ""


def variants(text: str, known_word: object) -> list[str]:
    """The text and the forms above, alone and combined, in the order tried."""
    forms = [text]
    for strip in (lambda t: unmarked(t, known_word), timeless, gradeless):
        forms += [f for f in map(strip, forms) if f and f not in forms]
    out: list[str] = []
    for form in forms:
        for f in (form, result_last(form)):
            if f and f not in out:
                out.append(f)
    return out
