"""Tables with the arms as rows: "Total colon | RMD | 53.0 ± 23.9 | 39.7 ± 22.3" under Baseline | Week 3.

A text column whose cells name two or more of the study's arms is the arm column; a cell left empty
under a spanning label ("Post" under "FAT | Pre") takes the label above it. Each value column's
header is then either a time (the row's other text is the outcome) or the outcome (the row's other
text may be a time: "Pre", "Post", "Week 12"). Rows of different arms at one outcome and time share
a provisional comparison id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidex.evidence.study import StudyArm
from evidex.evidence.tables import cues, emit, header, labels, rows, stub
from evidex.evidence.tables.base import TableInput, TableOutput
from evidex.evidence.tables.grammar import is_value

_MAX_TEXT_COLS = 3
_GENERIC = re.compile(r"^\s*(?:characteristics?|variables?|outcomes?|parameters?|measures?|items?|groups?|"
                      r"treatment|arm|time(?:\s*point)?|visit)\s*$", re.I)


@dataclass
class Transposed:
    head: header.Header
    arm_col: int
    text_cols: list[int]
    value_cols: list[int] = field(default_factory=list)
    groups: dict[int, tuple[str, str]] = field(default_factory=dict)  # valued row -> (group name, level)


def parse(t: TableInput) -> Transposed | None:
    if len(t.grid) < 3:
        return None
    head = header.build(t.grid, t.table.caption or "")
    body = t.grid[head.rows :]
    width = max(len(r) for r in t.grid)
    text_cols = [c for c in range(min(width, _MAX_TEXT_COLS)) if _texty(body, c)]
    for j in text_cols:  # the stub's own labels name the groups, else section rows over them ("FAT" over "Pre")
        for named in (_group_of_row(t.grid, head.rows, j), stub.section_groups(t.grid, head.rows, j)):
            found = {a.arm_id for name, _ in named.values() if (a := t.study.resolve(name)) is not None}
            if len(found) >= 2:
                values = [c for c in range(width)
                          if c not in text_cols and any(c < len(r) and is_value(r[c]) for r in body)]  # fmt: skip
                return Transposed(head, j, text_cols, values, named) if values else None
    return None


def _group_of_row(grid: list[list[str]], start: int, j: int) -> dict[int, tuple[str, str]]:
    """Each valued row's group name in column ``j`` and its level there ("FAT Pre", "Post" -> FAT at Pre, Post)."""
    return stub.stub_groups(stub.full_rows(grid, start, j))


def _texty(body: list[list[str]], c: int) -> bool:
    cells = [r[c] for r in body if c < len(r) and r[c].strip()]
    return bool(cells) and sum(1 for x in cells if not is_value(x)) >= 0.8 * len(cells)


def read(t: TableInput, p: Transposed, domain: str, context_cues: list[str], out: TableOutput) -> None:
    above = {j: "" for j in p.text_cols}
    section = ""
    root = [h for j in p.text_cols if j != p.arm_col and j < len(p.head.columns)
            and (h := p.head.columns[j].text) and not _GENERIC.match(h)][:1]  # fmt: skip
    groups = p.groups
    wrapped = {j: rows.wrapped_cells(t.grid, p.head.rows, j) for j in p.text_cols if j != p.arm_col}
    for r in range(p.head.rows, len(t.grid)):
        row = t.grid[r]
        valued = any(c < len(row) and is_value(row[c]) for c in p.value_cols)
        for j in p.text_cols:
            if j < len(row) and row[j].strip():
                above[j] = wrapped.get(j, {}).get(r) or cues.footnote_marks(row[j])
            elif not valued:
                above[j] = ""
        if not valued:
            section = next((above[j] for j in p.text_cols if above[j]), section)
            if t.study.resolve(section) is not None:
                section = ""  # a group's own section row ("FAT" over "Pre", "Post") names the arm, not the outcome
            continue
        name, level = groups.get(r, (above[p.arm_col], ""))
        arm = t.study.resolve(name) if name else None
        if arm is None:
            continue
        others = [above[j] for j in p.text_cols if j != p.arm_col and above[j]] + ([level] if level else [])
        _row(t, p, r, arm, root + ([section] if section else []), others, domain, context_cues, out)


def _row(t: TableInput, p: Transposed, r: int, arm: StudyArm, path: list[str], others: list[str], domain: str,
         context_cues: list[str], out: TableOutput) -> None:  # fmt: skip
    times = [x for x in others if _time_of(x) is not None and len(x.split()) <= 3]
    named = [x for x in others if x not in times]
    row_tp = _time_of(times[0]) if times else None
    n = _row_n(t.grid[r], p) or arm.n
    for c in p.value_cols:
        col = p.head.columns[c] if c < len(p.head.columns) else header.Column(c, "")
        if col.kind == "p" or cues.is_group_size_header(col.text):
            continue  # a p value of the comparison, or the row's n: no value of the arm's own
        col_tp = cues.timepoint(col.text) if col.text else None
        tp: cues.Timepoint | None = row_tp
        if col_tp is not None and len(col.label.split()) <= 1:
            leaf, tp = " ".join(named) or (path[-1] if path else ""), col_tp
            lpath = path if named else path[:-1]
        else:
            leaf = col.label or col.text
            lpath = path + named
        if not leaf:
            continue
        ref = labels.outcome(leaf, lpath, t.normalizer, t.table.page, domain == "safety")
        fake_row = rows.Row(r, leaf, lpath, timepoint=tp.months if tp else None, time_text=tp.text if tp else "",
                            cue=cues.statistic_cue(col.text), section_cue=cues.statistic_cue(" ".join(lpath)))
        fake_col = header.Column(c, col.text, "arm", arm.label, n, cue="")
        ac = emit.ArmColumn(fake_col, arm)
        cid = f"t:{t.table.table_id}:T:{' / '.join([*lpath, leaf])}:{tp.text if tp else ''}"
        ev = emit.evidence(t, fake_row, ac, ref, domain, context_cues, out, cid=cid)
        if ev is not None:
            out.evidence.append(ev)


def _row_n(row: list[str], p: Transposed) -> int | None:
    """The group's n printed in the row, under a column headed "n" ("Placebo | 99 | 35.4"): the denominator of the
    row's percents, which may be fewer than randomised."""
    for c in p.value_cols:
        if c < len(p.head.columns) and c < len(row) and cues.is_group_size_header(p.head.columns[c].text):
            text = row[c].replace(",", "").strip()
            return int(text) if text.isdigit() and int(text) > 0 else None
    return None


_BARE = {"pre": "pre-intervention", "post": "post-intervention"}


def _time_of(text: str) -> cues.Timepoint | None:
    """A row's time: "Week 4", "Baseline"; a bare "Pre"/"Post" beside a group's name is before/after its
    intervention (the caption's "before (pre) and after (post)")."""
    bare = _BARE.get(text.strip().lower())
    tp = cues.timepoint(bare or text)
    return cues.Timepoint(tp.months, text.strip()) if bare and tp is not None else tp
