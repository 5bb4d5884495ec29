"""Score an extracted Document's text against a fixture's NAME.truth.json (used by bench_extract.py).

Truth blocks (paragraph pieces with one ``block`` index joined) are matched to extracted blocks:
exact text match, fuzzy match (rapidfuzz ratio >= 90, for OCR), reading order of the matched
blocks, and character similarity of the whole body text. Table text is left out on both sides.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from evidex.models import Document

TEXT_KINDS = ("title", "authors", "abstract", "heading", "paragraph", "caption", "footnote")


@dataclass
class TextScore:
    n_truth: int
    exact: float  # share of truth blocks found verbatim as one extracted block
    fuzzy: float  # share found with ratio >= 90
    order: float  # share of consecutive matched truth blocks that come out in the same order
    char_similarity: float  # 0..100 over the whole text
    pages_ok: float  # share of matched blocks on the truth page
    headers_leaked: int  # running headers/footers found in the text


def truth_blocks(truth: dict) -> list[tuple[str, int, str]]:
    """(text, first page, kind) per truth block in reading order.

    A table's caption and its footnotes share one truth block index; they are two blocks on the
    page (and to the table linker), so pieces are grouped by index and kind.
    """
    blocks: dict[tuple[int, int], list] = {}
    for page in truth["pages"]:
        for piece in page["paragraphs"]:
            if piece["kind"] not in TEXT_KINDS:
                continue
            key = (piece["block"], TEXT_KINDS.index(piece["kind"]))
            entry = blocks.setdefault(key, [[], page["page"], piece["kind"]])
            entry[0].append(piece["text"])
    return [(" ".join(parts), page, kind) for _, (parts, page, kind) in sorted(blocks.items())]


def score(doc: Document, truth_path: Path) -> TextScore:
    """Compare with the truth of the pages the document has (a benchmark may cut a PDF short)."""
    from rapidfuzz import fuzz, process

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    truth["pages"] = truth["pages"][: len(doc.pages)]
    wanted = truth_blocks(truth)
    got = [b.text for b in doc.blocks]
    exact = fuzzy = on_page = 0
    positions: list[int] = []
    for text, page, _ in wanted:
        best = process.extractOne(text, got, scorer=fuzz.ratio, score_cutoff=90)
        exact += text in got
        if best:
            fuzzy += 1
            positions.append(best[2])
            on_page += doc.blocks[best[2]].page == page
    ordered = sum(1 for a, b in zip(positions, positions[1:], strict=False) if a <= b)
    headers = {p["header"] for p in truth["pages"] if p.get("header")} | {p["footer"] for p in truth["pages"]
                                                                          if p.get("footer")}
    n = max(len(wanted), 1)
    return TextScore(
        n_truth=len(wanted),
        exact=round(exact / n, 3),
        fuzzy=round(fuzzy / n, 3),
        order=round(ordered / max(len(positions) - 1, 1), 3),
        char_similarity=round(fuzz.ratio("\n".join(t for t, _, _ in wanted), "\n".join(got)), 2),
        pages_ok=round(on_page / max(fuzzy, 1), 3),
        headers_leaked=sum(1 for h in headers if h and h in doc.text),
    )
