"""Lone marks in a cell read by their ink shape: Tesseract reads a lone hyphen as ':' or '.' in small type.

A cell holding just '-' ('not done' / 'none' in clinical tables) is common, and
a word-level engine has no context for it; one short, wide blob at mid-height
is a hyphen, two stacked ones an equals sign.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from evidex.models import Cell

CONFUSABLE = {":", ".", "·", "—", "–", "_", "~", ",", "'", "‘", "’", "-", "=", "..", "-.", ".-", ";"}


def blobs(crop: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Ink components (x, y, w, h) of a binarized crop (ink dark), ignoring specks."""
    import cv2

    ink = (crop < 128).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return [tuple(int(v) for v in stats[i][:4]) for i in range(1, n) if stats[i][4] >= 4]  # type: ignore[misc]


def shape_of(parts: list[tuple[int, int, int, int]]) -> str | None:
    """'-' for one wide flat blob, '=' for two stacked wide flat blobs; None when the ink is anything else."""
    flat = [p for p in parts if p[2] >= 1.5 * p[3]]
    if len(parts) == 1 and flat:
        return "-"
    if len(parts) == 2 and len(flat) == 2 and abs(parts[0][0] - parts[1][0]) <= max(parts[0][2], parts[1][2]) / 2:
        return "="
    return None


def fix_marks(image: np.ndarray, cells: list[Cell]) -> list[Cell]:
    """Cells (prepared-pixel boxes) whose text is one confusable mark, re-read from their ink."""
    out = []
    for c in cells:
        if c.text.strip() in CONFUSABLE and c.bbox is not None:
            b, inset = c.bbox, 3
            top, x0 = max(0, int(b.top) + inset), max(0, int(b.x0) + inset)
            crop = image[top : int(b.bottom) - inset, x0 : int(b.x1) - inset]
            mark = shape_of(blobs(crop)) if crop.size else None
            if mark and mark != c.text.strip():
                c = replace(c, text=mark)
        out.append(c)
    return out
