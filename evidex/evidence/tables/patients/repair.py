"""Cell repair by domain constraints: each change is a ``Fix`` that becomes a repairs.csv row.

Rules carry versioned names; a changed behaviour gets a new name. A cell no
rule can repair with confidence comes back as ``None`` with a problem text,
never as a guess.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

VALUES = Path(__file__).parents[2] / "data" / "pt_values.csv"
MIN_CONFIDENCE = 0.5
# No cell of a patient table (days, months, percents) comes near this; past about 9e15 a float no longer holds
# every whole number, so the printed digits could not even be kept.
MAX_VALUE = 1e15
DASH = "-"
# OCR misreads of a dash (table "none"/"negative" marks) and of digits inside numbers
DASH_GLYPHS = {"=": 0.85, "&": 0.7, "«": 0.8, "»": 0.8, "~": 0.8, "–": 1.0, "—": 1.0, "_": 0.8, "i": 0.6, "‘": 0.6}
DIGIT_GLYPHS = {"O": "0", "o": "0", "Q": "0", "l": "1", "I": "1", "S": "5", "B": "8"}
YN_GLYPHS = {"¥": "y"}
PCT_FIELDS = ("blasts_pre_pct", "mrd_pre_pct", "blasts_post_pct", "mrd_post_pct")
SIBLING = {"mrd_pre_pct": "blasts_pre_pct", "blasts_pre_pct": "mrd_pre_pct",
           "mrd_post_pct": "blasts_post_pct", "blasts_post_pct": "mrd_post_pct"}  # fmt: skip


@dataclass(frozen=True)
class Fix:
    column: str
    raw: str
    value: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class Cell:
    """A cell after repair: ``value`` None with ``problem`` set means it could not be read."""

    value: object = None
    fix: Fix | None = None
    problem: str = ""


@lru_cache(maxsize=1)
def value_map() -> dict[tuple[str, str], str]:
    rows = [ln for ln in VALUES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return {(r["kind"], r["raw"]): r["value"] for r in csv.DictReader(rows)}


@lru_cache(maxsize=1)
def truth_values() -> dict[str, bool]:
    """Spellings a yes/no column may print: yes/no, response categories (CR yes), vital status (alive yes)."""
    return {raw: v == "true" for (kind, raw), v in value_map().items() if kind in ("yn", "response", "vital")}


def strip(raw: str) -> str:
    """Cell text without OCR debris at its edges (stray quotes, '|', trailing ';')."""
    return raw.strip().strip("|‘’“”'\"`").rstrip(";,:").strip()


def is_dash(text: str) -> bool:
    return text in ("-", "–", "—", "") or text.lower() in ("na", "n/a", "nd", "nr")


def dash_glyph(column: str, raw: str) -> Cell | None:
    """A one-character cell OCR made of a dash ("=", "&", "«")."""
    t = strip(raw)
    if t in DASH_GLYPHS and t not in ("–", "—"):
        return Cell(DASH, Fix(column, raw, DASH, "glyph_dash.v1", DASH_GLYPHS[t]))
    if 2 <= len(t) <= 3 and all(ch in DASH_GLYPHS or ch == DASH for ch in t) and any(ch != DASH for ch in t):
        # a dash OCR read as two or three marks ("=-", "-~"): as sure as its least likely mark
        return Cell(DASH, Fix(column, raw, DASH, "glyph_dash.v1", min(DASH_GLYPHS.get(ch, 1.0) for ch in t)))
    return None


def yes_no(column: str, raw: str) -> Cell:
    t = strip(raw).lower()
    tv = truth_values()
    if t in tv:
        return Cell(tv[t])
    if is_dash(t):
        return Cell(None)
    lead, _, rest = t.partition(" ")
    if rest.strip() in tv and lead and all(ch in DASH_GLYPHS or ch == DASH for ch in lead):
        # scan dirt before the value read as a mark ('= alive', '— dead'): a dash is never part of a yes/no
        return Cell(tv[rest.strip()], Fix(column, raw, rest.strip(), "mark_debris_yes_no.v1", 0.8))
    if t and t[0] in YN_GLYPHS and len(t) <= 2:
        val = tv[YN_GLYPHS[t[0]]]
        return Cell(val, Fix(column, raw, "Y" if val else "N", "glyph_yes_no.v1", 0.9))
    near = [k for k in tv if len(k) >= 4 and Levenshtein.distance(t, k) == 1]
    if len(t) >= 4 and len({tv[k] for k in near}) == 1:
        # 'Aive' is one OCR slip from 'alive'; a word one slip from both meanings stays unread
        return Cell(tv[near[0]], Fix(column, raw, near[0], "fuzzy_yes_no.v1", 0.8))
    return Cell(None, problem=f"'{raw}' is not a yes/no value")


def parse_number(column: str, raw: str) -> Cell:
    """A plain number; '+15' (day after HSCT) reads 15; glyphs inside digits are mapped and logged. A number
    too large for any cell (or for a float: a 400-digit run reads as infinity) is no value: left empty."""
    cell = _number(column, raw)
    if isinstance(cell.value, float) and not (math.isfinite(cell.value) and abs(cell.value) < MAX_VALUE):
        shown = raw if len(raw) <= 24 else raw[:20] + "…"
        return Cell(None, problem=f"'{shown}' is too large to be a value")
    return cell


def _number(column: str, raw: str) -> Cell:
    t = strip(raw).replace(",", ".").replace("·", ".").rstrip(". ")
    t = re.sub(r"(?<=\d)\s*(d|days?|m|mo|%)$", "", t)
    if is_dash(t):
        return Cell(None)
    if re.fullmatch(r"\+?\d+(\.\d+)?", t):
        return Cell(float(t.lstrip("+")))
    if m := re.fullmatch(r"(\d+)(?:\s+|:)(\d{1,2})", t):  # the point read as a space or a colon: '22 18'
        fixed = f"{m.group(1)}.{m.group(2)}"
        return Cell(float(fixed), Fix(column, raw, fixed, "decimal_glyph.v1", 0.7))
    if re.fullmatch(r"[<«]\d+", t):
        return Cell(float(t[1:]), Fix(column, raw, "+" + t[1:], "glyph_plus.v1", 0.7))
    glyphs = {**DIGIT_GLYPHS, "%": "9"} if re.search(r"\d", t) else DIGIT_GLYPHS  # '%0' is a 9 misread: 90
    mapped = "".join(glyphs.get(ch, ch) for ch in t)
    if mapped != t and re.fullmatch(r"\+?\d+(\.\d+)?", mapped):
        return Cell(float(mapped.lstrip("+")), Fix(column, raw, mapped, "glyph_digit.v1", 0.7))
    return Cell(None, problem=f"'{raw}' is not a number")


def decimals_mode(raws: list[str]) -> int | None:
    """The most common count of decimal digits among the column's values written with a point."""
    counts = Counter(len(m.group(1)) for r in raws if (m := re.fullmatch(r"\d+\.(\d+)", strip(r))))
    return counts.most_common(1)[0][0] if counts else None


def restore_pct(column: str, raw: str, value: float, sibling: float | None, mode: int | None) -> Cell:
    """A percentage that lost its decimal point: '909' -> 90.9, '001' -> 0.01 (0-100 only)."""
    digits = strip(raw).rstrip(". ")
    if re.search(r"\d", digits):  # 'Q01' was read as 001 before: go on from there
        digits = "".join(DIGIT_GLYPHS.get(ch, ch) for ch in digits)
    if not digits.isdigit():
        return Cell(value)
    if len(digits) >= 2 and digits[0] == "0":
        fixed = f"0.{digits[1:]}"
        return Cell(float(fixed), Fix(column, raw, fixed, "decimal_leading_zero.v1", 0.9))
    if value <= 100:
        return Cell(value)
    cands = [digits[:k] + "." + digits[k:] for k in range(1, len(digits)) if float(digits[:k]) <= 100]
    cands = [c for c in cands if float(c) <= 100]
    if not cands:
        return Cell(None, problem=f"'{raw}' is above 100 and no decimal point brings it into 0-100")
    choice, conf = _pick(cands, sibling, mode)
    if conf < MIN_CONFIDENCE:
        return Cell(None, problem=f"'{raw}' is above 100; {' or '.join(cands)} are equally likely")
    rule = "decimal_restore_sibling.v1" if sibling else "decimal_restore_mode.v1"
    return Cell(float(choice), Fix(column, raw, choice, rule, conf))


def _pick(cands: list[str], sibling: float | None, mode: int | None) -> tuple[str, float]:
    if len(cands) == 1:
        return cands[0], 0.9
    if sibling and sibling > 0:
        ranked = sorted(cands, key=lambda c: abs(math.log(max(float(c), 1e-3) / sibling)))
        gap = abs(math.log(float(ranked[1]) / sibling)) - abs(math.log(max(float(ranked[0]), 1e-3) / sibling))
        return ranked[0], 0.8 if gap > 1.0 else 0.6
    by_mode = [c for c in cands if mode is not None and len(c.split(".")[1]) == mode]
    return (by_mode[0], 0.55) if len(by_mode) == 1 else (cands[0], 0.0)


def restore_scaled(column: str, raw: str, value: float, explicit: list[float]) -> Cell:
    """A column written with one decimal ('17.1') whose bare integers are ten times out of its range."""
    digits = strip(raw)
    if not digits.isdigit() or len(digits) < 2 or len(explicit) < 2:
        return Cell(value)
    lo, hi = min(explicit), max(explicit)
    scaled = value / 10
    if value > 1.5 * hi and 0.5 * lo <= scaled <= 1.5 * hi:
        fixed = f"{digits[:-1]}.{digits[-1]}"
        return Cell(float(fixed), Fix(column, raw, fixed, "decimal_restore_range.v1", 0.6))
    return Cell(value)


def hla(raw: str) -> tuple[Cell, tuple[int, int] | None]:
    """'5/10' -> (5, 10); OCR often drops the slash: '810' -> 8/10, '1010' -> 10/10."""
    t = "".join(DIGIT_GLYPHS.get(ch, ch) for ch in strip(raw).rstrip(". "))
    if is_dash(t):
        return Cell(None), None
    if m := re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})", t):
        a, b = int(m.group(1)), int(m.group(2))
        if a > b:
            return Cell(None, problem=f"'{raw}' has more matches than loci"), None
        return Cell(f"{a}/{b}"), (a, b)
    if m := re.fullmatch(r"([1-9]|10)(1[02])", t):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            return Cell(f"{a}/{b}", Fix("hla", raw, f"{a}/{b}", "hla_slash.v1", 0.9)), (a, b)
    return Cell(None, problem=f"'{raw}' is not an HLA match like 5/10"), None


def status(raw: str) -> Cell:
    t = strip(raw)
    if is_dash(t):
        return Cell(None)
    return Cell(value_map().get(("status", t.lower()), t))


GLYPH_VARIANTS = {"r": "T", "l": "TI", "<": "C", "[": "C", "(": "C", "8": "B", "6": "B", "0": "O", "1": "I", "5": "S",
                  "¥": "Y"}  # fmt: skip
# A token a glyph slip is tried on is a term or a short regimen (the longest vocabulary term has 50 characters):
# a longer cell is a sentence or a row glued into one cell, and each of its variants would be normalized whole,
# quadratic in its length (a 300-character cell took seconds).
GLYPH_TOKEN_MAX = 60


PREFIX_GLYPHS = {("l", "h"), ("l", "i"), ("l", "t"), ("<", "c"), ("(", "c"), ("[", "c"), ("a", "c"), ("e", "c")}


def prefix_of(token: str, words: list[str]) -> str | None:
    """The one word ``token`` begins, reading confusable glyphs alike ('cl' -> 'Chemotherapy'); None if not one."""
    t = token.lower()
    if len(t) < 2:
        return None
    hits = [
        w
        for w in words
        if len(w) > len(t) and all(a == b or (a, b) in PREFIX_GLYPHS for a, b in zip(t, w.lower(), strict=False))
    ]
    return hits[0] if len(hits) == 1 else None


def glyph_variants(text: str) -> list[str]:
    """Spellings OCR may have produced this token from: upper case, then one confusable glyph swapped."""
    if not 3 <= len(text) <= GLYPH_TOKEN_MAX:  # two glyphs carry too little to tell one spelling from another
        return []
    out = [text.upper()]
    for i, ch in enumerate(text):
        for sub in GLYPH_VARIANTS.get(ch, ""):
            out.append((text[:i] + sub + text[i + 1 :]).upper())
    return [v for v in dict.fromkeys(out) if v != text]
