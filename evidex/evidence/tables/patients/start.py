"""Where a listing's body starts: the first body row must not be eaten as a header row.

The body is found at the first row that starts with a patient number. OCR may have read that first
number as a glyph ("l", "I", "|") or lost it; that row then looks like one more header row, every
patient's values move up one row and patient 1 is lost. A row just above the first numbered row is
the first body row when it holds numbers where the body's numeric columns do (header rows hold words,
units and at most a stray timepoint), and its first cell is empty, a glyph or a symbol. Its patient
number is then repaired from the sequence (``sequence.number``), and logged.
"""

from __future__ import annotations

import re

NUMBER = re.compile(r"^[+<>≤≥~]?\d+(?:[.,·]\d+)?%?$")
LEAD = re.compile(r"^(?:[lIi|!\]\[}{¥»«'‘’\"*•·]{1,2}|[^\w\s]{1,2})$")  # what OCR makes of a lone "1"
AGREE = 2  # numbers in at least this many numeric columns


def numeric(text: str) -> bool:
    return bool(NUMBER.match(text.strip()))


def first_row_lost(cells: list[str], body: list[list[str]]) -> bool:
    """A grid row above the first numbered row that is the first body row (its number lost or misread)."""
    first = cells[0].strip() if cells else ""
    if first and not LEAD.match(first):
        return False
    agree = disagree = 0
    for j in range(1, len(cells)):
        column = [r[j] for r in body[:8] if j < len(r) and r[j].strip()]
        if len(column) < 2 or sum(numeric(v) for v in column) < 0.8 * len(column) or not cells[j].strip():
            continue
        if numeric(cells[j]):
            agree += 1
        else:
            disagree += 1
    return agree >= AGREE and agree > 2 * disagree


def first_line_lost(line: str, body: list[str]) -> bool:
    """A text line above the first numbered line that is the first body line (its number misread)."""
    toks = line.split()
    if len(toks) < 3 or not LEAD.match(toks[0]):
        return False
    counts = sorted(sum(numeric(t) for t in b.split()) for b in body[:8])
    typical = counts[len(counts) // 2] if counts else 0
    nums = sum(numeric(t) for t in toks[1:])
    return nums >= max(AGREE, 0.6 * typical)
