"""Mutation testing over invented study texts: perturb one number, expect the matching finding.

A corpus text marks mutation sites as ``[[39|pm,ab]]`` (see corpus/README.md).
The clean text drops the marks; each mutant changes one site's number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

CORPUS = Path(__file__).parent / "corpus"
SITE = re.compile(r"\[\[([0-9]+(?:\.[0-9]+)?)\|([a-z,]+)\]\]")
CODES = {"pm": "percent_mismatch", "sum": "sum_mismatch", "ab": "abstract_body_mismatch"}
# Findings that claim an inconsistency: any of them on a clean text is a false alarm.
MISMATCH_CHECKS = frozenset({*CODES.values(), "table_text_mismatch"})


@dataclass(frozen=True)
class Mutant:
    doc: str
    site: int
    original: str
    replacement: str
    expected: frozenset[str]
    text: str


def clean(template: str) -> str:
    return SITE.sub(lambda m: m.group(1), template)


def _perturb(number: str) -> list[str]:
    if "." in number:
        places = len(number.split(".")[1])
        return [f"{float(number) + d:.{places}f}" for d in (2.0, -2.0) if float(number) + d >= 0]
    n = int(number)
    return [str(v) for v in (n + 1, n - 1) if v >= 0]


def mutants(name: str, template: str) -> Iterator[Mutant]:
    sites = list(SITE.finditer(template))
    for i, m in enumerate(sites):
        expected = frozenset(CODES[c] for c in m.group(2).split(","))
        for new in _perturb(m.group(1)):
            text = clean(template[: m.start()]) + new + clean(template[m.end() :])
            yield Mutant(name, i, m.group(1), new, expected, text)


def templates() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}


def found_checks(findings: pd.DataFrame) -> set[str]:
    return set(findings.loc[findings["stage"] == "validate", "check"].astype(str))


def false_alarms(findings: pd.DataFrame) -> pd.DataFrame:
    return findings[(findings["stage"] == "validate") & findings["check"].isin(MISMATCH_CHECKS)]


@dataclass
class Score:
    expected: int = 0  # (mutant, expected check) pairs
    detected: int = 0
    mutants: int = 0
    reached: int = 0  # mutants whose changed number reached the evidence rows (the parser read the statement)
    expected_reached: int = 0
    detected_reached: int = 0
    clean_docs: int = 0
    clean_false_alarms: int = 0
    by_check: dict[str, list[int]] = field(default_factory=dict)  # check -> [expected, detected] (reached only)

    @property
    def detection_rate(self) -> float:
        return self.detected / self.expected if self.expected else 0.0

    @property
    def detection_rate_reached(self) -> float:
        return self.detected_reached / self.expected_reached if self.expected_reached else 0.0

    def rate(self, check: str) -> float:
        expected, detected = self.by_check.get(check, [0, 0])
        return detected / expected if expected else 0.0

    @property
    def false_alarms_per_doc(self) -> float:
        return self.clean_false_alarms / self.clean_docs if self.clean_docs else 0.0


Runner = Callable[[str, str], dict[str, pd.DataFrame]]
_NUMBERS = ["events", "total", "value"]


def _numbers(frames: dict[str, pd.DataFrame]) -> list[tuple]:
    ev = frames["evidence"]
    return sorted(tuple(str(v) for v in row) for row in ev[_NUMBERS].itertuples(index=False))


def score(run: Runner, names: list[str] | None = None, every: int = 1) -> tuple[Score, list[str]]:
    """Run clean texts and mutants (every ``every``-th) through ``run(name, text) -> frames``; misses listed."""
    s, misses = Score(), []
    for name, template in templates().items():
        if names and name not in names:
            continue
        base = run(name, clean(template))
        alarms = false_alarms(base["findings"])
        s.clean_docs += 1
        s.clean_false_alarms += len(alarms)
        misses += [f"{name}: false alarm: {m}" for m in alarms["message"]]
        for mut in list(mutants(name, template))[::every]:
            frames = run(name, mut.text)
            hit = mut.expected & found_checks(frames["findings"])
            reached = _numbers(frames) != _numbers(base)
            s.mutants += 1
            s.reached += reached
            s.expected += len(mut.expected)
            s.detected += len(hit)
            s.expected_reached += len(mut.expected) * reached
            s.detected_reached += len(hit) * reached
            for check in mut.expected if reached else ():
                counts = s.by_check.setdefault(check, [0, 0])
                counts[0] += 1
                counts[1] += check in hit
            if hit != mut.expected:
                state = "" if reached else " (number not read by the parser)"
                change = f"{mut.original}->{mut.replacement}"
                misses.append(f"{name} site {mut.site}: {change} missed {sorted(mut.expected - hit)}{state}")
    return s, misses
