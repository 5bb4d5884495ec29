"""Text already pulled out of a paper (.txt/.md): blocks, sections and damaged tables.

Pasted papers arrive as the seed files do: a structured abstract ("Objective: ...
Results: ..."), numbered headings ("2.1. Enrolled patients"), captions
("TABLE 2 ...") and, often at the end, tables that survived only as OCR'd
lines. Lines are classified one by one, then grouped into blocks; runs of
table-like lines become a ``Table`` with ``lines`` for the evidence stage to
segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from evidex.extract import markdown, metadata, sections
from evidex.extract.link import link_captions
from evidex.models import Document, InputError, Table, TextBlock

# possessive quantifiers: the two classes share ",", and backtracking over a long run of commas was quadratic
_NUM = re.compile(r"^[(\[]?[+<>≤≥~=-]?\d[\d.,/%:–-]*+[)\],;]*+$")
_FOOTNOTE = re.compile(r"^\s*(\(\d{1,2}\)|\*|†|‡|§|note[s]?\b|abbreviations?\b|[a-e]\s)", re.I)


@dataclass
class _Line:
    text: str
    start: int
    end: int
    kind: str  # blank | heading | caption | strong | weak | prose


def read_text(data: bytes) -> str:
    if not data.strip():
        raise InputError("the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is binary, not text")
    for bom, enc in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the text is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and run again") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_document(path: Path, study_id: str) -> Document:
    text = read_text(path.read_bytes())
    blocks, tables = markdown.parse(text) if markdown.looks_like(text) else parse(text)
    title = next((b.text for b in blocks if b.section == "title"), None)
    return Document(
        study_id=study_id,
        source=path.name,
        path=str(path),
        kind="text",
        text=text,
        title=title,
        blocks=tuple(blocks),
        tables=tuple(tables),
        bibliography=metadata.from_text(text, title),
    )


def classify(line: str) -> str:
    s = line.strip()
    if not s:
        return "blank"
    if len(s) <= 300 and sections.caption_label(s) and not s.lower().startswith(("fig.", "tab.")):
        return "caption"
    words = s.split()
    nums = sum(1 for w in words if _NUM.match(w))
    tabular = "|" in s or nums >= 2
    if not tabular and _is_heading(s):
        return "heading"
    lower = sum(1 for w in words if w[:1].islower() and w.isalpha())
    prose_like = len(s) > 200 or (len(words) >= 6 and lower / len(words) >= 0.4 and s.count(",") >= 1)
    if prose_like and not (re.match(r"^\d{1,3}\s", s) and "|" in s) and s.count("|") < 3:
        return "prose"
    if "|" in s or (nums >= 2 and nums / len(words) >= 0.25) or (re.match(r"^[\d»«]{1,3}\S?\s", s) and len(words) >= 3):
        return "strong"
    if len(s) <= 70 and not s.endswith(".") and s.count(",") < 2:
        return "weak"
    if _header_like(words, s):
        return "weak"
    return "prose"


def _header_like(words: list[str], s: str) -> bool:
    """A column-header line: short words, no sentence punctuation (may be long when a table is wide)."""
    if len(s) > 160 or s.endswith(".") or "," in s or len(words) < 4:
        return False
    return sum(len(w) for w in words) / len(words) <= 9


def _is_heading(s: str) -> bool:
    """A section heading, or a numbered subsection title ("2.1. Enrolled patients") without a full stop."""
    sec = sections.section_of_heading(s)
    return sec not in (None, "subsection") or (sec == "subsection" and not s.rstrip().endswith(".") and len(s) < 100)


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(raw, pos, pos + len(raw), classify(raw)))
        pos += len(raw) + 1
    return out


class _Runs:
    """Where each run of table-like lines ends, precomputed once so that finding tables stays linear.

    ``table_end(i)`` is the end (exclusive) of a table starting at ``i``, or ``i`` when none does: the run
    of strong/weak/blank lines from ``i`` holds three strong lines, and ends after its last non-blank line.
    """

    def __init__(self, lines: list[_Line]) -> None:
        n = len(lines)
        self.last = list(range(n + 1))  # end of the last table line in the run from i (i when none)
        self.next_real = [n] * (n + 1)  # first non-blank line at or after i
        self.strong = [0] * (n + 1)  # strong lines before i
        for i, ln in enumerate(lines):
            self.strong[i + 1] = self.strong[i] + (ln.kind == "strong")
        self.run_end = list(range(n + 1))  # first line at or after i that is not table-like (or blank)
        for i in range(n - 1, -1, -1):
            k = lines[i].kind
            self.next_real[i] = i if k != "blank" else self.next_real[i + 1]
            if k in ("strong", "weak"):
                self.run_end[i], self.last[i] = self.run_end[i + 1], max(i + 1, self.last[i + 1])
            elif k == "blank":
                self.run_end[i] = self.run_end[i + 1]
                self.last[i] = self.last[i + 1] if self.last[i + 1] > i + 1 else i

    def table_end(self, i: int) -> int:
        return self.last[i] if self.strong[self.run_end[i]] - self.strong[i] >= 3 else i


def parse(text: str) -> tuple[list[TextBlock], list[Table]]:
    lines = _lines(text)
    runs = _Runs(lines)
    blocks: list[TextBlock] = []
    raw_tables: list[tuple[int, int, list[_Line], list[str]]] = []
    captions: list[tuple[int, TextBlock]] = []
    section, seen_heading, i = "abstract", False, 0
    para: list[_Line] = []

    def flush() -> None:
        nonlocal para
        if para:
            body = _join(para)
            label = sections.abstract_label(body)
            sec = "abstract" if (label and not seen_heading) else section
            blocks.append(_block(body, sec, "paragraph", para[0].start, para[-1].end, len(blocks)))
            para = []

    while i < len(lines):
        ln = lines[i]
        continues_para = bool(para) and not ln.text.startswith(" ") and para[-1].kind == "prose"
        if ln.kind in ("strong", "weak") and not continues_para:
            end = runs.table_end(i)
            if end > i:
                flush()
                rows = [x for x in lines[i:end] if x.kind != "blank"]
                end, notes = _footnotes(lines, runs, end)
                raw_tables.append((rows[0].start, lines[end - 1].end, rows, notes))
                i = end
                continue
        if ln.kind == "blank":
            flush()
        elif ln.kind == "heading":
            flush()
            sec = sections.section_of_heading(ln.text)
            if sec and sec != "subsection":
                section, seen_heading = sec, True
            blocks.append(_block(ln.text.strip(), section, "heading", ln.start, ln.end, len(blocks)))
        elif ln.kind == "caption":
            flush()
            cap = _block(ln.text.strip(), section, "caption", ln.start, ln.end, len(blocks))
            blocks.append(cap)
            captions.append((len(raw_tables), cap))
        else:
            # a line that opens with a space after text is a new chunk in pasted papers
            new_chunk = ln.text.startswith(" ") and not ln.text.startswith("  ")
            if para and (new_chunk or sections.abstract_label(ln.text)):
                flush()
            para.append(ln)
        i += 1
    flush()
    return _tail_sections(blocks), link_captions(raw_tables, captions)


def _footnotes(lines: list[_Line], runs: _Runs, i: int) -> tuple[int, list[str]]:
    notes: list[str] = []
    j = runs.next_real[i]
    if j >= len(lines) or not _FOOTNOTE.match(lines[j].text):
        return i, notes
    while j < len(lines):
        s = lines[j].text.strip()
        if not s:
            k = runs.next_real[j + 1]
            nxt = lines[k] if k < len(lines) else None
            if nxt is None or not (nxt.text.strip()[:1].islower() or _FOOTNOTE.match(nxt.text)):
                break
        elif lines[j].kind in ("heading", "caption") or (notes and lines[j].text.startswith(" ") and s[:1].isupper()):
            break
        elif lines[j].kind in ("strong", "weak") and runs.table_end(j) > j:
            break  # the next table starts right under this one's footnotes
        else:
            notes.append(s)
        j += 1
    return j, notes


def _join(para: list[_Line]) -> str:
    """The lines of a paragraph as one string; a word broken at a line end ("che-" + "motherapy") is rejoined.

    Pieces are joined once at the end, looking only at the last characters so far: growing one string
    line by line was quadratic in a long paragraph.
    """
    pieces: list[str] = []
    tail = ""  # the last three characters joined so far
    for ln in para:
        s = ln.text.strip()
        if s[:1].islower() and re.search(r"[a-z]{2}-$", tail):
            pieces[-1] = pieces[-1][:-1]
            tail = (tail[:-1] + s[-3:])[-3:]
        else:
            if pieces:
                pieces.append(" ")
            tail = ((tail + " " if pieces else "") + s[-3:])[-3:]
        pieces.append(s)
    return "".join(pieces)


def _block(text: str, section: str, kind: str, start: int, end: int, order: int) -> TextBlock:
    return TextBlock(text=text, section=section, kind=kind, char_start=start, char_end=end, order=order)


def _tail_sections(blocks: list[TextBlock]) -> list[TextBlock]:
    """A leading short line with no label is the title; nothing else is re-labelled."""
    if blocks and blocks[0].kind == "paragraph" and len(blocks[0].text) < 250 and not blocks[0].text.endswith("."):
        first = blocks[0]
        if sections.abstract_label(first.text) is None and "|" not in first.text:
            blocks[0] = TextBlock(first.text, "title", "heading", None, None, first.char_start, first.char_end)
    return blocks
