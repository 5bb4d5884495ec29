"""Facts about outcome codes (domain, graded, time-to-event, unit, measure), from ``data/outcomes.csv``.

An adverse event named by its CTCAE term is graded, in the safety domain, and binary.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "outcomes.csv"


@dataclass(frozen=True, slots=True)
class OutcomeFacts:
    code: str
    domain: str
    graded: bool
    time_to_event: bool
    unit: str
    measure: str  # binary | continuous | time_to_event | count


_AE = OutcomeFacts("", "safety", True, False, "", "binary")
_UNKNOWN = OutcomeFacts("", "", False, False, "", "")


@cache
def _table() -> dict[str, OutcomeFacts]:
    with DATA.open(encoding="utf-8") as fh:
        return {
            r["code"]: OutcomeFacts(r["code"], r["domain"], r["graded"] == "true", r["time_to_event"] == "true",
                                    r["unit"], r["measure"])
            for r in csv.DictReader(fh)
        }  # fmt: skip


def facts(code: str, code_system: str = "evidex") -> OutcomeFacts:
    """What is known of an outcome: its row in outcomes.csv, or an adverse event's facts for a CTCAE term."""
    if code_system.startswith("CTCAE"):
        return _AE
    return _table().get(code, _UNKNOWN)
