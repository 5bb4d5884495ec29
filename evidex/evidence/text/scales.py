"""Which grade, landmark and scale belong to one number of a sentence.

A grade or landmark inside a bracket that holds its own numbers belongs to them ("(2% grade ≥3)", "(37% at 1
year)"); a bracket without numbers describes what it follows ("(all grade 3)"). In a bracketed list each item has
its own grade ("grade 1/2 for 2 events, grade 3 for 5 events"). A survival probability written as a fraction
("0.71 (0.64-0.77)") is a percent.
"""

from __future__ import annotations

import csv
import re

from evidex.evidence import outcomes
from evidex.evidence.text import cues, stats
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.rows import OutcomeRef


def grade_for(text: str, x: stats.Stat, grades: list[cues.Cue], fallback: str) -> str:
    """The grade of one number: a grade inside a bracket grades only that bracket's numbers; in a bracketed list
    ("grade 1/2 for 2 events, grade 3 for 5 events", "2 grade 3, 1 grade 4") the grade of the number's own item."""
    box = sent.enclosing(text, x.start)
    mine = [g for g in grades if sent.enclosing(text, g.start) in (None, box) or not numbered_bracket(text, g)]
    if x.rule == "count_graded.v1":
        return next((g.value for g in mine if g.start >= x.end), pick(mine, fallback))
    own = next((g for g in mine if 0 <= g.start - x.end <= 12 and re.match(r"\s*with\s", text[x.end : g.start])), None)
    if own is not None:
        return own.value  # "7 patients with grade 3-5 CRS"
    if box is not None:
        item = [g for g in mine if sent.enclosing(text, g.start) == box
                and not re.search(r"[,;]", text[min(g.end, x.start) : max(g.start, x.end)])]  # fmt: skip
        if item:
            return item[0].value
    return pick(mine, fallback)


def _severity_scale() -> dict[str, tuple[str, str]]:
    with open(outcomes.DATA, encoding="utf-8") as fh:
        return {r["code"]: (r["severe"], r["moderate_to_severe"]) for r in csv.DictReader(fh) if r.get("severe")}


_SEVERITY = _severity_scale()
_SEVERE_WORD = re.compile(r"\b(?:(?P<moderate>moderate)\s*(?:and|or|to|-|–|/)\s*)?severe\s+(?P<rest>[^,;%\d]*)$", re.I)


def severity(code: str, grade: str, text: str, a: int, pos: int) -> str:
    """ "severe acute GVHD" is grade III-IV, "moderate and severe chronic GVHD" is the NIH scale's moderate-severe: a
    severity word where the outcome has its own scale (outcomes.csv), when no grade is written between."""
    scale = _SEVERITY.get(code)
    m = _SEVERE_WORD.search(text, a, pos) if scale and grade == ">=3" else None
    if m is None or re.search(r"\bgrades?\b|≥|>=", m["rest"], re.I):
        return grade
    return scale[1] if m["moderate"] else scale[0]  # type: ignore[index]


def probability(x: stats.Stat, word: str, outcome: OutcomeRef) -> bool:
    values = [v for v in (x.value, x.low, x.high) if v is not None]
    written = x.rule in ("median_interval.v1", "value_ci.v1", "pct_ci.v1")
    return (not word and not x.unit and not x.percent and not x.hr and x.value is not None and timed(outcome)
            and all(0 <= v <= 1 for v in values) and written)  # fmt: skip


def pct(v: float | None) -> float | None:
    return None if v is None else round(100 * v, 2)


def timed(outcome: OutcomeRef) -> bool:
    """Outcomes read at a landmark: time-to-event ones and cumulative incidences."""
    return outcomes.facts(outcome.code).time_to_event or outcome.code in _INCIDENCES


_INCIDENCES = frozenset({"RELAPSE", "NRM", "TRM", "AGVHD", "CGVHD", "PROGRESSION", "DEATH"})


def scoped(text: str, cue: cues.Cue, x: stats.Stat) -> bool:
    """A cue in a bracket with its own numbers belongs to them ("9.2 months (37% at 1 year)")."""
    return sent.enclosing(text, cue.start) in (None, sent.enclosing(text, x.start)) or not numbered_bracket(text, cue)


def numbered_bracket(text: str, g: cues.Cue) -> bool:
    """A grade in a bracket that holds its own numbers ("(2% grade ≥3)"); "(all grade 3)" describes what it follows."""
    box = sent.enclosing(text, g.start)
    if box is None:
        return False
    inner = text[box[0] + 1 : g.start] + text[g.end : box[1]]
    return bool(re.search(r"\d", inner))


def pick(grades: list[cues.Cue], fallback: str) -> str:
    exact = [g for g in grades if g.value != ">=3"]
    if exact and len(grades) > 1:
        return exact[0].value
    return grades[0].value if grades else fallback
