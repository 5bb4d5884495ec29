"""The row model of an arm-level table: each body row's label path, and what section rows set for it.

A row with a label and no values is a section ("Adverse events", "Week 24", "Grade ≥3", "HbA1c
at randomization"); the rows under it are its children and their outcome is the label path. When
the table gives indentation, a child is a row indented further than its section, and a row back at
the section's indent closes it; without indentation a section lasts until the next section. A
section naming a timepoint or a grade sets it for its children; one naming a statistic ("n (%)")
sets the statistic cue. Without indentation, the first row under a section says what its children are:
when it reads as a value of the section (a time, a level, "Yes", a continued label), a row that does not
ends the section ("VAS score: Day 0, Day 1" ends at "Complications"); when it is a name ("Race: White,
Black, Other"; "ASA: I, II, III"), the names after it are its siblings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidex.evidence.tables import cues
from evidex.evidence.tables.grammar import shape
from evidex.evidence.text import cues as text_cues


@dataclass
class Row:
    r: int
    leaf: str  # the row's own label, footnote marks stripped
    path: list[str] = field(default_factory=list)  # section labels above it, outermost first
    timepoint: float | None = None
    time_text: str = ""
    grade: str = ""
    cue: str = ""  # statistic cue of the row's own label
    section_cue: str = ""  # statistic cue a section above it announced

    @property
    def label(self) -> str:
        return " — ".join([*self.path, self.leaf]) if self.path else self.leaf


@dataclass
class _Section:
    label: str
    indent: float
    timepoint: float | None = None
    time_text: str = ""
    grade: str = ""
    cue: str = ""
    children: str = ""  # what its first child was: "" (none yet), "category" or "name"
    pcts: list[float] = field(default_factory=list)  # the percents of its children in each arm column, added up
    named: int = 0  # how many children it has had


def grade_of(label: str) -> str:
    g = text_cues.grades(label)
    if g:
        return g[0].value
    if re.search(r"\b(?:any|all)[- ]grades?\b|^\s*any\b|^\s*all\b", label, re.I):
        return "any"
    return ""


def rows(grid: list[list[str]], start: int, skip: set[int], value_cols: list[int], label_col: int,
         indents: dict[tuple[int, int], float]) -> list[Row]:  # fmt: skip
    """Body rows with values in ``value_cols``, each with its label path and the scopes its sections set."""
    has_indent = any(v > 0 for (r, c), v in indents.items() if c == label_col and r >= start)
    stack: list[_Section] = []
    out: list[Row] = []
    last = ""  # the label of the row above: a "Median (range)" row below "Age" is about age
    last_valued = ""  # the label of the valued row above: "Total family income under" goes on below it
    restart = ""  # the statistic a repeated header row inside the table announced for the rows below it
    for r in range(start, len(grid)):
        if r in skip:
            continue
        row = grid[r]
        raw = row[label_col] if label_col < len(row) else ""
        label = cues.footnote_marks(raw)
        indent = indents.get((r, label_col), 0.0)
        valued = any(c < len(row) and row[c].strip() and _valueish(row[c]) for c in value_cols)
        if has_indent:
            while stack and stack[-1].indent >= indent:
                stack.pop()
        elif stack and valued and label and not _scope(stack[-1]) and not _DESCRIPTOR.match(label):
            top = stack[-1]
            category = _category(label)
            pcts = [_pct(row[c]) if c < len(row) else 0.0 for c in value_cols]
            if not top.children:
                top.children = "category" if category else ("name" if not _own_variable(label) else "")
            if (
                not top.children
                or (not category and (top.children == "category" or _own_variable(label)))
                or (top.children == "name" and _whole(top, pcts))
                or cues.body_system(label)
            ):
                # "VAS score: Day 0, Day 1" ends at "Complications"; "Race: White, Black" ends at "BMI, mean (SD)";
                # "Site: Abdomen 60%, Thorax 40%" ends where its categories have made up the whole group
                stack = [s for s in stack if _scope(s)]
            elif top.children == "name":
                top.pcts = [a + b for a, b in zip(top.pcts or [0.0] * len(pcts), pcts, strict=True)]
                top.named += 1
        if not valued:
            again = _restarted(row, value_cols)
            if again:
                restart = again  # "| Baseline N (%) | 6-Month N (%)" under columns headed "Mean at baseline"
                if label and _heading(label):
                    stack = [*stack, _section(label, indent)] if has_indent else [_section(label, indent)]
                continue
            if _worded(row, value_cols):
                continue  # "Previous exposure | NO | NO | YES": a row of words, not a section
            if label and _heading(label) and not _DANGLING.search(last_valued):
                stack = [*stack, _section(label, indent)] if has_indent else [_section(label, indent)]
                last = label
            continue
        last_valued = label
        if not label:
            continue
        if _DESCRIPTOR.match(label) and last and (not stack or stack[-1].label != last):
            out.append(_row(r, label, [*stack, _section(last, indent)]))
        else:
            out.append(_row(r, label, stack))
            last = label
        out[-1].cue = out[-1].cue or restart
    return out


def _restarted(row: list[str], value_cols: list[int]) -> str:
    """A header row repeated inside the table, over the value columns ("Baseline N (%) | 6-Month N (%)" under a
    block headed "Mean at baseline | Mean change"): the one statistic all its cells announce, for the rows below;
    empty when the row is no such header."""
    cells = [row[c].strip() for c in value_cols if c < len(row) and row[c].strip()]
    found = {cues.statistic_cue(x) for x in cells}
    return found.pop() if len(cells) >= 2 and len(found) == 1 and "" not in found else ""


_DESCRIPTOR = re.compile(
    r"^\s*(?:(?:mean|median|average|range|min(?:imum)?|max(?:imum)?|sd|s\.d\.|se|sem|iqr|interquartile range|"
    r"95\s*%\s*ci|n|no\.?|number|%|percent(?:age)?|standard deviation)"
    r"[\s,;:()\[\]±/–-]*(?:and|or)?[\s,;:()\[\]±/–-]*)+$",
    re.I,
)  # a row that only says which statistic it holds: the statistic of the row above


_CATEGORY = re.compile(
    r"^\s*(?:[-–•·]|\(?[ivx]+\)|\(?[a-h]\)|yes\b|no\b|none\b|other\b|unknown\b|missing\b|male|female|men\b|women\b|"
    r"[<>≤≥=]|\d|grade\b|stage\b|class\b|level\b|type\b|day\b|week\b|month\b|year\b|visit\b|baseline\b|"
    r"post|pre|mild\b|moderate\b|severe\b|low\b|medium\b|high\b|normal\b|abnormal\b|positive\b|negative\b)",
    re.I,
)


def _category(label: str) -> bool:
    """A label that reads as one value of its section (a category, a level, a time), not an outcome of its own."""
    return bool(_CATEGORY.match(label)) or label[:1].islower() or cues.timepoint(label) is not None


_UNIT = re.compile(r"\((?:[^()]*[\s,])?(?:years?|y|yr|months?|weeks?|days?|h|hours?|min|minutes?|s|kg|g|cm|mm|m|"
                   r"mg|mL|L|mmHg|mm\s?Hg|mmol|kg/m2|kg/m\s?2|%|points?|score)\b[^()]*\)|,\s*(?:%|years?|kg|cm|days?|"
                   r"months?)\s*$", re.I)  # fmt: skip


def _own_variable(label: str) -> bool:
    """A label that names a variable of its own, with its statistic or unit ("BMI, mean (SD)", "Duration of
    surgery (min)"), not one more member of a list of names ("White", "Headache")."""
    return bool(cues.statistic_cue(label) or _UNIT.search(label) or _OWN_COLON.search(label))


_OWN_COLON = re.compile(r"^[A-Z][^:]{2,}:\s+\S")  # "Parental education: high school": a variable and its level


_WHOLE = (99.5, 100.5)  # categories that make up the whole group, allowing for rounding (events that overlap pass it)


def _whole(top: _Section, pcts: list[float]) -> bool:
    """The section's children so far make up the whole of every arm ("Abdominal 45%, Pelvic 55%") and this row,
    with a percent of its own, would go past it: it is no further category."""
    return (top.named >= 2 and bool(top.pcts) and all(_WHOLE[0] <= x <= _WHOLE[1] for x in top.pcts)
            and any(x > 0 for x in pcts))  # fmt: skip


def _pct(cell: str) -> float:
    """The percent in a cell ("12 (40.0%)", "12 (40.0)", "40.0%", "12/30 (40)"); 0 when none."""
    if not cell.strip():
        return 0.0
    sh = shape(cell)
    if sh.kind == "pct" or (sh.kind == "paren" and sh.pct_a):
        return sh.a or 0.0
    if sh.kind in ("frac_pct", "pct_frac"):
        return sh.b or 0.0
    if sh.kind == "paren" and sh.a is not None and sh.a == int(sh.a) and sh.b is not None and sh.b <= 100:
        return sh.b
    return 0.0


# A section row has a word to say: not a grade run ("IIII&IV"), letters of a page watermark ("o r", "r i p t") or a
# number cut from the label above ("$15,000")
_WORD = re.compile(r"[A-Za-z]{3,}")
_ROMAN = re.compile(r"^[IVXivx]+$")


def _worded(row: list[str], value_cols: list[int]) -> bool:
    """Value cells that hold words and no number ("YES", "No", "Not done"): a row of the table, not a section."""
    cells = [row[c].strip() for c in value_cols if c < len(row) and row[c].strip()]
    return any(re.search(r"[A-Za-z]{2,}", x) and not re.search(r"\d", x) for x in cells)


def _heading(label: str) -> bool:
    return any(not _ROMAN.match(w) for w in _WORD.findall(label))


# a label that stops mid-phrase ("Total family income under", "Parental education: at least"): the valueless line
# below it is the rest of that label, not a section
_DANGLING = re.compile(r"\b(?:under|over|at least|at most|more than|less than|than|of|for|to|and|or|with|in|by|the|"
                       r"a|an|from|on|per|between)\s*$")  # fmt: skip


def _scope(s: _Section) -> bool:
    """A section that sets a grade, a timepoint or a statistic holds until the next section."""
    return bool(s.grade or s.time_text or (s.cue and _cue_only(s.label)))


def _valueish(text: str) -> bool:
    return shape(text).kind not in ("text", "empty")


def _cue_only(label: str) -> bool:
    return bool(cues.statistic_cue(label)) and not cues.strip_statistic_cue(label)


def _section(label: str, indent: float) -> _Section:
    tp = cues.timepoint(label)
    s = _Section(label, indent, cue=cues.statistic_cue(label), grade=grade_of(label))
    if tp is not None and len(label.split()) <= 4:
        s.timepoint, s.time_text = tp.months, tp.text
    return s


def _row(r: int, label: str, stack: list[_Section]) -> Row:
    row = Row(r, label, [s.label for s in stack if not _cue_only(s.label)])
    for s in stack:
        row.timepoint = s.timepoint if s.time_text else row.timepoint
        row.time_text = s.time_text or row.time_text
        row.grade = s.grade or row.grade
        row.section_cue = s.cue or row.section_cue
    row.cue = cues.statistic_cue(label)
    own_grade = grade_of(label)
    row.grade = own_grade or row.grade
    tp = cues.timepoint(label)
    if tp is not None and tp.months is not None:
        row.timepoint, row.time_text = tp.months, tp.text
    return row
