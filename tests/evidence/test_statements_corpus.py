"""Recall and precision on the statement corpus (tests/evidence/corpus): invented papers in several styles.

Two normalizers: the dictionary stand-in measures the grammar alone; the real
matcher (``evidex.normalize.load``) measures what a user gets.
"""

from __future__ import annotations

import pytest

from evidex import evidence
from evidex.evidence import statements
from tests.evidence.conftest import corpus_entries, score

CORPORA = (
    "statements.yaml",
    "statements_heldout.yaml",
    "statements_heldout2.yaml",
    "statements_blind.yaml",
    "tables_blind.yaml",
    "statements_blind2.yaml",
)


def _reader(corpus: str):
    """Sentences are read by ``statements.extract``; tables only by the whole evidence stage (its router)."""
    if corpus.startswith("tables"):
        return lambda doc, normalizer: (list(evidence.build(doc, normalizer).evidence), [])
    return statements.extract


def _report(name: str, found: int, expected: int, predicted: int, misses: list[str]) -> tuple[float, float]:
    recall, precision = found / expected, found / max(predicted, 1)
    print(f"{name}: recall {found}/{expected}={recall:.3f} precision {found}/{predicted}={precision:.3f}")
    for m in misses:
        print("  ", m)
    return recall, precision


@pytest.mark.parametrize("corpus", CORPORA)
def test_grammar_recall_and_precision(corpus: str, dict_normalizer) -> None:
    recall, precision = _report(corpus, *score(corpus_entries(corpus), _reader(corpus), dict_normalizer))
    assert recall >= 0.9
    assert precision >= 0.9


@pytest.mark.parametrize("corpus", CORPORA)
def test_with_the_real_normalizer(corpus: str) -> None:
    from evidex.normalize import load

    recall, precision = _report(corpus, *score(corpus_entries(corpus), _reader(corpus), load()))
    assert recall >= 0.85
    assert precision >= 0.85


def test_corpus_is_well_formed() -> None:
    for name in CORPORA:
        entries = corpus_entries(name)
        assert len({e["id"] for e in entries}) == len(entries)
        for e in entries:
            assert (e.get("blocks") or e.get("tables")) and isinstance(e["expect"], list)
            for want in e["expect"]:
                assert {"outcome", "arm", "statistic"} <= set(want), (e["id"], want)
