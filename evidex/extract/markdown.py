"""Papers converted to Markdown by pandoc (PubMed Central's XML rendered as text): headings, prose, tables.

Such a file holds each section as one long line opened by an inline heading ("## Methods The trial
randomised ..."), tables in ``::::table-wrap`` fences as pandoc simple or multiline tables (columns
fixed by the runs of dashes under the header; wrapped cells continue on the next line; an indented
label is a child of the row above) and figures as HTML. Tables become ``Table`` records with cells,
so the evidence stage reads them as it reads a PDF's grid. Hand-written because pandoc's own reader
is a Haskell program, and the Python Markdown libraries do not parse pandoc's table syntax.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from evidex.extract import markdown_grid, sections
from evidex.models import Cell, Table, TextBlock

_FENCE = re.compile(r"::::\s*table-wrap\b(?P<body>.*?)(?:::::|\Z)", re.S)
_CAPTION = re.compile(r"::: caption\s*(?P<text>.*?)\s*:::", re.S)
_FIGURE = re.compile(r"<figure>.*?</figure>|!\[[^\]]*\]\([^)]*\)", re.S)
_HEADING = re.compile(r"(?:^|(?<=\s))(?P<level>#{1,6})\s+")
_DASHES = re.compile(r"-{2,}")
_RULE = re.compile(r"^\s*-{3,}(?:\s+-{2,})*\s*$")
_EMPHASIS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}")
_SUPER = re.compile(r"\^([^^\s]{1,12})\^")  # "^a^", "^e,f,g,h^": superscript marks
_LINK = re.compile(r"\[([^\]]*)\]\(#?[^)]*\)|\[([^\]]*)\]\{[^}]*\}")  # a link, or a span with attributes
_HEAD_WORD_LIMIT = 12


def looks_like(text: str) -> bool:
    """Pandoc Markdown of a paper: a '# Abstract'-style heading and inline '## ' headings or table fences."""
    return bool(re.match(r"\s*#{1,2}\s+\w", text)) and ("::::" in text or len(_HEADING.findall(text)) >= 3)


def plain(text: str) -> str:
    """Markdown emphasis, links and superscript marks out of a piece of text (footnote marks kept as text)."""
    s = _LINK.sub(lambda m: m[1] if m[1] is not None else m[2], text)
    s = _SUPER.sub(r" \1", s)
    s = _EMPHASIS.sub("", s)
    return re.sub(r"[ \t]+", " ", s)


@dataclass
class _Segment:
    kind: str  # prose | table
    text: str
    start: int
    end: int


def parse(text: str) -> tuple[list[TextBlock], list[Table]]:
    blocks: list[TextBlock] = []
    tables: list[Table] = []
    state = _Sections()
    number = 0
    for seg in _segments(text):
        if seg.kind == "table":
            number += 1  # counted whether or not it reads: an image-only table still takes its number
            found, caption = _table(seg, number)
            if caption is not None:
                blocks.append(TextBlock(caption, state.section, "caption", None, None, seg.start, seg.end,
                                        order=len(blocks)))  # fmt: skip
            tables.extend(found)
            continue
        for head, level, body, start, end in _headed(seg):
            if head:
                section = state.enter(head, level)
                blocks.append(TextBlock(head, section, "heading", None, None, start, start + len(head),
                                        order=len(blocks)))  # fmt: skip
            body_text = plain(body).strip()
            if body_text:
                blocks.append(TextBlock(body_text, state.section, "paragraph", None, None, end - len(body), end,
                                        order=len(blocks)))  # fmt: skip
    return blocks, tables


class _Sections:
    """Level-1 headings open sections; headings below them are subsections of the same section."""

    def __init__(self) -> None:
        self.section = "abstract"
        self.top = "abstract"

    def enter(self, head: str, level: int) -> str:
        found = sections.section_of_heading(head)
        if level == 1 and found and found != "subsection":
            self.top = found
        elif level == 1 and re.match(r"\s*abstract\b", head, re.I):
            self.top = "abstract"
        self.section = self.top if self.top == "abstract" or not found or found == "subsection" else found
        return self.section


def _segments(text: str) -> list[_Segment]:
    out: list[_Segment] = []
    pos = 0
    for m in _FENCE.finditer(text):
        if m.start() > pos:
            out.append(_Segment("prose", text[pos : m.start()], pos, m.start()))
        out.append(_Segment("table", m["body"], m.start("body"), m.end("body")))
        pos = m.end()
    if pos < len(text):
        out.append(_Segment("prose", text[pos:], pos, len(text)))
    return out


def _headed(seg: _Segment) -> list[tuple[str, int, str, int, int]]:
    """(heading, level, body, start, end) runs of a prose segment; the heading ends where the prose begins."""
    text = _FIGURE.sub(lambda m: " " * len(m.group()), seg.text)
    marks = list(_HEADING.finditer(text))
    out = []
    if not marks or marks[0].start() > 0:
        end = marks[0].start() if marks else len(text)
        out.append(("", 0, text[:end], seg.start, seg.start + end))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        chunk = text[m.end() : end]
        head, body = _split_heading(chunk)
        out.append((head, len(m["level"]), body, seg.start + m.end(), seg.start + end))
    return out


_KNOWN_HEADS = re.compile(
    r"(?i)(?:abstract|summary|introduction|background|objectives?|aims?|purpose|context|rationale|"
    r"(?:(?:patients?|materials?|subjects?|participants)(?:,)? and )?methods?|research design and methods|"
    r"design(?:,? setting,? and participants)?|setting|participants|interventions?|main outcome measures?|"
    r"measurements?|trial registration|registration|results?(?: and discussion)?|findings|discussion|"
    r"conclusions?(?: and relevance)?|interpretation|limitations|funding|significance)\b:?"
)


def _split_heading(chunk: str) -> tuple[str, str]:
    """ "Methods The PURSUIT trial ..." -> ("Methods", "The PURSUIT trial ..."): a known section name, else
    the words up to the first capitalized word that follows a lower-case one (where the prose starts)."""
    words = chunk.split(" ")
    clean = [plain(w) for w in words]
    known = _KNOWN_HEADS.match(" ".join(clean))
    if known:
        k = len(known.group().split(" "))
        return " ".join(clean[:k]).strip(" :"), " ".join(words[k:])
    prev_lower = False
    for i, w in enumerate(clean[:_HEAD_WORD_LIMIT]):
        if i and prev_lower and w[:1].isupper():
            return " ".join(clean[:i]).strip(" :"), " ".join(words[i:])
        prev_lower = w[:1].islower() or w.endswith(":")
    return "", chunk


def _table(seg: _Segment, number: int) -> tuple[list[Table], str | None]:
    body = seg.text
    cap = _CAPTION.search(body)
    caption = plain(re.sub(r"\s+", " ", cap["text"])).strip(" #") if cap else None
    rest = _FIGURE.sub("", body[cap.end() :] if cap else body)  # a table's image ("![]()") is no row
    label = f"Table {number}"
    tables = []
    pieces = _stacked(rest.split("\n"))
    for k, lines in enumerate(pieces):
        rows, footnotes = _grid_lines(lines)
        if not rows:
            continue
        suffix = chr(ord("a") + k) if len(pieces) > 1 and k < 26 else ""
        tables.append(Table(table_id=f"md-t{number}{suffix}", label=label, caption=caption, method="markdown-pandoc",
                            quality=1.0, n_rows=1 + max(c.row for c in rows), n_cols=1 + max(c.col for c in rows),
                            cells=tuple(rows), footnotes=tuple(footnotes), char_start=seg.start,
                            char_end=seg.end))  # fmt: skip
    return tables, (f"{label}. {caption}" if caption else label)


def _stacked(lines: list[str]) -> list[list[str]]:
    """The lines of each table when one table-wrap holds several stacked under each other (a simple table,
    a blank line, the next one's header over its own column rule); one piece when it holds one table."""
    rules = [i for i, ln in enumerate(lines) if _RULE.match(ln) and len(_DASHES.findall(ln)) >= 2]
    starts = [0]
    for prev, r in itertools.pairwise(rules):
        head = r
        while head > prev + 1 and lines[head - 1].strip() and not _RULE.match(lines[head - 1]):
            head -= 1
        if head < r and head > prev + 1 and not lines[head - 1].strip():
            starts.append(head)  # header lines right over the rule, a blank line above them: a new table
    return [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _grid_lines(lines: list[str]) -> tuple[list[Cell], list[str]]:
    """Cells of a pandoc simple or multiline table, and the footnote lines under it."""
    lines = [ln.replace("::::", "") for ln in lines]
    rule_at = [i for i, ln in enumerate(lines) if _RULE.match(ln) and len(_DASHES.findall(ln)) >= 2]
    if not rule_at:
        return [], []
    r0 = rule_at[0]
    spans = [(m.start(), m.end()) for m in _DASHES.finditer(lines[r0])]
    top = max((i for i in range(r0) if _RULE.match(lines[i])), default=-1)  # a multiline table's opening rule
    multiline = top >= 0
    header = [ln for ln in lines[top + 1 : r0] if ln.strip()]
    end, notes = _body_end(lines, r0 + 1, multiline)
    body_rows = _rows(lines[r0 + 1 : end], multiline)
    cells: list[Cell] = []
    head_rows = [[ln] for ln in header] if not multiline else [header] if header else []
    cut = [_cut(group, spans) for group in head_rows + body_rows]
    _unshift(cut, len(head_rows))
    cut = markdown_grid.collapse_sub_labels(cut)
    markdown_grid.realign_header(cut)
    for r, (texts, indents) in enumerate(cut):
        for c, (t, ind) in enumerate(zip(texts, indents, strict=True)):
            if t:
                cells.append(Cell(row=r, col=c, text=t, indent=ind))
    return cells, notes


_VALUE = re.compile(r"^[^A-Za-z]*\d[^A-Za-z]*$")


def _kinds(texts: list[str]) -> list[str]:
    return ["" if not t else ("v" if _VALUE.match(t) else "t") for t in texts]


def _unshift(rows: list[tuple[list[str], list[float]]], start: int) -> None:
    """A row under a spanning cell that pandoc wrote flush left ("Placebo | 48.4 ± 24.1 | ... |" where the rows
    around read "| Placebo | 48.4 ..." with the span's label above) moves right when that fits the columns."""
    body = [texts for texts, _ in rows[start:]]
    if len(body) < 3:
        return
    headed = {c for texts, _ in rows[:start] for c, t in enumerate(texts) if c and t}
    width = len(body[0])
    full = [r for r in body if r[-1]] or body  # rows that reach the last column show where things belong
    usual = []
    for c in range(width):
        ks = [k for k in (_kinds(r)[c] for r in full) if k]
        usual.append(_commonest(ks))
    for texts, indents in rows[start:]:
        if texts[-1] or not texts[0] or {c for c, t in enumerate(texts) if c and t} == headed:
            continue  # a row filling exactly the columns the header heads is where it belongs
        shifted = ["", *texts[:-1]]
        if _misfit(shifted, usual) < _misfit(texts, usual):
            texts[:] = shifted
            indents[:] = [0.0, *indents[:-1]]


def _commonest(kinds: list[str]) -> str:
    """The kind most cells of a column have; "" on a tie (no kind is usual: the same in every process, where a
    set's order would pick either)."""
    counts = Counter(kinds).most_common()
    return counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else ""


def _misfit(texts: list[str], usual: list[str]) -> int:
    return sum(1 for k, u in zip(_kinds(texts), usual, strict=True) if k and u and k != u)


def _body_end(lines: list[str], i: int, multiline: bool) -> tuple[int, list[str]]:
    """Where the body stops (a closing rule, or a blank line in a simple table) and the footnotes after it."""
    j = i
    while j < len(lines):
        ln = lines[j]
        if _RULE.match(ln) and (multiline or j > i):
            break
        if not ln.strip() and not multiline and j > i:
            break
        j += 1
    notes = [plain(x).strip() for x in lines[j + 1 :] if x.strip() and not _RULE.match(x)]
    return j, [re.sub(r"\s+", " ", n) for n in notes]


def _rows(lines: list[str], multiline: bool) -> list[list[str]]:
    """Body lines grouped into rows: one line each, or blank-line separated groups in a multiline table."""
    if not multiline:
        return [[ln] for ln in lines if ln.strip()]
    groups: list[list[str]] = [[]]
    for ln in lines:
        if ln.strip():
            groups[-1].append(ln)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _cut(group: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[float]]:
    """Each column's text in a row (lines of a wrapped row joined), by where the words start."""
    parts: list[list[str]] = [[] for _ in spans]
    indents = [0.0 for _ in spans]
    placed: list[tuple[int, int, int, str]] = []  # (line, column, end, run)
    for line_no, ln in enumerate(group):
        for m in re.finditer(r"\S+(?: \S+)*", ln):
            placed.append((line_no, _column(m.start(), m.end(), spans), m.end(), m.group()))
    placed = _spill_right(placed, spans)
    for line_no, col, end, run in placed:
        if not parts[col] and line_no == 0:
            indents[col] = float(max(0, end - len(run) - spans[col][0]))
        parts[col].append(run)
    return [plain(" ".join(p)).strip() for p in parts], indents


def _spill_right(
    placed: list[tuple[int, int, int, str]], spans: list[tuple[int, int]]
) -> list[tuple[int, int, int, str]]:
    """A second run of words in a column that sticks out past the column's end moves to the next column when
    that one is empty on the line: a centred heading ("TAU    p") drifted left of its own column."""
    used = {(line_no, col) for line_no, col, _, _ in placed}
    out = list(placed)
    for i in range(1, len(out)):
        line_no, col, end, run = out[i]
        prev = out[i - 1]
        if (
            prev[0] == line_no
            and prev[1] == col
            and end > spans[col][1]
            and col + 1 < len(spans)
            and (line_no, col + 1) not in used
        ):
            out[i] = (line_no, col + 1, end, run)
            used.add((line_no, col + 1))
    return out


def _column(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """The column a run of words belongs to: the one it overlaps most, else the nearest to its left."""
    best, overlap = -1, 0
    for k, (a, b) in enumerate(spans):
        o = min(end, b) - max(start, a)
        if o > overlap:
            best, overlap = k, o
    if best >= 0:
        return best
    left = [k for k, (a, _) in enumerate(spans) if a <= start]
    return left[-1] if left else 0
