"""Tables without ruling lines: find tabular runs of lines, then columns from whitespace rivers.

Used for born-digital words (points) and Tesseract words (pixels) alike; all
distances scale with the median word height, so units do not matter.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from evidex.extract.tables.captions import CAPTION, FOOTNOTE
from evidex.extract.tables.words import Word, group_lines, line_box, median_height, median_size

MAX_CELL_WORDS = 4  # median words per cell above this is running text, not a table
GAP_FACTOR = 0.8  # a column gap is wider than this many word heights; inter-word spaces are ~0.3


@dataclass(frozen=True, slots=True)
class Layout:
    """Column and row boundaries of one borderless table, in the words' units."""

    xs: list[float]
    ys: list[float]
    words: list[Word]


def segments(line: list[Word], gap: float) -> list[list[Word]]:
    """Split a line where the space between neighbouring words is wider than ``gap``."""
    out: list[list[Word]] = []
    for w in line:
        if out and w.x0 - out[-1][-1].x1 <= gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def table_runs(lines: list[list[Word]], gap: float, min_rows: int = 3) -> list[list[list[Word]]]:
    """Runs of consecutive lines that look tabular (2+ segments); one stray line may sit inside a run."""
    h = median_height([w for line in lines for w in line])
    runs: list[list[list[Word]]] = []
    cur: list[list[Word]] = []
    pending: list[list[Word]] = []  # a one-segment line kept only if the run goes on
    last_bottom = None
    for line in lines:
        tabular = len(segments(line, gap)) >= 2
        text = _text(line)
        far = last_bottom is not None and line_box(line)[1] - last_bottom > 2.5 * h
        # a caption or a footnote line ends a table; so does a gap wider than a blank line
        stop = CAPTION.match(text) or (FOOTNOTE.match(text) and not tabular) or far
        if stop or (not tabular and pending):
            _close(runs, cur, min_rows)
            cur, pending = [], []
        if stop:
            last_bottom = line_box(line)[3]
            continue
        if tabular:
            cur.extend(pending)
            cur.append(line)
            pending = []
        elif cur:
            pending = [line]
        last_bottom = line_box(line)[3]
    _close(runs, cur, min_rows)
    return runs


def _close(runs: list[list[list[Word]]], cur: list[list[Word]], min_rows: int) -> None:
    if len(cur) >= min_rows:
        runs.append(list(cur))


def column_bounds(lines: list[list[Word]], gap: float) -> list[float]:
    """Column edges from whitespace rivers that the structural lines leave open.

    Lines with far fewer segments than typical (spanning group headers, wrapped
    cells) are left out of the vote; their words are placed by centre later.
    """
    segs = [segments(line, gap) for line in lines]
    counts = [len(s) for s in segs]
    typical = statistics.median(counts)
    voters = [s for s, n in zip(segs, counts, strict=True) if n >= max(2, typical * 0.6)] or segs
    x_lo = min(w.x0 for line in lines for w in line)
    x_hi = max(w.x1 for line in lines for w in line)
    width = int(x_hi - x_lo) + 2
    cover = [0] * width
    for line_segs in voters:
        for part in (p for seg in line_segs for p in _values_apart(seg)):
            for x in range(int(part[0].x0 - x_lo), int(part[-1].x1 - x_lo) + 1):
                cover[x] += 1
    allowed = len(voters) // 10  # a tenth of the lines may cross a river (stray long cells)
    edges = [x_lo]
    x = 0
    while x < width:
        if cover[x] <= allowed:
            start = x
            while x < width and cover[x] <= allowed:
                x += 1
            if start > 0 and x < width and x - start >= gap * 0.4:
                edges.append(x_lo + (start + x) / 2)
        x += 1
    edges.append(x_hi)
    return edges


def wrapped(lines: list[list[Word]]) -> list[bool]:
    """For each line after the first: does it continue the row above (a wrapped cell) by line pitch?

    Lines inside one cell sit one leading apart; rows add cell padding. Only when
    the pitches fall into two distinct levels is the smaller level read as wrapping.
    """
    centres = [sum(w.yc for w in line) / len(line) for line in lines]
    pitches = [b - a for a, b in zip(centres, centres[1:], strict=False)]
    if not pitches:
        return []
    small = min(pitches)
    wide = [p for p in pitches if p > 1.5 * small]
    if len(wide) < 0.3 * len(pitches):
        return [False] * len(pitches)
    return [p <= 1.25 * small for p in pitches]


VALUE = re.compile(r"[\d.,·\s()\[\]%±+\-−–/<>=≤≥*†‡§]+")  # a cell of numbers only: a body value, not a header
OPEN_END = ("(", ",", "-", "–", "±", "/", "+", "&", " and", " or", " of", " with", " to", " in", " the", " vs",
            " vs.")


def _open(text: str) -> bool:
    """A cell that goes on: an unclosed bracket, or ending on a comma, dash, ± or a joining word."""
    t = text.rstrip()
    return bool(t) and (t.count("(") > t.count(")") or t.count("[") > t.count("]") or t.endswith(OPEN_END))


def _cells(line: list[Word], xs: list[float]) -> dict[int, str]:
    n_cols = len(xs) - 1
    out: dict[int, list[str]] = {}
    for w in line:
        out.setdefault(min(max(col_of(xs, w.xc), 0), n_cols - 1), []).append(w.text)
    return {c: " ".join(ws) for c, ws in out.items()}


def _goes_on(text: str, above: str = "") -> bool:
    """Text that finishes the cell above: lower case, a bracket, a lone unit ("treatment", "(months)", "%").

    A bracket under a number is a value line of its own ("3.69" / "(1.14)": the publisher's rows keep it apart).
    """
    lead = text.lstrip()[:1]
    if lead in "([" and above.rstrip()[-1:].isdigit():
        return False
    return lead.islower() or lead in "([%±"  # "41.5" / "± 14.5": the spread of the mean above


def continues(prev: dict[int, str], cur: dict[int, str]) -> bool:
    """Does a line carry on the row above (a wrapped cell) rather than start a row? Read from the text:

    - no stub: every cell it fills carries on the cell above, open or not ("-9.93 (-12.96," / "-6.90)",
      "Before" / "treatment", "Placebo" / "(n = 42)");
    - stub only: it starts in lower case or a bracket, or the stub above is open ("Mean duration of" / "disease");
    - stub and values: under a stub-only line whose text is unfinished ("Mean age," / "(SD), y  52  53"), or when
      the stub goes on and every value finishes an open cell above ("Plaque  24.7 ±" / "accumulation  11.3").
    A section heading ("Primary endpoints") followed by its first child never joins: the child is capitalized.
    """
    under = all(prev.get(c) for c in cur) and not any(
        VALUE.fullmatch(t.strip()) and not t.lstrip().startswith("(") for t in cur.values())
    if under and len(cur) >= 2 and 2 * sum(_goes_on(t, prev[c]) or _open(prev[c]) for c, t in cur.items()) >= len(cur):
        return True  # a header set on two lines ("Case" / "No.", "Disease" / "status", "BM blasts" / "before (%)")
    if 0 not in cur:
        return all(_open(prev.get(c, "")) or (bool(prev.get(c)) and _goes_on(t, prev[c])) for c, t in cur.items())
    first = cur[0].lstrip()
    unfinished = _goes_on(first, prev.get(0, "")) or _open(prev.get(0, ""))
    if set(cur) == {0}:
        return unfinished
    if unfinished and all(_open(prev.get(c, "")) for c in cur if c != 0):
        return True  # "Plaque | 24.7 ± | 25.2 ±" / "accumulation (%) | 11.3 | 13.1": every value finishes one above
    return set(prev) == {0} and unfinished


def row_bounds(lines: list[list[Word]], xs: list[float]) -> list[float]:
    """Row edges between lines; a line that carries on the row above (by its text, at line pitch) joins it."""
    centres = [sum(w.yc for w in line) / len(line) for line in lines]
    pitches = [b - a for a, b in zip(centres, centres[1:], strict=False)]
    small = min(pitches) if pitches else 0.0
    rows: list[list[list[Word]]] = []
    cells: list[dict[int, str]] = []
    for i, line in enumerate(lines):
        cur = _cells(line, xs)
        if rows and pitches[i - 1] <= 1.5 * small and continues(cells[-1], cur):
            rows[-1].append(line)
            merged = dict(cells[-1])
            for c, t in cur.items():
                merged[c] = f"{merged[c]} {t}" if c in merged else t
            cells[-1] = merged
        else:
            rows.append([line])
            cells.append(cur)
    tops = [min(w.top for line in r for w in line) for r in rows]
    bottoms = [max(w.bottom for line in r for w in line) for r in rows]
    ys = [tops[0]]
    ys.extend((b + t) / 2 for b, t in zip(bottoms[:-1], tops[1:], strict=True))
    ys.append(bottoms[-1])
    return ys


def split_bands(words: list[Word], xs: list[float], ys: list[float]) -> list[float]:
    """Row edges of a grid ruled only around its header: a band holding many text lines is split per row.

    Only when the grid has three bands or fewer; in a fully ruled grid a band with
    several lines is one row with wrapped cells.
    """
    if len(ys) - 1 > 3:
        return ys
    out = [ys[0]]
    for top, bottom in zip(ys, ys[1:], strict=False):
        lines = group_lines([w for w in words if top <= w.yc < bottom])
        if len(lines) >= 3:
            out.extend(row_bounds(lines, xs)[1:-1])
        out.append(bottom)
    return out


def col_of(xs: list[float], x: float) -> int:
    for i in range(len(xs) - 1):
        if x < xs[i + 1]:
            return i
    return len(xs) - 2


def _prose(lines: list[list[Word]], xs: list[float]) -> bool:
    """Two-column article text also leaves a river; its 'cells' are long runs of words, a table's are short."""
    counts: list[int] = []
    for line in lines:
        per_col: dict[int, int] = {}
        for w in line:
            per_col[col_of(xs, w.xc)] = per_col.get(col_of(xs, w.xc), 0) + 1
        counts.extend(per_col.values())
    counts.sort()
    return bool(counts) and counts[len(counts) // 2] > MAX_CELL_WORDS


def merge_words(seg: list[Word]) -> Word:
    confs = [w.conf for w in seg if w.conf is not None]
    conf = sum(confs) / len(confs) if confs else None
    return Word(" ".join(w.text for w in seg), min(w.x0 for w in seg), min(w.top for w in seg),
                max(w.x1 for w in seg), max(w.bottom for w in seg), conf=conf)


def borderless_layouts(words: list[Word], min_rows: int = 3, min_cols: int = 2) -> list[Layout]:
    """Every borderless table among ``words`` (a page or a region), as row/column edges."""
    lines = group_lines(words)
    gap = median_size(words) * GAP_FACTOR
    out = []
    for run in table_runs(lines, gap, min_rows):
        xs = column_bounds(run, gap)
        if len(xs) - 1 < min_cols:
            continue
        ys = row_bounds(run, xs)
        if len(ys) - 1 < min_rows:
            continue
        # whole segments are placed, so a header like "Blasts (%)" never straddles a column edge
        if _prose(run, xs):
            continue
        merged = [merge_words(seg) for line in run for seg in segments(line, gap)]
        out.append(Layout(xs, ys, merged))
    return out


NUMERIC_PIECE = re.compile(r"^[<>≤≥±+\-−–]?\s*\(?[\d.,·]+%?\)?(?:\s*[\(/±]\s*[\d.,·\-−–]+\s*%?\)?)?[*†‡§a-e]?$")


def panels(words: list[Word]) -> list[list[Word]]:
    """A region's words cut into stacked panels: sub-tables under one caption, each opened by its own line of
    column heads after rows of values, set on columns of its own ("CGI-S | n | Adjusted mean change" over its
    rows, then "CGI-I | Proportion responders | %" over others). One piece when the heads repeat the same
    columns (a table's header set again per time period) or there is no second line of heads."""
    lines = group_lines(words)
    if len(lines) < 6:
        return [words]
    gap = median_size(words) * GAP_FACTOR
    kinds = []
    for line in lines:
        segs = segments(line, gap)
        values = sum(1 for seg in segs[1:] if NUMERIC_PIECE.match(_text(seg)) or _text(seg) in ("—", "-", "–"))
        rest = "".join(_text(seg) for seg in segs[1:])
        wordy = sum(ch.isdigit() for ch in rest) < 0.1 * max(len(rest), 1)  # "95% CI" may head; "F2,54 = 1.04" no
        kinds.append("value" if len(segs) >= 2 and values >= 1 else "head" if len(segs) >= 3 and wordy else "other")
    starts = [0]
    for i in range(1, len(lines)):
        after_values = sum(1 for k in kinds[starts[-1] : i] if k == "value") >= 2 and kinds[i - 1] in ("value", "other")
        if kinds[i] == "head" and after_values:
            j = i
            while j - 1 > starts[-1] and kinds[j - 1] == "other" and not _open_row(lines[j - 1]):
                j -= 1  # the heads' upper lines ("Proportion | Adjusted" over "responders | odds ratio")
            starts.append(j)
    if len(starts) < 2:
        return [words]
    pieces = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    if any(sum(1 for ln in p if kinds[lines.index(ln)] == "value") < 2 for p in pieces):
        return [words]
    bounds = [column_bounds(p, gap) for p in pieces]
    same = all(len(b) == len(bounds[0]) and all(abs(x - y) <= 2 * gap for x, y in zip(b, bounds[0], strict=True))
               for b in bounds[1:])  # fmt: skip
    if same:
        return [words]
    return [[w for ln in p for w in ln] for p in pieces]


def _open_row(line: list[Word]) -> bool:
    """A line with a number in it: a row of the panel above (a value under a wrapped label), not a head."""
    return any(any(ch.isdigit() for ch in w.text) for w in line)


_BARE_NUMBER = re.compile(r"^[<>≤≥]?\d+(?:[.,·]\d+)?%?[*†‡§¶a-d]?$")


def _values_apart(seg: list[Word]) -> list[list[Word]]:
    """A segment split where one bare number follows another with nothing joining them ("18.1 39.2" in
    "49.3 ± 18.1 39.2 ± 14.8", "0.0010* 57.4"): two cells of a dense table whose gap fell under the word gap.
    Only the vote on rivers uses the parts; a river still needs every other line open there too."""
    out = [[seg[0]]]
    for a, b in zip(seg, seg[1:], strict=False):
        if _BARE_NUMBER.match(a.text) and _BARE_NUMBER.match(b.text):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def region_layout(words: list[Word]) -> Layout | None:
    """The one table inside a known region (a caption's): columns from rivers, rows from lines."""
    lines = group_lines(words)
    if len(lines) < 2:
        return None
    gap = median_size(words) * GAP_FACTOR
    xs = column_bounds(lines, gap)
    if len(xs) - 1 < 2:
        return None
    ys = row_bounds(lines, xs)
    merged = [merge_words(part) for line in lines for seg in segments(line, gap) for part in _values_apart(seg)]
    return Layout(xs, ys, merged)
