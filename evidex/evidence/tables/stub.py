"""The stub column of a table that sets its groups as rows: which rows are a group's, the group's name and the level
of the row within it ("FAT Pre" / "Post"), and whether the stub's head or the caption says the rows are groups.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from evidex.evidence.tables import cues
from evidex.evidence.tables.grammar import is_value

ARM_HEAD = re.compile(
    r"\s*(?:study\s+|treatment\s+|randomi[sz]ed\s+)?(?:arms?|groups?|allocation)(?:\s+and\s+\w+)?\s*", re.I
)


def row_names(grid: list[list[str]], start: int) -> list[str]:
    """The distinct group names of the stub column (two to six), in order; empty when it does not read so."""
    names = list(dict.fromkeys(name for name, _ in stub_groups(full_rows(grid, start)).values()))
    names = [x for x in names if _group_name(x)]
    return names if 2 <= len(names) <= _MAX_ROW_GROUPS else []


def names_groups(grid: list[list[str]], start: int, stub: str) -> bool:
    """A stub column headed as groups: "Group", "Arm"; "Condition" only when its few names each open a block of
    rows ("Warm": heart rate, weight; "Warm + Fan": heart rate, weight), not one disease a row."""
    if ARM_HEAD.fullmatch(stub):
        return True
    if not _CONDITION_HEAD.fullmatch(stub):
        return False
    rows = full_rows(grid, start)
    written = [x for x in rows.values() if x.strip()]
    names = row_names(grid, start)
    # each name written once and over two rows or more: a name written twice is a variable slipped into the stub
    return bool(names) and len(written) == len(set(written)) and len(rows) >= 2 * len(names)


@cache
def _group_rows_cues() -> tuple[re.Pattern[str], ...]:
    with cues.DATA.open(encoding="utf-8") as fh:
        return tuple(re.compile(r["pattern"], re.I) for r in csv.DictReader(fh) if r["kind"] == "group_rows")


def group_rows_caption(caption: str) -> bool:
    """A caption that says its rows give each group ("... per treatment group", "by group x time")."""
    return any(p.search(caption) for p in _group_rows_cues())


_CONDITION_HEAD = re.compile(r"\s*(?:study\s+|experimental\s+)?conditions?\s*", re.I)
_MAX_ROW_GROUPS = 6
_FULL = 0.6  # share of a group row's value cells that hold values


def full_rows(grid: list[list[str]], start: int, stub: int = 0) -> dict[int, str]:
    """Body rows whose filled cells other than the stub mostly hold values: row -> its stub label."""
    out = {}
    for r in range(start, len(grid)):
        cells = [c for k, c in enumerate(grid[r]) if k != stub and c.strip()]
        if cells and sum(1 for c in cells if is_value(c)) >= _FULL * len(cells):
            out[r] = cues.footnote_marks(grid[r][stub]) if stub < len(grid[r]) else ""
    return out


def section_groups(grid: list[list[str]], start: int, stub: int = 0) -> dict[int, tuple[str, str]]:
    """Groups written as section rows over their own rows ("FAT" over "Pre", "Post"; a Markdown table whose
    spanning group cell became a label row): each valued row -> (the label-only row above it, its own label)."""
    out: dict[int, tuple[str, str]] = {}
    section = ""
    valued = full_rows(grid, start, stub)
    for r in range(start, len(grid)):
        label = cues.footnote_marks(grid[r][stub]).strip() if stub < len(grid[r]) else ""
        if r in valued:
            if section and label:
                out[r] = (section, label)
        elif label and not any(c.strip() for k, c in enumerate(grid[r]) if k != stub):
            section = label
    return out


def _group_name(text: str) -> bool:
    """A stub label that may name a group: a short name, not a statistic, a test, a total, an effect or a time."""
    if not 0 < len(text.split()) <= 4 or not re.search(r"[A-Za-z]", text) or cues.timepoint(text) is not None:
        return False
    tests = (cues.effect_kind, cues.names_difference, cues.is_p_header, cues.is_total_header, cues.is_test_statistic,
             cues.statistic_cue)  # fmt: skip
    return not any(f(text) for f in tests)


def stub_groups(labels: dict[int, str]) -> dict[int, tuple[str, str]]:
    """Each group row's group name and its level within the group (a time: "Pre", "Week 4"), from the stub labels
    of the group rows in order (row -> label). A block opened by "FAT Pre" and continued by "Post" is one group
    when every block ends its opening label with the same word and continues with the same labels ("FAT Pre",
    "Post", "CE Pre", "Post"); a label that is only a time, or empty, continues the group above."""
    rows = sorted(labels)
    blocks = _suffix_blocks([labels[r] for r in rows])
    out: dict[int, tuple[str, str]] = {}
    name = ""
    for i, r in enumerate(rows):
        label = labels[r].strip()
        if blocks is not None:
            got = blocks[i]
            if got is None:  # a row after the last block ("Group x Time F2,54"): no group's
                continue
            opened, level = got
            name = opened or name
        elif not label or (cues.timepoint(label) is not None and len(label.split()) <= 3 and name):
            level = label
        else:
            name, level = label, ""
        if name:
            out[r] = (name, level)
    return out


def _suffix_blocks(labels: list[str]) -> list[tuple[str, str] | None] | None:
    """("FAT", "Pre"), ("", "Post"), ("CE", "Pre"), ("", "Post") for "FAT Pre", "Post", "CE Pre", "Post"; None
    unless the labels make two or more such blocks, each opened by a name and the same last word, each continued
    by the same labels."""
    if len(labels) < 4 or not labels[0].strip():
        return None
    last = labels[0].split()[-1]
    opens = [i for i, x in enumerate(labels) if len(x.split()) >= 2 and x.split()[-1] == last]
    if len(opens) < 2 or opens[0] != 0:
        return None
    bounds = [*opens, len(labels)]
    runs = [labels[a + 1 : b] for a, b in zip(bounds, bounds[1:], strict=False)]
    k = len(runs[0])
    if not k or any(run != runs[0] for run in runs[:-1]) or runs[-1][:k] != runs[0] or \
            any(len(x.split()) > 2 for x in runs[0]):  # fmt: skip
        return None
    end = opens[-1] + k + 1  # rows below the last block belong to no group
    out: list[tuple[str, str] | None] = []
    for i, x in enumerate(labels):
        out.append((x[: x.rstrip().rfind(" ")].strip(), last) if i in opens else ("", x.strip()) if i < end else None)
    return out
