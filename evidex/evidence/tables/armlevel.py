"""Arm-level tables (results, baseline characteristics, adverse events) -> one evidence row per arm and row.

The header model names the arm columns and their n; each is resolved to the study's arm, so a
column and a sentence naming the same group share an ``arm_id``. Each body row's label path is its
outcome (``rows``, ``labels``); each arm cell is read by the cell grammar and its cues (``cells``).
An effect column ("RR (95% CI)") and a p column go onto the row's contrast: every arm row of one
table row (and timepoint) shares a provisional ``comparison_id`` that ``comparisons`` turns into
a comparisons.csv row. Three readers share this: they differ in what they claim and in domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from evidex.codes import Check, Severity
from evidex.evidence import outcomes
from evidex.evidence.study import StudyArm
from evidex.evidence.tables import cells, header, labels, rows
from evidex.evidence.tables.base import TableInput, TableOutput
from evidex.evidence.tables.cues import statistic_cue
from evidex.evidence.tables.grammar import p_value, shape
from evidex.evidence.text.rows import OutcomeRef
from evidex.models import Evidence, Finding, Provenance

_AE_CAPTION = re.compile(r"adverse|side[- ]effects?|toxicit|safety|complications?|\bAEs?\b|\bTEAEs?\b", re.I)
_BASELINE_CAPTION = re.compile(r"baseline|characteristics|demographic", re.I)
_EFFECT_STAT = {"HR": "hazard_ratio", "OR": "odds_ratio", "RR": "risk_ratio", "RD": "difference",
                "MD": "difference", "SMD": "difference"}  # fmt: skip


@dataclass
class ArmColumn:
    col: header.Column  # the column that holds the value (the mean, the percent, the n (%))
    arm: StudyArm
    parts: dict[str, header.Column] = field(default_factory=dict)  # role -> column, when the arm spans several


@dataclass
class Parsed:
    head: header.Header
    arms: list[ArmColumn]
    label_col: int


def parse(t: TableInput) -> Parsed | None:
    """The table's header and its arm columns resolved to study arms; None when it has no arm columns."""
    if "armlevel" not in t.memo:
        t.memo["armlevel"] = _parse(t)
    got = t.memo["armlevel"]
    return got if isinstance(got, Parsed) else None


def _parse(t: TableInput) -> Parsed | None:
    if len(t.grid) < 2 or max(len(r) for r in t.grid) < 2:
        return None
    head = header.build(t.grid, t.table.caption or "")
    arms = []
    for col in head.of_kind("arm"):
        arm = t.study.resolve(col.label or col.text) if (col.label or col.text) else None
        if arm is None and t.study.single() is not None and len(head.of_kind("arm")) == 1:
            arm = t.study.single()
        if arm is not None:
            arms.append(ArmColumn(col, arm))
    if not arms:
        return None
    label_col = next((c.col for c in head.columns if c.kind == "label"), 0)
    return Parsed(head, _join_parts(arms), label_col)


_VALUE_ROLES = ("mean", "median", "pct", "events", "value")


def _join_parts(arms: list[ArmColumn]) -> list[ArmColumn]:
    """Columns of one arm and time that each hold one part ("n", "Mean", "SD") become one arm column."""
    out: list[ArmColumn] = []
    groups: dict[tuple[str, str], ArmColumn] = {}
    for ac in arms:
        if not ac.col.role:
            out.append(ac)
            continue
        key = (ac.arm.arm_id, ac.col.time_text)
        g = groups.get(key)
        if g is None:
            g = groups[key] = ArmColumn(ac.col, ac.arm, {})
            out.append(g)
        g.parts[ac.col.role] = ac.col
        if ac.col.role in _VALUE_ROLES and g.col.role not in _VALUE_ROLES:
            g.col = ac.col
    return [g for g in out if not g.parts or g.col.role in _VALUE_ROLES]


def _valued_rows(t: TableInput, p: Parsed) -> int:
    cols = [a.col.col for a in p.arms]
    return sum(1 for r in t.grid[p.head.rows :] if any(c < len(r) and shape(r[c]).kind not in ("text", "empty")
                                                       for c in cols))  # fmt: skip


class _ArmLevel:
    kind = "arm_results"
    domain = ""

    def claim(self, t: TableInput) -> float:
        p = parse(t)
        if p is None or _valued_rows(t, p) == 0:
            return 0.0
        return self._claim(t, p)

    def _claim(self, t: TableInput, p: Parsed) -> float:
        return 0.6

    def read(self, tables: list[TableInput]) -> TableOutput:
        out = TableOutput()
        for t in tables:
            p = parse(t)
            if p is not None:
                _read(t, p, self.domain, out)
        return out


class ResultsReader(_ArmLevel):
    kind = "arm_results"


class BaselineReader(_ArmLevel):
    kind = "baseline"
    domain = "baseline"

    def _claim(self, t: TableInput, p: Parsed) -> float:
        return 0.9 if _BASELINE_CAPTION.search(t.table.caption or "") else 0.0


class AdverseEventsReader(_ArmLevel):
    kind = "adverse_events"
    domain = "safety"

    def _claim(self, t: TableInput, p: Parsed) -> float:
        head_text = " ".join(c.text for c in p.head.columns[:1])
        return 0.9 if _AE_CAPTION.search(f"{t.table.caption or ''} {head_text}") else 0.0


def _read(t: TableInput, p: Parsed, domain: str, out: TableOutput) -> None:
    value_cols = [a.col.col for a in p.arms]
    effect_cols = p.head.of_kind("effect")
    p_cols = p.head.of_kind("p")
    context_cues = _context_cues(t.context)
    for row in rows.rows(t.grid, p.head.rows, p.head.n_rows, value_cols, p.label_col, t.indents):
        ref = labels.outcome(row.leaf, row.path, t.normalizer, t.table.page, domain == "safety")
        cells_row = t.grid[row.r]
        pv = next((x for c in p_cols if c.col < len(cells_row) and (x := p_value(cells_row[c.col]))), None)
        written = []
        for ac in p.arms:
            ev = _evidence(t, p, row, ac, ref, domain, context_cues, out)
            if ev is not None:
                if pv is not None:
                    ev = replace(ev, p_value=pv[0], p_operator=pv[1])
                written.append(ev)
        out.evidence.extend(written)
        if len({e.arm_id for e in written}) == 2 and len(effect_cols) == 1:
            eff = _effect(t, row, effect_cols[0], written[0], cells_row)
            if eff is not None:
                out.evidence.append(eff)


def _context_cues(text: str) -> list[str]:
    """Every statistic a caption or footnote announces ("mean (SD) or n (%)"), in the order written."""
    found = []
    for part in re.split(r"\bor\b|;|,\s*(?=\w+\s*[(\[])", text):
        c = statistic_cue(part)
        if c and c not in found:
            found.append(c)
    return found


def _evidence(t: TableInput, p: Parsed, row: rows.Row, ac: ArmColumn, ref: OutcomeRef, domain: str,
              context_cues: list[str], out: TableOutput) -> Evidence | None:  # fmt: skip
    cells_row = t.grid[row.r]
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
    if reading is None:
        if s.kind in ("paren", "frac_pct", "pct") and n is not None:
            out.findings.append(_implausible(t, row, text, n))
        return None
    facts = outcomes.facts(ref.code, ref.code_system)
    graded = facts.graded or ref.kind == "ae"
    grade = (row.grade or "any") if graded else ""
    system = t.grading.get(ref.code) or (t.grading.get("ae", "") if ref.kind == "ae" else "")
    timepoint = ac.col.timepoint if ac.col.time_text else row.timepoint
    cell = next((c for c in t.table.cells if c.row == row.r and c.col == ac.col.col), None)
    head_text = ac.col.text
    return Evidence(
        study_id=t.doc.study_id, arm=ac.arm.arm, arm_label=ac.col.label or ac.arm.label, domain=domain or facts.domain
        or "efficacy", outcome=ref.code, code_system=ref.code_system if ref.code else "", code=ref.code_value,
        grade=grade, grading_system=system if graded else "", timepoint_months=timepoint,
        statistic=reading.statistic, events=reading.events, total=reading.total if reading.total is not None else n,
        value=reading.value, unit=_unit(row.label, facts.unit, reading.statistic), spread=reading.spread,
        low=reading.low, high=reading.high, spread_value=reading.spread_value, section="table",
        quote=f"{row.label} | {head_text}: {text}", outcome_raw=ref.raw, total_derived=reading.total is None
        and n is not None, arm_id=ac.arm.arm_id, comparison_id=f"t:{t.table.table_id}:{row.r}:{ac.col.time_text}",
        derived=";".join(reading.derived),
        prov=Provenance(page=cell.page or t.table.page if cell else t.table.page, bbox=cell.bbox if cell else None,
                        table=t.table.label or t.table.table_id, row=row.r, col=ac.col.col,
                        method=f"table.arm.{reading.rule}.v1", from_ocr=t.table.from_ocr,
                        confidence=cell.confidence if cell else None),
    )  # fmt: skip


def _unit(label: str, default: str, statistic: str) -> str:
    if statistic == "proportion":
        return "%"
    m = re.search(r"\b(months?|days?|years?|weeks?|hours?|minutes?|kg|cm|mm\s?Hg|mg/dl|mmol/l|%)\b", label, re.I)
    return m.group(1).lower() if m else (default if statistic in ("median", "mean") else "")


def _effect(t: TableInput, row: rows.Row, col: header.Column, arm_row: Evidence, cells_row: list[str]
            ) -> Evidence | None:  # fmt: skip
    text = cells_row[col.col] if col.col < len(cells_row) else ""
    s = shape(text)
    if s.kind not in ("interval", "number", "paren") or s.a is None:
        return None
    low, high = (s.lo, s.hi) if s.kind == "interval" else (None, None)
    return replace(arm_row, arm="all", arm_id="", arm_label="", statistic=_EFFECT_STAT.get(col.effect, "difference"),
                   events=None, total=None, value=s.a, spread="95% CI" if low is not None else "", low=low,
                   high=high, spread_value=None, unit="", total_derived=False, derived="",
                   quote=f"{row.label} | {col.text}: {text}",
                   prov=replace(arm_row.prov, col=col.col, method="table.effect.v1"))  # fmt: skip


def _implausible(t: TableInput, row: rows.Row, text: str, n: int) -> Finding:
    return Finding(t.doc.study_id, Check.IMPLAUSIBLE_VALUE, Severity.WARNING,
                   f"{t.table.label or t.table.table_id}, '{row.label}': '{text}' does not read as a statistic of a "
                   f"group of {n} (a count above the group, or a percent that does not fit); not used.",
                   page=t.table.page, quote=f"{row.label}: {text}", stage="evidence", table="evidence")  # fmt: skip
