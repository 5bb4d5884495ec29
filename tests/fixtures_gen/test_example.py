"""The bundled example: committed files match the spec, and its content is internally consistent
except for the inconsistencies it declares."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from fixtures.example import EXAMPLES, NAME, write
from fixtures.papers import example_study as spec
from fixtures.seedtext import parse_seed
from tests.conftest import SEEDS


def _norm(s: str | None) -> str:
    return " ".join((s or "").split())


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((EXAMPLES / f"{NAME}.truth.json").read_text(encoding="utf-8"))


def _table(label: str) -> dict:
    return next(t for t in spec.TABLES if t["label"] == label)


def _col(label: str, key: str) -> list[str]:
    t = _table(label)
    j = t["columns"].index(key)
    return [r[j] for r in t["rows"]]


def test_committed_example_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    for f in write(tmp_path):
        stale = f"{f.name} is stale: run python -m fixtures.generate --examples"
        assert f.read_bytes() == (EXAMPLES / f.name).read_bytes(), stale


def test_stated_percentages_match_their_counts() -> None:
    for row in spec.STATED:
        if row.get("statistic") == "proportion" and row.get("total"):
            assert abs(100 * row["events"] / row["total"] - row["value"]) < 0.06, row  # type: ignore[operator]


def test_tables_agree_with_the_stated_numbers() -> None:
    stated = {(r["arm"], r.get("subgroup", "all"), r["outcome"], r.get("grade", "")): r for r in spec.STATED}
    n = len(_table("Table 2")["rows"])
    assert stated[("blinatumomab", "all", "ENROLLED", "")]["value"] == n
    assert stated[("blinatumomab", "all", "CR", "")]["events"] == _col("Table 2", "cr").count("CR")
    assert stated[("blinatumomab", "all", "SEX_MALE", "")]["events"] == _col("Table 2", "sex").count("M")
    hsct = [p for p, nxt in zip(_col("Table 2", "patient"), _col("Table 2", "post_therapy"), strict=True)
            if nxt == "HSCT"]
    assert hsct == _col("Table 3", "patient")
    grades = _col("Table 3", "agvhd_grade")
    assert stated[("blinatumomab", "HSCT", "AGVHD", "any")]["events"] == sum(g != "0" for g in grades)
    assert stated[("blinatumomab", "HSCT", "AGVHD", "II-IV")]["events"] == sum(g in ("II", "III", "IV") for g in grades)
    mrd_only = [float(b) < 5 for b in _col("Table 2", "blasts_pre_pct")]
    assert stated[("blinatumomab", "MRD-positive", "MRD_NEG", "")]["total"] == sum(mrd_only)
    deaths_by_6 = sum(a == "Dead" and float(f) < 6 for a, f in
                      zip(_col("Table 2", "alive"), _col("Table 2", "follow_up_months"), strict=True))
    os6 = next(r for r in spec.STATED if r["arm"] == "blinatumomab" and r["outcome"] == "OS"
               and r.get("timepoint_months") == 6)
    assert os6["value"] == round(100 * (n - deaths_by_6) / n, 1)


def _pdf_text_in_reading_order(truth: dict) -> str:
    """The PDF's own text, read box by box in the truth's reading order (columns kept apart)."""
    blocks: dict[int, list[str]] = {}
    with pdfplumber.open(EXAMPLES / f"{NAME}.pdf") as pdf:
        for pt in truth["pdf"]["pages"]:
            page = pdf.pages[pt["page"] - 1]
            for para in pt["paragraphs"]:
                x0, top, x1, bottom = para["bbox"]
                got = page.within_bbox((x0 - 1, top - 1, x1 + 1, bottom + 3)).extract_text()
                assert _norm(got) == _norm(para["text"])
                blocks.setdefault(para["block"], []).append(_norm(got))
    return "\n".join(" ".join(parts) for parts in blocks.values())


def test_declared_inconsistencies_are_really_in_the_text(truth: dict) -> None:
    text = (EXAMPLES / f"{NAME}.txt").read_text(encoding="utf-8")
    pdf_text = _pdf_text_in_reading_order(truth)
    for inc in spec.INCONSISTENCIES:
        assert inc["quote"] in text and inc["quote"] in pdf_text, inc["quote"]
    assert "9 males and 6 females" in text and "14 children" in text


def test_drug_variants_differ_from_the_seeds() -> None:
    text = (EXAMPLES / f"{NAME}.txt").read_text(encoding="utf-8")
    seeds = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")).lower()
    for v in spec.DRUG_VARIANTS:
        assert v in text
        if v.lower() != "blinatumomab":
            assert v.lower() not in seeds, v


def test_pdf_tables_are_where_the_truth_says(truth: dict) -> None:
    with pdfplumber.open(EXAMPLES / f"{NAME}.pdf") as pdf:
        assert len(pdf.pages) == truth["pdf"]["page_count"]
        for t in truth["pdf"]["tables"]:
            found = pdf.pages[t["page"] - 1].find_tables()
            grids = [[[_norm(c) for c in r] for r in f.extract()] for f in found]
            assert [[_norm(c) for c in r] for r in t["cells"]] in grids, t["label"]
    assert [t["cells"] for t in truth["tables"]] == [[t["header"], *t["rows"]] for t in spec.TABLES]


def test_pasted_text_keeps_the_tables_as_damaged_lines_at_the_end(truth: dict) -> None:
    text = (EXAMPLES / f"{NAME}.txt").read_text(encoding="utf-8")
    parsed = parse_seed(text)
    tables = {b.label: b for b in parsed.body if b.kind == "table"}
    assert set(tables) == {"Table 2", "Table 3"}
    assert tables["Table 2"].role == "patients" and tables["Table 3"].role == "transplants"
    assert len(tables["Table 2"].table.rows) == len(_table("Table 2")["rows"])  # type: ignore[union-attr]
    for label, d in truth["text"]["tables"].items():
        assert all(line in text for line in d["table_lines"]), label
        assert "header_split_lines" in {x["rule"] for x in d["damages"]}
    assert "lost_decimal" in {x["rule"] for x in truth["text"]["tables"]["Table 2"]["damages"]}
