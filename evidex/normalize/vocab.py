"""Load the versioned vocabulary files (evidex/normalize/vocab/*.csv) into one small index.

A concept is (kind, canonical) with its code; an alias is one written form of
a concept with its type (canonical, synonym, brand, code, abbreviation,
variant, chinese) and an optional context gate ("MP" is melphalan only where a
conditioning context opens the gate).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from evidex.normalize.text import compact, key

VOCAB_DIR = Path(__file__).with_name("vocab")


@dataclass(frozen=True, slots=True)
class Concept:
    kind: str
    canonical: str
    code_system: str = ""
    code: str = ""
    other_codes: str = ""
    note: str = ""
    suffix_class: str = ""  # drugs: stem class (mab, tinib, leucel, ...) used as a context check


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    concept: Concept
    type: str = "canonical"
    gate: str = ""  # "" | kind | regimen | conditioning | maintenance | gvhd | graft | therapy
    note: str = ""


@dataclass(frozen=True, slots=True)
class Regimen:
    name: str
    components: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Gene:
    symbol: str
    hgnc_id: str = ""


@dataclass(frozen=True, slots=True)
class Analyte:
    name: str
    aliases: tuple[str, ...]
    low_term: str = ""
    high_term: str = ""


@dataclass
class Vocabulary:
    version: str
    concepts: dict[tuple[str, str], Concept] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    by_key: dict[str, list[Alias]] = field(default_factory=lambda: defaultdict(list))
    by_compact: dict[str, list[Alias]] = field(default_factory=lambda: defaultdict(list))
    regimens: dict[str, Regimen] = field(default_factory=dict)  # compact alias -> regimen
    genes: dict[str, Gene] = field(default_factory=dict)  # compact symbol or legacy name -> gene
    fusion_aliases: dict[str, str] = field(default_factory=dict)  # compact alias -> canonical fusion
    analytes: list[Analyte] = field(default_factory=list)
    chinese: list[tuple[Concept, tuple[str, ...]]] = field(default_factory=list)  # pinyin syllables

    def concept(self, kind: str, canonical: str) -> Concept | None:
        return self.concepts.get((kind, canonical))

    def add_concept(self, concept: Concept) -> Concept:
        known = self.concepts.setdefault((concept.kind, concept.canonical), concept)
        self.add_alias(Alias(concept.canonical, known, "canonical"))
        return known

    def add_alias(self, alias: Alias) -> None:
        self.aliases.append(alias)
        for index, k in ((self.by_key, key(alias.text)), (self.by_compact, compact(alias.text))):
            if k and all(a.concept != alias.concept or a.gate != alias.gate for a in index[k]):
                index[k].append(alias)

    def kinds_of(self, kind: str) -> list[Concept]:
        return [c for (k, _), c in self.concepts.items() if k == kind]


def _rows(name: str) -> list[dict[str, str]]:
    with (VOCAB_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]


def read_version() -> str:
    text = (VOCAB_DIR / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^Version:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else "evidex-vocab unknown"


def load_vocabulary() -> Vocabulary:
    vocab = Vocabulary(version=read_version())
    _load_drugs(vocab)
    _load_concepts(vocab)
    _load_ctcae(vocab)
    _load_aliases(vocab)
    _load_regimens(vocab)
    _load_genes(vocab)
    _load_analytes(vocab)
    return vocab


def _load_drugs(vocab: Vocabulary) -> None:
    for row in _rows("drugs.csv"):
        vocab.add_concept(
            Concept("drug", row["canonical"], row["code_system"], row["code"], row["other_codes"], row["note"],
                    row["suffix_class"])
        )
    _first_words(vocab)
    for row in _rows("chinese_names.csv"):
        concept = vocab.concept("drug", row["canonical"])
        if concept is None:
            raise ValueError(f"chinese_names.csv: unknown drug {row['canonical']!r}")
        vocab.chinese.append((concept, tuple(row["pinyin"].split())))
        vocab.add_alias(Alias(row["chinese"], concept, "chinese"))


def _first_words(vocab: Vocabulary) -> None:
    """"brentuximab" names brentuximab vedotin: a multi-word drug's distinctive first word is an alias."""
    drugs = vocab.kinds_of("drug")
    firsts = [c.canonical.split()[0] for c in drugs]
    for concept, first in zip(drugs, firsts, strict=True):
        if " " in concept.canonical and len(first) >= 6 and firsts.count(first) == 1:
            vocab.add_alias(Alias(first, concept, "synonym"))


def _load_concepts(vocab: Vocabulary) -> None:
    for row in _rows("concepts.csv"):
        vocab.add_concept(
            Concept(row["kind"], row["canonical"], row["code_system"], row["code"], row["other_codes"], row["note"])
        )


def _load_ctcae(vocab: Vocabulary) -> None:
    for row in _rows("ctcae_v5.0.csv"):
        vocab.add_concept(Concept("ae", row["term"], "CTCAE v5.0", row["meddra_llt"], "", ""))
    for row in _rows("ae_phrases.csv"):
        concept = vocab.concept("ae", row["ctcae_term"])
        if concept is None:
            raise ValueError(f"ae_phrases.csv: {row['ctcae_term']!r} is not a CTCAE v5.0 term")
        vocab.add_alias(Alias(row["phrase"], concept, "synonym", note=row["note"]))


def _load_aliases(vocab: Vocabulary) -> None:
    for row in _rows("aliases.csv"):
        concept = vocab.concept(row["kind"], row["canonical"])
        if concept is None:
            raise ValueError(f"aliases.csv: unknown concept {row['kind']}/{row['canonical']}")
        vocab.add_alias(Alias(row["alias"], concept, row["type"], row["gate"]))


def _load_regimens(vocab: Vocabulary) -> None:
    for row in _rows("regimens.csv"):
        names = [row["regimen"], *filter(None, row["aliases"].split(";"))]
        regimen = Regimen(row["regimen"], tuple(row["components"].split(";")), tuple(names), row["note"])
        missing = [c for c in regimen.components if not _component_concept(vocab, c)]
        if missing:
            raise ValueError(f"regimens.csv: {regimen.name} has unknown components {missing}")
        concept = vocab.add_concept(Concept("regimen", regimen.name, note=";".join(regimen.components)))
        for name in names:
            vocab.regimens[compact(name)] = regimen
            vocab.add_alias(Alias(name, concept, "abbreviation"))


def _component_concept(vocab: Vocabulary, name: str) -> Concept | None:
    return vocab.concept("drug", name) or vocab.concept("procedure", name)


def _load_genes(vocab: Vocabulary) -> None:
    for row in _rows("genes.csv"):
        gene = Gene(row["symbol"], row["hgnc_id"])
        for name in [row["symbol"], *filter(None, row["legacy"].split(";"))]:
            vocab.genes[compact(name)] = gene
    for row in _rows("fusions.csv"):
        vocab.fusion_aliases[compact(row["canonical"])] = row["canonical"]
        if row["alias"]:
            vocab.fusion_aliases[compact(row["alias"])] = row["canonical"]
        vocab.concepts.setdefault(
            ("fusion", row["canonical"]),
            Concept("fusion", row["canonical"], row["code_system"], row["code"], "", row["note"]),
        )


def _load_analytes(vocab: Vocabulary) -> None:
    for row in _rows("analytes.csv"):
        vocab.analytes.append(
            Analyte(row["analyte"], tuple(row["aliases"].split(";")), row["low_term"], row["high_term"])
        )
