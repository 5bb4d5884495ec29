"""Words in headers, labels, captions and footnotes that say what a table's numbers are.

The patterns are data (``evidence/data/table_cues.csv``): statistic cues ("n (%)", "mean (SD)"),
effect columns ("HR (95% CI)"), p-value and total columns, control-group words. Timepoints
("Week 24", "12 months", "6-month", "day 28", "baseline") are read here into months.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parents[1] / "data" / "table_cues.csv"
DAYS_PER_MONTH = 30.4375
MAX_MONTHS = 360  # a landmark beyond 30 years is an age or a duration, not a time of measurement
_UNIT_MONTHS = {"day": 1 / DAYS_PER_MONTH, "week": 7 / DAYS_PER_MONTH, "month": 1.0, "year": 12.0}
_UNIT = r"(?P<unit>days?|d|weeks?|wks?|w|months?|mo|mos|years?|yrs?|y)"
_TIME = re.compile(
    rf"\b(?:at\s+|after\s+|by\s+)?(?:(?P<pre>day|week|wk|month|year)s?\s*(?P<n1>\d+(?:\.\d+)?)\b"
    rf"|(?P<n2>\d+(?:\.\d+)?)\s*[- ]?{_UNIT}\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    value: str
    pattern: re.Pattern[str]


@cache
def _cues() -> tuple[Cue, ...]:
    with DATA.open(encoding="utf-8") as fh:
        return tuple(Cue(r["kind"], r["value"], re.compile(r["pattern"], re.I)) for r in csv.DictReader(fh))


def _first(kind: str, text: str) -> Cue | None:
    return next((c for c in _cues() if c.kind == kind and c.pattern.search(text)), None)


def statistic_cue(text: str) -> str:
    """The statistic a header or label announces: n_pct, pct_n, pct, mean_sd, mean_se, mean_ci, median_iqr,
    median_range, median_ci, median, mean, score, sd, se; empty when it announces none."""
    c = _first("statistic", text)
    return c.value if c else ""


def strip_statistic_cue(text: str) -> str:
    out = text
    for c in _cues():
        if c.kind == "statistic" and c.value not in ("mean", "median", "pct", "score"):
            out = c.pattern.sub(" ", out)
    out = re.sub(r"[(\[]\s*%\s*[)\]]|(?<![\w.])%(?![\w])", " ", out)
    return re.sub(r"\s+", " ", out).strip(" ,;:")


def effect_kind(text: str) -> str:
    c = _first("effect", text)
    return c.value if c else ""


def names_difference(text: str) -> bool:
    """The header says its effect is a difference ("Mean difference", "RD", "Δ"), not only "Treatment effect"."""
    return _first("effect_named", text) is not None


def is_p_header(text: str) -> bool:
    return _first("p", text.strip()) is not None


def change_caption(caption: str) -> bool:
    """ "Changes in weight from baseline to 12 months": the table's values are changes from entry."""
    return _first("change_caption", caption) is not None


def is_group_size_header(text: str) -> bool:
    """ "n", "N analysed": a column giving each row's group size (groups as rows)."""
    return _first("group_size", text.strip()) is not None


def is_total_header(text: str) -> bool:
    return _first("total", text) is not None


def is_test_statistic(text: str) -> bool:
    """ "Z-score", "t", "F", "χ2", "SE of difference", "ICC": a column of test statistics or their errors, no arm."""
    return _first("test_statistic", text.strip()) is not None


def is_control(text: str) -> bool:
    return _first("role", text) is not None


def characteristic(label: str) -> str:
    """What a row label describes of a patient at entry ("Age, years" -> age, "Race" -> race, "BMI" -> bmi);
    empty when it names no such characteristic."""
    c = _first("characteristic", label)
    return c.value if c else ""


def over_time(text: str, row: bool = False, results: bool = True) -> bool:
    """Text that places its numbers after entry or calls them results: a change, a follow-up, the end of
    treatment, a subgroup analysis, a time after the start ("Week 12", "6 months"); "baseline" does not. In a row
    label (``row``) a time never counts beside an age or a gestation ("Gestational age of previous preterm birth —
    34 weeks", "35-49 years of age"). Without ``results`` only a time counts, not the words that call numbers
    results ("Risk of falls" names a measure, taken before or after)."""
    if any(c.kind == "over_time" and (results or c.value != "result") and c.pattern.search(text) for c in _cues()):
        return True
    if row and _AGE_LIKE.search(text):
        return False
    tp = timepoint(text)
    return tp is not None and (tp.months is None or tp.months > 0)


# an age, a duration, or a look-back window ("smoked in the last 12 months", "visits in the past 6 months")
_AGE_LIKE = re.compile(r"\bage|gestation|\bduration\b|\bsince\b|\bago\b|\bold\b|\bhistory\b|"
                       r"\b(?:last|past|previous|prior|preceding)\b", re.I)


def body_system(label: str) -> bool:
    """ "Nervous system disorders", "Infections and infestations": a body-system heading of adverse events, a
    sibling of the headings before it, never one of their events."""
    return _first("body_system", label) is not None


def no_arm_value(header_text: str) -> bool:
    """ "F-test (p-value)", "Stratified RD (95% CI)", "Clusters": a column that holds no arm's own value."""
    return _first("not_arm_value", header_text) is not None


def subgroup_caption(caption: str) -> bool:
    """ "Subgroup analyses of prespecified factors for SVR": rows name subgroups, the outcome is the caption's."""
    return _first("subgroup", caption) is not None


def model_caption(caption: str) -> bool:
    """ "Linear regression of performance on treatment", "Mediation analysis": a table of a model's coefficients,
    whose columns (even when named after a group: "(2) Performance") are models, not arms."""
    return _first("model", caption) is not None


def variable_kind(label: str) -> bool:
    """ "Categorical variable, n (%)", "Continuous variables": a heading that names the kind of its rows' variables,
    not a variable."""
    return _first("variable_kind", label) is not None


def before_caption(caption: str) -> bool:
    """ "Elements of the pre-operative assessment", "Values at pretreatment for each group": a caption that places
    its numbers before the trial's treatment, so its rows are the groups at entry whatever they measure."""
    return _first("before", caption) is not None


def entry_caption(caption: str) -> bool:
    """ "Comparability of the groups at trial entry", "Basic parameters": a caption of the groups at entry."""
    return _first("entry", caption) is not None


@dataclass(frozen=True, slots=True)
class Timepoint:
    months: float | None  # None for "end of treatment", "post-intervention": a time we cannot place
    text: str


_BASELINE = re.compile(r"\bbaseline\b|\bpre[- ]?(?:intervention|treatment|test)\b", re.I)
_END = re.compile(r"\bpost[- ]?(?:intervention|treatment|test)\b|\bend of (?:treatment|study|intervention)\b|"
                  r"\bfollow[- ]?up\b|\bfinal\b", re.I)  # fmt: skip
_UNIT_OF = {
    "d": "day",
    "day": "day",
    "w": "week",
    "wk": "week",
    "week": "week",
    "mo": "month",
    "month": "month",
    "y": "year",
    "yr": "year",
    "year": "year",
}
_CHANGE = re.compile(r"\bchange\b|\bΔ|\bdifference from baseline\b", re.I)


def timepoint(text: str) -> Timepoint | None:
    """A time a header or label names: "Week 24" -> 5.5 months, "12 months", "6-month", "baseline" -> 0."""
    m = _TIME.search(text)
    if m:
        key = _UNIT_OF.get((m["pre"] or m["unit"] or "").lower().rstrip("s") or "", "")
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 12]
        age = re.search(
            r"/\s*$|\bper\s+$|[<>≤≥=]\s*$|\bage[ds]?\b|\bold\b|-\s*$|\d\s*[-–]\s*$|"
            r"\b(?:child(?:ren)?|infants?|boys?|girls?|toddlers?|adolescents?)\s*[(,]?\s*$", before, re.I
        ) or re.match(r"\s*(?:old|of age|or (?:older|younger|more|less)|and (?:older|above|over)|"
                      r"(?:and|,)\s*\d+(?:\.\d+)?\s*kg\b)", after, re.I)  # "a child (4 years and 20 kg)": an age
        months = float(m["n1"] or m["n2"]) * _UNIT_MONTHS[key] if key else 0.0
        if key and not age and months <= MAX_MONTHS:
            return Timepoint(round(months, 2), m.group().strip())
    if _CHANGE.search(text):
        return None
    b = _BASELINE.search(text)
    if b:
        return Timepoint(0.0, b.group())
    e = _END.search(text)
    if e:
        return Timepoint(None, e.group())
    return None


def footnote_marks(label: str) -> str:
    """ "Headache a", "Nausea*", "Dizziness†", "Rash b,c" -> the label without its footnote marks."""
    s = re.sub(r"[*†‡§¶#]+", "", label)
    s = re.sub(r"(?<=[A-Za-z)\]])\s+[a-h](?:\s*,\s*[a-h])*\s*$", "", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:")
