"""One Tesseract pass over a prepared table image (words with boxes and confidences), plus the preparation.

Tesseract starts a process per call, so a page or region is OCR'd once and
words are assigned to cells by position; only doubtful cells are read again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from evidex.extract.tables.words import Word

TARGET_PPP = 300 / 72  # Tesseract reads best at about 300 dpi
MAX_SKEW = 3.0  # degrees searched either way
PAD = 12  # input pixels
MAX_PIXELS = 40_000_000  # an upscaled image never grows past this (the page renderer's own cap)


@dataclass(frozen=True, slots=True)
class Prepared:
    """The image Tesseract reads and how its pixels map back to the input image."""

    image: np.ndarray
    factor: float  # prepared pixels per input pixel
    angle: float  # degrees the input was rotated by (deskew)
    centre: tuple[float, float]  # rotation centre in prepared pixels
    pad: int = 0  # white border added around the input, in input pixels

    def to_input(self, x: float, y: float) -> tuple[float, float]:
        """A prepared-image point back in input-image pixels (undo rotation, then scaling)."""
        a = np.deg2rad(self.angle)
        cx, cy = self.centre
        dx, dy = x - cx, y - cy
        # cv2 rotates by +angle counter-clockwise in image coordinates (y down); this is its inverse
        ux = cx + dx * np.cos(a) - dy * np.sin(a)
        uy = cy + dx * np.sin(a) + dy * np.cos(a)
        return float(ux / self.factor - self.pad), float(uy / self.factor - self.pad)

    def from_input(self, x: float, y: float) -> tuple[float, float]:
        """An input-image point in prepared pixels (scale, then rotation): the inverse of ``to_input``."""
        a = np.deg2rad(self.angle)
        cx, cy = self.centre
        dx, dy = (x + self.pad) * self.factor - cx, (y + self.pad) * self.factor - cy
        return float(cx + dx * np.cos(a) + dy * np.sin(a)), float(cy - dx * np.sin(a) + dy * np.cos(a))


def skew_angle(mask: np.ndarray) -> float:
    """Angle (degrees) that makes text lines and rules horizontal: the sharpest row profile wins."""
    import cv2

    small_w = 900
    f = min(1.0, small_w / mask.shape[1])
    small = cv2.resize(mask, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    best, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.1):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        rot = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        score = float(np.var(rot.sum(axis=1, dtype=np.float64)))
        if score > best_score:
            best, best_score = float(angle), score
    return round(best, 2)


def prepare(gray: np.ndarray, ppp: float, deskew: bool = True) -> Prepared:
    """Upscale to ~300 dpi and deskew (``deskew``: the caller has not straightened it); never over MAX_PIXELS."""
    import cv2

    from evidex.extract.tables.grid import ink

    pad = PAD
    # a rule on the image's very edge (tightly cropped table images) is lost to morphology without a margin
    gray = cv2.copyMakeBorder(gray, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    factor = TARGET_PPP / ppp if ppp > 0 else 1.0
    factor = factor if factor > 1.15 else 1.0  # never shrink: small text loses strokes
    # memory guard: a huge page rendered under its dpi (evidex.extract.scan.MAX_PIXELS) is not blown up again
    factor = max(1.0, min(factor, (MAX_PIXELS / max(gray.size, 1)) ** 0.5))
    factor = factor if factor > 1.15 else 1.0
    img = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC) if factor > 1 else gray
    angle = skew_angle(ink(img)) if deskew else 0.0
    h, w = img.shape
    centre = (w / 2, h / 2)
    if abs(angle) >= 0.1:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return Prepared(img, factor, angle, centre, pad)


def clean_for_ocr(gray: np.ndarray, rules: np.ndarray, ppp: float) -> np.ndarray:
    """Binarized image with ruling lines and isolated scan specks erased.

    Rules next to text read as 'I', '|' or '_'; specks read as '.', ';' and split
    columns. A speck is a blob under ~1 pt with no ink within ~2 pt of it, so a
    decimal point beside its digits stays (a median filter lost them: '0.01' -> '001').
    """
    import cv2

    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    mask[rules > 0] = 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= (0.9 * ppp) ** 2
    small[0] = False
    body = mask.copy()
    body[small[labels]] = 0
    r = max(1, int(2.0 * ppp))
    near = cv2.dilate(body, np.ones((2 * r + 1, 2 * r + 1), np.uint8)) > 0
    keep = np.zeros(n, dtype=bool)
    keep[np.unique(labels[near & small[labels]])] = True
    mask[(small & ~keep)[labels]] = 0
    return 255 - mask


def drop_specks(words: list[Word], ppp: float) -> list[Word]:
    """Scan noise read as '.', ';' or "'": punctuation-only words smaller than a point either way."""
    tiny = 1.0 * ppp
    return [w for w in words if any(ch.isalnum() for ch in w.text) or max(w.x1 - w.x0, w.bottom - w.top) >= tiny]


def read_words(image: np.ndarray, lang: str = "eng", psm: int = 6) -> list[Word]:
    """Every word Tesseract finds, with pixel boxes and confidence (0..100)."""
    import tempfile

    import cv2
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"  # measured 5x faster per page on 2 shared cores
    # no retry of lines as inverted (white-on-black) text: ~10% less CPU per page, same accuracy measured
    config = f"--psm {psm} -c preserve_interword_spaces=1 -c tessedit_do_invert=0"
    # an uncompressed PGM is written in milliseconds; pytesseract's own PNG round trip took ~1 s per page
    with tempfile.NamedTemporaryFile(suffix=".pgm") as tmp:
        cv2.imwrite(tmp.name, image)
        data = pytesseract.image_to_data(tmp.name, lang=lang, config=config, output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(Word(text, float(x), float(y), float(x + w), float(y + h), conf=conf))
    return words
