"""One study's PDF through pypdfium2: find a quote's lines on a page, render a region of a page."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PIL import Image

from evidex.output.report.boxes import Found, Rect

_ANCHOR = 40  # characters of a long quote's start and end searched for when the whole quote is not found


class PdfPages:
    """Opened on first use and closed with the study; a PDF that will not open gives no crops, not an error."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.error = ""
        self._doc: Any = None
        self._pages: dict[int, Any] = {}
        self._texts: dict[int, tuple[Any, str, list[int]]] = {}

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        for textpage, _, _ in self._texts.values():
            textpage.close()
        for page in self._pages.values():
            page.close()
        if self._doc is not None:
            self._doc.close()
        self._texts, self._pages, self._doc = {}, {}, None

    def _document(self) -> Any:
        if self._doc is None and not self.error:
            import pypdfium2 as pdfium

            try:
                if self.path is None or not self.path.is_file():
                    raise FileNotFoundError(f"no PDF at {self.path}")
                self._doc = pdfium.PdfDocument(self.path)
            except (OSError, pdfium.PdfiumError) as exc:
                self.error = str(exc)
        return self._doc

    def page(self, number: int) -> Any:
        doc = self._document()
        if doc is None or not 1 <= number <= len(doc):
            return None
        if number not in self._pages:
            self._pages[number] = doc[number - 1]
        return self._pages[number]

    def find(self, number: int, quote: str, numbers: Sequence[str] = ()) -> Found:
        """The quote's lines on the page, matched ignoring case, spaces, line breaks and hyphens; inside them
        the first of ``numbers`` that stands alone (not part of a longer number)."""
        page = self.page(number)
        if page is None:
            return Found([], [])
        textpage, flat, index = self._text(number, page)
        span = _find_span(flat, _flatten(quote)[0])
        if span is None:
            return Found([], [])
        lines = self._rects(textpage, page, index[span[0]], index[span[1] - 1])
        for needle in numbers:
            at = _find_number(flat, _flatten(needle)[0], *span)
            if at is not None:
                return Found(lines, self._rects(textpage, page, index[at[0]], index[at[1] - 1]))
        return Found(lines, [])

    @staticmethod
    def _rects(textpage: Any, page: Any, first: int, last: int) -> list[Rect]:
        height = page.get_height()
        rects = []
        for i in range(textpage.count_rects(first, last - first + 1)):
            left, bottom, right, top = textpage.get_rect(i)
            rects.append((left, height - top, right, height - bottom))
        return rects

    def _text(self, number: int, page: Any) -> tuple[Any, str, list[int]]:
        if number not in self._texts:
            textpage = page.get_textpage()
            flat, index = _flatten(textpage.get_text_range())
            self._texts[number] = (textpage, flat, index)
        return self._texts[number]

    def render(self, number: int, region: Rect, scale: float) -> Image.Image | None:
        page = self.page(number)
        if page is None:
            return None
        width, height = page.get_size()
        x0, top, x1, bottom = max(0.0, region[0]), max(0.0, region[1]), min(width, region[2]), min(height, region[3])
        if x1 <= x0 or bottom <= top:
            return None
        bitmap = page.render(scale=scale, crop=(x0, height - bottom, width - x1, top))
        image: Image.Image = bitmap.to_pil().convert("RGB")
        return image


def _flatten(text: str) -> tuple[str, list[int]]:
    """Lower-case text without spaces, line breaks and hyphens, and each kept character's index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).lower():
            if c.isspace() or c in "-\u00ad\u2010\u2011\u2012\u2013\x02":
                continue
            out.append(c)
            index.append(i)
    return "".join(out), index


def _find_number(flat: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    at = flat.find(needle, start, end) if needle else -1
    while at >= 0:
        if _stands_alone(flat, at, at + len(needle)):
            return at, at + len(needle)
        at = flat.find(needle, at + 1, end)
    return None


def _stands_alone(flat: str, start: int, end: int) -> bool:
    """Not the 6 of 16 or 0.6, nor the 78 of 78.6."""
    before, after = flat[start - 1 : start] if start else "", flat[end : end + 2]
    if before.isdigit() or before == ".":
        return False
    return not (after[:1].isdigit() or (after[:1] == "." and after[1:2].isdigit()))


def _find_span(flat: str, quote: str) -> tuple[int, int] | None:
    if not quote:
        return None
    at = flat.find(quote)
    if at >= 0:
        return at, at + len(quote)
    if len(quote) <= 2 * _ANCHOR:
        return None
    head = flat.find(quote[:_ANCHOR])
    if head < 0:
        return None
    tail = flat.find(quote[-_ANCHOR:], head, head + 2 * len(quote))
    end = tail + _ANCHOR if tail >= 0 else head + _ANCHOR
    return head, end
