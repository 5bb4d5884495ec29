"""Numbers as papers write them: digits, middle dots, and words ("Thirty-three", "seven")."""

from __future__ import annotations

import re

from evidex.evidence.text import lexicon

_LEX = lexicon.data()
_UNITS: list[str] = list(_LEX["number_units"])
_TENS: list[str] = list(_LEX["number_tens"])
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
WORD_VALUES["none"] = 0

_TENS_RE = "|".join(_TENS)
_UNITS_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
# Word numbers may run into the next word in machine-translated text ("twocases").
_ONES_RE = "|".join(_UNITS[1:10])
_BELOW_100 = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_ONES_RE}))?|{_UNITS_RE})"
_HUNDREDS = rf"(?:{_ONES_RE})[- ]hundred(?:(?:[- ]|\s+and\s+){_BELOW_100})?"  # "One hundred forty-nine"
WORD_NUM = rf"(?<![A-Za-z])(?:{_HUNDREDS}|{_BELOW_100})(?![a-bd-oq-z])"
# "1,562 patients": thousands separated by commas (three digits after each comma, none after the last group)
DIGITS = r"(?<![\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3})+(?![\d]|,\d)|\d+(?:[.·]\d+)?)"
NUM = rf"(?:{DIGITS}|{WORD_NUM})"
NUM_RE = re.compile(NUM, re.I)


def parse_number(text: str) -> float | None:
    """A number from digits or English words; None when the text is not one."""
    s = text.strip().lower().replace("·", ".")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        s = s.replace(",", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    parts = [p for p in re.split(r"[- ]+", s) if p != "and"]
    total = 0
    for p in parts:
        if p == "hundred" and total:
            total *= 100
        elif p in WORD_VALUES:
            total += WORD_VALUES[p]
        else:
            return None
    return float(total)


def as_int(value: float | None) -> int | None:
    if value is None or value != int(value):
        return None
    return int(value)
