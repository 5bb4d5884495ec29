"""Structured readings that a lookup table cannot list: fusion genes and lab-direction AE phrases.

Both build the canonical form from parts ("TEL" + "AML1" -> ETV6::RUNX1;
"decreased" + "serum potassium" -> Hypokalemia), so unseen combinations work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidex.normalize import ocr
from evidex.normalize.text import clean, compact, key
from evidex.normalize.vocab import Analyte, Concept, Gene, Vocabulary

_FUSION_SPLIT = re.compile(r"\s*(?:::|[-/–:])\s*")
_GENE_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9]{1,9}$")


@dataclass(frozen=True, slots=True)
class Parsed:
    concept: Concept
    method: str
    score: float
    alias: str
    note: str = ""


def _gene(vocab: Vocabulary, name: str) -> tuple[Gene | None, int]:
    gene = vocab.genes.get(compact(name))
    if gene:
        return gene, 0
    hits = {}
    for variant, edits in ocr.variants(name, max_edits=1).items():
        found = vocab.genes.get(variant.replace(" ", ""))
        if found:
            hits[found.symbol] = (found, edits)
    if len(hits) == 1:
        return next(iter(hits.values()))
    return None, 0


def parse_fusion(vocab: Vocabulary, raw: str) -> Parsed | None:
    text = clean(raw).strip("*\"' ")
    known = vocab.fusion_aliases.get(compact(text))
    if known:
        exact = text.upper() == known.upper()
        return Parsed(_fusion_concept(vocab, known), "exact" if exact else "synonym", 1.0 if exact else 0.97, text)
    parts = [p for p in _FUSION_SPLIT.split(text) if p]
    if len(parts) != 2 or not all(_GENE_TOKEN.match(p) for p in parts):
        return None
    genes = [_gene(vocab, p) for p in parts]
    if any(g is None for g, _ in genes):
        return None
    five, three = genes[0][0], genes[1][0]
    assert five and three
    canonical = f"{five.symbol}::{three.symbol}"
    edits = sum(e for _, e in genes)
    legacy = [p for p, (g, _) in zip(parts, genes, strict=True) if g and compact(p) != compact(g.symbol)]
    method = "ocr" if edits else ("synonym" if legacy or "::" not in text else "exact")
    score = 1.0 if method == "exact" else (0.97 if method == "synonym" else 0.9)
    note = "OCR-repaired gene symbol" if edits else ("legacy gene names" if legacy else "")
    return Parsed(_fusion_concept(vocab, canonical, (five, three)), method, score, text, note)


def _fusion_concept(vocab: Vocabulary, canonical: str, genes: tuple[Gene, Gene] | None = None) -> Concept:
    known = vocab.concept("fusion", canonical)
    hgnc = ";".join(g.hgnc_id for g in genes or () if g.hgnc_id)
    if known:
        return Concept(known.kind, known.canonical, known.code_system, known.code, hgnc or known.other_codes,
                       known.note)
    return Concept("fusion", canonical, other_codes=hgnc)


_LOW = r"decreased|decrease(?:d)? in|low|lower(?:ed)?|reduced|reduction (?:of|in)|drop in|fall in"
_HIGH = r"increased|increase(?:d)? in|elevated|elevation (?:of|in)|high|higher|raised|rise in"
_FILLER = re.compile(r"\b(?:serum|plasma|blood|level|levels|concentration|concentrations|value|values|count|counts)\b")


def _name_key(text: str) -> str:
    return key(_FILLER.sub(" ", clean(text).lower()))


class LabPhrases:
    """"decreased serum potassium levels" -> Hypokalemia; "elevated uric acid" -> Hyperuricemia."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.by_name: dict[str, Analyte] = {}
        for analyte in vocab.analytes:
            for alias in analyte.aliases:
                self.by_name[_name_key(alias)] = analyte
        self._from_ctcae()
        names = "|".join(sorted((re.escape(n) for n in self.by_name), key=len, reverse=True))
        self.before = re.compile(rf"^(?P<dir>{_LOW}|{_HIGH})\s*(?P<name>{names})$")
        self.after = re.compile(rf"^(?P<name>{names})\s+(?P<dir>{_LOW}|{_HIGH})$")

    def _from_ctcae(self) -> None:
        """Every CTCAE term "<analyte> increased|decreased" also reads as "elevated <analyte>" etc.; the
        curated analytes.csv keeps priority where both name a direction."""
        for concept in self.vocab.kinds_of("ae"):
            match = re.fullmatch(r"(.+) (increased|decreased)", concept.canonical)
            if not match:
                continue
            name = _name_key(match.group(1))
            known = self.by_name.get(name, Analyte(name, (name,)))
            low, high = known.low_term, known.high_term
            if match.group(2) == "decreased":
                low = low or concept.canonical
            else:
                high = high or concept.canonical
            self.by_name[name] = Analyte(known.name, known.aliases, low, high)

    def parse(self, raw: str) -> Parsed | None:
        text = _name_key(raw)
        match = self.before.match(text) or self.after.match(text)
        if not match:
            return None
        analyte = self.by_name[match.group("name")]
        low = re.fullmatch(_LOW, match.group("dir")) is not None
        term = analyte.low_term if low else analyte.high_term
        concept = self.vocab.concept("ae", term) if term else None
        if concept is None:
            return None
        return Parsed(concept, "synonym", 0.95, raw, f"lab direction: {analyte.name} {'low' if low else 'high'}")
