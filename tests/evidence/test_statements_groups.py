# ruff: noqa: E501
"""Group sizes of an arm's subgroups and counts of graft sources, read from running text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evidex.pipeline import run_one

TEXT = """Results: A total of 30 patients treated with Bolinto and 40 patients treated with CAR-T cells were included.
Among MRD-positive patients, CRS occurred in 2 cases (20.0%) in the Bolinto group (10 cases); in the CAR-T group (15 cases), CRS occurred in 9 cases (60.0%).
For patients not in remission, CRS occurred in 12 cases (60.0%) in the Bolinto group (20 cases), and in 20 cases (71.4%) in the CAR-T group (28 cases).
Twelve patients underwent HSCT, with grafts from peripheral blood stem cells (7 cases), bone marrow combined with peripheral blood (3 cases) and cord blood (2 cases). Bone marrow remission was reached in 10 cases.
"""


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    path = Path(tmp_path_factory.mktemp("groups")) / "groups.txt"
    path.write_text(TEXT, encoding="utf-8")
    return run_one(path)


def test_subgroup_sizes_in_brackets_become_enrolled_rows(frames: dict[str, pd.DataFrame]) -> None:
    ev = frames["evidence"]
    enrolled = ev[ev["outcome"] == "ENROLLED"]
    got = {(r.arm, r.subgroup, int(r.events)) for r in enrolled.itertuples()}
    assert ("blinatumomab", "MRD-positive", 10) in got
    assert ("CAR-T", "MRD-positive", 15) in got
    assert ("blinatumomab", "non-remission", 20) in got
    assert ("CAR-T", "non-remission", 28) in got
    assert ("CAR-T", "all", 40) in got


def test_subgroups_that_overfill_their_arm_are_reported(frames: dict[str, pd.DataFrame]) -> None:
    f = frames["findings"]
    sums = f[f["check"] == "sum_mismatch"]["message"].tolist()
    assert any("15 MRD-positive + 28 non-remission = 43" in m and "40" in m for m in sums)  # CAR-T overfills
    assert not any("Bolinto" in m or "blinatumomab" in m for m in sums)  # 10 + 20 = 30 fits


def test_graft_sources_are_counted_and_joined(frames: dict[str, pd.DataFrame]) -> None:
    ev = frames["evidence"]
    grafts = ev[ev["outcome"].str.startswith("GRAFT_")]
    assert {(r.outcome, int(r.events)) for r in grafts.itertuples()} == {
        ("GRAFT_PB", 7),
        ("GRAFT_BM_PB", 3),
        ("GRAFT_CB", 2),
    }
    assert all("HSCT" in s for s in grafts["subgroup"])


def test_bone_marrow_remission_is_not_a_graft(frames: dict[str, pd.DataFrame]) -> None:
    ev = frames["evidence"]
    assert not ev[(ev["outcome"] == "GRAFT_BM")].shape[0]
