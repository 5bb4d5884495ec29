"""Validate stage: pandera schemas and reviewer checks over one study's frames -> findings.

Findings never change a number; they tell the reviewer where to look. Each
check is a small module with ``check(...) -> list[Finding]``; ``CHECKS`` is
the ordered list the stage runs.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from evidex.models import Finding
from evidex.validate import conform, crosscheck, missing, percents, repairs, sums, tabletext, terms

Frames = dict[str, pd.DataFrame]


def _of(frames: Frames, name: str) -> pd.DataFrame:
    """A table of the study, empty when the caller did not pass it."""
    return frames.get(name, pd.DataFrame())


CHECKS: tuple[tuple[str, Callable[[Frames], list[Finding]]], ...] = (
    ("schemas.v1", conform.check),
    ("percent_mismatch.v1", lambda f: percents.check(_of(f, "evidence"))),
    ("sum_mismatch.v1", lambda f: sums.check(_of(f, "evidence"))),
    ("abstract_body_mismatch.v1", lambda f: crosscheck.check(_of(f, "evidence"))),
    ("table_text.v1", lambda f: tabletext.check(_of(f, "evidence"), _of(f, "aggregates"))),
    ("missing_value.v1", lambda f: missing.check(_of(f, "evidence"), _of(f, "findings"))),
    ("ocr_repair.v1", repairs.check),
    ("unmapped_term.v1", lambda f: terms.check(_of(f, "terms"), _of(f, "findings"))),
)


def validate(frames: dict[str, pd.DataFrame]) -> list[Finding]:
    """Findings for one study; ``frames`` are evidex.frames tables (studies, evidence, aggregates, patients, ...)."""
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for _name, run in CHECKS:
        for f in run(frames):
            sig = (f.check, f.ref, f.message)
            if sig not in seen:
                seen.add(sig)
                out.append(f)
    return out
