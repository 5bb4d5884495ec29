"""evidex run writes every contract file, with the contract's columns, readable back from DuckDB."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from evidex.cli import main
from tests.conftest import ROOT, seed_path

CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"


def contract_columns() -> dict[str, set[str]]:
    """Column names per file, read from the contract's data dictionary."""
    tables: dict[str, set[str]] = {}
    current = None
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        head = re.match(r"^### (\w+)\.csv", line)
        if head:
            current = head.group(1)
            tables.setdefault(current, set())  # v2 sections add columns to v1 files
            continue
        if current and line.startswith("|") and not line.startswith("|---"):
            first = line.strip("|").split("|")[0]
            first = re.sub(r"\([^)]*\)", "", first)
            names = [n.strip(" `") for n in first.split(",")]
            tables[current].update(n for n in names if re.fullmatch(r"[a-z_0-9]+", n) and n != "column")
    return tables


def test_contract_is_parsed() -> None:
    cols = contract_columns()
    assert {"studies", "evidence", "patients", "transplants", "findings", "repairs", "terms"} <= set(cols)
    assert {"p_value", "p_operator", "low", "high", "quote"} <= cols["evidence"]
    assert {"rule", "confidence", "raw", "value"} <= cols["repairs"]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed_run")
    rc = main(["run", str(seed_path("000")), str(seed_path("004")), "--out", str(out), "--no-progress"])
    assert rc == 0
    return out


def test_every_contract_file_has_the_contract_columns(seed_run: Path) -> None:
    for table, cols in contract_columns().items():
        csv = pd.read_csv(seed_run / f"{table}.csv", dtype=str, keep_default_na=False)
        parquet = pd.read_parquet(seed_run / f"{table}.parquet")
        missing = cols - set(csv.columns)
        assert not missing, f"{table}.csv lacks {missing}"
        assert list(csv.columns) == list(parquet.columns)
        assert len(csv) == len(parquet)
    assert (seed_run / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_duckdb_tables_read_back(seed_run: Path) -> None:
    con = duckdb.connect(str(seed_run / "evidex.duckdb"), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert set(contract_columns()) <= tables
        studies = con.execute("SELECT study_id, source, status FROM studies ORDER BY source").fetchall()
        for table in contract_columns():
            n_db = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert n_db == len(pd.read_parquet(seed_run / f"{table}.parquet"))
    finally:
        con.close()
    assert [s[1] for s in studies] == [seed_path("000").name, seed_path("004").name]
    assert all(s[2] == "ok" for s in studies)


def test_study_id_is_the_hash_of_the_bytes(seed_run: Path) -> None:
    import hashlib

    studies = pd.read_csv(seed_run / "studies.csv", dtype=str)
    for _, row in studies.iterrows():
        data = seed_path(row["source"][:3]).read_bytes()
        assert row["study_id"] == hashlib.sha256(data).hexdigest()[:12]


def test_text_input_is_split_into_sections(seed_run: Path) -> None:
    from evidex.extract import extract

    doc = extract(seed_path("004"), "x")
    sections = [b.section for b in doc.blocks]
    for name in ("abstract", "introduction", "methods", "results", "discussion", "conclusion"):
        assert name in sections
    # sections come in the paper's order
    firsts = [sections.index(n) for n in ("abstract", "introduction", "methods", "results", "discussion")]
    assert firsts == sorted(firsts)
    assert {t.label for t in doc.tables} == {"Table 2", "Table 4"}
    for b in doc.blocks:
        assert doc.text[b.char_start : b.char_end].strip().startswith(b.text[:20].strip())
