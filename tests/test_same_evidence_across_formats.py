"""The same paper as text, born-digital PDF, PDF with image tables and scanned PDF gives the same evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from evidex.pipeline import run_one
from tests.conftest import GENERATED, seed_path

KEY = ["arm", "subgroup", "outcome", "statistic", "grade", "timepoint_months", "events", "total", "value"]


def keys(frame: pd.DataFrame) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in frame[KEY].itertuples(index=False)}


@pytest.fixture(scope="module")
def from_text() -> dict[str, pd.DataFrame]:
    return run_one(seed_path("004"))


def pdf_frames(name: str) -> dict[str, pd.DataFrame]:
    path = GENERATED / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{path} not generated (python -m fixtures.generate)")
    return run_one(path)


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("seed004_digital", 0.95),
        ("seed004_imagetables", 0.95),
        pytest.param("seed004_scanned", 0.85, marks=pytest.mark.ocr),
    ],
)
def test_pdf_gives_the_texts_evidence_with_pages(name: str, floor: float, from_text: dict[str, pd.DataFrame]) -> None:
    frames = pdf_frames(name)
    want, got = keys(from_text["evidence"]), keys(frames["evidence"])
    assert len(want & got) / len(want) >= floor, sorted(want - got)[:10]
    assert frames["evidence"]["page"].notna().all()  # every PDF row points at its page
    assert len(frames["patients"]) == len(from_text["patients"]) == 33
    assert len(frames["transplants"]) == len(from_text["transplants"]) == 16
    cr = frames["patients"]["cr"]
    assert int(cr.sum()) == int(from_text["patients"]["cr"].sum())
