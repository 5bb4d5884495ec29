"""The packaged vocabulary: versioned, every row sourced, no code without a citation, fast to load."""

from __future__ import annotations

import csv
import subprocess
import sys

from pypinyin import lazy_pinyin

from evidex.normalize.vocab import VOCAB_DIR, load_vocabulary, read_version


def _rows(name: str) -> list[dict[str, str]]:
    with (VOCAB_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_csv_row_names_its_source() -> None:
    for path in VOCAB_DIR.glob("*.csv"):
        rows = _rows(path.name)
        assert rows, path.name
        assert all(row.get("source") for row in rows), path.name


def test_source_tags_are_documented() -> None:
    readme = (VOCAB_DIR / "README.md").read_text(encoding="utf-8")
    tags = {tag for path in VOCAB_DIR.glob("*.csv") for row in _rows(path.name) for tag in row["source"].split(";")}
    assert all(f"| {tag} " in readme or f", {tag} |" in readme or f"| {tag}," in readme for tag in tags), tags


def test_no_code_without_a_citable_source() -> None:
    for row in _rows("drugs.csv") + _rows("concepts.csv"):
        if row["code"] and row["code_system"] != "evidex":
            assert row["source"] != "evidex", row


def test_blinatumomab_codes_match_the_research() -> None:
    (row,) = [r for r in _rows("drugs.csv") if r["canonical"] == "blinatumomab"]
    assert (row["code_system"], row["code"]) == ("RxNorm", "1597258")
    assert row["other_codes"] == "ATC:L01FX07;UNII:4FR53SIF3A"


def test_ctcae_is_complete() -> None:
    rows = _rows("ctcae_v5.0.csv")
    assert len(rows) == 837
    assert all(r["meddra_llt"].isdigit() and len(r["meddra_llt"]) == 8 for r in rows)


def test_pinyin_column_is_what_pypinyin_reads() -> None:
    for row in _rows("chinese_names.csv"):
        assert " ".join(lazy_pinyin(row["chinese"])) == row["pinyin"], row["canonical"]


def test_version_scheme() -> None:
    version = read_version()
    assert version.startswith("evidex-vocab 20") and version.count(".") == 2
    assert load_vocabulary().version == version


def test_load_is_fast_in_a_fresh_process() -> None:
    # import + load, in CPU seconds of a fresh process (the shared machine's queueing is not our cost)
    code = ("import time; t=time.process_time(); from evidex.normalize import load; load(); "
            "print(time.process_time()-t)")
    seconds = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
                        .stdout) for _ in range(2))
    assert seconds < 0.5
