"""Tables set sideways on a page whose text runs upright: a landscape table on half a portrait page.

The page is read in the frame its text runs in (``orient``), where such a table's glyphs run up or down
the page and make no words a table reader can use. When a block of glyphs (``orient.sideways``) runs
left to right under a quarter turn, the page is read once more turned that way, only the words inside
that block are kept, and the tables found there (caption, ruled grid or word rivers, as on any page) are
mapped back to the page's own frame, so their boxes and the words they cover match the rest of the page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from evidex.extract import orient
from evidex.extract.textlayer import Frame, page_objects, page_words
from evidex.models import BBox, Table

_PAD = 2.0  # points around the block of sideways glyphs


def sideways_tables(page: Any, textpage: Any, number: int) -> tuple[list[Table], BBox | None]:
    """Tables set sideways on this page, in the page's own (upright) frame, and the box of the sideways block
    there (its glyphs make no words upright: the page's reader leaves them out); none when no block runs
    sideways."""
    import pypdfium2.raw as raw

    from evidex.extract.tables.vector import page_tables

    own = page.get_rotation() % 360
    if not orient.any_sideways(textpage, own):
        return [], None
    turns = orient.glyph_turns(textpage)
    turn = orient.sideways(turns, own)
    if turn is None:
        return [], None
    rect = raw.FS_RECTF()
    glyphs = [(rect.left, rect.bottom, rect.right, rect.top) for i, q in enumerate(turns)
              if q == turn // 90 and raw.FPDFText_GetLooseCharBox(textpage.raw, i, rect)]  # fmt: skip
    glyphs = _densest_band(glyphs, Frame(page))
    if len(glyphs) < orient.SIDEWAYS_GLYPHS:
        return [], None
    page.set_rotation(turn)
    try:
        frame = Frame(page)
        block = _union([frame.box(*g) for g in glyphs])
        words = [w for w in page_words(page, textpage) if _within((w.x0, w.top, w.x1, w.bottom), block)]
        found = page_tables(words, page_objects(page), number)
    finally:
        page.set_rotation(own)
    back = _Back(frame, Frame(page))
    return [_mapped(t, back) for t in found], BBox(*back.box(*block))


class _Back:
    """A box of the turned frame -> the same box in the page's own frame (through PDF user space)."""

    def __init__(self, turned: Frame, own: Frame) -> None:
        self.turned, self.own = turned, own

    def box(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        f = self.turned
        if f.rotation == 90:
            left, right, bottom_u, top_u = top + f.x0, bottom + f.x0, x0 + f.y0, x1 + f.y0
        elif f.rotation == 270:
            left, right, bottom_u, top_u = f.x1 - bottom, f.x1 - top, f.y1 - x1, f.y1 - x0
        elif f.rotation == 180:
            left, right, bottom_u, top_u = f.x1 - x1, f.x1 - x0, top + f.y0, bottom + f.y0
        else:
            left, right, bottom_u, top_u = x0 + f.x0, x1 + f.x0, f.y1 - bottom, f.y1 - top
        return self.own.box(left, bottom_u, right, top_u)


def _mapped(t: Table, back: _Back) -> Table:
    def bbox(b: BBox | None) -> BBox | None:
        return BBox(*back.box(b.x0, b.top, b.x1, b.bottom)) if b is not None else None

    cells = tuple(replace(c, bbox=bbox(c.bbox)) for c in t.cells)
    return replace(t, bbox=bbox(t.bbox), cells=cells, method=f"{t.method}+sideways")


_BAND_GAP = 36.0  # points across the page between two blocks of sideways glyphs (half an inch)


Box = tuple[float, float, float, float]


def _densest_band(glyphs: list[Box], own: Frame) -> list[Box]:
    """The sideways glyphs of the band across the page that holds most of them: a table's lines run up the page
    side by side; a note turned up the far margin is a band of its own and stays out of the block."""
    if not glyphs:
        return []
    placed = sorted(((own.box(*g)[0] + own.box(*g)[2]) / 2, g) for g in glyphs)
    bands: list[list[Box]] = [[placed[0][1]]]
    for (xa, _), (xb, g) in zip(placed, placed[1:], strict=False):
        if xb - xa > _BAND_GAP:
            bands.append([])
        bands[-1].append(g)
    return max(bands, key=len)


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes) - _PAD, min(b[1] for b in boxes) - _PAD, max(b[2] for b in boxes) + _PAD,
            max(b[3] for b in boxes) + _PAD)  # fmt: skip


def _within(box: tuple[float, float, float, float], block: tuple[float, float, float, float]) -> bool:
    return box[0] >= block[0] and box[1] >= block[1] and box[2] <= block[2] and box[3] <= block[3]
