"""Ordered lines -> paragraphs, headings, captions and footnotes; line-end hyphens repaired.

Dehyphenation is a named repair (``dehyphenate.v1``): a break "che-" + "motherapy" is joined
unless the document itself writes the hyphenated form elsewhere, the pieces look like a
compound ("disease-" + "free", "CD19-" + "directed"), or the joined word never occurs while
the hyphenated one does.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from evidex.extract import sections
from evidex.extract.layout import Line

DEHYPHENATE = "dehyphenate.v1"
# second halves that make a compound rather than a broken word
_COMPOUND_TAILS = frozenset({
    "free", "related", "versus", "term", "up", "risk", "positive", "negative", "based", "cell", "cells", "directed",
    "host", "specific", "dependent", "induced", "associated", "matched", "year", "years", "month", "months", "day",
    "days", "grade", "naive", "refractory", "remission", "transplant", "transplantation", "containing", "treated",
    "intensity", "dose", "targeted", "mediated", "expressing", "derived", "level",
})
# first parts that make one: prefixes and number words ("two-year", "eight-colour")
_COMPOUND_HEADS = frozenset({
    "non", "self", "well", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
    "first", "second", "third", "half",
})
_TERMINAL = (".", "!", "?", ":")
_NOTE_MARK = re.compile(r"^\s*(\(\d{1,2}\)|\d{1,2}\)|[*†‡§¶]|[a-e]\s|notes?\b|abbreviations?\b)", re.I)


@dataclass
class RawBlock:
    lines: list[Line]
    kind: str = "paragraph"  # paragraph | heading | caption | footnote
    text: str = ""
    page: int = 0
    own_lines: int = 0  # lines on ``page`` when the block continues onto the next page (0: all)


def lexicon(texts: list[str]) -> set[str]:
    """Lower-case word forms the document uses, hyphenated compounds included."""
    words: set[str] = set()
    for text in texts:
        words.update(t.strip(".,;:()[]\"'").lower() for t in text.split())
    return words


def join_hyphen(head: str, tail: str, words: set[str]) -> tuple[str, bool]:
    """Join a line ending in "-" with the next line's text; True when a hyphen was removed."""
    last = head.rsplit(" ", 1)[-1]
    first = tail.split(" ", 1)[0]
    stem, rest = last[:-1], first.strip(".,;:()[]")
    if not (stem[-1:].isalpha() and rest[:1].isalpha()):
        return head + tail, False
    joined, hyphened = (stem + rest).lower(), f"{stem}-{rest}".lower()
    bare = stem.rsplit("-", 1)[-1].lower()
    keep = hyphened in words and joined not in words
    if not keep and joined not in words:
        low = rest.lower()
        compound = low in _COMPOUND_TAILS or low.rstrip("s") in _COMPOUND_TAILS or (bare in words and low in words)
        keep = rest[:1].isupper() or not stem[-1:].islower() or compound or bare in _COMPOUND_HEADS
    return (head + tail, False) if keep else (head[:-1] + tail, True)


def join_lines(lines: list[Line], words: set[str]) -> tuple[str, int]:
    """The lines as one text, hyphens repaired; linear in the text (a paragraph can run over many pages).

    Only the last word so far decides a hyphen, so pieces are kept and joined once at the end.
    """
    pieces: list[str] = []
    last, size, repairs = "", 0, 0  # the text's last word (after its last space) and its length
    for ln in lines:
        piece = ln.text.strip()
        if not size:
            pieces, last, size = [piece], piece.rsplit(" ", 1)[-1], len(piece)
        elif last.endswith("-") and len(last) > 1:
            joined, fixed = join_hyphen(last, piece, words)
            repairs += fixed
            if fixed:
                pieces[-1] = pieces[-1][:-1]
            if piece:  # an empty line adds nothing; the hyphen stays at the end of the last piece
                pieces.append(piece)
            last = joined if " " not in piece else piece.rsplit(" ", 1)[-1]
            size += len(piece) - fixed
        else:
            pieces += [" ", piece]
            last, size = piece.rsplit(" ", 1)[-1], size + 1 + len(piece)
    return "".join(pieces), repairs


def is_caption(text: str) -> bool:
    """A caption opens with a capital ("Table 2", "FIGURE 1"); a wrapped line "table in a ..." does not."""
    text = text.strip()
    return text[:1].isupper() and sections.caption_label(text) is not None


def is_heading(ln: Line, body: float, col_width: float) -> bool:
    text = ln.text.strip()
    if not text or len(text) > 110 or text.endswith((",", ";")) or is_caption(text):
        return False
    styled = ln.bold or ln.size >= (body * 1.5 if ln.from_ocr else body + 1.0)  # OCR sizes are rough
    sec = sections.section_of_heading(text)
    short = (ln.x1 - ln.x0) < 0.7 * col_width
    if sec and sec != "subsection":
        return styled or short
    if sec == "subsection":
        # a numbered title line ("2.1. Enrolled patients"); OCR cannot see bold, so short is enough there
        return styled or (ln.from_ocr and (ln.x1 - ln.x0) < 0.85 * col_width and not text.endswith("."))
    return styled and short and not text.endswith(".") and text[:1].isupper()


def page_blocks(lines: list[Line], body: float, page: int, height: float) -> list[RawBlock]:
    """Group one page's ordered lines into blocks."""
    if not lines:
        return []
    spans = _column_spans(lines)
    pitch = _typical_pitch(lines)
    blocks: list[RawBlock] = []
    for prev, ln in zip([None, *lines[:-1]], lines, strict=True):
        left, right = spans[(ln.band, ln.col)]
        kind = _kind(ln, body, right - left, height)
        if prev is None:
            blocks.append(RawBlock([ln], kind, page=page))
            continue
        last = blocks[-1].kind
        goes_on = not _breaks(prev, ln, spans, pitch, body)
        if last == "heading" and _heading_goes_on(prev, ln, spans, pitch) or \
                last in ("caption", "footnote") and kind in ("footnote", "paragraph") and goes_on:
            # a wrapped heading; captions and notes in small type running on over several lines
            blocks[-1].lines.append(ln)
        elif kind in ("heading", "caption") or last == "heading" or not goes_on or (kind == "footnote") != (
                last == "footnote"):
            blocks.append(RawBlock([ln], kind, page=page))
        else:
            blocks[-1].lines.append(ln)
    return blocks


def _heading_goes_on(prev: Line, ln: Line, spans: dict[tuple[int, int], tuple[float, float]], pitch: float) -> bool:
    """A long heading wrapped onto a second line in the same style."""
    if prev.bold != ln.bold or _size_jump(prev, ln) or sections.section_of_heading(ln.text) not in (None, "subsection"):
        return False
    same_column = (prev.band, prev.col) == (ln.band, ln.col)
    close = ln.top - prev.top <= pitch + 0.35 * max(ln.size, 1.0)
    return same_column and close and _filled(prev, ln, spans[(prev.band, prev.col)][1])


def _kind(ln: Line, body: float, col_width: float, height: float) -> str:
    if is_heading(ln, body, col_width):
        return "heading"
    if is_caption(ln.text):
        return "caption"
    small = ln.size and ln.size < body - 0.9 and not ln.from_ocr
    if small and (ln.top > 0.7 * height or _NOTE_MARK.match(ln.text)):
        return "footnote"
    return "paragraph"


def _column_spans(lines: list[Line]) -> dict[tuple[int, int], tuple[float, float]]:
    groups: dict[tuple[int, int], list[Line]] = {}
    for ln in lines:
        groups.setdefault((ln.band, ln.col), []).append(ln)
    spans: dict[tuple[int, int], tuple[float, float]] = {}
    for key, group in groups.items():
        lefts = sorted(ln.x0 for ln in group)
        # a stray mark left of the column must not make every line look indented
        spans[key] = (lefts[len(lefts) // 10], max(ln.x1 for ln in group))
    # a column's width is the widest of its lines anywhere on the page, not only in this band
    widest: dict[int, tuple[float, float]] = {}
    for (_, col), (lo, hi) in spans.items():
        wlo, whi = widest.get(col, (lo, hi))
        widest[col] = (min(wlo, lo), max(whi, hi))
    return {k: (v[0], max(v[1], widest[k[1]][1])) for k, v in spans.items()}


def _typical_pitch(lines: list[Line]) -> float:
    """Median top-to-top distance of consecutive lines (tops, since OCR boxes hug descenders)."""
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)
               if a.col == b.col and a.band == b.band and 0 < b.top - a.top < 3 * a.size]
    return statistics.median(pitches) if pitches else 12.0


def _breaks(prev: Line, ln: Line, spans: dict[tuple[int, int], tuple[float, float]], pitch: float, body: float) -> bool:
    if _size_jump(prev, ln):
        return True
    p_left, p_right = spans[(prev.band, prev.col)]
    left, _ = spans[(ln.band, ln.col)]
    size = max(ln.size, 1.0)
    if not _filled(prev, ln, p_right):
        return True
    indented = ln.x0 > left + 0.8 * size
    if (prev.band, prev.col) != (ln.band, ln.col):
        return indented
    if ln.top - prev.top > pitch + 0.35 * size:
        return True
    return indented and prev.x0 <= p_left + 0.8 * size


def _size_jump(a: Line, b: Line) -> bool:
    # OCR sizes are line heights, which swing with ascenders, descenders and tall glyphs: no signal
    if a.from_ocr or b.from_ocr:
        return False
    return abs(a.size - b.size) > 0.8


def _filled(prev: Line, ln: Line, right: float) -> bool:
    """The next line's first word would not have fit after ``prev``: the line break was forced."""
    first, size = ln.words[0], max(ln.size, 1.0)
    slack = 0.5 * size if ln.from_ocr else 0.1 * size  # OCR boxes hug the ink, narrower than the advance width
    return (first.x1 - first.x0) + 0.25 * size > right - prev.x1 - slack


def continues(prev: RawBlock, nxt: RawBlock) -> bool:
    """A paragraph cut by a page or column break: no sentence end before, lower-case start after."""
    if not (prev.kind == nxt.kind == "paragraph") or prev.text.rstrip().endswith(_TERMINAL):
        return False
    if nxt.text[:1].islower():
        return True
    # "... a median follow-up of" + "19.5 months": a sentence cut after a word, resumed by a number
    return prev.text.rstrip()[-1:].isalpha() and bool(re.match(r"\(?\d", nxt.text)) and not _NOTE_MARK.match(nxt.text)
