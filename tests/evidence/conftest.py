"""A tiny dictionary-backed Normalizer for unit tests of the statement grammar.

It stands in for the real matcher only where a test says so; the seed and corpus
tests use ``evidex.normalize.load()``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evidex.models import Document, Mention, Term, TextBlock

CORPUS = Path(__file__).parent / "corpus"

# alias regex, canonical, kind, code_system, code
_VOCAB: tuple[tuple[str, str, str, str, str], ...] = (
    (r"blinatumomab|blincyto", "blinatumomab", "drug", "", ""),
    (r"inotuzumab(?: ozogamicin)?", "inotuzumab ozogamicin", "drug", "", ""),
    (r"placebo", "placebo", "drug", "", ""),
    (r"CAR[- ]?T(?: cells?| cell therapy)?", "CAR-T", "therapy", "", ""),
    (r"(?:standard )?chemotherapy|standard consolidation", "chemotherapy", "therapy", "", ""),
    (r"HSCT|hematopoietic stem cell transplantation", "HSCT", "therapy", "", ""),
    (r"overall survival(?: \(OS\))?|\bOS\b", "OS", "outcome", "evidex", ""),
    (r"progression-free survival(?: \(PFS\))?|\bPFS\b", "PFS", "outcome", "evidex", ""),
    (r"event-free survival(?: \(EFS\))?|\bEFS\b", "EFS", "outcome", "evidex", ""),
    (r"disease-free survival(?: \(DFS\))?|\bDFS\b", "DFS", "outcome", "evidex", ""),
    (r"leuk(?:a)?emia-free survival(?: \(LFS\))?|\bLFS\b", "LFS", "outcome", "evidex", ""),
    (r"relapse-free survival(?: \(RFS\))?|\bRFS\b", "RFS", "outcome", "evidex", ""),
    (r"overall response rate|\bORR\b", "ORR", "outcome", "evidex", ""),
    (r"complete remission(?: \(CR\))?(?: rate)?|CR rate|remission rates?|\bCR\b", "CR", "outcome", "evidex", ""),
    (r"MRD[- ](?:negativity|conversion|regression|negative)(?: rate)?|MRD-negative (?:remission|response)", "MRD_NEG",
     "outcome",
     "evidex", ""),
    (r"cytokine release syndrome(?: \(CRS\))?|\bCRS\b", "CRS", "outcome", "evidex", ""),
    (r"neurotoxicity|ICANS|immune effector cell-associated neurotoxicity syndrome|neurologic events", "ICANS",
     "outcome", "evidex", ""),
    (r"acute (?:graft[- ]versus[- ]host disease|GVHD)(?: \(a?GVHD\))?", "AGVHD", "outcome", "evidex", ""),
    (r"chronic (?:graft[- ]versus[- ]host disease|GVHD)(?: \(c?GVHD\))?", "CGVHD", "outcome", "evidex", ""),
    (r"febrile neutropenia", "Febrile neutropenia", "ae", "CTCAE v5.0", "10016288"),
    (r"follow-up(?: time)?", "FOLLOW_UP", "outcome", "evidex", ""),
    (r"neutrophil (?:engraftment|implantation|recovery)", "NEUTROPHIL_ENGRAFTMENT", "outcome", "evidex", ""),
    (r"platelet (?:engraftment|implantation|recovery)", "PLATELET_ENGRAFTMENT", "outcome", "evidex", ""),
    (r"transplant(?:ation)?-related (?:mortality|deaths?)|non-relapse mortality", "TRM", "outcome", "evidex", ""),
    (r"treatment-related deaths?", "TREATMENT_DEATH", "outcome", "evidex", ""),
    (r"progression|progressing|progressed", "PROGRESSION", "outcome", "evidex", ""),
    (r"relapse", "RELAPSE", "outcome", "evidex", ""),
    (r"\bage\b|\baged\b", "AGE", "outcome", "evidex", ""),
    (r"infections?", "INFECTION", "outcome", "evidex", ""),
    (r"fever|pyrexia", "Fever", "ae", "CTCAE v5.0", "10016558"),
    (r"leukopenia|white blood cell decreased", "White blood cell decreased", "ae", "CTCAE v5.0", "10049182"),
    (r"neutropenia|neutrophil count decreased", "Neutrophil count decreased", "ae", "CTCAE v5.0", "10029366"),
    (r"thrombocytopenia", "Platelet count decreased", "ae", "CTCAE v5.0", "10035528"),
    (r"hypokalemia|decreased serum potassium(?: levels?)?", "Hypokalemia", "ae", "CTCAE v5.0", "10021018"),
    (r"hypertension", "Hypertension", "ae", "CTCAE v5.0", "10020772"),
    (r"headache", "Headache", "ae", "CTCAE v5.0", "10019211"),
    (r"nausea", "Nausea", "ae", "CTCAE v5.0", "10028813"),
    (r"Lee et al\.?(?: \(\d+\))?|Lee 2014", "Lee 2014", "grading_system", "", ""),
    (r"ASTCT|American Society for (?:Transplantation and Cellular Therapy|Bone and Marrow Transplantation)",
     "ASTCT 2019", "grading_system", "", ""),
    (r"Common Terminology Criteria for Adverse Events(?: version 5\.0| v5\.0)?|CTCAE(?: v?5\.0)?", "CTCAE v5.0",
     "grading_system", "", ""),
    (r"1994 Consensus Conference|Glucksberg", "Glucksberg 1994", "grading_system", "", ""),
)  # fmt: skip
_COMPILED = [(re.compile(rf"(?<![\w-])(?:{rx})(?![\w])", re.I), c, k, s, code) for rx, c, k, s, code in _VOCAB]


class DictNormalizer:
    """Regex aliases -> canonical terms; longest match wins."""

    def normalize(self, raw: str, kind: str | None = None, context: str = "", page: int | None = None) -> Term:
        for m in self.mentions(raw, (kind,) if kind else ()):
            if m.start == 0 and m.end == len(raw.strip()):
                return m.term
        return Term(raw=raw, canonical=None, kind=kind or "")

    def components(self, raw: str, context: str = "", page: int | None = None) -> tuple[Term, ...]:
        return (self.normalize(raw, "regimen"),)

    def mentions(self, text: str, kinds: tuple[str, ...] = (), page: int | None = None) -> tuple[Mention, ...]:
        found: list[Mention] = []
        for rx, canon, kind, system, code in _COMPILED:
            if kinds and kind not in kinds:
                continue
            for m in rx.finditer(text):
                term = Term(raw=m.group(), canonical=canon, kind=kind, code_system=system, code=code, method="exact")
                found.append(Mention(m.start(), m.end(), term))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for m in found:
            if not kept or m.start >= kept[-1].end:
                kept.append(m)
        return tuple(kept)


@pytest.fixture
def dict_normalizer() -> DictNormalizer:
    return DictNormalizer()


# ---- statement corpus: invented papers with the rows a reviewer would extract ----

_FIELDS_NUM = ("value", "low", "high", "spread_value", "timepoint_months", "p_value")
_FIELDS_EXACT = ("outcome", "arm", "statistic", "events", "total", "grade", "unit", "spread", "grading_system")


def corpus_entries(name: str = "statements.yaml") -> list[dict]:
    import yaml

    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))


def corpus_document(entry: dict):
    """A ``Document`` whose blocks are the entry's paragraphs, with offsets into its text."""
    from evidex.models import Document, TextBlock

    parts, blocks, pos = [], [], 0
    title = entry.get("title", "")
    parts.append(title + "\n\n")
    pos += len(title) + 2
    blocks.append(TextBlock(title, "title", "heading", None, None, 0, len(title)))
    for i, b in enumerate(entry.get("blocks", [])):
        text = " ".join(b["text"].split())
        blocks.append(TextBlock(text, b["section"], "paragraph", None, None, pos, pos + len(text), order=i + 1))
        parts.append(text + "\n\n")
        pos += len(text) + 2
    tables = tuple(_corpus_table(i, t) for i, t in enumerate(entry.get("tables", [])))
    return Document(entry["id"], entry["id"] + ".txt", "", "text", "".join(parts), title, (), tuple(blocks), tables)


def _corpus_table(i: int, spec: dict):
    """A table as the extract stage hands it over: a cell grid (PDF) or damaged text lines (text input)."""
    from evidex.models import Cell, Table

    if "lines" in spec:
        return Table(f"text-t{i + 1}", spec.get("label"), page=spec.get("page"), method="text-lines",
                     lines=tuple(spec["lines"]))  # fmt: skip
    grid = spec["grid"]
    cells = tuple(Cell(r, c, str(t)) for r, row in enumerate(grid) for c, t in enumerate(row))
    return Table(f"p{spec.get('page', 1)}-t{i + 1}", spec.get("label"), page=spec.get("page"), method="lattice",
                 n_rows=len(grid), n_cols=max(len(r) for r in grid), cells=cells)  # fmt: skip


def row_matches(row, want: dict) -> bool:
    subgroup = want.get("subgroup", "all")
    if sorted(row.subgroup.split(";")) != sorted(subgroup.split(";")):
        return False
    for f in _FIELDS_EXACT:
        if f in want and getattr(row, f) != want[f]:
            return False
    for f in _FIELDS_NUM:
        if f in want:
            got, exp = getattr(row, f), want[f]
            if (got is None) != (exp is None) or (got is not None and abs(got - exp) > 0.011):
                return False
    return True


def score(entries: list[dict], extract, normalizer) -> tuple[int, int, int, list[str]]:
    """(expected rows found, expected rows, predicted rows, misses) over the corpus."""
    found = expected = predicted = 0
    misses: list[str] = []
    for entry in entries:
        rows, _ = extract(corpus_document(entry), normalizer)
        free = list(rows)
        predicted += len(rows)
        for want in entry["expect"]:
            expected += 1
            hit = next((r for r in free if row_matches(r, want)), None)
            if hit is None:
                misses.append(f"{entry['id']}: missing {want}")
            else:
                free.remove(hit)
                found += 1
        misses.extend(f"{entry['id']}: extra {r.outcome} {r.arm} {r.subgroup} {r.statistic} {r.value}" for r in free)
    return found, expected, predicted, misses


@pytest.fixture(scope="module")
def norm():
    """The packaged normalizer (the real vocabulary)."""
    from evidex.normalize import load

    return load()


def abstract_doc(*paragraphs: str, title: str = "") -> Document:
    """A text document of abstract paragraphs (and a title), with the character offsets the reader keeps."""
    blocks = [TextBlock(title, "title", "heading", None, None, 0, len(title))] if title else []
    text, pos = (title + "\n\n", len(title) + 2) if title else ("", 0)
    for i, body in enumerate(paragraphs):
        blocks.append(TextBlock(body, "abstract", "paragraph", None, None, pos, pos + len(body), order=i + 1))
        text += body + "\n\n"
        pos += len(body) + 2
    return Document("s1", "s1.txt", "", "text", text, title or None, (), tuple(blocks), ())


@pytest.fixture(scope="module")
def normalizer():
    """The packaged normalizer behind the recorder the pipeline uses (terms and repairs logged); a test
    module may define its own."""
    from evidex import normalize

    return normalize.Recorder(normalize.load(), "t")


def trial_doc(title: str, *tables: tuple[str, list[list[str]]], first: int = 1, page: int = 3) -> Document:
    """Invented trial tables, each (caption, grid rows), as one PDF document: Table ``first``, ``first`` + 1, ..."""
    from evidex.models import Cell, Table

    out = []
    for i, (caption, rows) in enumerate(tables, start=first):
        cells = tuple(Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text)
        out.append(Table(table_id=f"table-{i}", label=f"Table {i}", caption=caption, page=page + i - first,
                         n_rows=len(rows), n_cols=max(len(r) for r in rows), cells=cells))  # fmt: skip
    return Document("t", "t.pdf", "t.pdf", "pdf", title=title, blocks=(TextBlock(title, "title", "heading"),),
                    tables=tuple(out))  # fmt: skip
