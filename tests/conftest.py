"""Shared test helpers: where the seed papers and generated fixtures live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GENERATED = ROOT / "fixtures" / "generated"


def seed_path(prefix: str) -> Path:
    """A seed file by its numeric prefix ("000", "004"); the seeds stay in ../shared/seeds."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


@pytest.fixture
def seed_abstract() -> Path:
    return seed_path("000")


@pytest.fixture
def seed_paper() -> Path:
    return seed_path("004")
