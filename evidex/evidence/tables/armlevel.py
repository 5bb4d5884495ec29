"""Arm-level tables (results, baseline characteristics, adverse events) -> one evidence row per arm and row.

The header model names the arm columns and their n; each is resolved to the study's arm, so a
column and a sentence naming the same group share an ``arm_id``. Each body row's label path is its
outcome (``rows``, ``labels``); each arm cell is read by the cell grammar and its cues (``cells``).
An effect column ("RR (95% CI)") and a p column go onto the row's contrast: every arm row of one
table row (and timepoint) shares a provisional ``comparison_id`` that ``comparisons`` turns into
a comparisons.csv row. Three readers share this: they differ in what they claim and in domain.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from evidex.evidence.tables import cues, emit, header, labels, rows, transposed
from evidex.evidence.tables.base import TableInput, TableOutput
from evidex.evidence.tables.cues import statistic_cue
from evidex.evidence.tables.emit import ArmColumn
from evidex.evidence.tables.grammar import clean, is_value, p_value, shape
from evidex.models import Evidence

# "safety population" / "safety analysis set" names who is analysed, not what the table reports
_AE_CAPTION = re.compile(
    r"adverse|side[- ]effects?|toxicit|safety(?!\s+(?:population|analysis|set|sample|cohort))|complications?|"
    r"\bAEs?\b|\bTEAEs?\b|treatment[- ]emergent",
    re.I,
)
_BASELINE_CAPTION = re.compile(r"characteristics|demographic|\bbaseline\b", re.I)
_DESCRIBED = re.compile(r"characteristics|demographic", re.I)
# "Changes in outcomes from baseline", "Means at baseline and at 1 and 4 months": results over time, not the
# characteristics of the groups at entry
_OVER_TIME = re.compile(
    r"\bchanges?\b|\bdifferences?\b|follow[- ]?up|\boutcomes?\b|\bafter\b|\bpost|\bend\s+of\b|\b(?:weeks?|months?)\b",
    re.I,
)
_EFFECT_STAT = {"HR": "hazard_ratio", "OR": "odds_ratio", "RR": "risk_ratio", "RD": "difference",
                "MD": "difference", "SMD": "difference"}  # fmt: skip


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
        name = header.unmarked(col.label or col.text, resolves=lambda x: t.study.resolve(x) is not None)
        arm = t.study.resolve(name) if name else None
        if col.label and name != col.label:
            col.label = name
        if arm is None and t.study.single() is not None and len(head.of_kind("arm")) == 1:
            arm = t.study.single()
        if arm is not None:
            arms.append(ArmColumn(col, arm))
    _by_printed_n(t, head, arms)
    _caption_sizes(t, arms)
    if not arms:
        return None
    label_col = next((c.col for c in head.columns if c.kind == "label"), 0)
    over_labels = _arm_over_labels(t, head, arms)
    return Parsed(head, _join_parts([*([over_labels] if over_labels else []), *arms]), label_col)


def _arm_over_labels(t: TableInput, head: header.Header, arms: list[ArmColumn]) -> ArmColumn | None:
    """ "Intervention group (n = 70) | Control group (n = 70) | p": a header one cell short, whose first group sits
    over the row labels; that group (named with its n, no other column's) is the label column's, its values glued
    to the labels ("Waist, cm -3.34 (-5.56; -1.13)"), read only where they are (``_glued_values``)."""
    lab = next((c for c in head.columns if c.kind == "label"), None)
    if lab is None or lab.n is None or not lab.label:
        return None
    arm = t.study.resolve(lab.label)
    if arm is None or any(a.arm.arm_id == arm.arm_id for a in arms):
        return None
    return ArmColumn(lab, arm)


def _by_printed_n(t: TableInput, head: header.Header, arms: list[ArmColumn]) -> None:
    """Two differently named columns of one time that resolve to one arm ("MTL (n = 98)" and "MTL+ Caloric
    Intake (n = 90)"): a column whose printed n is not that arm's but is exactly one other arm's, which no
    other column of the table holds, is that other arm."""
    used = {a.arm.arm_id for a in arms}
    for ac in arms:
        twins = [b for b in arms if b is not ac and b.arm.arm_id == ac.arm.arm_id and not b.col.role
                 and b.col.time_text + b.col.grade == ac.col.time_text + ac.col.grade and b.col.label != ac.col.label]
        if ac.col.role or not twins or ac.col.n is None or ac.arm.n == ac.col.n:
            continue
        other = [a for a in t.study.arms if a.n == ac.col.n]
        if len(other) == 1 and other[0].arm_id not in used:
            ac.arm = other[0]
            used.add(other[0].arm_id)


_SIZED_NAME = re.compile(r"(?P<name>[A-Za-z][\w+/-]*(?:\s+[\w+/-]+){0,5}?)\s*[(\[]\s*[nN]\s*=\s*(?P<n>\d+)\s*[)\]]")


def _caption_sizes(t: TableInput, arms: list[ArmColumn]) -> None:
    """ "Score changes ... in intervention group (n = 70) and in control group (n = 70)": a caption that sizes the
    groups gives the table's n to the columns whose header prints none (those analysed, not those randomized)."""
    sized: dict[str, int] = {}
    for m in _SIZED_NAME.finditer(t.table.caption or ""):
        words = m["name"].split()
        for k in range(len(words)):  # "in intervention group" -> "intervention group"
            arm = t.study.resolve(" ".join(words[k:]))
            if arm is not None:
                sized.setdefault(arm.arm_id, int(m["n"]))
                break
    for ac in arms:
        if ac.col.n is None and ac.arm.arm_id in sized:
            ac.col.n = sized[ac.arm.arm_id]


def parse_any(t: TableInput) -> Parsed | transposed.Transposed | None:
    """Arms as columns, else arms as rows."""
    got = parse(t)
    if got is not None:
        return got
    if "transposed" not in t.memo:
        t.memo["transposed"] = transposed.parse(t)
    tp = t.memo["transposed"]
    return tp if isinstance(tp, transposed.Transposed) else None


_VALUE_ROLES = ("mean", "median", "pct", "events", "value")


def _join_parts(arms: list[ArmColumn]) -> list[ArmColumn]:
    """Columns of one arm and time that each hold one part ("n", "Mean", "SD") become one arm column."""
    out: list[ArmColumn] = []
    groups: dict[tuple[str, str], ArmColumn] = {}
    for ac in arms:
        if not ac.col.role:
            out.append(ac)
            continue
        key = (ac.arm.arm_id, ac.col.time_text + ac.col.grade)
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
        if cues.model_caption(t.table.caption or ""):
            return 0.0
        p = parse_any(t)
        if p is None or (isinstance(p, Parsed) and _valued_rows(t, p) == 0):
            return 0.0
        return self._claim(t, p)

    def _claim(self, t: TableInput, p: Parsed | transposed.Transposed) -> float:
        return 0.6

    def read(self, tables: list[TableInput]) -> TableOutput:
        out = TableOutput()
        for t in tables:
            p = parse_any(t)
            if isinstance(p, Parsed):
                _read(t, p, self.domain, out)
            elif p is not None:
                transposed.read(t, p, self.domain, _context_cues(t.context), out)
        return out


class ResultsReader(_ArmLevel):
    kind = "arm_results"


class BaselineReader(_ArmLevel):
    kind = "baseline"
    domain = "baseline"

    def _claim(self, t: TableInput, p: Parsed | transposed.Transposed) -> float:
        caption = t.table.caption or ""
        if not _BASELINE_CAPTION.search(caption) or (_OVER_TIME.search(caption) and not _DESCRIBED.search(caption)):
            return 0.0
        return 0.9


class AdverseEventsReader(_ArmLevel):
    kind = "adverse_events"
    domain = "safety"

    def _claim(self, t: TableInput, p: Parsed | transposed.Transposed) -> float:
        head_text = " ".join(c.text for c in p.head.columns[:1])
        return 0.9 if _AE_CAPTION.search(f"{t.table.caption or ''} {head_text}") else 0.0


def _read(t: TableInput, p: Parsed, domain: str, out: TableOutput) -> None:
    value_cols = [a.col.col for a in p.arms]
    effect_cols = p.head.of_kind("effect")
    p_cols = p.head.of_kind("p")
    context_cues = _context_cues(t.context)
    on_label = next((a for a in p.arms if a.col.col == p.label_col), None)
    body = rows.rows(t.grid, p.head.rows, p.head.n_rows, value_cols, p.label_col, t.indents)
    glue = _glued_values(t, body, p.label_col) if on_label else {}
    stub = next((c.text for c in p.head.columns if c.col == p.label_col and c.kind != "arm"), "")
    for row in body:
        glued = glue.get(row.r)
        if glued is not None:
            row = replace(row, leaf=glued[0], cue=statistic_cue(glued[0]))
        if not row.path and labels.time_only(row.leaf) and (subject := labels.caption_subject(t.table.caption or "")):
            row = replace(row, path=[subject])  # "Day 1" rows under "Table 2: Hamilton Anxiety Rating Scale"
        ref = labels.outcome(row.leaf, row.path, t.normalizer, t.table.page, domain == "safety")
        cells_row = t.grid[row.r]
        own = emit.own_p_columns(p.arms, p_cols)
        scope = emit.p_scope(p.arms)
        pv = next((x for c in p_cols if c.col < len(cells_row) and (x := p_value(cells_row[c.col]))), None)
        written = []
        for ac in p.arms:
            own_text = glued[1] if glued is not None and ac is on_label else None
            ev = emit.evidence(t, row, ac, ref, domain, context_cues, out, text=own_text, stub=stub)
            if ev is not None:
                if own is not None:
                    c, scope = own.get(id(ac), (None, ""))
                    pv = p_value(cells_row[c.col]) if c is not None and c.col < len(cells_row) else None
                if pv is not None:
                    ev = replace(ev, p_value=pv[0], p_operator=pv[1], p_scope=scope)
                written.append(ev)
        out.evidence.extend(written)
        if len({e.arm_id for e in written}) == 2:  # an effect column belongs to a two-arm contrast
            for col in effect_cols:
                eff = _effect(t, row, col, written[0], cells_row)
                if eff is not None:
                    out.evidence.append(eff)


# "Waist circumference, cm -3.34 (-5.56; -1.13)": a label and the value of the column printed under it
_GLUED = re.compile(
    r"^(?P<label>.*[A-Za-z%)\]].*?)\s+(?P<value>-?\d+(?:\.\d+)?\s*(?:[(\[][^()\[\]]*[)\]]|±\s*\d+(?:\.\d+)?)?)$"
)


def _glued_values(t: TableInput, body: list[rows.Row], label_col: int) -> dict[int, tuple[str, str]]:
    """Row -> (label, value) when most rows' label cells end with a value: the header is one cell short."""
    got = {r.r: g for r in body if (g := _glued_value(t.grid[r.r][label_col] if label_col < len(t.grid[r.r]) else ""))}
    return got if len(got) * 2 > len(body) else {}


def _glued_value(raw: str) -> tuple[str, str] | None:
    """A header one cell short puts the first arm's column over the row labels, whose cells then hold the label and
    that arm's value together: (the label, the value) when the cell ends with a value, else None."""
    m = _GLUED.match(clean(raw))
    if m is None or not is_value(m["value"]):
        return None
    return cues.footnote_marks(m["label"]), m["value"]


_RATIOS = ("HR", "OR", "RR")


def _ratio_shaped(value: float, low: float | None, high: float | None) -> bool:
    """A 95% CI even around its value on the log scale and clearly uneven on the linear one: a ratio's.

    A difference's interval is value ± 1.96 SE; a ratio's is exp(log value ± 1.96 SE), so 0.92 (0.61-1.38)
    (1.51x either way, 0.31 below and 0.46 above) is a ratio whatever the column calls it.
    """
    if low is None or high is None or not 0 < low < value < high:
        return False
    log_even = 0.8 <= math.log(value / low) / math.log(high / value) <= 1.25
    lin_even = 0.8 <= (value - low) / (high - value) <= 1.25
    return log_even and not lin_even


def _context_cues(text: str) -> list[str]:
    """Every statistic a caption or footnote announces ("mean (SD) or n (%)"), in the order written."""
    found = []
    for part in re.split(r"\bor\b|;|,\s*(?=\w+\s*[(\[])", text):
        c = statistic_cue(part)
        if c and c not in found:
            found.append(c)
    return found


def _effect(t: TableInput, row: rows.Row, col: header.Column, arm_row: Evidence, cells_row: list[str]
            ) -> Evidence | None:  # fmt: skip
    text = cells_row[col.col] if col.col < len(cells_row) else ""
    s = shape(text)
    if s.kind not in ("interval", "number", "paren") or s.a is None or col.effect == "SMD":
        # an effect size (Cohen's d, Hedges' g, a standardized difference) is in no unit of the outcome: calling it
        # a difference would put 0.12 beside mean differences in the outcome's units, so it is left out
        return None
    low, high = (s.lo, s.hi) if s.kind == "interval" else (None, None)
    statistic = _EFFECT_STAT.get(col.effect, "difference")
    if statistic == "difference" and _ratio_shaped(s.a, low, high) and not cues.names_difference(col.text):
        # "Treatment effect 0.92 (0.61-1.38)": a CI even on the log scale is a ratio's; the caption or a
        # footnote may say which ("unadjusted relative risk"), else the value is left out, not called a difference
        named = cues.effect_kind(t.context)
        if named not in _RATIOS:
            return None
        statistic = _EFFECT_STAT[named]
    return replace(arm_row, arm="all", arm_id="", arm_label="", statistic=statistic,
                   events=None, total=None, value=s.a, spread="95% CI" if low is not None else "", low=low,
                   high=high, spread_value=None, unit="", total_derived=False, derived="",
                   quote=f"{row.label} | {col.text}: {text}",
                   prov=replace(arm_row.prov, col=col.col, method="table.effect.v1"))  # fmt: skip


