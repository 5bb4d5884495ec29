"""Parts stated together in one sentence must add up by themselves, whatever other sentences say."""

from __future__ import annotations

from pathlib import Path

from evidex.pipeline import run_one

TEXT = """Results: A total of 20 patients (12 males and 9 females) received inotuzumab ozogamicin.

2. Methods

The cohort treated with inotuzumab ozogamicin included 11 males and 9 females.
"""

CONSISTENT = TEXT.replace("12 males and 9 females", "11 males and 9 females")


def sums(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "study.txt"
    path.write_text(text, encoding="utf-8")
    f = run_one(path)["findings"]
    return f[f["check"] == "sum_mismatch"]["message"].tolist()


def test_a_sentence_whose_parts_overfill_the_group_is_flagged(tmp_path: Path) -> None:
    found = sums(tmp_path, TEXT)
    assert any("12 male + 9 female = 21" in m and "20" in m for m in found), found


def test_the_same_paper_with_matching_parts_is_not(tmp_path: Path) -> None:
    assert sums(tmp_path, CONSISTENT) == []
