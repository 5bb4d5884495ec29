"""Real hematology abstracts (../shared/heme, not in the repo) against the hand-written gold in
tests/evidence/gold/heme: recall and precision must not fall below what the text reader reaches.

Skipped when ../shared is absent. Floors are the figures measured when they were set (issue 11):
first sight was recall 0.119, precision 0.208.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchmarks import score_heme
from evidex.pipeline import run_one

TEXTS = Path(__file__).resolve().parents[2].parent / "shared" / "heme" / "texts"
RECALL_FLOOR = 0.33
PRECISION_FLOOR = 0.50


@pytest.fixture(scope="module")
def predicted() -> dict[str, list[dict]]:
    if not TEXTS.is_dir():
        pytest.skip("../shared/heme is not here")
    out: dict[str, list[dict]] = {}
    for path in sorted(TEXTS.glob("*.txt")):
        ev: pd.DataFrame = run_one(path)["evidence"]
        out[path.name] = ev.astype(object).where(ev.notna(), "").to_dict("records")
    return out


def test_heme_recall_and_precision_floors(predicted: dict[str, list[dict]]) -> None:
    gold = score_heme.load_gold()
    scores = [score_heme.score_text(doc, predicted.get(name, [])) for name, doc in gold.items()]
    recall, precision, matched, n_gold, n_pred = score_heme.summary(scores)
    print(f"heme recall {recall:.3f} ({matched}/{n_gold}) precision {precision:.3f} ({matched}/{n_pred})")
    assert recall >= RECALL_FLOOR
    assert precision >= PRECISION_FLOOR
