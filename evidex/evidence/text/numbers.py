"""Numbers as papers write them: digits, middle dots, and words ("Thirty-three", "seven")."""

from __future__ import annotations

import re

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
WORD_VALUES["none"] = 0

_TENS_RE = "|".join(_TENS)
_UNITS_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
# Word numbers may run into the next word in machine-translated text ("twocases").
_ONES_RE = "|".join(_UNITS[1:10])
WORD_NUM = rf"(?<![A-Za-z])(?:(?:{_TENS_RE})(?:[- ](?:{_ONES_RE}))?|{_UNITS_RE})(?![a-bd-oq-z])"
DIGITS = r"(?<![\d.])\d+(?:[.·]\d+)?"
NUM = rf"(?:{DIGITS}|{WORD_NUM})"
NUM_RE = re.compile(NUM, re.I)


def parse_number(text: str) -> float | None:
    """A number from digits or English words; None when the text is not one."""
    s = text.strip().lower().replace("·", ".")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    parts = re.split(r"[- ]", s)
    if not all(p in WORD_VALUES for p in parts):
        return None
    return float(sum(WORD_VALUES[p] for p in parts))


def as_int(value: float | None) -> int | None:
    if value is None or value != int(value):
        return None
    return int(value)
