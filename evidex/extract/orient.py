"""Which way up a page reads: the frame every reader of the page (text layer, rulings, rendering) shares.

A page is read in the frame its text runs left to right in. That is the viewing frame (/Rotate) for
landscape tables drawn sideways and turned upright by /Rotate; a page whose upright text was given a
/Rotate (a rotated scan's text layer, a page turned in a viewer and saved) would read sideways there,
so its text direction wins. pdfium reports each glyph's angle in user space, before /Rotate.
"""

from __future__ import annotations

import math
from typing import Any

SAMPLE = 400  # glyphs looked at per page
MIN_GLYPHS = 20  # fewer than this: keep the page's own /Rotate
MAJORITY = 0.6  # share of glyphs that must agree on one direction


def text_rotation(textpage: Any) -> int | None:
    """The /Rotate (0, 90, 180, 270) that makes most of the page's glyphs run left to right; None if unsure."""
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    if n < MIN_GLYPHS:
        return None
    votes = [0, 0, 0, 0]
    for i in range(0, n, max(1, n // SAMPLE)):
        if chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32).isspace():
            continue
        angle = raw.FPDFText_GetCharAngle(textpage.raw, i)
        if angle < 0:  # pdfium's error value; real angles are 0..2pi
            continue
        # pdfium measures the angle clockwise: a glyph at 3pi/2 runs up the page, upright under /Rotate 90
        votes[-round(angle / (math.pi / 2)) % 4] += 1
    total = sum(votes)
    best = max(range(4), key=lambda q: votes[q])
    if total < MIN_GLYPHS or votes[best] < MAJORITY * total:
        return None
    return best * 90


SIDEWAYS_GLYPHS = 150  # a sideways table has at least this many glyphs ...
SIDEWAYS_SHARE = 0.15  # ... and this share of the page's (a running head turned up the margin has fewer)


def any_sideways(textpage: Any, current: int) -> bool:
    """A quick look (every n-th glyph) for a share of sideways glyphs worth reading every glyph for."""
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    if n < SIDEWAYS_GLYPHS:
        return False
    mine = current // 90 % 4
    seen = side = 0
    for i in range(0, n, max(1, n // SAMPLE)):
        angle = raw.FPDFText_GetCharAngle(textpage.raw, i)
        if angle >= 0:
            seen += 1
            side += -round(angle / (math.pi / 2)) % 4 in ((mine + 1) % 4, (mine + 3) % 4)
    return seen > 0 and side >= SIDEWAYS_SHARE / 2 * seen


def glyph_turns(textpage: Any) -> list[int | None]:
    """For each glyph of the page, the quarter turns (0-3) of /Rotate that make it run left to right; None for
    spaces and glyphs pdfium gives no angle."""
    import pypdfium2.raw as raw

    out: list[int | None] = []
    for i in range(textpage.count_chars()):
        angle = raw.FPDFText_GetCharAngle(textpage.raw, i)
        blank = chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32).isspace()
        out.append(None if blank or angle < 0 else -round(angle / (math.pi / 2)) % 4)
    return out


def sideways(turns: list[int | None], current: int) -> int | None:
    """The /Rotate (90 or 270 from the page's own) under which a block of the page's glyphs runs left to right
    while the rest already does: a landscape table set sideways on half a portrait page beside upright text."""
    votes = [0, 0, 0, 0]
    for q in turns:
        if q is not None:
            votes[q] += 1
    total = sum(votes)
    mine = current // 90 % 4
    side = [q for q in ((mine + 1) % 4, (mine + 3) % 4) if votes[q] >= max(SIDEWAYS_GLYPHS, SIDEWAYS_SHARE * total)]
    if not side or votes[mine] < votes[side[0]]:
        return None
    return max(side, key=lambda q: votes[q]) * 90


def upright(page: Any, textpage: Any) -> int | None:
    """Turn ``page`` (in memory) so its text reads left to right; the /Rotate it had when that changed it."""
    want = text_rotation(textpage)
    had = page.get_rotation() % 360
    if want is None or want == had:
        return None
    page.set_rotation(want)
    return had
