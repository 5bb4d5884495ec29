"""Cell-level truth for trial tables: the publisher's XML tables, as the markdown texts carry them.

``../shared/rct/text/PMC<id>.md`` holds each table between ``::::table-wrap`` fences, laid out as a
pandoc simple table (header lines, a dashed rule with one run of dashes per column, one line per row,
ended by a blank line), a headerless simple table (rules above and below) or a multiline table (a full
rule above, rows separated by blank lines, a full rule below). Cells are found by column: every word
goes to the column whose dashes it starts under (midpoints of the gaps split neighbours, so a cell a
character off its column, left by a dropped escape, still lands right). A simple-table line whose stub
is empty and that completes an unclosed bracket of the row above is that row's wrapped continuation.

Also the scorer: a found table against a truth table, rows aligned in order, columns mapped by vote,
a truth body cell right when the found cell at the aligned row and mapped column has the same text
(markup, footnote carets and spacing around it ignored; spaces inside a cell are kept: "Adverse
event" is not "Adverseevent").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

WRAP = re.compile(r"::::table-wrap\n(.*?)::::", re.S)
RULE = re.compile(r"^\s*-{3,}[- ]*$")
CAPTION = re.compile(r":::\s*caption\n(.*?)\n:::", re.S)


@dataclass
class TruthTable:
    """One publisher table: caption, header rows and body rows (lists of cell texts)."""

    index: int  # 1-based order in the paper ("Table N" as printed, mostly)
    caption: str
    header: list[list[str]]
    body: list[list[str]]
    n_cols: int = 0
    image: bool = False  # the publisher gave the table as a picture: no cell truth

    @property
    def cells(self) -> list[str]:
        return [c for row in self.body for c in row if norm(c)]


@dataclass
class Scored:
    """A found table scored against a truth table."""

    right: int = 0
    total: int = 0
    rows_found: int = 0
    rows_total: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (truth, found) for wrong cells


def clean(text: str) -> str:
    """Markdown inline markup off: emphasis, superscript carets, escapes, links."""
    text = re.sub(r"\[([^\]]*)\]\(#?[^)]*\)", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = text.replace("*", "").replace("^", "").replace("~", "")
    return " ".join(text.split())


def norm(text: str) -> str:
    """Compare form: NFKC, one space, dashes and minus alike, no space inside brackets or before commas."""
    text = unicodedata.normalize("NFKC", clean(text)).lower()
    text = re.sub(r"[\u2212\u2013\u2014\u2010\u2011]", "-", text)
    text = re.sub(r"-{2,3}", "-", text)
    text = re.sub(r"\s*([(\[])\s*", r" \1", text)
    text = re.sub(r"\s*([)\],;:%])", r"\1", text)
    text = re.sub(r"\s*([=<>±/])\s*", r"\1", text)
    return " ".join(text.split()).strip()


def _spans(rule: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]


def _chunks(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Words joined into cell chunks: a gap splits when a column boundary lies in or near it.

    Dropped escapes shift text left of its rule by a few characters, so a boundary counts as near
    within a few characters; a single space splits only right at a boundary.
    """
    bounds = [(a_end, b_start) for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)]
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\S+", line):
        if out:
            gs, ge = out[-1][1], m.start()
            slack = 4 if ge - gs >= 2 else 0
            split = any(gs - 1 <= b + slack and a - slack <= ge for a, b in bounds)
            if not split:
                s0, _, text = out[-1]
                out[-1] = (s0, m.end(), text + " " * (ge - gs) + m.group())
                continue
        out.append((m.start(), m.end(), m.group()))
    return out


def _cost(chunk: tuple[int, int, str], span: tuple[int, int]) -> int:
    s, e, _ = chunk
    a, b = span
    return min(abs(s - a), abs(e - b), 0 if a <= s and e <= b + 1 else 99)


def _columns(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """Chunks of one line into columns, in order, each to the column it sits under (least total offset)."""
    chunks = _chunks(line, spans)
    n, m = len(chunks), len(spans)
    if n > m:  # more pieces than columns: the extra ones join their left neighbour
        while len(chunks) > m:
            k = min(range(1, len(chunks)), key=lambda i: chunks[i][0] - chunks[i - 1][1])
            a, b = chunks[k - 1], chunks[k]
            chunks[k - 1 : k + 1] = [(a[0], b[1], a[2] + " " + b[2])]
        n = m
    inf = 10**9
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[n][j] = 0
    for k in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[k][j] = min(_cost(chunks[k], spans[j]) + best[k + 1][j + 1], best[k][j + 1])
    cols = [""] * m
    k = j = 0
    while k < n and j < m:
        if best[k][j] == _cost(chunks[k], spans[j]) + best[k + 1][j + 1]:
            cols[j] = " ".join(chunks[k][2].split())
            k, j = k + 1, j + 1
        else:
            j += 1
    return cols


def _join(rows: list[list[str]]) -> list[str]:
    n = max(len(r) for r in rows)
    return [" ".join(r[j] for r in rows if j < len(r) and r[j]).strip() for j in range(n)]


def _unclosed(text: str) -> bool:
    return text.count("(") > text.count(")") or text.count("[") > text.count("]") or text.rstrip().endswith(
        (",", "-", "–", "/"))


def _simple_body(lines: list[str], spans: list[tuple[int, int]]) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in lines:
        cells = _columns(line, spans)
        prev = rows[-1] if rows else None
        wraps = prev is not None and not cells[0] and any(
            c and _unclosed(prev[j]) for j, c in enumerate(cells))
        if wraps and prev is not None:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(prev, cells, strict=True)]
        else:
            rows.append(cells)
    return rows


def _blocks(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def parse_table(block: str, index: int) -> TruthTable:
    cap = CAPTION.search(block)
    caption = clean(cap.group(1)) if cap else ""
    rest = block[cap.end():] if cap else block
    lines = rest.split("\n")
    rules = [i for i, ln in enumerate(lines) if RULE.match(ln)]
    if not rules:
        return TruthTable(index, caption, [], [], image=True)
    seg = next((i for i in rules if len(_spans(lines[i])) >= 2), rules[0])
    spans = _spans(lines[seg])
    opening = [i for i in rules if i < seg]
    start = opening[0] + 1 if opening else seg
    while start > 0 and not opening and lines[start - 1].strip():
        start -= 1
    head_lines = [ln for ln in lines[start:seg] if ln.strip()]
    header = [_join([_columns(ln, spans) for ln in head_lines])] if head_lines else []
    closing = [i for i in rules if i > seg]
    multiline = bool(opening)
    if closing:
        body_lines = lines[seg + 1:closing[0]]
    else:
        body_lines = []
        for ln in lines[seg + 1:]:
            if not ln.strip():
                break
            body_lines.append(ln)
    has_blank = any(not ln.strip() for ln in body_lines)
    if multiline and has_blank:
        body = [_join([_columns(ln, spans) for ln in b]) for b in _blocks(body_lines)]
    else:
        body = _simple_body([ln for ln in body_lines if ln.strip()], spans)
    return TruthTable(index, caption, header, body, n_cols=len(spans))


def truth_tables(md_path: Path) -> list[TruthTable]:
    text = md_path.read_text(encoding="utf-8")
    return [parse_table(m.group(1), i + 1) for i, m in enumerate(WRAP.finditer(text))]


# ---------------------------------------------------------------- scoring


def _row_sim(a: list[str], b: list[str]) -> float:
    sa, sb = {norm(x) for x in a if norm(x)}, {norm(x) for x in b if norm(x)}
    if not sa or not sb:
        return 0.0
    exact = len(sa & sb) / len(sa)
    loose = SequenceMatcher(None, " ".join(sorted(sa)), " ".join(sorted(sb))).ratio()
    return max(exact, 0.5 * loose)


def align_rows(truth: list[list[str]], found: list[list[str]]) -> list[int | None]:
    """Each truth row's found row (order kept, at most one each), by dynamic programming on row similarity."""
    n, m = len(truth), len(found)
    sim = [[_row_sim(t, f) for f in found] for t in truth]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= 0.3 else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[int | None] = [None] * n
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= 0.3 and abs(best[i][j] - (sim[i][j] + best[i + 1][j + 1])) < 1e-9:
            out[i] = j
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def map_columns(truth: list[list[str]], found: list[list[str]], rows: list[int | None]) -> dict[int, int]:
    """Truth column -> found column, in order, chosen to agree on the most cells."""
    tc = max((len(r) for r in truth), default=0)
    fc = max((len(r) for r in found), default=0)
    votes = [[0] * fc for _ in range(tc)]
    for t, j in zip(truth, rows, strict=True):
        if j is None:
            continue
        f = found[j]
        for a, x in enumerate(t):
            for b, y in enumerate(f):
                if norm(x) and norm(x) == norm(y):
                    votes[a][b] += 1
    best = [[0] * (fc + 1) for _ in range(tc + 1)]
    for a in range(tc - 1, -1, -1):
        for b in range(fc - 1, -1, -1):
            best[a][b] = max(votes[a][b] + best[a + 1][b + 1], best[a + 1][b], best[a][b + 1])
    out: dict[int, int] = {}
    a = b = 0
    while a < tc and b < fc:
        if votes[a][b] and best[a][b] == votes[a][b] + best[a + 1][b + 1]:
            out[a] = b
            a, b = a + 1, b + 1
        elif best[a + 1][b] >= best[a][b + 1]:
            a += 1
        else:
            b += 1
    return out


def score(truth: TruthTable, found: list[list[str]]) -> Scored:
    body = [r for r in truth.body if any(norm(c) for c in r)]
    rows = align_rows(body, found)
    cols = map_columns(body, found, rows)
    s = Scored(rows_total=len(body))
    for t, j in zip(body, rows, strict=True):
        s.rows_found += j is not None
        for a, x in enumerate(t):
            if not norm(x):
                continue
            s.total += 1
            y = found[j][cols[a]] if j is not None and a in cols and cols[a] < len(found[j]) else ""
            if norm(x) == norm(y):
                s.right += 1
            else:
                s.misses.append((x, y))
    return s


def overlap(truth: TruthTable, found: list[list[str]]) -> float:
    """Share of the truth's body cells whose text appears somewhere in the found table (for matching)."""
    cells = {norm(c) for c in truth.cells}
    if not cells:
        return 0.0
    got = {norm(c) for row in found for c in row}
    return len(cells & got) / len(cells)
