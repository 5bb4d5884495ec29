"""Short forms a paper defines in brackets after their long form: "standard of care (SOC)" -> soc = "standard of care".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREV = re.compile(r"(?P<long>(?:[A-Za-z][\w-]*\s+){0,7}[A-Za-z][\w-]*)\s+\((?P<short>[A-Za-z][A-Za-z0-9-]{1,9})\)")


def defined(text: str) -> Iterator[tuple[str, str]]:
    """(short, long) for each "long form (SHORT)" whose initials fit."""
    for m in _ABBREV.finditer(text):
        long = _long_form(m["long"], m["short"])
        if long:
            yield m["short"], long


def _long_form(words_text: str, short: str) -> str:
    letters = [c.lower() for c in short if c.isalpha()]
    words = words_text.split()
    if not letters or len(letters) > len(words) + 2:
        return ""
    for k in range(1, min(len(words), len(letters) + 3) + 1):
        cand = words[-k:]
        if _initials_fit(cand, letters):
            return " ".join(cand)
    return ""


def _initials_fit(words: list[str], letters: list[str]) -> bool:
    """The short form's first letter starts the first word, and its letters appear in order in the long form."""
    text = " ".join(words).lower()
    if not text or text[0] != letters[0]:
        return False
    pos = 0
    for ch in letters:
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True
