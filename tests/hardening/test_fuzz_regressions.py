"""Every crash or hang the fuzzer found, kept as a test: the case (kind, source file, seed) makes the same
bytes again (tests/hardening/fuzz.py ``case_bytes``). A case whose fault lies outside the PDF/text
readers is marked xfail(strict=True) with where it fails; when its owner fixes it the test passes,
strict xfail turns that into a failure, and the mark comes off.
"""

from __future__ import annotations

import pytest

from tests.hardening import fuzz

CPU_BUDGET = 5.0  # CPU seconds: each of these inputs is under 30 KB

# (case key, what the fuzzer saw, why it still fails: the place to fix, or "" once fixed)
REGRESSIONS: list[tuple[str, str, str]] = [
    # a 20-digit percent: validate's rounding check outgrew Decimal's 28 digits (fixed: exact at any size)
    ("text:example_study.txt:18", "crash: decimal.InvalidOperation", ""),
    # a 382-digit day count read as infinity, then a stdev over it (fixed: such a cell is left empty, a finding)
    ("text:synth_transplants_borderless_damaged.txt:390", "crash: AttributeError 'float' has no 'numerator'", ""),
    # rows glued into 150-300 character cells, each glyph variant normalized whole: quadratic (fixed: glyph
    # variants only for a token of term length)
    ("text:synth_patients_twoheader_damaged.txt:77", "hang: over 10 CPU seconds for a 10 KB text", ""),
    ("text:synth_patients_borderless_damaged.txt:163", "hang: over 10 CPU seconds for a 29 KB text", ""),
]


def _case(key: str) -> fuzz.Case | None:
    kind, name, seed = key.split(":")
    sources = fuzz.text_sources() if kind == "text" else fuzz.pdf_sources()
    source = next((p for p in sources if p.name == name), None)
    return fuzz.Case(kind, source, int(seed)) if source is not None else None


@pytest.fixture(scope="module")
def outcomes() -> dict[str, fuzz.Outcome]:
    """Each case in a fresh worker (as the fuzzer ran it): caches warmed by other tests must not speed it up."""
    todo = [c for c in (_case(key) for key, _, _ in REGRESSIONS) if c is not None]
    return {o.case.key: o for o in fuzz.Runner(workers=1, timeout=180, cpu_budget=CPU_BUDGET).run(todo)}


@pytest.mark.parametrize(
    "key",
    [pytest.param(key, id=key, marks=pytest.mark.xfail(strict=True, reason=f"{seen}; fails in {where}"))
     if where else pytest.param(key, id=key) for key, seen, where in REGRESSIONS],
)
def test_fuzz_case_found_earlier(key: str, outcomes: dict[str, fuzz.Outcome]) -> None:
    if key not in outcomes:
        pytest.skip(f"{key}: source not found (../shared or python -m fixtures.generate)")
    outcome = outcomes[key]
    assert outcome.result in ("ok", "partial", "failed"), f"{outcome.result}: {outcome.detail}"
