"""Undo what pandoc does to spanning cells when it writes an HTML table as a Markdown table.

Pandoc drops row and column spans and writes each row's cells one after the other, so two layouts
reach us shifted:

* a sub-label column: a label spanning rows ("Stone side") sits in the first column and its children
  ("right kidney", "left kidney") in the next one, pushing that row's values one column right of the
  header above them. Such a row becomes the parent label (when it has one) and an indented child
  row whose values start in the first value column, as a PDF's grid has them.
* packed header rows: a group name spanning two columns ("Drug A" over "Week 0 | Week 12") takes
  one column, so the names right of it, and the sub-heads under it, drift left of their values.
  They go back over the value columns: sub-heads one per value column, a group name over the run of
  sub-heads it spans, a name carrying its own n ("Placebo (n = 40)") over a column of its own.

Rows are lists of cell texts with their indents; nothing is changed when the layout does not
fit one reading exactly.
"""

from __future__ import annotations

import itertools
import re

Row = tuple[list[str], list[float]]

_VALUE = re.compile(r"^[^A-Za-z]*\d[^A-Za-z]*$")
# a value written as a word, or a footnote mark left alone in a value's cell ("^d^": not applicable)
_PLACEHOLDER = re.compile(r"^(?:(?i:n/?a|nr|nd|ns)|-+|[–—]|[a-z*†‡§¤#]{1,2}(?:,[a-z*†‡§]){0,3})$")
_N = re.compile(r"\b[nN]\s*=\s*\d")
_INDENT = 4.0  # characters per level for a label moved out of a sub-label column


_MARKS = re.compile(r"\s*(?:(?<![A-Za-z])[a-z]|[*†‡§¤#]+)(?:,[a-z*†‡§])*$")  # footnote marks: "247 (4.1%) a"


def is_value(text: str) -> bool:
    return bool(
        _VALUE.match(text) or (_VALUE.match(_MARKS.sub("", text)) and text[:1] not in "abcdefghijklmnopqrstuvwxyz")
    )


def _valueish(text: str) -> bool:
    return bool(text) and (is_value(text) or bool(_PLACEHOLDER.match(text)))


def _first_value(texts: list[str]) -> int:
    return next((c for c, t in enumerate(texts) if c and _valueish(t)), len(texts))


def value_columns(rows: list[Row], start: int) -> list[int]:
    return sorted({c for texts, _ in rows[start:] for c, t in enumerate(texts) if c and is_value(t)})


def body_start(rows: list[Row]) -> int:
    """The first row with a value right of the first column."""
    return next((r for r, (texts, _) in enumerate(rows) if any(is_value(t) for t in texts[1:])), len(rows))


def labelled_stub(rows: list[Row]) -> bool:
    """Every column left of the values has a heading of its own ("Site | Group | Baseline | Week 4"): the
    columns are label columns, not columns that a child label of a spanning row was pushed into."""
    start = body_start(rows)
    values = value_columns(rows, start)
    heads = max((sum(1 for t in texts if t) for texts, _ in rows[:start]), default=0)
    return bool(values) and heads - len(values) >= values[0]


def collapse_sub_labels(rows: list[Row]) -> list[Row]:
    """Rows whose label sits in a value column (the child of a label spanning rows) moved back under the
    header: parent label (if any) on a row of its own, child label indented in the first column."""
    start = body_start(rows)
    values = value_columns(rows, start)
    if not values or start >= len(rows) or labelled_stub(rows):
        return rows  # every leading column has its own heading: a real label column ("Site | Group | ...")
    holding = {c for texts, _ in rows[start:] for c, t in enumerate(texts) if c and is_value(t)}
    sub = {c for texts, _ in rows[start:] if not texts[0] for c in _label_cols(texts)}
    out = rows[:start]
    for texts, indents in rows[start:]:
        out.extend(_collapse(texts, indents, sub, holding))
    return out


def _label_cols(texts: list[str]) -> list[int]:
    f = _first_value(texts)
    return [c for c in range(1, f) if texts[c]] if f < len(texts) else []


def _label_cols_only(texts: list[str], sub: set[int]) -> bool:
    cols = [c for c, t in enumerate(texts) if t]
    return bool(cols) and all(c in sub for c in cols)


def _collapse(texts: list[str], indents: list[float], sub: set[int], holding: set[int]) -> list[Row]:
    f = _first_value(texts)
    if f == len(texts) and not texts[0] and _label_cols_only(texts, sub):
        f = len(texts)  # a sub-group label alone on its row ("In-stent" over its time points)
    elif f <= 1 or f >= len(texts):
        return [(texts, indents)]
    labels = [c for c in range(1, f) if texts[c]]
    if labels and not all(c in sub for c in labels):
        return [(texts, indents)]
    if not labels and (texts[0] == "" or any(c in holding or c not in sub for c in range(1, f))):
        return [(texts, indents)]  # an empty cell of a value column: a missing value, kept in its place
    width = len(texts)
    moved = texts[f:] + [""] * (f - 1)
    out: list[Row] = []
    if labels and texts[0]:
        out.append(([texts[0]] + [""] * (width - 1), [indents[0]] + [0.0] * (width - 1)))
    label = " ".join(texts[c] for c in labels) if labels else texts[0]
    depth = labels[-1] * _INDENT if labels else indents[0]
    out.append(([label, *moved], [depth] + [0.0] * (width - 1)))
    return out


def realign_header(rows: list[Row]) -> None:
    """Packed header rows (see the module note) spread back over the value columns, in place."""
    start = body_start(rows)
    values = value_columns(rows, start)
    heads = [r for r in range(start) if any(rows[r][0][1:])]
    if not values or not heads:
        return
    leaf = rows[heads[-1]][0]
    top = rows[heads[-2]][0] if len(heads) >= 2 else None
    shapes = _column_shapes(rows[start:])
    for with_first in (True, False) if top is not None else (False,):
        cols = [c for c, t in enumerate(leaf) if t and (c or with_first)]
        plan = _plan(leaf, cols, top, values, shapes) if cols else None
        if plan is None:
            continue
        leaf_at, top_at = plan
        _place(leaf, cols, leaf_at)
        if top is not None and top_at:
            # rows above set like the names' row move with it: group names over a row of their sizes ("(n=16)")
            names = _names(top)
            for row in [top, *(rows[r][0] for r in heads[:-2] if _names(rows[r][0]) == names)]:
                _place(row, names, top_at)
        return


def _names(top: list[str]) -> list[int]:
    return [c for c, t in enumerate(top) if c and t]


def _plan(leaf: list[str], cols: list[int], top: list[str] | None, values: list[int],
          shapes: dict[int, str]) -> tuple[list[int], list[int]] | None:  # fmt: skip
    """Where the sub-heads and the group names go, or None when no single exact reading exists."""
    j = len(cols)
    if j == len(values):  # one sub-head per value column; group names over the runs of sub-heads they head
        return values, (_runs(top, [leaf[c] for c in cols], values) if top is not None else [])
    if top is None or j > len(values):
        return None
    names = _names(top)
    k, singles = len(names), len(values) - j
    spanning = k - singles
    if singles < 0 or spanning < 1 or j % spanning or j // spanning < 2:
        return None
    w = j // spanning
    subs = [leaf[c] for c in cols]
    if len({tuple(_key(x) for x in subs[g * w : (g + 1) * w]) for g in range(spanning)}) > 1:
        return None  # the sub-heads under each group name repeat
    fits = []
    for single in itertools.combinations(range(k), singles):
        leaf_at, top_at, groups = _layout(k, set(single), w, values)
        if spanning >= 2 and len({tuple(shapes.get(c, "") for c in g) for g in groups}) > 1:
            continue  # the groups' columns should hold the same kinds of values
        fits.append((set(single), leaf_at, top_at))
    if len(fits) > 1:  # one group name and single columns: only a name's own n tells which are single
        own = {i for i, c in enumerate(names) if _N.search(top[c])}
        fits = [f for f in fits if f[0] == own]
    return (fits[0][1], fits[0][2]) if len(fits) == 1 else None


def _layout(k: int, single: set[int], w: int, values: list[int]) -> tuple[list[int], list[int], list[list[int]]]:
    leaf_at: list[int] = []
    top_at: list[int] = []
    groups: list[list[int]] = []
    v = 0
    for i in range(k):
        top_at.append(values[v])
        if i in single:
            v += 1
        else:
            groups.append(values[v : v + w])
            leaf_at.extend(groups[-1])
            v += w
    return leaf_at, top_at, groups


def _runs(top: list[str], subs: list[str], values: list[int]) -> list[int]:
    """Group names each at the start of the run of sub-heads it heads: the runs repeat the same sub-heads,
    one run per name. Empty when no such runs exist, or the names already open them."""
    names = _names(top)
    k = len(names)
    keys = [_key(x) for x in subs]
    for w in range(2, len(keys) // max(k, 1) + 1):
        for s in range(len(keys) - k * w + 1):
            first = keys[s : s + w]
            if k < 2 or any(keys[s + i * w : s + (i + 1) * w] != first for i in range(1, k)):
                continue
            at = [values[s + i * w] for i in range(k)]
            return [] if at == names else at
    return []


def _column_shapes(body: list[Row]) -> dict[int, str]:
    """The commonest shape of each column's values ("9.9 ± 9.9", "9 (9.9)"): digits and marks left out."""
    seen: dict[int, list[str]] = {}
    for texts, _ in body:
        for c, t in enumerate(texts):
            if c and is_value(t):
                seen.setdefault(c, []).append(re.sub(r"\d+", "9", re.sub(r"[\s+\-−–]+", "", _MARKS.sub("", t))))
    return {c: max(dict.fromkeys(v), key=v.count) for c, v in seen.items()}  # ties: the first seen


def _key(text: str) -> str:
    return re.sub(r"[^a-z%]", "", re.sub(r"(?:\s+[a-z*†‡§](?:,[a-z*†‡§])*)+$", "", text.lower()))


def _place(row: list[str], cols: list[int], at: list[int]) -> None:
    texts = [row[c] for c in cols]
    for c in cols:
        row[c] = ""
    for c, t in zip(at, texts, strict=True):
        row[c] = t
