"""Section headings and table captions, shared by the text and PDF readers."""

from __future__ import annotations

import re

# Keywords of section headings, checked in order; the first that a heading contains wins.
_SECTION_WORDS: tuple[tuple[str, str], ...] = (
    ("abstract", "abstract"),
    ("summary", "abstract"),
    ("introduction", "introduction"),
    ("background", "introduction"),
    ("method", "methods"),
    ("patients and", "methods"),
    ("study design", "methods"),
    ("result", "results"),
    ("discussion", "discussion"),
    ("conclusion", "conclusion"),
    ("reference", "references"),
    ("bibliography", "references"),
    ("acknowledg", "other"),
    ("funding", "other"),
    ("conflict", "other"),
    ("author", "other"),
    ("data availability", "other"),
    ("ethic", "other"),
    ("supplementary", "other"),
)
_WHOLE = tuple(re.compile(rf"(materials? and )?{word}s?") for word, _ in _SECTION_WORDS)
_ANY_WORD = re.compile("|".join(word for word, _ in _SECTION_WORDS))  # most lines hold none: one search

# "2.", "2.1.", "3.4 " or roman "II." before a heading
_NUMBERED = re.compile(r"^\s*(?P<num>(?:\d{1,2}(?:\.\d{1,2})*\.?)|(?:[IVX]{1,4}\.))\s+(?P<title>\S.{0,110})$")
# "Results:" at the start of a structured-abstract paragraph (possessive: a long run of spaces before no
# label was quadratic to reject)
_LABEL = re.compile(
    r"^\s*+\|?\s*+(?P<label>objectives?|aims?|purpose|background|introduction|methods?|materials and methods|"
    r"patients and methods|design|results?|findings|conclusions?|interpretation|significance)\s*[:：]\s*(?=\S)",
    re.I,
)
CAPTION = re.compile(
    # the number is case-sensitive: "Table IV" is a caption, "table in a ..." is a sentence
    r"^\s*(?P<kind>table|tab\.|figure|fig\.)\s*[-–]?\s*(?P<num>(?-i:\d{1,3}[A-Za-z]?|[IVX]{1,4}))\b[\s.:|-]*(?P<rest>.*)$",
    re.I,
)


def section_of_heading(text: str) -> str | None:
    """The section a heading line opens, or None if the line is not a heading we know."""
    line = text.strip().strip("|").strip()
    if not line or len(line) > 120 or line.endswith((",", ";")):
        return None
    m = _NUMBERED.match(line)
    title = m.group("title") if m else line
    if not m and (len(title.split()) > 6 or title[-1:] in ".:"):
        return None
    if m and (title.endswith(".") and len(title.split()) > 8):
        return None
    low = title.lower()
    for (word, section), whole in zip(_SECTION_WORDS, _WHOLE, strict=True) if _ANY_WORD.search(low) else ():
        if low.startswith(word) or (m is not None and word in low) or whole.fullmatch(low):
            return section
    return "subsection" if m and _looks_like_title(title) else None


def heading_level(text: str) -> int:
    m = _NUMBERED.match(text.strip())
    if not m:
        return 1
    return m.group("num").rstrip(".").count(".") + 1


def _looks_like_title(title: str) -> bool:
    words = title.split()
    return 1 <= len(words) <= 14 and title[0].isupper() and not re.search(r"\d{3,}", title)


def abstract_label(text: str) -> str | None:
    m = _LABEL.match(text)
    return m.group("label").lower() if m else None


def caption_label(text: str) -> tuple[str, str, str] | None:
    """("table"|"figure", "Table 2", rest of caption) when ``text`` starts with a caption."""
    m = CAPTION.match(text)
    if not m:
        return None
    kind = "table" if m.group("kind").lower().startswith("tab") else "figure"
    rest = m.group("rest").strip()
    # "Table 2 shows ..." in running text is a reference, not a caption
    if rest[:1].islower() and not rest.lower().startswith(("a ", "an ")):
        return None
    return kind, f"{kind.capitalize()} {m.group('num').upper()}", rest
