"""Mapping figures over the hand-written variant list (data/variants.csv).

    python -m tests.normalize.evaluate      # prints the table per category

Each row is a raw term as papers, machine translations or OCR write it, the kind and
context a caller would pass, and the expected canonical form(s) (";"-joined for
regimen or therapy strings; empty = must stay unmapped).
"""

from __future__ import annotations

import csv
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from evidex.normalize import load

DATA_DIR = Path(__file__).with_name("data")
# variants.csv was written while the matcher was built; holdout.csv was written afterwards and first run blind
# (figures of that first run are in the final report), then kept as a regression list.
FILES = ("variants.csv", "holdout.csv")


@dataclass(frozen=True)
class Outcome:
    raw: str
    kind: str
    expected: str
    got: str
    category: str

    @property
    def verdict(self) -> str:
        if self.got == self.expected:
            return "correct"
        return "unmapped" if not self.got else "wrong"


def rows(name: str = "variants.csv") -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [dict(row, file=name) for row in csv.DictReader(handle)]


def run_one(row: dict[str, str]) -> Outcome:
    matcher = load()
    kind = row["kind"] or None
    if kind in {"regimen", "graft_source"} or ";" in row["expected"]:
        terms = matcher.components(row["raw"], row["context"], kind=None if kind == "regimen" else kind)
        got = ";".join(t.canonical or "" for t in terms) if any(t.mapped for t in terms) else ""
    else:
        got = matcher.normalize(row["raw"], kind, row["context"]).canonical or ""
    return Outcome(row["raw"], row["kind"], row["expected"], got, row["category"])


def evaluate(name: str = "variants.csv") -> list[Outcome]:
    return [run_one(r) for r in rows(name)]


def main() -> None:
    for name in FILES:
        print(f"== {name}")
        report(name)


def report(name: str) -> None:
    start = time.perf_counter()
    outcomes = evaluate(name)
    elapsed = time.perf_counter() - start
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        per[o.category][o.verdict] += 1
        per["ALL"][o.verdict] += 1
    print(f"{'category':14} {'n':>4} {'correct':>8} {'wrong':>6} {'unmapped':>9}")
    for category in sorted(per, key=lambda c: (c == "ALL", c)):
        c = per[category]
        print(f"{category:14} {sum(c.values()):4} {c['correct']:8} {c['wrong']:6} {c['unmapped']:9}")
    for o in outcomes:
        if o.verdict != "correct":
            print(f"  {o.verdict:8} {o.raw!r} ({o.kind}) expected {o.expected!r} got {o.got!r}")
    print(f"{len(outcomes)} terms in {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
