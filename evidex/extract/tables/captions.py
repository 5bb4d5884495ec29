"""Captions ("TABLE 2 Efficacy ...") and footnotes linked to their tables; blocks re-kinded, never dropped."""

from __future__ import annotations

import re
from dataclasses import replace

from evidex.models import BBox, Table, TextBlock

CAPTION = re.compile(r"^\s*(?:table|tab\.)(?:\s*|\s*-\s*)([0-9]{1,3}[A-Za-z]?|[IVX]{1,6})\b[\s.:|-]*", re.IGNORECASE)
CONTINUED = re.compile(r"\(?\s*(?:continued\b|cont'd\b|cont\.)", re.IGNORECASE)
FOOTNOTE = re.compile(
    r"^\s*(?:\(\d+\)|\d\)|\*|†|‡|§|¶|#|[a-g][\s).]|abbreviations?\b|notes?\b|data are\b|values are\b)", re.IGNORECASE
)
ABBREVIATIONS = re.compile(r"(?:\s*\b[A-Z][A-Za-z0-9-]{1,10}\s*[,:=]\s*[a-z][^;,]{2,60}[;.]){2,}")
ABOVE_PT, BELOW_PT, FOOT_GAP_PT = 72.0, 40.0, 24.0


def caption_label(text: str) -> str | None:
    """'TABLE 2 Efficacy' -> 'Table 2'; None when the text is not a table caption."""
    m = CAPTION.match(text)
    return f"Table {m.group(1).upper() if m.group(1).isalpha() else m.group(1)}" if m else None


def is_continued(text: str) -> bool:
    m = CAPTION.match(text)
    return bool(m and CONTINUED.match(text[m.end() :].strip()))


def is_footnote(text: str) -> bool:
    return bool(FOOTNOTE.match(text) or ABBREVIATIONS.search(text))


def link_captions(tables: list[Table], blocks: list[TextBlock]) -> tuple[list[Table], list[TextBlock]]:
    """Each table takes the nearest caption on its page (above preferred), then the footnotes right under it."""
    blocks = list(blocks)
    used: set[int] = set()
    out = []
    for t in tables:
        i = _caption_for(t, blocks, used, tables)
        if i is not None:
            used.add(i)
            blocks[i] = replace(blocks[i], kind="caption")
            t = replace(t, label=caption_label(blocks[i].text), caption=blocks[i].text.strip())
        notes = _footnotes_for(t, blocks, used)
        if notes:
            used.update(notes)
            for j in notes:
                blocks[j] = replace(blocks[j], kind="footnote")
            t = replace(t, footnotes=t.footnotes + tuple(blocks[j].text.strip() for j in notes))
        out.append(t)
    return out, blocks


def _caption_for(t: Table, blocks: list[TextBlock], used: set[int], tables: list[Table]) -> int | None:
    cands = [i for i, b in enumerate(blocks) if i not in used and b.page == t.page and caption_label(b.text)]
    if not cands:
        return None
    if t.bbox is None or any(blocks[i].bbox is None for i in cands):
        # no positions: the k-th table on a page takes the k-th caption left on it, in reading order
        return min(cands, key=lambda i: blocks[i].order)
    scored = [(d, i) for i in cands if (d := _distance(blocks[i].bbox, t.bbox)) is not None]  # type: ignore[arg-type]
    return min(scored)[1] if scored else None


def _distance(cap: BBox, box: BBox) -> float | None:
    """Vertical distance of a caption from a table; captions above get a head start, since that is usual."""
    if cap.bottom <= box.top + 2 and box.top - cap.bottom <= ABOVE_PT:
        return box.top - cap.bottom
    if cap.top >= box.bottom - 2 and cap.top - box.bottom <= BELOW_PT:
        return cap.top - box.bottom + 20
    return None


def _footnotes_for(t: Table, blocks: list[TextBlock], used: set[int]) -> list[int]:
    if t.bbox is None:
        return []
    bottom = t.bbox.bottom
    below = sorted(
        (i for i, b in enumerate(blocks) if i not in used and b.page == t.page and b.bbox and b.bbox.top >= bottom - 2),
        key=lambda i: blocks[i].bbox.top,  # type: ignore[union-attr]
    )
    notes, edge = [], t.bbox.bottom
    for i in below:
        b = blocks[i]
        assert b.bbox is not None
        if b.bbox.top - edge > FOOT_GAP_PT or not is_footnote(b.text) or caption_label(b.text):
            break
        notes.append(i)
        edge = b.bbox.bottom
    return notes
