"""A PDF page's text layer as positioned words, read with pdfium (about 50x faster than pdfminer).

Coordinates are converted once, here, to PDF points with a top-left origin. Words keep the
font size and weight the layout step needs to tell headings from body text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evidex.extract.words import Word
from evidex.models import BBox

# pdfium reports some line-end hyphens as U+0002; ligatures are split so words match the vocabulary
_CHAR_FIX = {"\x02": "-", "\ufffe": "-", "\xad": "-",
             "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SPACES = frozenset(" \t\r\n\xa0\u2002\u2003\u2009\u200a\u200b\u3000")


@dataclass(frozen=True, slots=True)
class PageObjects:
    """Counts and regions of the non-text objects on a page (for table and OCR routing).

    ``rules`` are the straight axis-parallel strokes and thin bars (table rulings, rect edges) as
    (x0, top, x1, bottom) in the displayed frame; ``drawings`` the boxes of paths with curves or slanted
    strokes (charts, flow-chart arrows), which tell a vector figure from a table.
    """

    n_rects: int = 0
    n_lines: int = 0
    images: tuple[BBox, ...] = field(default_factory=tuple)
    rules: tuple[tuple[float, float, float, float], ...] = field(default_factory=tuple)
    drawings: tuple[BBox, ...] = field(default_factory=tuple)


class Frame:
    """PDF user space (bottom-left origin, unrotated) -> the displayed page, top-left origin, in points.

    Pages with /Rotate (landscape tables) draw their text sideways in user space; mapping every
    box to the displayed frame makes that text run left to right, as rendering and OCR see it.
    """

    def __init__(self, page: Any) -> None:
        self.rotation = page.get_rotation() % 360
        self.x0, self.y0, self.x1, self.y1 = page.get_cropbox()

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        r = self.rotation
        if r == 90:
            return bottom - self.y0, left - self.x0, top - self.y0, right - self.x0
        if r == 180:
            return self.x1 - right, bottom - self.y0, self.x1 - left, top - self.y0
        if r == 270:
            return self.y1 - top, self.x1 - right, self.y1 - bottom, self.x1 - left
        return left - self.x0, self.y1 - top, right - self.x0, self.y1 - bottom


def page_words(page: Any, textpage: Any) -> list[Word]:
    """Every word of the page's text layer, in content-stream order, boxes in the displayed frame."""
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    if n <= 0:
        return []
    frame = Frame(page)
    words: list[Word] = []
    buf: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]  # x0, top, x1, bottom
    first = -1
    rect = raw.FS_RECTF()

    def flush() -> None:
        text = _unmapped("".join(buf))
        if text and box[2] > box[0]:
            size = _size(raw.FPDFText_GetFontSize(textpage.raw, first), box[3] - box[1])
            bold = raw.FPDFText_GetFontWeight(textpage.raw, first) >= 600
            words.append(Word(text, box[0], box[1], box[2], box[3], round(size, 2), bold))
        buf.clear()

    for i in range(n):
        # the character at index i itself: get_text_range's string can drift from the indexes (generated
        # characters), which put each glyph's box on its neighbour and dropped digits from table cells
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        ch = chr(code) if 0 < code < 0x110000 else " "
        if ch in _SPACES:
            flush()
            continue
        if not raw.FPDFText_GetLooseCharBox(textpage.raw, i, rect):
            continue
        glyph = frame.box(rect.left, rect.bottom, rect.right, rect.top)
        if buf and _breaks(box, glyph):
            flush()
        if not buf:
            box[:] = glyph
            first = i
        else:
            box[:] = [min(box[0], glyph[0]), min(box[1], glyph[1]), max(box[2], glyph[2]), max(box[3], glyph[3])]
        buf.append(_CHAR_FIX.get(ch, UNMAPPED if ch < " " else ch))
    flush()
    return words


UNMAPPED = "\ufffd"  # a glyph whose font gives no character (pdfium reports a control code)


def _unmapped(text: str) -> str:
    """A glyph with no character standing alone stays as U+FFFD (a symbol such as ± the font did not map,
    as in "39.1 \ufffd 12.5"); inside or at the end of a word it is dropped (usually a space glyph)."""
    return text if text == UNMAPPED else text.replace(UNMAPPED, "")


def _size(size: float, height: float) -> float:
    """The font size as printed: text drawn with a scaled matrix reports size 1, so the glyph height stands in."""
    if height > 0 and not 0.5 * height <= size <= 2.0 * height:
        return round(height * 0.85, 2)
    return size


def _breaks(box: list[float], glyph: tuple[float, float, float, float]) -> bool:
    """A new word starts without a space when the next glyph jumps line or leaves a wide gap."""
    x0, top, _, bottom = glyph
    height = max(box[3] - box[1], 1.0)
    overlap = min(box[3], bottom) - max(box[1], top)
    return overlap < 0.5 * min(height, max(bottom - top, 1.0)) or x0 - box[2] > 0.35 * height or x0 < box[0] - 1.0


def page_objects(page: Any) -> PageObjects:
    """Ruling lines, rectangles, drawings and raster images, walked once (form XObjects included)."""
    import pypdfium2.raw as raw

    frame = Frame(page)
    n_rects = n_lines = 0
    images: list[BBox] = []
    rules: list[tuple[float, float, float, float]] = []
    drawings: list[BBox] = []
    forms: dict[int, tuple[float, ...]] = {}
    kinds = (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM)
    for obj in page.get_objects(filter=kinds):
        outer = forms.get(obj.level - 1, _IDENTITY) if obj.level else _IDENTITY
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            forms[obj.level] = _compose(tuple(obj.get_matrix().get()), outer)
            continue
        x0, y0, x1, y1 = _apply_box(outer, obj.get_bounds())
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images.append(BBox(*frame.box(x0, y0, x1, y1)))
            continue
        if min(x1 - x0, y1 - y0) < 2.0:
            n_lines += 1
            rules.append(frame.box(x0, y0, x1, y1))
            continue
        n_rects += 1
        strokes, curved = _path_strokes(obj, _compose(tuple(obj.get_matrix().get()), outer))
        rules.extend(frame.box(*s) for s in strokes)
        if curved:
            drawings.append(BBox(*frame.box(x0, y0, x1, y1)))
    return PageObjects(n_rects, n_lines, tuple(images), tuple(rules), tuple(drawings))


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_SEGMENTS = 400  # a path with more segments than this is a drawing, not a table grid


def _compose(m: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """``m`` then ``outer`` (PDF matrices a b c d e f)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _apply_box(m: tuple[float, ...], box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    if m == _IDENTITY:
        return box
    xa, ya = _apply(m, box[0], box[1])
    xb, yb = _apply(m, box[2], box[3])
    return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def _path_strokes(obj: Any, m: tuple[float, ...]) -> tuple[list[tuple[float, float, float, float]], bool]:
    """Axis-parallel straight segments of a path (user space, as left-bottom-right-top), and whether it curves."""
    import ctypes

    import pypdfium2.raw as raw

    n = raw.FPDFPath_CountSegments(obj.raw)
    if n <= 0 or n > MAX_SEGMENTS:
        return [], n > MAX_SEGMENTS
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[float, float, float, float]] = []
    curved = False
    start = prev = None
    for i in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        pt = _apply(m, x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            curved = True
        elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            curved |= _add_stroke(out, prev, pt)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = pt
        elif raw.FPDFPathSegment_GetClose(seg) and start is not None:
            curved |= _add_stroke(out, pt, start)
        prev = pt
    return out, curved


def _add_stroke(out: list[tuple[float, float, float, float]], a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Keep an axis-parallel segment; report a slanted one (a drawing's stroke)."""
    dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
    if dx < 0.5 or dy < 0.5:
        if max(dx, dy) >= 2.0:
            out.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))
        return False
    return True


def bbox_of(words: list[Word]) -> BBox:
    return BBox(min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
                max(w.bottom for w in words))


def inside(word: Word, box: BBox, pad: float = 1.0) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box.x0 - pad <= cx <= box.x1 + pad and box.top - pad <= cy <= box.bottom + pad
