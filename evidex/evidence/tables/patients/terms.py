"""Cell text -> canonical terms, through the injected ``Normalizer`` only.

When the vocabulary does not know a token as printed, OCR glyph variants are
tried ("HsCT", "Hscr" -> "HSCT"), then the table's own abbreviation footnote
("TSPA, thiotepa"). A token that only maps after a change is logged as a repair.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from evidex.evidence.tables.patients.repair import Fix, glyph_variants, strip
from evidex.models import Normalizer, Term

OCR_METHODS = ("ocr", "fuzzy", "phonetic")


def probing(normalizer: Normalizer) -> AbstractContextManager[None]:
    """Questions whose "no" is no decision about the paper (a glyph variant tried, a cell's kind guessed): the
    study's recorder keeps only the answers that name something; other normalizers record nothing anyway."""
    quiet = getattr(normalizer, "probing", None)
    return quiet() if callable(quiet) else nullcontext()


@dataclass
class Terms:
    """Normalization for one table: the normalizer, the page, abbreviations defined in the footnotes."""

    normalizer: Normalizer
    page: int | None = None
    abbreviations: dict[str, str] = field(default_factory=dict)

    def one(self, column: str, raw: str, kind: str) -> tuple[str | None, Fix | None]:
        """Canonical form of one token and the repair it needed, if any."""
        text = strip(raw)
        if not text:
            return None, None
        t = self.normalizer.normalize(text, kind, context=column, page=self.page)
        if t.mapped:
            return t.canonical, _ocr_fix(column, text, t)
        for variant in glyph_variants(text):
            with probing(self.normalizer):
                t = self.normalizer.normalize(variant, kind, context=column, page=self.page)
            if t.mapped:
                return t.canonical, Fix(column, raw, variant, "glyph_term.v1", round(0.7 * (t.score or 1.0), 3))
        expansion = self.abbreviations.get(text.upper())
        if expansion:
            t = self.normalizer.normalize(expansion, kind, context=column, page=self.page)
            if t.mapped:
                return t.canonical, None
        return None, None

    def regimen(self, column: str, token: str) -> tuple[list[str], str, Fix | None]:
        """Components of one regimen token ("BuCy" -> busulfan, cyclophosphamide), the token as repaired."""
        text = strip(token)
        terms = self.normalizer.components(text, context=column, page=self.page)
        if terms and all(t.mapped for t in terms):
            fix = next((f for t in terms if (f := _ocr_fix(column, text, t))), None)
            return [t.canonical or "" for t in terms], fix.value if fix else text, fix
        for variant in glyph_variants(text):
            with probing(self.normalizer):
                terms = self.normalizer.components(variant, context=column, page=self.page)
            if terms and all(t.mapped for t in terms):
                return [t.canonical or "" for t in terms], variant, Fix(column, token, variant, "glyph_term.v1", 0.6)
        expansion = self.abbreviations.get(text.upper())
        if expansion:
            terms = self.normalizer.components(expansion, context=column, page=self.page)
            if terms and all(t.mapped for t in terms):
                return [t.canonical or "" for t in terms], text, None
        return [], text, None


def _ocr_fix(column: str, text: str, t: Term) -> Fix | None:
    """A match the vocabulary made by OCR/fuzzy similarity changes the printed token: log it."""
    if t.method in OCR_METHODS and t.alias and t.alias.lower() != text.lower():
        return Fix(column, text, t.alias, f"vocab_{t.method}.v1", round(t.score or 0.5, 3))
    return None


def footnote_abbreviations(footnotes: tuple[str, ...]) -> dict[str, str]:
    """'CLAG, cladribine + cytarabine; CCNU, lomustine' -> {'CLAG': 'cladribine + cytarabine', ...}."""
    text = " ".join(footnotes)
    out: dict[str, str] = {}
    for m in re.finditer(r"(?:^|[;.(]\s*|\)\s*)([A-Za-z][A-Za-z0-9\-]{0,9}),\s+([^;,]+(?:\s*\+\s*[^;,]+)*)", text):
        abbr, expansion = m.group(1), m.group(2).strip()
        if abbr.upper() not in out and len(expansion) > len(abbr) and not re.fullmatch(r"[A-Z0-9\-]+", expansion):
            out[abbr.upper()] = expansion
    return out


def split_plus(text: str, slash: bool = False) -> list[str]:
    """'Chemotherapy + CAR-T' / 'Cy+ ATG' (and 'Flu/Bu/ATG' when ``slash``) -> parts; a dash alone means none."""
    sep = r"\s*[+/]\s*" if slash else r"\s*\+\s*"
    return [p for p in (strip(x) for x in re.split(sep, text)) if p and p not in ("-", "–")]
