"""Crops of a PDF page around a value's box, the box highlighted, cached as PNG files.

A crop's file name is a digest of what it shows (study, page, frame, marks, scale), and the study_id is a
digest of the PDF's bytes, so a file that exists is the right picture: re-building the review page renders
only what is new.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from evidex.output.report.boxes import Box, Rect
from evidex.output.report.pdfpages import PdfPages

SCALE = 1.5  # 108 dpi: a line of 10 pt body text is ~15 px high, legible beside the quote
SHOWN_WIDTH = 440  # px the crop column has in a 1,400 px window
MARGIN_X, MARGIN_Y = 14.0, 10.0  # points of page around the frame, so the reader sees the neighbouring text
MIN_WIDTH = 220.0  # points: a lone number is shown with the words around it
_FILL = (255, 214, 0, 90)
_EDGE = (214, 40, 40, 255)
_SHADE = (255, 226, 90, 55)
_VERSION = "crop.v2"


@dataclass(frozen=True, slots=True)
class Crop:
    src: str  # relative to the study page
    width: int
    height: int
    source: str  # which of boxes.FROM_* found the box

    @property
    def zoom(self) -> str:
        """How much a hover enlarges the crop back towards its own size from the column's width."""
        return f"{min(2.5, max(1.0, self.width / SHOWN_WIDTH)):.2f}"


class Cropper:
    """Crops of one study, written under ``crops_dir/<study_id>/``; remembers which files it used."""

    def __init__(self, crops_dir: Path, study_id: str, pdf: PdfPages, scale: float = SCALE) -> None:
        self.dir = crops_dir / study_id
        self.study_id = study_id
        self.pdf = pdf
        self.scale = scale
        self.used: set[str] = set()
        self._made: dict[Box, Crop | None] = {}

    def crop(self, box: Box | None) -> Crop | None:
        if box is None:
            return None
        if box not in self._made:
            self._made[box] = self._crop(box)
        return self._made[box]

    def _crop(self, box: Box) -> Crop | None:
        frame = _pad(box.frame)
        name = f"p{box.page}-{self._digest(box, frame)}.png"
        path = self.dir / name
        if path.exists():
            with Image.open(path) as cached:
                size = cached.size
        else:
            image = self.pdf.render(box.page, frame, self.scale)
            if image is None:
                return None
            image = highlight(image, box, frame, self.scale)
            self.dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{name}.tmp")
            image.save(tmp, format="PNG", optimize=True)
            tmp.replace(path)  # a crop file that exists is whole: the cache trusts it
            size = image.size
        self.used.add(name)
        return Crop(f"crops/{self.study_id}/{name}", size[0], size[1], box.source)

    def _digest(self, box: Box, frame: Rect) -> str:
        marks, context = [_r(m) for m in box.marks], [_r(m) for m in box.context]
        key = f"{_VERSION}|{self.study_id}|{box.page}|{_r(frame)}|{marks}|{context}|{self.scale}"
        return hashlib.sha1(key.encode()).hexdigest()[:12]

    def prune(self) -> None:
        """Remove this study's crops that the page no longer shows."""
        if self.dir.is_dir():
            for old in self.dir.glob("*.png"):
                if old.name not in self.used:
                    old.unlink()


def _r(rect: Rect) -> tuple[float, ...]:
    return tuple(round(v, 1) for v in rect)


def _pad(rect: Rect) -> Rect:
    half = max(MIN_WIDTH / 2, (rect[2] - rect[0]) / 2 + MARGIN_X)
    centre = (rect[0] + rect[2]) / 2
    return centre - half, rect[1] - MARGIN_Y, centre + half, rect[3] + MARGIN_Y


def highlight(image: Image.Image, box: Box, frame: Rect, scale: float) -> Image.Image:
    """The sentence or row shaded, the value itself boxed in red over a yellow fill."""
    left, top = max(0.0, frame[0]), max(0.0, frame[1])  # the render was clamped to the page the same way

    def px(r: Rect, pad: float) -> tuple[float, float, float, float]:
        return (r[0] - left) * scale - pad, (r[1] - top) * scale - pad, (r[2] - left) * scale + pad, (
            r[3] - top
        ) * scale + pad

    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for r in box.context:
        draw.rectangle(px(r, 1), fill=_SHADE)
    for r in box.marks:
        draw.rectangle(px(r, 2), fill=_FILL, outline=_EDGE, width=2)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
