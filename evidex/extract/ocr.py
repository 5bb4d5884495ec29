"""OCR engines behind one small protocol, chosen by ``kind``; image preparation shared by all.

Preparation is what Tesseract's own documentation asks for: enough resolution (pages are
rendered at ``RunOptions.ocr_dpi``), deskew (projection-profile search) and binarization (Otsu).
Engines return words in pixel coordinates of the image they were given. ``ocr_image`` keeps them
in the deskewed frame (rotated about the page centre by ``OcrResult.angle``, at most a few
degrees): columns must be straight for the layout rules, and a 1 degree skew moves a box by
under 1% of the page.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any, Protocol

from evidex.extract.words import Word

# measured ~5x faster per page on a 2-core machine than Tesseract's default OpenMP threading
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class OcrEngine(Protocol):
    kind: str

    def words(self, image: Any, lang: str) -> list[Word]:
        """Words with boxes in the image's pixels, ``conf`` 0..100, ``para`` per paragraph, ``size`` in pixels."""
        ...


@dataclass(frozen=True, slots=True)
class OcrResult:
    words: tuple[Word, ...]
    confidence: float | None  # mean word confidence 0..100
    angle: float  # degrees the image was rotated to deskew it
    method: str  # engine and version, "tesseract-5.3.0.v1"


class TesseractEngine:
    kind = "tesseract"

    def __init__(self, psm: int = 3) -> None:
        self.psm = psm

    @functools.cached_property
    def method(self) -> str:
        import pytesseract

        return f"tesseract-{pytesseract.get_tesseract_version()}.v1"

    def words(self, image: Any, lang: str) -> list[Word]:
        import tempfile

        import cv2
        import pytesseract

        os.environ["OMP_THREAD_LIMIT"] = "1"
        # an uncompressed PGM is written in milliseconds; pytesseract's own PNG round trip of an array
        # costs about a second for a 300 dpi page
        with tempfile.NamedTemporaryFile(suffix=".pgm") as tmp:
            cv2.imwrite(tmp.name, image)
            data = pytesseract.image_to_data(tmp.name, lang=lang, config=f"--oem 1 --psm {self.psm}",
                                             output_type=pytesseract.Output.DICT)
        rows = list(zip(data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"],
                        data["block_num"], data["par_num"], data["line_num"], strict=True))
        heights: dict[tuple[int, int, int], list[int]] = {}
        for _, _, _, top, _, h, b, p, ln in rows:
            heights.setdefault((b, p, ln), []).append(top)
            heights[(b, p, ln)].append(top + h)
        out = []
        for text, conf, left, top, w, h, b, p, ln in rows:
            if not str(text).strip() or float(conf) < 0:
                continue
            line_h = max(heights[(b, p, ln)]) - min(heights[(b, p, ln)])
            # the block keeps columns apart; paragraphs are cut by the layout rules, since Tesseract's
            # own paragraph split cut about one paragraph in three on our two-column fixtures
            out.append(Word(str(text).strip(), left, top, left + w, top + h, float(line_h), False, float(conf), b))
        return out


ENGINES: dict[str, type] = {"tesseract": TesseractEngine}
PAD = 24  # pixels of white added around every image before OCR
SIDEWAYS = 1.2  # column profile this much sharper than the row profile: ask Tesseract which way is up
OSD_CONFIDENCE = 2.0  # Tesseract's orientation confidence below which a page is left as it is
_SPECK = frozenset("_'‘’`\"|~^•·¦")
_SYMBOLS = frozenset({"-", "–", "—", "±", "%", "=", "<", ">", "≤", "≥", "×", "+", "/", "&", "*", "†", "‡"})


def get_engine(kind: str = "tesseract", region: bool = False) -> OcrEngine:
    """The engine named ``kind``; ``region`` tunes it for a picture cut from a page rather than a page."""
    try:
        engine = ENGINES[kind]
    except KeyError:
        raise ValueError(f"unknown OCR engine {kind!r}; known: {', '.join(ENGINES)}") from None
    # page segmentation 6 (one uniform block) reads a table picture row by row and keeps the lone
    # "1", "2", "3" of a patient column that full-page analysis (3) drops as specks
    return engine(psm=6) if region else engine()


def estimate_skew(gray: Any, limit: float = 5.0) -> float:
    """Angle (degrees) that makes text rows horizontal: the rotation with the sharpest row profile."""
    import cv2
    import numpy as np

    scale = min(1.0, 1000 / max(gray.shape[1], 1))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = ink.astype(np.float32)
    if ink.mean() < 0.002:  # blank page
        return 0.0
    h, w = ink.shape

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        prof = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1)
        return float(np.square(np.diff(prof)).sum())

    best = max(np.arange(-limit, limit + 1e-6, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.4, best + 0.41, 0.1), key=sharpness))


def straighten(gray: Any, angle: float) -> Any:
    """The image rotated about its centre by ``angle`` degrees, same size, white corners."""
    import cv2

    if abs(angle) < 0.2:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def binarize(gray: Any) -> Any:
    import cv2

    # a light blur first keeps scanner noise from surviving Otsu as specks Tesseract tries to read
    _, binary = cv2.threshold(cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return binary


def sideways(gray: Any) -> bool:
    """Text lines that run up or down the image: its columns of ink alternate more sharply than its rows."""
    import cv2
    import numpy as np

    scale = min(1.0, 1000 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = ink.astype(np.float32)
    if ink.mean() < 0.002:
        return False

    def sharpness(profile: Any) -> float:
        return float(np.square(np.diff(profile)).sum()) / max(float(np.square(profile).sum()), 1.0)

    return sharpness(ink.sum(axis=0)) > SIDEWAYS * sharpness(ink.sum(axis=1))


def upright_turn(gray: Any) -> int:
    """Degrees (clockwise: 0, 90, 180, 270) that turn the image's text upright, by Tesseract's
    orientation detection; 0 when it is unsure."""
    import cv2
    import pytesseract

    scale = min(1.0, 1600 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    try:
        osd = pytesseract.image_to_osd(small, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:  # too few characters to tell
        return 0
    turn = int(osd.get("rotate", 0)) % 360
    return turn if float(osd.get("orientation_conf", 0.0)) >= OSD_CONFIDENCE else 0


def ruling_lines(binary: Any) -> int:
    """Long horizontal rules in a straightened binary image: table borders (text never draws them)."""
    import cv2

    scale = min(1.0, 1200 / max(binary.shape[1], 1))
    small = cv2.resize(binary, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else binary
    _, ink = cv2.threshold(small, 127, 255, cv2.THRESH_BINARY_INV)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(small.shape[1] // 6, 20), 1))
    n, _ = cv2.connectedComponents(cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel))
    return n - 1


def is_speck(w: Word) -> bool:
    """Scanner dirt read as a word: a lone underscore, quote or bar, or doubtful lone punctuation."""
    text = w.text.strip()
    if not text or all(c in _SPECK for c in text):
        return True
    return all(not c.isalnum() for c in text) and (w.conf or 0) < 60 and text not in _SYMBOLS


def _trim(w: Word) -> Word:
    """Dirt stuck to the front of a word ("‘2.5." for "2.5."); opening single quotes are rare in papers."""
    text = w.text.lstrip("‘`|_~^")
    return w if text == w.text or not text else Word(text, w.x0, w.top, w.x1, w.bottom, w.size, w.bold, w.conf, w.para)


def _shift(w: Word, d: float) -> Word:
    return Word(w.text, w.x0 + d, w.top + d, w.x1 + d, w.bottom + d, w.size, w.bold, w.conf, w.para)


def read(binary: Any, engine: OcrEngine, lang: str = "eng", angle: float = 0.0) -> OcrResult:
    """OCR a prepared (straight, binary) image; boxes are its pixels."""
    import cv2

    # Tesseract loses glyphs that touch the image edge (a table's first column in a cropped picture)
    padded = cv2.copyMakeBorder(binary, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)
    words = [_shift(_trim(w), -PAD) for w in engine.words(padded, lang) if not is_speck(w)]
    confs = [w.conf for w in words if w.conf is not None]
    mean = round(sum(confs) / len(confs), 1) if confs else None
    return OcrResult(tuple(words), mean, angle, getattr(engine, "method", engine.kind))


def ocr_image(gray: Any, engine: OcrEngine, lang: str = "eng", deskew: bool = True) -> OcrResult:
    """Deskew, binarize and OCR a grayscale image; boxes are pixels of the deskewed image."""
    angle = estimate_skew(gray) if deskew else 0.0
    return read(binarize(straighten(gray, angle)), engine, lang, angle)
