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
    children: str = ""  # what its first child was: "" (none yet), "category", "name" or "statistics"
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
    stubs = stub_columns(grid, start, label_col, value_cols)
    if stubs:
        return _stub_rows(grid, start, skip, value_cols, [label_col, *stubs], stubs)
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
        elif stack and valued and label and not _scope(stack[-1]) and _DESCRIPTOR.match(label):
            stack[-1].children = stack[-1].children or "statistics"  # "Days in hospital: mean (SD), range"
        elif stack and valued and label and not _scope(stack[-1]) and not _DESCRIPTOR.match(label):
            top = stack[-1]
            category = _category(label)
            pcts = [_pct(row[c]) if c < len(row) else 0.0 for c in value_cols]
            if not top.children:
                top.children = "category" if category else ("name" if not _own_variable(label) else "")
            if (
                not top.children
                or (not category and (top.children == "category" and not _part(top, pcts) or _own_variable(label)))
                or top.children == "statistics"
                or ((top.children == "name" or not _CATEGORY.match(label)) and _whole(top, pcts))
                or cues.body_system(label)
            ):
                # "VAS score: Day 0, Day 1" ends at "Complications"; "Race: White, Black" ends at "BMI, mean (SD)";
                # "Site: Abdomen 60%, Thorax 40%" ends where its categories have made up the whole group
                stack = [s for s in stack if _scope(s)]
            else:
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
    r"95\s*%\s*ci|n|no\.|number|%|percent(?:age)?|standard deviation)(?![a-z])"
    r"[\s,;:()\[\]±/–-]*(?:and|or)?[\s,;:()\[\]±/–-]*)+$",
    re.I,
)  # a row that only says which statistic it holds: the statistic of the row above


_CATEGORY = re.compile(
    r"^\s*(?:[-–•·]|\(?[ivx]+\)|\(?[a-h]\)|yes\b|no\b|none\b|other\b|unknown\b|missing\b|male|female|men\b|women\b|"
    r"[<>≤≥=]|\d|grade\b|stage\b|class\b|level\b|type\b|day\b|week\b|month\b|year\b|visit\b|baseline\b|"
    r"(?:post|pre)(?:[-\s]?\w+)?\s*$|mild\b|moderate\b|severe\b|low\b|medium\b|high\b|normal\b|abnormal\b|positive\b|negative\b)",
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


def _part(top: _Section, pcts: list[float]) -> bool:
    """ "Education: None 5%, Primary 11%, Secondary 39%, Tertiary 45%": after a first category, a name with a percent
    in every arm is one more part while the parts so far have not made the whole group and this one fits in it."""
    return (top.named >= 1 and bool(top.pcts) and all(x > 0 for x in [*top.pcts, *pcts])
            and all(a + b <= _WHOLE[1] for a, b in zip(top.pcts, pcts, strict=True)))  # fmt: skip


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


# A stub over several columns: "Sex | Male | 71 (59%)", "Gastrointestinal disorders | Nausea | 4 (8%)",
# "HbA1c | 12 | 0.4" under "Week". The columns between the label column and the first arm column that hold
# sub-labels (words, two or more different ones) or times (numbers under a time header) are deeper levels of the
# label: a cell carries down to the rows below until a cell at its level or above replaces it, and a row's label is
# its deepest cell under the carried cells before it. A valueless cell alone on its line is the section of the valued
# cells below it at its level; a lower-case cell that goes on with the line above is the rest of that label.


def stub_columns(grid: list[list[str]], start: int, label_col: int, value_cols: list[int]) -> dict[int, str]:
    """Column -> "" for a column of sub-labels, or its header's time unit ("Week") for a column of times."""
    out: dict[int, str] = {}
    if not any(_heading(_cell(grid[r], label_col)) for r in range(start, len(grid))):
        return out  # no label in the label column (the letters of a watermark): the stub is not read as levels
    for c in range(label_col + 1, min(value_cols, default=label_col)):
        cells = [x for r in range(start, len(grid)) if (x := _cell(grid[r], c))]
        if len(cells) < 2 or len(set(cells)) < 2:
            continue  # "visit" in every row is the unit of the values, not a label
        head = " ".join(x for r in range(start) if (x := _cell(grid[r], c)))
        if _time_head(head, cells):
            out[c] = head
        elif sum(map(_sublabel, short := [x for x in cells if len(x) <= _NOTE])) >= 0.8 * len(short) >= 1.6:
            out[c] = ""
    return out


_NOTE = 80  # a longer cell is a footnote run into the table, not a label


def _cell(row: list[str], c: int) -> str:
    return row[c].strip() if c < len(row) else ""


def _time_head(head: str, cells: list[str]) -> bool:
    """ "Week" over 12, 24, 28: each number under the header is a time."""
    if not head or len(head.split()) > 2:
        return False
    return all(re.fullmatch(r"\d+(?:\.\d+)?", x) and _months(f"{head} {x}") is not None for x in cells)


def _months(text: str) -> float | None:
    tp = cues.timepoint(text)
    return tp.months if tp is not None and tp.text.strip() != text.split()[0] else None


def _sublabel(cell: str) -> bool:
    """A cell that names something ("Male", "left kidney", "Median time in seconds (SD)"), not a value, a statistic
    ("n (%)", "Mean (SD)"), merged numbers ("CT 0.93 0.90") or the letters of a watermark."""
    return (shape(cell).kind == "text" and _heading(cell) and not _DESCRIPTOR.match(cell) and not _cue_only(cell)
            and len(re.findall(r"\d+(?:\.\d+)?", cell)) <= 1)  # fmt: skip


def _stub_rows(grid: list[list[str]], start: int, skip: set[int], value_cols: list[int], levels: list[int],
               stubs: dict[int, str]) -> list[Row]:  # fmt: skip
    above = [""] * len(levels)  # each level's cell, carried down
    heads = [""] * len(levels)  # a valueless cell at a level: the section of the valued cells below it at that level
    users: list[list[Row]] = [[] for _ in levels]  # the rows that took each level's carried cell
    out: list[Row] = []
    prev: tuple[list[str], bool] = ([""] * len(levels), True)  # the cells of the row above and whether it had values
    for r in range(start, len(grid)):
        if r in skip:
            continue
        row = grid[r]
        texts = [_stub_text(row, c, stubs.get(c)) for c in levels]
        valued = any(c < len(row) and row[c].strip() and _valueish(row[c]) for c in value_cols)
        own = [i for i, x in enumerate(texts) if x]
        if not own:
            continue
        for i in own:
            if _continues(i, texts, valued, *prev):
                # "did not have | 11 (9%)" then "hydronephrosis": the second line of the label above
                _extend(users[i], above[i], f"{above[i]} {texts[i]}")
                above[i] = f"{above[i]} {texts[i]}"
            else:
                above[i], users[i] = texts[i], []
                heads[i] = texts[i] if not valued and len(own) == 1 else heads[i] if valued and i == own[-1] else ""
                for d in range(i + 1, len(levels)):
                    heads[d] = ""
                    if not texts[d]:
                        above[d], users[d] = "", []
        prev = (texts, valued)
        if not valued:
            continue
        k = own[-1]
        path = [above[i] for i in range(k) if above[i]] + ([heads[k]] if heads[k] and heads[k] != above[k] else [])
        got = _row(r, above[k], [_section(x, 0) for x in path])
        out.append(got)
        for i in range(k + 1):
            if above[i]:
                users[i].append(got)
    return out


def _continues(i: int, texts: list[str], valued: bool, before: list[str], before_valued: bool) -> bool:
    """A cell that goes on with the label of the row above at its level: it starts lower-case, the row above has
    a cell at that level, and one of the two lines holds that cell alone, without values, or the line above stops
    mid-phrase (a wrapped label)."""
    if not texts[i][:1].islower() or not before[i] or len(texts[i]) > _NOTE or _NOTE_MARK.match(texts[i]):
        return False
    alone = not valued and sum(1 for x in texts if x) == 1
    before_alone = not before_valued and sum(1 for x in before if x) == 1
    return alone or before_alone or bool(_DANGLING.search(before[i]))  # "Prior episodes of" over "acute pain"


_NOTE_MARK = re.compile(r"^[a-h][\s.)]+[A-Z]")  # "a P values for ...": a footnote under the table


def _extend(rows_: list[Row], old: str, new: str) -> None:
    for u in rows_:
        if u.leaf == old:
            u.leaf = new
        else:
            u.path = [new if x == old else x for x in u.path]


def _stub_text(row: list[str], c: int, unit: str | None) -> str:
    x = cues.footnote_marks(_cell(row, c))
    if unit and x:
        return f"{unit} {x}"
    return x if _heading(x) else ""


def wrapped_cells(grid: list[list[str]], start: int, col: int) -> dict[int, str]:
    """Row -> the whole label, for the lines of a label that wraps down a column ("Patients tested for" over
    "malaria", "Test positive patients" over "receiving treatment"): a cell that starts lower-case under a cell
    that does not, or under one that stops mid-phrase, is its next line; both lines' rows take the joined label."""
    out: dict[int, str] = {}
    group: list[int] = []
    for r in range(start, len(grid) + 1):
        x = cues.footnote_marks(_cell(grid[r], col)) if r < len(grid) else ""
        above = cues.footnote_marks(_cell(grid[group[-1]], col)) if group and group[-1] == r - 1 else ""
        if x and above and _next_line(above, x) and len(group) < _MAX_LINES:
            group.append(r)
            continue
        if len(group) > 1:
            whole = " ".join(cues.footnote_marks(_cell(grid[g], col)) for g in group)
            out.update(dict.fromkeys(group, whole))
        group = [r] if x else []
    return out


_MAX_LINES = 3


def _next_line(above: str, x: str) -> bool:
    if not x[:1].islower() or len(x) > _NOTE or _NOTE_MARK.match(x):
        return False
    return not above[:1].islower() or bool(_DANGLING.search(above))
