"""Lone marks in a cell read by their ink shape: Tesseract reads a lone hyphen as ':' or '.' in small type.

A cell holding just '-' ('not done' / 'none' in clinical tables) is common, and
a word-level engine has no context for it; one short, wide blob at mid-height
is a hyphen, two stacked ones an equals sign.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from evidex.models import Cell

DASH_RATIO = 6.0  # a hyphen is 3-4 times as wide as it is thick, an em dash 10 or more
MARK_CHARS = set(":.·—–_~,'‘’-=;")  # what Tesseract makes of a lone hyphen or equals sign in small type


def blobs(crop: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Ink components (x, y, w, h) of a binarized crop (ink dark), ignoring specks."""
    import cv2

    ink = (crop < 128).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return [tuple(int(v) for v in stats[i][:4]) for i in range(1, n) if stats[i][4] >= 4]  # type: ignore[misc]


def shape_of(parts: list[tuple[int, int, int, int]], width: int, height: int) -> str | None:
    """'-' for one wide flat blob, '=' for two stacked wide flat blobs; None when the ink is anything else.

    The blob must sit inside the cell and be short beside it, so a leftover piece of a
    rule (as wide as the cell, or on its edge) is not read as a dash.
    """
    inside = all(p[0] > 0 and p[1] > 0 and p[0] + p[2] < width and p[1] + p[3] < height for p in parts)
    if not inside or any(p[2] > 0.5 * width for p in parts):
        return None
    flat = [p for p in parts if p[2] >= 1.5 * p[3]]
    if len(parts) == 1 and flat:
        return "—" if parts[0][2] >= DASH_RATIO * parts[0][3] else "-"
    if len(parts) == 2 and len(flat) == 2 and abs(parts[0][0] - parts[1][0]) <= max(parts[0][2], parts[1][2]) / 2:
        return "="
    return None


def _candidate(text: str) -> bool:
    """Empty (the mark was dropped) or a few mark characters (the mark was misread)."""
    t = text.replace(" ", "")
    return len(t) <= 3 and all(ch in MARK_CHARS for ch in t)


def fix_marks(image: np.ndarray, cells: list[Cell]) -> list[Cell]:
    """Cells (prepared-pixel boxes) that are empty or hold only mark characters, read from their ink."""
    out = []
    for c in cells:
        if _candidate(c.text) and c.bbox is not None:
            b, inset = c.bbox, 3
            top, x0 = max(0, int(b.top) + inset), max(0, int(b.x0) + inset)
            crop = image[top : int(b.bottom) - inset, x0 : int(b.x1) - inset]
            mark = shape_of(blobs(crop), crop.shape[1], crop.shape[0]) if crop.size else None
            if mark and mark != c.text.strip():
                c = replace(c, text=mark)
        out.append(c)
    return out
