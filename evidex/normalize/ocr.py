"""OCR confusion variants: what a damaged token may have been before Tesseract misread it.

The variants are only candidates; the cascade accepts one when it hits a closed
vocabulary entry exactly and no other concept is hit (a global edit-distance
threshold would turn "CCNC" into anything three letters away).
"""

from __future__ import annotations

from itertools import combinations

# Each group lists glyphs Tesseract confuses with one another on table scans.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("0", "o", "c", "d", "q"),
    ("1", "l", "i", "|", "!"),
    ("8", "b"),
    ("5", "s"),
    ("2", "z"),
    ("6", "g"),
    ("u", "c", "n", "v"),
    ("rn", "m"),
    ("cl", "d"),
    ("vv", "w"),
    ("h", "l", "b"),
    ("r", "t"),
    ("e", "c"),
    ("a", "o"),
    ("<", "c"),
    ("¥", "y"),
)


def _substitutions() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for group in _GROUPS:
        for glyph in group:
            table.setdefault(glyph, set()).update(g for g in group if g != glyph)
    return {k: tuple(sorted(v)) for k, v in table.items()}


SUBSTITUTIONS = _substitutions()
_MAX_GLYPH = max(len(k) for k in SUBSTITUTIONS)


def _sites(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    sites = []
    for i in range(len(text)):
        for width in range(1, _MAX_GLYPH + 1):
            glyph = text[i : i + width]
            if len(glyph) == width and glyph in SUBSTITUTIONS:
                sites.append((i, width, SUBSTITUTIONS[glyph]))
    return sites


def variants(token: str, max_edits: int = 2) -> dict[str, int]:
    """Lower-case variants of ``token`` reachable by up to ``max_edits`` confusions -> edits used."""
    text = token.lower()
    sites = _sites(text)
    found: dict[str, int] = {}
    for n in range(1, max_edits + 1):
        for combo in combinations(sites, n):
            if _overlap(combo):
                continue
            for variant in _apply(text, combo):
                found.setdefault(variant, n)
    found.pop(text, None)
    return found


def _overlap(combo: tuple[tuple[int, int, tuple[str, ...]], ...]) -> bool:
    spans = sorted((i, i + w) for i, w, _ in combo)
    return any(a_end > b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def _apply(text: str, combo: tuple[tuple[int, int, tuple[str, ...]], ...]) -> list[str]:
    results = [("", 0)]
    ordered = sorted(combo)
    for i, width, options in ordered:
        results = [(done + text[pos:i] + opt, i + width) for done, pos in results for opt in options]
    return [done + text[pos:] for done, pos in results]
