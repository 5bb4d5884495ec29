"""Link tables to their captions when the two have drifted apart.

Pasted papers and OCR often put a table's body far from its caption (the seed
paper has every per-patient table after the conclusions). A caption directly
above a table claims it; the rest are matched as an assignment problem over
a score of shared words and a row count the caption states ("15 cases").
"""

from __future__ import annotations

import re
from typing import Any

from evidex.extract import sections
from evidex.models import Table, TextBlock

_WORD = re.compile(r"[a-z][a-z-]{2,}")
_STOP = {"the", "and", "with", "for", "after", "before", "of", "table", "patients", "cases", "from", "data"}


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower())} - _STOP


def _row_count(rows: list[Any]) -> int:
    return sum(1 for r in rows if re.match(r"^\s*\S{1,3}\s", r.text) and r.text.strip()[:1].isdigit())


def score(caption: str, rows: list[Any]) -> float:
    header = " ".join(r.text for r in rows[:6])
    overlap = len(_words(caption) & _words(header))
    n_rows = _row_count(rows)
    stated = {int(x) for x in re.findall(r"\b(\d{1,3})\b", caption)}
    return overlap + (2.0 if n_rows and n_rows in stated else 0.0)


def link_captions(
    raw_tables: list[tuple[int, int, list[Any], list[str]]],
    captions: list[tuple[int, TextBlock]],
) -> list[Table]:
    labels: dict[int, tuple[str, str]] = {}
    free: list[tuple[str, str]] = []
    for k, cap in captions:
        parsed = sections.caption_label(cap.text)
        if not parsed or parsed[0] != "table":
            continue
        name = parsed[1]
        directly_above = k < len(raw_tables) and k not in labels and raw_tables[k][0] - (cap.char_end or 0) < 4
        if directly_above:
            labels[k] = (name, cap.text)
        else:
            free.append((name, cap.text))
    unlabelled = [k for k in range(len(raw_tables)) if k not in labels]
    labels.update(_assign(unlabelled, free, raw_tables))
    tables = []
    for k, (start, end, rows, notes) in enumerate(raw_tables):
        label, caption = labels.get(k, (None, None))
        tables.append(
            Table(
                table_id=f"text-t{k + 1}",
                label=label,
                caption=caption,
                method="text-lines",
                lines=tuple(r.text for r in rows),
                footnotes=tuple(notes),
                n_rows=len(rows),
                char_start=start,
                char_end=end,
            )
        )
    return tables


def _assign(
    tables: list[int], caps: list[tuple[str, str]], raw_tables: list[tuple[int, int, list[Any], list[str]]]
) -> dict[int, tuple[str, str]]:
    """The one-to-one pairing of tables and captions with the highest total score (Hungarian algorithm).

    Trying every permutation took 7 s for eight tables and gave up beyond eight; a tiny penalty for
    pairing out of order keeps the document's order when scores tie.
    """
    if not tables or not caps:
        return {}
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    scores = np.array([[score(c[1], raw_tables[t][2]) for c in caps] for t in tables], dtype=float)
    order = np.abs(np.subtract.outer(np.arange(len(tables)), np.arange(len(caps))))
    rows, cols = linear_sum_assignment(scores - 1e-6 * order, maximize=True)
    return {tables[i]: caps[j] for i, j in zip(rows, cols, strict=True) if scores[i, j] > 0}
