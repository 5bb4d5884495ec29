"""Patient numbers: rows are numbered in increasing order, which lets us repair what OCR broke.

"240" between 23 and 25 is 24 with a fused footnote mark; "1" between 10 and 12
lost a digit; "»" between 21 and 23 is a number read as a symbol.
"""

from __future__ import annotations

import re

from evidex.evidence.tables.patients.repair import Fix
from evidex.evidence.tables.patients.rows import GLYPH_DIGITS, RawRow

_DIGITS = re.compile(r"^(\d{1,3})")


def _parsed(anchor: str) -> int | None:
    m = _DIGITS.match(_digits(anchor))
    return int(m.group(1)) if m else None


def _digits(anchor: str) -> str:
    return anchor.translate(GLYPH_DIGITS) if re.search(r"\d", anchor) else anchor


def _explains(raw_digits: str, expected: int) -> bool:
    """OCR can turn ``expected`` into ``raw_digits`` by losing a digit or gaining a trailing mark."""
    exp = str(expected)
    if raw_digits.startswith(exp) or exp.startswith(raw_digits):
        return True
    it = iter(exp)
    return all(ch in it for ch in raw_digits)


def number(rows: list[RawRow]) -> list[Fix]:
    """Set ``row.patient`` on every row; returns the repairs made to patient numbers."""
    fixes: list[Fix] = []
    first = [r for r in rows if not r.repeat]
    values = [_parsed(r.anchor) for r in first]
    prev = 0
    for i, row in enumerate(first):
        v = values[i]
        nxt = next((x for x in values[i + 1 :] if x is not None), None)
        fits = v is not None and v > prev and (nxt is None or v < nxt or nxt <= prev)
        if fits:
            row.patient = str(v)
            if not row.anchor.startswith(row.patient):  # 'I7': a digit read as a letter
                fixes.append(Fix("patient", row.anchor, row.patient, "patient_glyph_digit.v1", 0.8))
        else:
            fix = _repair(row.anchor, v, prev, nxt)
            row.patient = fix.value if fix else row.anchor
            if fix:
                fixes.append(fix)
        values[i] = int(row.patient) if row.patient.isdigit() else v
        prev = values[i] or prev
    last = ""
    for row in rows:
        row.patient = last if row.repeat else row.patient
        last = row.patient
    return fixes


def _repair(anchor: str, v: int | None, prev: int, nxt: int | None) -> Fix | None:
    expected = prev + 1
    if nxt is not None and expected >= nxt:
        return None
    confirmed = nxt == expected + 1
    digits = _DIGITS.match(_digits(anchor))
    if digits and _explains(digits.group(1), expected):
        return Fix("patient", anchor, str(expected), "patient_sequence.v1", 0.9 if confirmed else 0.7)
    if not digits:
        return Fix("patient", anchor, str(expected), "patient_sequence_symbol.v1", 0.8 if confirmed else 0.6)
    return None
