"""Positioned words of every page -> ``Document``: reading order, blocks, sections, title, offsets."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from evidex.extract import layout, paragraphs, sections
from evidex.extract.layout import Line
from evidex.extract.paragraphs import RawBlock
from evidex.models import BBox, Document, Table, TextBlock

log = logging.getLogger(__name__)
TITLE_RATIO = 1.25  # the title's font is this much larger than the body's


def page_lines(states: list[Any]) -> list[list[Line]]:
    """Line segments per page, running headers, footers and page numbers removed."""
    lines = [layout.segments(st.words) for st in states]
    running = layout.running_lines([(st.height, ls) for st, ls in zip(states, lines, strict=True)])
    return [[ln for i, ln in enumerate(ls) if (p, i) not in running] for p, ls in enumerate(lines)]


def _title_lines(ordered: list[Line], body: float, height: float) -> list[int]:
    """Indexes of the consecutive largest-font lines in the top half of page 1."""
    top = [i for i, ln in enumerate(ordered) if ln.top < height / 2 and not paragraphs.is_caption(ln.text)]
    if not top:
        return []
    big = max(ordered[i].size for i in top)
    if big < body * TITLE_RATIO:
        return []
    first = next(i for i in top if ordered[i].size >= big - 0.5)
    out = [first]
    while out[-1] + 1 < len(ordered) and abs(ordered[out[-1] + 1].size - big) <= 0.5 * max(1.0, big * 0.1):
        out.append(out[-1] + 1)
    return out


def raw_blocks(states: list[Any], lines: list[list[Line]]) -> list[RawBlock]:
    body = layout.body_size([ln for ls in lines for ln in ls])
    blocks: list[RawBlock] = []
    for st, ls in zip(states, lines, strict=True):
        ordered = layout.reading_order(ls, layout.gutters(ls))
        title = _title_lines(ordered, body, st.height) if st.number == 1 else []
        if title:
            before, after = ordered[: title[0]], ordered[title[-1] + 1:]
            blocks += paragraphs.page_blocks(before, body, st.number, st.height)
            blocks.append(RawBlock([ordered[i] for i in title], "title", page=st.number))
            blocks += paragraphs.page_blocks(after, body, st.number, st.height)
        else:
            blocks += paragraphs.page_blocks(ordered, body, st.number, st.height)
    return blocks


def join_text(blocks: list[RawBlock]) -> tuple[list[RawBlock], int]:
    """Block texts with line-end hyphens repaired; paragraphs cut by a page break or a float joined again."""
    words = paragraphs.lexicon([ln.text for b in blocks for ln in b.lines])
    repairs = 0
    out: list[RawBlock] = []
    for b in blocks:
        b.text, n = paragraphs.join_lines(b.lines, words)
        repairs += n
        prev = _open_paragraph(out)
        if prev is not None and b.page - prev.page in (0, 1) and paragraphs.continues(prev, b):
            joined, n = paragraphs.join_lines([*prev.lines, *b.lines], words)
            if b.page != prev.page:
                prev.own_lines = prev.own_lines or len(prev.lines)
            prev.text, prev.lines = joined, prev.lines + b.lines
            repairs += n
            continue
        out.append(b)
    return out, repairs


def _open_paragraph(blocks: list[RawBlock]) -> RawBlock | None:
    """The last paragraph, looking past captions and footnotes that a float or page foot put after it."""
    for b in reversed(blocks):
        if b.kind not in ("caption", "footnote"):
            return b if b.kind == "paragraph" else None
    return None


def _bbox(lines: list[Line]) -> BBox:
    return BBox(round(min(ln.x0 for ln in lines), 2), round(min(ln.top for ln in lines), 2),
                round(max(ln.x1 for ln in lines), 2), round(max(ln.bottom for ln in lines), 2))


def text_blocks(raw: list[RawBlock]) -> list[TextBlock]:
    """Records with sections; a page-spanning paragraph keeps the page and box where it starts."""
    section, out = "abstract", []
    for b in raw:
        kind, sec = b.kind, section
        if kind == "title":
            kind, sec = "heading", "title"
        elif kind == "heading":
            found = sections.section_of_heading(b.text)
            if found and found != "subsection":
                section = sec = found
        start_page = b.lines[: b.own_lines or len(b.lines)]
        confs = [w.conf for ln in b.lines for w in ln.words if w.conf is not None]
        conf = round(sum(confs) / len(confs), 1) if confs else None
        out.append(TextBlock(b.text, sec, kind, b.page, _bbox(start_page), from_ocr=bool(confs),
                             confidence=conf))
    return out


def with_offsets(blocks: list[TextBlock]) -> tuple[str, list[TextBlock]]:
    parts, out, pos = [], [], 0
    for i, b in enumerate(blocks):
        parts.append(b.text)
        out.append(dataclasses.replace(b, char_start=pos, char_end=pos + len(b.text), order=i))
        pos += len(b.text) + 2
    return "\n\n".join(parts), out


def link(tables: list[Table], blocks: list[TextBlock], warnings: list[str], *, strict: bool = False
         ) -> tuple[list[Table], list[TextBlock]]:
    from evidex.extract.tables import link_tables

    try:
        tables, blocks = link_tables(tables, blocks)
    except Exception as exc:  # errors are data in batch runs: keep unlinked tables
        if strict:
            raise
        warnings.append(f"table linking failed ({type(exc).__name__}: {exc})")
    return list(tables), list(blocks)


def build_document(study_id: str, path: Path, states: list[Any], warnings: list[str], *, strict: bool = False
                   ) -> Document:
    raw, repairs = join_text(raw_blocks(states, page_lines(states)))
    blocks = text_blocks([b for b in raw if b.text])
    tables = [t for st in states for t in st.tables]
    _, blocks = with_offsets(blocks)
    tables, blocks = link(tables, blocks, warnings, strict=strict)
    text, blocks = with_offsets(blocks)
    title = next((b.text for b in blocks if b.section == "title"), None)
    if repairs:
        log.info("%s: %s: %d line-end hyphens removed", path.name, paragraphs.DEHYPHENATE, repairs)
    return Document(study_id, path.name, str(path), "pdf", text, title, tuple(st.record() for st in states),
                    tuple(blocks), tuple(tables), tuple(warnings))
