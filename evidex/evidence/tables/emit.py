"""One arm cell of a table -> one evidence row: the cell grammar with its cues, the outcome's facts, provenance.

Shared by the readers of arms-as-columns (``armlevel``) and arms-as-rows (``transposed``) tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from evidex.codes import Check, Severity
from evidex.evidence import outcomes
from evidex.evidence.derive import only_total
from evidex.evidence.study import StudyArm
from evidex.evidence.tables import cells, cues, header, labels, rows
from evidex.evidence.tables.base import TableInput, TableOutput
from evidex.evidence.tables.grammar import shape
from evidex.evidence.text.rows import OutcomeRef
from evidex.models import Evidence, Finding, Provenance


@dataclass
class ArmColumn:
    col: header.Column  # the column that holds the value (the mean, the percent, the n (%))
    arm: StudyArm
    parts: dict[str, header.Column] = field(default_factory=dict)  # role -> column, when the arm spans several


def evidence(t: TableInput, row: rows.Row, ac: ArmColumn, ref: OutcomeRef, domain: str,
              context_cues: list[str], out: TableOutput, cid: str = "", text: str | None = None, stub: str = ""
              ) -> Evidence | None:  # fmt: skip
    """``text``: the cell's value when the grid's cell holds more (a value glued to the row's label); ``stub``: the
    header of the label column ("Mean change from randomization (SD)" names what every row's values are)."""
    if _statistic_row(row.leaf) or _no_outcome(row.leaf, row.path) or cues.no_arm_value(ac.col.text):
        return None
    cells_row = t.grid[row.r]
    if text is None:
        text = cells_row[ac.col.col] if ac.col.col < len(cells_row) else ""
    s = shape(text)
    if s.kind in ("text", "empty"):
        return None
    n = ac.col.n if ac.col.n is not None else ac.arm.n
    near = [c for c in (row.cue, ac.col.cue) if c]
    far = [c for c in (row.section_cue, *context_cues) if c and c not in near]
    cues_ = near + far
    if ac.parts:
        reading = cells.composite({r: shape(cells_row[c.col]) for r, c in ac.parts.items() if c.col < len(cells_row)},
                                  cues_, n)  # fmt: skip
        n = reading.total if reading is not None and reading.total is not None else n
    else:
        reading = cells.interpret(s, cues_, n, row.label, near=len(near))
        if reading is not None and ac.col.n is None and not _checked(reading, n):
            n = None  # the arm's size from elsewhere (another table, the text) is not this row's denominator
            reading = cells.interpret(s, cues_, None, row.label, near=len(near))
        elif reading is not None and reading.rule == "count_pct" and not _checked(reading, n):
            # the column's printed n does not make this row's percent: the row counts another denominator (those
            # seen at follow-up, the evaluable); the one n up to the column's that does, or none
            n = _n_of_percent(reading, n)
            derived = [*reading.derived, "total_from_percent"] if n is not None else reading.derived
            reading = replace(reading, total=None, derived=derived)
    if reading is None:
        if s.kind in ("paren", "frac_pct", "pct") and n is not None:
            out.findings.append(implausible(t, row, text, n))
        return None
    if reading.statistic in ("mean", "median") and (ref.kind == "ae" or ref.code_system.startswith("CTCAE")):
        # an adverse event is had or not: a mean or median of one is a score or a duration ("Anxiety (STAI
        # score)", "Time with heart failure, mean years"), not the event's incidence, so it keeps its words
        ref = OutcomeRef("", code_system="", raw=ref.raw, kind="raw")
    facts = outcomes.facts(ref.code, ref.code_system)
    subgroup = "all"
    if domain != "baseline" and cues.subgroup_caption(t.table.caption or ""):
        # "Sex — Male" in a table of subgroup analyses is the men's result, not the share of men: the row names the
        # subgroup, the outcome is the caption's ("Subgroup analyses of prespecified factors for remission")
        subgroup = row.label
        ref = OutcomeRef("", code_system="", raw=caption_outcome(t.table.caption or "") or ref.raw, kind="raw")
        facts = outcomes.facts("", "")
    graded = facts.graded or ref.kind == "ae"
    grade = (ac.col.grade or row.grade or "any") if graded else ""
    system = t.grading.get(ref.code) or (t.grading.get("ae", "") if ref.kind == "ae" else "")
    timepoint = ac.col.timepoint if ac.col.time_text else row.timepoint
    if subgroup != "all" and not ac.col.time_text and row.time_text and row.time_text in row.label:
        timepoint = None  # "Baseline viral load — >800,000": the subgroup's label names no time of measurement
    raw = ref.raw
    caption = t.table.caption or ""
    changed = _CHANGE.search(ac.col.text) or _CHANGE_CAPTION.search(caption) or _CHANGE_CAPTION.search(stub) or (
        cues.change_caption(caption) and not (row.time_text or ac.col.time_text))  # a time of its own: a level
    if not _CHANGE.search(raw) and changed and (domain or facts.domain) != "baseline":
        raw = f"{raw} (change from baseline)"
    cell = next((c for c in t.table.cells if c.row == row.r and c.col == ac.col.col), None)
    head_text = ac.col.text
    domain = domain or facts.domain or "efficacy"
    if timepoint == 0.0 and not changed and domain == "efficacy":
        domain = "baseline"  # a results table's "Baseline" / "Week 0" column or row: the groups at entry
    return Evidence(
        study_id=t.doc.study_id, arm=ac.arm.arm, arm_label=ac.col.label or ac.arm.label, subgroup=subgroup,
        domain=domain, outcome=ref.code, code_system=ref.code_system if ref.code else "", code=ref.code_value,
        grade=grade, grading_system=system if graded else "", timepoint_months=timepoint,
        statistic=reading.statistic, events=reading.events, total=reading.total if reading.total is not None else n,
        value=reading.value, unit=unit(row.label, facts.unit, reading.statistic), spread=reading.spread,
        low=reading.low, high=reading.high, spread_value=reading.spread_value, section="table",
        quote=f"{row.label} | {head_text}: {text}", outcome_raw=raw, total_derived=reading.total is None
        and n is not None, arm_id=ac.arm.arm_id,
        comparison_id=cid or f"t:{t.table.table_id}:{row.r}:{ac.col.time_text}:{ac.col.grade}",
        derived=";".join(reading.derived),
        prov=Provenance(page=cell.page or t.table.page if cell else t.table.page, bbox=cell.bbox if cell else None,
                        table=t.table.label or t.table.table_id, row=row.r, col=ac.col.col,
                        method=f"table.arm.{reading.rule}.v1", from_ocr=t.table.from_ocr,
                        confidence=cell.confidence if cell else None),
    )  # fmt: skip


def caption_outcome(caption: str) -> str:
    """The caption's first sentence without its label: what a table of subgroup results reports."""
    text = labels.CAPTION_LABEL.sub("", caption).strip()
    return re.split(r"(?<=[A-Za-z0-9)])\.\s+(?=[A-Z])", text, maxsplit=1)[0].strip(" .")


def _statistic_row(leaf: str) -> bool:
    """ "p", "P value", "t", "df": a row (or, arms as rows, a column) of within-group p-values or test statistics,
    no arm's value. A lone "F", "H", "U" or "W" is more often a category (female) than a statistic."""
    return cues.is_p_header(leaf) or (cues.is_test_statistic(leaf) and leaf.strip().lower() not in ("f", "h", "u", "w"))


# "A u", "r i p t", "M a n", "s": letters of a rotated watermark ("Author Manuscript") read across a table's label
# column, one or two at a time; no label of a measure is made only of such fragments
_SCATTERED = re.compile(r"^\s*(?:(?:[A-Za-z]{1,2}\s+)+[A-Za-z]{1,2}|[a-z])\s*$")


def _no_outcome(leaf: str, path: list[str]) -> bool:
    """A row that names no outcome: "n" (the number analysed in each group, a size, not a count of events) or the
    scattered letters of a watermark. Roman grades ("I II", "III IV") and upper-case categories ("M F") stay; a
    lone capital stays only as a category under a heading ("Sex — M")."""
    s = leaf.strip()
    if s.lower() == "n" or (len(s) == 1 and s.isalpha() and not path):
        return True
    return _SCATTERED.match(s) is not None and not s.replace(" ", "").isupper()


_CHANGE = re.compile(r"\bchanges?\b|\bΔ|\bdifference from baseline\b|\breduction\b|\bimprovement\b", re.I)
# A caption marks every value as a change only when it says so outright: "Changes in outcomes at 12 months" or
# "reduction in pain scores" captions tables that print the baseline and follow-up values themselves.
_CHANGE_CAPTION = re.compile(r"\b(?:changes?|differences?)\s+(?:from|since|over|relative\s+to)\s+(?:the\s+)?"
                             r"(?:baseline|randomi[sz]ation|entry|enrol?ment)\b|"
                             r"\bmean\s+changes?\b|Δ", re.I)  # fmt: skip


def _n_of_percent(reading: cells.Reading, most: int | None) -> int | None:
    """ "51 (72.9)" under an arm of 76: 51/70 is 72.9%, and 70 is the only n up to 76 that gives it."""
    e, pct = reading.events, reading.value
    if e is None or pct is None or not most:
        return None
    return only_total(int(e), pct, most)


def _checked(reading: cells.Reading, n: int | None) -> bool:
    """A denominator taken from the arm or the column is kept only where arithmetic confirms it: n (%) whose percent
    it gives to the printed digit. A looser fit keeps a group size where the paper counted fewer (those assessed,
    "(n = 617)" over two arms of 326)."""
    if reading.statistic != "proportion" or n is None:
        return True  # no denominator at stake (means, medians) or none given
    if reading.rule == "pct":  # a percent alone: the arm's n is kept when it gives a whole count at that percent
        return reading.events is not None
    return (
        reading.rule == "count_pct"
        and reading.events is not None
        and reading.value is not None
        and cells.fits_printed(reading.events, n, reading.value)
    )


# "kg/m2" is one unit (a BMI's), never "kg"; a unit word followed by "/" is part of a unit not listed ("cm/s")
_UNIT = re.compile(r"\b(kg/m[2²]|months?|days?|years?|weeks?|hours?|minutes?|kg|cm|mm\s?Hg|mg/dl|mmol/l|%)(?![\w/])",
                   re.I)
_TIME_UNIT = re.compile(r"^(?:month|day|year|week|hour|minute)s?$", re.I)
# a unit word after a number or a "/" is a quantity in the label, not the unit of the values ("9-month follow-up",
# "seizures/28 days", "a child (4 years and 20 kg)", "volume (cm3/day)"); so is a time word before a number ("Day 1")
_QUANTITY_BEFORE = re.compile(r"(?:\d\s*[-–]?\s*|/\s*)$")
_NUMBER_AFTER = re.compile(r"^\s*\d")


def unit(label: str, default: str, statistic: str) -> str:
    """The unit the label gives the values ("Age (years)", "Hospital stay, days"), else the outcome's own."""
    if statistic == "proportion":
        return "%"
    for m in _UNIT.finditer(label):
        time_point = _TIME_UNIT.match(m.group(1)) and _NUMBER_AFTER.match(label[m.end() :])
        if not _QUANTITY_BEFORE.search(label[: m.start()]) and not time_point:
            return m.group(1).lower()
    return default if statistic in ("median", "mean") else ""


def implausible(t: TableInput, row: rows.Row, text: str, n: int) -> Finding:
    return Finding(t.doc.study_id, Check.IMPLAUSIBLE_VALUE, Severity.WARNING,
                   f"{t.table.label or t.table.table_id}, '{row.label}': '{text}' does not read as a statistic of a "
                   f"group of {n} (a count above the group, or a percent that does not fit); not used.",
                   page=t.table.page, quote=f"{row.label}: {text}", stage="evidence", table="evidence")  # fmt: skip



def p_scope(arms: list[ArmColumn]) -> str:
    """What a p column after all the groups' columns tests: one test across all groups when three or more share it
    ("omnibus": an ANOVA or chi-square over the row, no pair's p); else the contrast of the table's two groups."""
    return "omnibus" if len({a.arm.arm_id for a in arms}) > 2 else ""


def own_p_columns(arms: list[ArmColumn], p_cols: list[header.Column]) -> dict[int, tuple[header.Column, str]] | None:
    """p columns set among the groups' columns: id(arm column) -> (its p column, what that p tests); None when no p
    column lies between the columns of two different groups (the p columns after all groups are the between-group
    test; a p column inside one group's columns is no sign).

    A p column tests the groups of its run (the columns since the p column before): one group, its own change
    ("Placebo | p | Metformin | p": "within", taken by the group's column right before it); two, that pair ("Unit A
    period 1 | Unit A period 2 | P": "vs a2" on the period-1 row, "vs a1" on the other); more, all of them
    ("omnibus"), both taken by every column of the run.
    """
    starts = sorted(a.col.col for a in arms)
    arm_at = {a.col.col: a.arm.arm_id for a in arms}

    def between_arms(col: int) -> bool:
        before = max((c for c in starts if c < col), default=None)
        after = min((c for c in starts if c > col), default=None)
        return before is not None and after is not None and arm_at[before] != arm_at[after]

    if not any(between_arms(c.col) for c in p_cols):
        return None
    own: dict[int, tuple[header.Column, str]] = {}
    for ac in arms:
        col = min((c for c in p_cols if c.col > ac.col.col), key=lambda c: c.col, default=None)
        if col is None:
            continue
        opened = max((c.col for c in p_cols if c.col < ac.col.col), default=-1)
        others = list(dict.fromkeys(a.arm.arm_id for a in arms if opened < a.col.col < col.col
                                    and a.arm.arm_id != ac.arm.arm_id))  # fmt: skip
        nxt = min((c for c in starts if c > ac.col.col), default=None)
        if others:
            own[id(ac)] = (col, f"vs {others[0]}" if len(others) == 1 else "omnibus")
        elif nxt is None or col.col < nxt:  # the group's own p, right after its (last) column
            own[id(ac)] = (col, "within")
    return own
