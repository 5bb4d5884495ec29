"""Regimen and therapy strings -> one Term per component.

"CCNU + FLAG + BuCy + ATG" -> lomustine; fludarabine; cytarabine; G-CSF; busulfan;
cyclophosphamide; anti-thymocyte globulin. "Chemotherapy + CAR-T" -> chemotherapy; CAR-T.
A regimen abbreviation (FLAG) expands into its components; OCR-damaged ones ("BUCy",
"CONU", "T8I") go through the same cascade as any term, with the regimen context that
opens abbreviation gates ("Cy", "Flu", "MP").
"""

from __future__ import annotations

import re
from dataclasses import replace

from evidex.models import Term
from evidex.normalize import ocr
from evidex.normalize.cascade import Cascade, Query
from evidex.normalize.context import CONDITIONING_AGENTS
from evidex.normalize.text import clean, compact, letters
from evidex.normalize.vocab import Regimen

_SPLIT = re.compile(r"\s*(?:\+|,|;|&|\||\band\b|\bplus\b|\bwith\b|\bfollowed by\b)\s*", re.IGNORECASE)
_SUBSPLIT = re.compile(r"\s*[/\-]\s*")
# Dose and schedule after an agent ("Flu 30 mg/m2 d-6 to -2", "TBI 12 Gy", "ATG (2.5 mg/kg x 4 d)").
_DOSE = re.compile(r"\s*[(\[]?\s*\d[\d.,]*\s*(?:mg|g|µg|μg|mcg|gy|cgy|iu|u|mu)\b.*$", re.IGNORECASE)


def split(raw: str) -> list[str]:
    parts = (_DOSE.sub("", p).strip(" .") for p in _SPLIT.split(clean(raw)))
    return [p for p in parts if p]


class Components:
    def __init__(self, cascade: Cascade) -> None:
        self.cascade = cascade
        self.vocab = cascade.vocab

    def regimen(self, part: str) -> tuple[Regimen, str, float] | None:
        """A regimen named by ``part``, directly or through one OCR confusion ("BUCy" needs none: case folds)."""
        found = self.vocab.regimens.get(compact(part))
        if found:
            return found, "abbreviation", 0.95
        if len(letters(part)) < 3:
            return None
        hits = {self.vocab.regimens[v].name: self.vocab.regimens[v]
                for v in (compact(x) for x in ocr.variants(part, 1)) if v in self.vocab.regimens}
        if len(hits) == 1:
            return next(iter(hits.values())), "ocr", 0.85
        return None

    def expand(self, raw: str, context: str = "", kind: str | None = None) -> tuple[Term, ...]:
        parts = split(raw)
        if not parts:
            return (self.cascade.resolve(raw, kind or "component", context),)
        context_all = f"{context} regimen {raw}"
        terms = [t for part in parts for t in self._part(part, context_all, kind)]
        if any(t.canonical in CONDITIONING_AGENTS for t in terms) and "condition" not in context_all:
            # A second pass: the regimen's own agents say it is conditioning ("MP" -> melphalan).
            context_all += " conditioning"
            terms = [t for part in parts for t in self._part(part, context_all, kind)]
        return tuple(terms)

    def _part(self, part: str, context: str, kind: str | None) -> list[Term]:
        whole = self.regimen(part)
        if whole:
            return self._expanded(part, *whole)
        term = self.cascade.resolve(part, kind or "component", context)
        if term.kind == "regimen" and term.canonical:
            # a damaged or truncated regimen name the cascade repaired ("CLA" -> CLAG from context)
            regimen = self.vocab.regimens[compact(term.canonical)]
            return [replace(t, note=f"{term.note}; component of {regimen.name}")
                    for t in self._expanded(part, regimen, term.method, term.score or 0.0)]
        if term.mapped or not _SUBSPLIT.search(part):
            return [term]
        pieces = [p for p in _SUBSPLIT.split(part) if p]
        subterms = [t for p in pieces for t in self._part(p, context, kind)]
        return subterms if all(t.mapped for t in subterms) else [term]

    def _expanded(self, part: str, regimen: Regimen, method: str, score: float) -> list[Term]:
        out = []
        for name in regimen.components:
            concept = self.vocab.concept("drug", name) or self.vocab.concept("procedure", name)
            assert concept is not None  # checked when the vocabulary loads
            base = self.cascade.term(self._query(part), concept, method, score, regimen.name,
                                     f"component of {regimen.name}")
            out.append(replace(base, raw=part))
        return out

    @staticmethod
    def _query(part: str) -> Query:
        return Query(part, part, "regimen", ("regimen",), "", frozenset())
