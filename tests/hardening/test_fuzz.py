"""Bounded, seeded mutation fuzzing of the whole per-document path (issue 14).

Mutated seed texts and damaged PDFs (byte flips, cuts, xref damage, dictionary values changed,
spans deleted or repeated) go through ``process`` and ``finish`` with bugs raised. Every case must
give a study of some status (ok, partial, failed: a clear line) -- never another exception, never
a hang. Cases found to crash or hang are kept in test_fuzz_regressions.py and left out here.
"""

from __future__ import annotations

import pytest

from tests.hardening import fuzz
from tests.hardening.test_fuzz_regressions import REGRESSIONS

TEXT_CASES, PDF_CASES, OCR_CASES = 120, 80, 2  # about 200 cases, ~90 CPU seconds on two workers
CPU_BUDGET = 10.0  # CPU seconds per case (inputs of a few KB to 150 KB); Tesseract's time is not counted
KNOWN = {key for key, _, _ in REGRESSIONS}


@pytest.fixture(scope="module")
def outcomes() -> list[fuzz.Outcome]:
    texts, pdfs = fuzz.text_sources(), fuzz.pdf_sources()
    if len(texts) < 3 or len(pdfs) < 3:
        pytest.skip("seed texts or fixture PDFs missing (../shared, python -m fixtures.generate)")
    scanned = [p for p in pdfs if "scanned" in p.name]
    todo = [*fuzz.cases("text", TEXT_CASES, texts), *fuzz.cases("pdf", PDF_CASES, pdfs),
            *fuzz.cases("pdf", OCR_CASES, scanned, first_seed=1000, ocr="auto")]
    return fuzz.Runner(workers=2, timeout=180, cpu_budget=CPU_BUDGET).run([c for c in todo if c.key not in KNOWN])


def _bad(outcomes: list[fuzz.Outcome], kind: str) -> list[str]:
    return [f"{o.case.key} {o.result}: {o.detail}" for o in outcomes
            if o.case.kind == kind and o.result not in ("ok", "partial", "failed")]


def test_mutated_texts_never_crash_or_hang(outcomes: list[fuzz.Outcome]) -> None:
    assert len([o for o in outcomes if o.case.kind == "text"]) >= TEXT_CASES - len(KNOWN)
    assert not _bad(outcomes, "text"), "\n".join(_bad(outcomes, "text"))


def test_damaged_pdfs_never_crash_or_hang(outcomes: list[fuzz.Outcome]) -> None:
    assert len([o for o in outcomes if o.case.kind == "pdf"]) >= PDF_CASES + OCR_CASES - len(KNOWN)
    assert not _bad(outcomes, "pdf"), "\n".join(_bad(outcomes, "pdf"))


def test_the_fuzzer_reaches_both_readable_and_unreadable_inputs(outcomes: list[fuzz.Outcome]) -> None:
    """A fuzzer whose every case fails to open (or opens) tests only one path."""
    for kind in ("text", "pdf"):
        results = {o.result for o in outcomes if o.case.kind == kind}
        assert "ok" in results and "failed" in results, (kind, results)


def test_cases_are_made_again_byte_for_byte() -> None:
    source = fuzz.pdf_sources()[0]
    assert fuzz.case_bytes("pdf", source, 7) == fuzz.case_bytes("pdf", source, 7)
    assert fuzz.case_bytes("pdf", source, 7) != fuzz.case_bytes("pdf", source, 8)
