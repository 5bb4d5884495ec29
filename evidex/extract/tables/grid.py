"""Ruling lines in a page image (OpenCV morphology) -> table regions and their row/column edges.

Lengths are given in PDF points and turned into pixels with ``ppp`` (pixels per
point), so the same settings hold at any resolution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

H_RULE_PT = 30.0  # a horizontal rule is at least this long; letters and dashes are shorter
V_RULE_PT = 9.0  # a vertical rule spans at least one row; letter stems are shorter


@dataclass(frozen=True, slots=True)
class Ruled:
    """One ruled region, pixel coordinates: its box, row edges (ys) and column edges (xs, empty if none)."""

    box: tuple[int, int, int, int]  # x0, top, x1, bottom
    ys: list[float]
    xs: list[float]


def ink(gray: np.ndarray) -> np.ndarray:
    """Foreground mask (255 = ink) robust to uneven scan background."""
    import cv2

    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def rule_ink(gray: np.ndarray) -> np.ndarray:
    """Ink for rule finding: a local threshold, since hairlines render light grey and a global cut loses them."""
    import cv2

    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 12)


def rule_masks(mask: np.ndarray, ppp: float) -> tuple[np.ndarray, np.ndarray]:
    import cv2

    h_len, v_len = max(15, int(H_RULE_PT * ppp)), max(10, int(V_RULE_PT * ppp))
    horiz = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vert = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    # close 1-2 px breaks from scanning so a rule stays one run
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 5)))
    return horiz, vert


def _runs(profile: np.ndarray, threshold: float) -> list[float]:
    """Centres of runs where the profile reaches ``threshold``."""
    on = profile >= threshold
    out, i, n = [], 0, len(on)
    while i < n:
        if on[i]:
            j = i
            while j < n and on[j]:
                j += 1
            out.append((i + j - 1) / 2)
            i = j
        else:
            i += 1
    return out




def horizontal_segments(horiz: np.ndarray) -> list[tuple[int, int, int]]:
    """Horizontal rules as (x0, x1, y)."""
    import cv2

    contours, _ = cv2.findContours(horiz, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    segs = []
    for cnt in contours:
        x, y, w, h = cv2.boundingRect(cnt)
        segs.append((x, x + w, y + h // 2))
    return sorted(segs, key=lambda s: s[2])


def _rule_groups(segs: list[tuple[int, int, int]], ppp: float) -> list[list[tuple[int, int, int]]]:
    """Rules of one table share their left and right ends (grids and booktabs alike).

    Stacked tables of equal width end up in one group; the word layout inside
    splits them again at their captions.
    """
    groups: list[list[tuple[int, int, int]]] = []
    tol = 6 * ppp
    for seg in segs:
        for g in groups:
            last = g[-1]
            same_ends = abs(seg[0] - last[0]) <= tol and abs(seg[1] - last[1]) <= tol
            if same_ends:
                g.append(seg)
                break
        else:
            groups.append([seg])
    return groups


def ruled_regions(horiz: np.ndarray, vert: np.ndarray, ppp: float) -> list[Ruled]:
    """Tables drawn with two or more horizontal rules of equal length, with their row/column edges.

    Row edges are the rules themselves for a full grid; for booktabs-style tables
    (no vertical rules) the caller finds rows and columns from the words.
    """
    out = []
    for group in _rule_groups(horizontal_segments(horiz), ppp):
        if len(group) < 2:
            continue
        x0, x1 = min(s[0] for s in group), max(s[1] for s in group)
        if x1 - x0 < 60 * ppp:
            continue
        ys = [float(s[2]) for s in group]
        top, bottom = int(ys[0]), int(ys[-1])
        vs = vert[top:bottom, x0 : x1 + 1]
        xs = _runs(vs.sum(axis=0) / 255.0, 0.5 * (bottom - top)) if bottom > top else []
        if len(xs) >= 2:
            # a grid ends where its vertical rules end: a page-header rule of the same width is not a row
            inked = np.where(vs.any(axis=1))[0]
            lo, hi = top + inked[0] - 4 * ppp, top + inked[-1] + 4 * ppp
            ys = [y for y in ys if lo <= y <= hi]
            if len(ys) < 2:
                continue
            top, bottom = int(ys[0]), int(ys[-1])
        out.append(Ruled((x0, top, x1, bottom), ys, [x0 + v for v in xs]))
    return out


def merged_spans(vert: np.ndarray, horiz: np.ndarray, xs: list[float], ys: list[float]) -> dict:
    """Merged cells of a full grid: neighbouring slots with no rule between them, as (row, col) -> (rs, cs)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(a):  # type: ignore[no-untyped-def]
        while parent[a] != a:
            a = parent[a]
        return a

    for r in range(n_rows):
        for c in range(1, n_cols):
            if _coverage(vert, xs[c], ys[r], ys[r + 1], vertical=True) < 0.5:
                parent[find((r, c))] = find((r, c - 1))
    for r in range(1, n_rows):
        for c in range(n_cols):
            if _coverage(horiz, ys[r], xs[c], xs[c + 1], vertical=False) < 0.5:
                parent[find((r, c))] = find((r - 1, c))
    groups: dict = {}
    for slot in parent:
        groups.setdefault(find(slot), []).append(slot)
    spans = {}
    for slots in groups.values():
        if len(slots) == 1:
            continue
        r0, c0 = min(s[0] for s in slots), min(s[1] for s in slots)
        r1, c1 = max(s[0] for s in slots), max(s[1] for s in slots)
        if (r1 - r0 + 1) * (c1 - c0 + 1) == len(slots):  # only rectangles are real merged cells
            spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    return spans


def _coverage(mask: np.ndarray, at: float, lo: float, hi: float, vertical: bool) -> float:
    """Share of the stretch (lo..hi, inset by a fifth at each end) along a rule position that is ink."""
    inset = (hi - lo) / 5
    a, b = int(lo + inset), int(hi - inset)
    p = int(round(at))
    if b <= a:
        return 1.0
    band = mask[a:b, max(0, p - 2) : p + 3] if vertical else mask[max(0, p - 2) : p + 3, a:b]
    if band.size == 0:
        return 0.0
    hits = band.max(axis=1 if vertical else 0) > 0
    return float(hits.mean())
