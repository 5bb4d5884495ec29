"""Synthetic tables: realistic, reproducible, and truth files that agree with what was rendered/damaged."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from fixtures.catalog import damaged_text
from fixtures.damage import damage_table
from fixtures.generate import build
from fixtures.linegrid import split_tables
from fixtures.synthetic import LAYOUTS, make_table

BRIEF_DAMAGES = {"lost_decimal", "hla_slash_lost", "yen_for_y", "hsct_case", "cart_hyphen_lost", "dash_glyph",
                 "ccnu_ocr", "tbi_ocr", "header_split_lines", "footnote_mark_fused", "continuation_line"}


def _norm(s: str | None) -> str:
    return " ".join((s or "").split())


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_tables_are_reproducible_and_sized(layout: str) -> None:
    a, b, c = make_table(layout, 3), make_table(layout, 3), make_table(layout, 4)
    assert a.cells == b.cells and a.records == b.records
    assert a.cells != c.cells
    assert 10 <= len(a.records) <= 40
    assert all(len(r) == len(a.columns) for r in a.cells)


def test_layouts_vary_header_names_and_orders() -> None:
    headers = {layout: make_table(layout, 1).header for layout in LAYOUTS}
    names = {h for hs in headers.values() for h in hs}
    for expected in ("Pt", "Case No.", "Blasts (%)", "MRD before (%)", "Fusion gene", "Response",
                     "Bridging therapy", "Status", "Follow-up (mo)", "Conditioning regimen", "HLA"):
        assert expected in names
    orders = {tuple(c.key for c in make_table(layout, 1).columns) for layout in LAYOUTS}
    assert len(orders) == len(LAYOUTS)


def test_transplant_values_look_like_real_tables() -> None:
    cells = [c for seed in range(5) for r in make_table("transplants_ruled", seed).rows for c in r]
    assert any(re.fullmatch(r"\d{1,2}/10", c) for c in cells)
    assert any(re.fullmatch(r"\+\d{1,2}", c) for c in cells)
    assert {"BM", "PB", "CB"} <= set(cells)
    assert any("/" in c and "ATG" in c for c in cells) and any(c.startswith("TBI + Cy") for c in cells)


def test_records_agree_with_printed_cells() -> None:
    t = make_table("transplants_ruled", 2)
    keys = [c.key for c in t.columns]
    for rec, row in zip(t.records, t.rows, strict=True):
        assert row[keys.index("hla")] == f"{rec['hla_matched']}/{rec['hla_total']}"
        assert row[keys.index("donor")] == rec["donor"]
    p = make_table("patients_borderless", 2)
    keys = [c.key for c in p.columns]
    for rec, row in zip(p.records, p.rows, strict=True):
        assert (row[keys.index("cr")] == "Y") is rec["cr"]
        assert float(row[keys.index("follow_up_months")]) == rec["follow_up_months"]


def _expected_damaged_rows(layout: str, seed: int) -> tuple[list[list[str]], list[str], set[str]]:
    t = make_table(layout, seed)
    d = damage_table(t, seed)
    grid = [list(r) for r in t.cells]
    for dm in d.damages:
        if dm.rule not in ("header_split_lines", "continuation_line"):
            assert grid[dm.row][dm.col] == dm.clean or dm.rule in ("leading_quote", "stray_pipe")
            grid[dm.row][dm.col] = dm.raw
    return grid[len(t.header_rows):], d.lines, {dm.rule for dm in d.damages}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_damaged_lines_are_the_clean_rows_with_the_listed_damages(layout: str) -> None:
    rows, lines, _ = _expected_damaged_rows(layout, 5)
    joined = [ln.replace("|", " ") for ln in lines]
    body = " ".join(joined).split()
    expected = " ".join(c for r in rows for c in r if c).replace("|", " ").split()
    # Data tokens appear in order after the header lines (a continuation line only moves a token down).
    n_head = next(i for i, ln in enumerate(lines) if ln.split()[0][:1].isdigit())
    got = " ".join(joined[n_head:]).split()
    assert sorted(got) == sorted(expected)
    assert len(body) > len(got)


def test_every_damage_kind_of_the_brief_occurs() -> None:
    seen: set[str] = set()
    for layout in LAYOUTS:
        seen |= _expected_damaged_rows(layout, 1)[2]
    assert seen >= BRIEF_DAMAGES


def test_generic_splitter_recovers_damaged_synthetic_tables() -> None:
    """The column heuristic that builds the seed fixtures, scored on tables it has not seen."""
    total = correct = 0
    for layout in LAYOUTS:
        rows, lines, _ = _expected_damaged_rows(layout, 9)
        (table,) = split_tables(lines)
        assert len(table.rows) == len(rows)
        for got, exp in zip(table.rows, rows, strict=True):
            total += len(exp)
            pairs = zip(got, exp, strict=True)
            correct += sum(_norm(a.replace("|", "")) == _norm(b.replace("|", "")) for a, b in pairs)
    assert correct / total >= 0.95


def test_damaged_text_truth_lists_clean_rows_and_damages() -> None:
    t = make_table("patients_ruled", 11)
    text, truth = damaged_text(t, 11)
    assert truth["cells"] == t.cells and truth["kind"] == "damaged-text"
    assert all(ln in text for ln in truth["table_lines"])  # type: ignore[union-attr]
    for dm in truth["damages"]:  # type: ignore[union-attr]
        assert {"row", "col", "raw", "clean", "rule"} <= set(dm)
        assert dm["raw"] != dm["clean"]


@pytest.fixture(scope="module")
def synth_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    names = [f"synth_{layout}_digital" for layout in LAYOUTS]
    build(out, only=[*names, "synth_transplants_borderless_scanned", "synth_patients_ruled_damaged"])
    return out


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_digital_synthetic_pdf_matches_truth(synth_built: Path, layout: str) -> None:
    name = f"synth_{layout}_digital"
    truth = json.loads((synth_built / f"{name}.truth.json").read_text(encoding="utf-8"))
    (t,) = truth["tables"]
    assert t["columns"] and len(t["records"]) == len(t["cells"]) - t["n_header_rows"]
    with pdfplumber.open(synth_built / f"{name}.pdf") as pdf:
        assert len(pdf.pages) == truth["page_count"]
        page = pdf.pages[t["page"] - 1]
        words = Counter(w["text"] for w in page.within_bbox(t["bbox"]).extract_words())
        assert words == Counter(w for row in t["cells"] for c in row for w in c.split())
        if t["style"] == "ruled":
            (found,) = page.find_tables()
            assert [[_norm(c) for c in r] for r in found.extract()] == [[_norm(c) for c in r] for r in t["cells"]]
        else:
            assert page.find_tables() == []  # no rules to find: whitespace-only layout


def test_scanned_synthetic_pdf_is_image_only(synth_built: Path) -> None:
    name = "synth_transplants_borderless_scanned"
    truth = json.loads((synth_built / f"{name}.truth.json").read_text(encoding="utf-8"))
    with pdfplumber.open(synth_built / f"{name}.pdf") as pdf:
        assert len(pdf.pages) == truth["page_count"]
        assert all(p.chars == [] and len(p.images) == 1 for p in pdf.pages)
    t = truth["tables"][0]
    assert t["cells"][0][0] == "No."
    page = truth["pages"][t["page"] - 1]
    (x0, top, x1, bottom), (sx0, stop, sx1, sbottom) = t["bbox"], t["bbox_scanned"]
    assert sx1 - sx0 > x1 - x0 and sbottom - stop > bottom - top  # a rotated box needs a larger enclosing box
    assert 0.5 <= abs(page["skew_degrees"]) <= 1.5


def test_damaged_text_file_written_with_truth(synth_built: Path) -> None:
    text = (synth_built / "synth_patients_ruled_damaged.txt").read_text(encoding="utf-8")
    truth = json.loads((synth_built / "synth_patients_ruled_damaged.truth.json").read_text(encoding="utf-8"))
    assert truth["table_lines"][-1] in text and truth["caption"] in text


def test_in_memory_api_renders_a_table_pdf(tmp_path: Path) -> None:
    from fixtures.synthetic import damaged, render

    truth = render("transplants_ruled", 21, tmp_path / "t.pdf")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        (found,) = pdf.pages[truth["tables"][0]["page"] - 1].find_tables()
        assert len(found.extract()) == len(truth["tables"][0]["cells"])
    text, dtruth = damaged("transplants_ruled", 21)
    assert dtruth["cells"] == truth["tables"][0]["cells"] and dtruth["table_lines"][0] in text
