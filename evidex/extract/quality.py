"""Per-page text-layer quality score (0..1) that routes pages to OCR.

Three measured factors multiplied: how much text there is for the page (a scan carries none or
only a stamp), how many characters are valid (broken font encodings give U+FFFD, private-use
and control characters), and how many tokens are shaped like words (wrong glyph maps give
"Tbe9 rcsu1ts" gibberish).
"""

from __future__ import annotations

import re
import unicodedata

from evidex.models import BBox

OCR_BELOW = 0.5  # pages scoring under this are OCR'd in ocr="auto" mode
SCAN_COVER = 0.8  # an image covering this share of the page makes it a scan
_WORDLIKE = re.compile(
    r"^([A-Z]?[a-z]+|[A-Z]{1,8}s?|[A-Za-z]*\d+[A-Za-z]*|\d+([.,]\d+)*%?|[A-Za-z0-9]+([-/'][A-Za-z0-9]+)+|[^\w\s])$"
)


def valid_char_share(text: str) -> float:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    bad = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cc", "Cn", "Cs"))
    return 1.0 - bad / len(chars)


def wordlike_share(text: str) -> float:
    tokens = [t.strip(".,;:()[]{}\"'") for t in text.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if _WORDLIKE.match(t)) / len(tokens)


def image_cover(images: tuple[BBox, ...], width: float, height: float) -> float:
    """Share of the page under its largest image (overlaps between images are rare enough to ignore)."""
    if not images or width <= 0 or height <= 0:
        return 0.0
    area = max((min(b.x1, width) - max(b.x0, 0)) * (min(b.bottom, height) - max(b.top, 0)) for b in images)
    return max(0.0, min(1.0, area / (width * height)))


def text_quality(text: str, images: tuple[BBox, ...], width: float, height: float) -> float:
    n = sum(1 for c in text if not c.isspace())
    if n == 0:
        return 0.0
    # a page under a full-page picture needs a real page of text before we trust the layer
    needed = 600 if image_cover(images, width, height) >= SCAN_COVER else 40
    amount = min(1.0, n / needed)
    words = min(1.0, wordlike_share(text) / 0.8)
    return round(amount * valid_char_share(text) ** 2 * words, 3)


def needs_ocr(mode: str, quality: float) -> bool:
    return mode == "force" or (mode == "auto" and quality < OCR_BELOW)
