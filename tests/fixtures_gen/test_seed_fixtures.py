"""Seed-based fixtures: deterministic bytes, and truth files that agree with the PDFs they describe."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pdfplumber
import pytest

from fixtures.generate import build, main
from fixtures.linegrid import split_cells
from fixtures.seedtext import parse_seed
from tests.conftest import seed_path


def _norm(s: str | None) -> str:
    return " ".join((s or "").split())


def _truth(out: Path, name: str) -> dict:
    return json.loads((out / f"{name}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed_path("004")
    out = tmp_path_factory.mktemp("gen")
    build(out, only=["seed004_digital", "seed000_digital", "seed000_scanned", "seed004_imagetables"])
    return out


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    names = ["seed004_digital", "seed000_digital", "seed000_scanned"]
    files = build(tmp_path, only=names, force=True)
    assert len(files) == 2 * len(names)
    for f in files:
        assert f.read_bytes() == (built / f.name).read_bytes(), f.name


def test_up_to_date_fixture_is_not_rewritten(built: Path) -> None:
    pdf = built / "seed000_digital.pdf"
    before = pdf.stat().st_mtime_ns
    build(built, only=["seed000_digital"])
    assert pdf.stat().st_mtime_ns == before


def test_digital_tables_are_found_where_the_truth_says(built: Path) -> None:
    truth = _truth(built, "seed004_digital")
    assert {t["label"] for t in truth["tables"]} == {"Table 2", "Table 4"}
    with pdfplumber.open(built / "seed004_digital.pdf") as pdf:
        assert len(pdf.pages) == truth["page_count"] > 3
        for t in truth["tables"]:
            found = pdf.pages[t["page"] - 1].find_tables()
            match = [f for f in found if all(abs(a - b) < 1.0 for a, b in zip(f.bbox, t["bbox"], strict=True))]
            assert match, f"{t['label']} not at {t['bbox']} on page {t['page']}"
            grid = [[_norm(c) for c in row] for row in match[0].extract()]
            assert grid == [[_norm(c) for c in row] for row in t["cells"]]


def test_every_truth_paragraph_is_in_its_box(built: Path) -> None:
    truth = _truth(built, "seed004_digital")
    with pdfplumber.open(built / "seed004_digital.pdf") as pdf:
        for pt in truth["pages"]:
            page = pdf.pages[pt["page"] - 1]
            assert pt["header"] and pt["footer"].endswith(str(pt["page"]))
            for para in pt["paragraphs"]:
                x0, top, x1, bottom = para["bbox"]
                got = page.within_bbox((x0 - 1, top - 1, x1 + 1, bottom + 3)).extract_text()
                assert _norm(got) == _norm(para["text"]), (pt["page"], para["text"][:60])


def test_headings_and_two_columns_present(built: Path) -> None:
    truth = _truth(built, "seed004_digital")
    paras = [p for pt in truth["pages"] for p in pt["paragraphs"]]
    assert {p["column"] for p in paras} == {-1, 0, 1}
    headings = [p["text"] for p in paras if p["kind"] == "heading"]
    assert any(h.startswith("2.1.") for h in headings)
    assert sum(p["kind"] == "abstract" for p in paras) >= 3


def test_table_follows_its_caption_in_reading_order(built: Path) -> None:
    truth = _truth(built, "seed004_digital")
    for t in truth["tables"]:
        page = truth["pages"][t["page"] - 1]
        captions = [p for p in page["paragraphs"] if p["kind"] == "caption" and p["text"] == t["caption"]]
        assert captions and captions[0]["bbox"][3] <= t["bbox"][1] + 0.01


def test_scanned_pdf_has_no_text_layer_and_matching_pages(built: Path) -> None:
    truth = _truth(built, "seed000_scanned")
    assert truth["kind"] == "scanned"
    with pdfplumber.open(built / "seed000_scanned.pdf") as pdf:
        assert len(pdf.pages) == truth["page_count"] == 1
        for page, pt in zip(pdf.pages, truth["pages"], strict=True):
            assert page.chars == []
            assert len(page.images) == 1
            img = page.images[0]
            assert abs(img["srcsize"][0] - page.width * pt["dpi"] / 72) <= 2
            assert 0.5 <= abs(pt["skew_degrees"]) <= 1.5


def test_imagetables_pdf_has_pictures_instead_of_table_text(built: Path) -> None:
    truth = _truth(built, "seed004_imagetables")
    with pdfplumber.open(built / "seed004_imagetables.pdf") as pdf:
        for t in truth["tables"]:
            page = pdf.pages[t["page"] - 1]
            x0, top, x1, bottom = t["bbox"]
            assert page.crop((x0, top, x1, bottom)).chars == []
            (im,) = [im for im in page.images if abs(im["x0"] - x0) < 1 and abs(im["top"] - top) < 1]
            assert t["rendered_as"] == "image" and t["image_format"] in ("PNG", "JPEG")
            assert abs(im["srcsize"][0] - (x1 - x0) * t["image_dpi"] / 72) <= 3
            assert page.chars, "the text around the table keeps its text layer"


def test_seed004_tail_tables_recovered_generically() -> None:
    tables = parse_seed(seed_path("004").read_text(encoding="utf-8")).tables
    widths = sorted(t.n_cols for t in tables)
    assert len(tables) == 2 and widths[0] >= 8 and widths[1] >= 10
    for t in tables:
        assert all(len(r) == t.n_cols for r in t.rows)
        assert len(t.header) == t.n_cols and any(t.header)
    patients = max(tables, key=lambda t: t.n_cols)
    assert len(patients.rows) == 33  # the abstract's 33 children, one row each


def test_split_cells_keeps_regimens_and_phrases_whole() -> None:
    assert split_cells("7 Flu + Bu +ATG | Unrelated donor 9/10 PB+ BM 24 +12 +15 Relapse") == [
        "7", "Flu + Bu +ATG", "Unrelated donor", "9/10", "PB+ BM", "24", "+12", "+15", "Relapse"]


def test_cli_rejects_unknown_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path), "--only", "no_such_fixture"]) == 2
    assert "unknown fixture" in capsys.readouterr().err


@pytest.mark.ocr
def test_scanned_page_is_readable_by_tesseract(built: Path) -> None:
    import pypdfium2 as pdfium
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    truth = _truth(built, "seed000_scanned")
    pdf = pdfium.PdfDocument(str(built / "seed000_scanned.pdf"))
    page = truth["pages"][0]
    img = pdf[0].render(scale=page["dpi"] / 72).to_pil()
    cut = 0.45  # the top of the page (title and first abstract paragraphs) keeps the test quick
    text = pytesseract.image_to_string(img.crop((0, 0, img.width, int(img.height * cut))))
    pdf.close()
    inside = [p for p in page["paragraphs"] if p["bbox"][3] < page["height"] * cut - 10]
    assert inside
    words = {w.strip(".,;:()").lower() for p in inside for w in p["text"].split()}
    words = {w for w in words if len(w) > 3 and w.isalpha()}
    got = {w.strip(".,;:()").lower() for w in text.split()}
    assert len(words & got) / len(words) > 0.85


def test_skew_mapping_matches_the_rotated_scan() -> None:
    """A black square drawn on a blank page lands where skew_point says after degrade()."""
    import io

    import numpy as np
    from PIL import Image

    from fixtures.scan import ScanSettings, degrade, skew_point

    dpi, w_pt, h_pt = 100, 300.0, 400.0
    img = Image.new("L", (round(w_pt * dpi / 72), round(h_pt * dpi / 72)), 255)
    x_pt, y_pt = 60.0, 80.0
    px, py = round(x_pt * dpi / 72), round(y_pt * dpi / 72)
    img.paste(0, (px - 4, py - 4, px + 5, py + 5))
    s = ScanSettings(dpi=dpi, skew_degrees=1.5, noise_sigma=0.0, jpeg_quality=95, blur_radius=0.0)
    arr = np.asarray(Image.open(io.BytesIO(degrade(img, s, seed=1))))
    ys, xs = np.nonzero(arr < 15)  # the square is black; dust specks are grey (40)
    gx, gy = np.median(xs) * 72 / dpi, np.median(ys) * 72 / dpi  # the median ignores the odd dust speck
    ex, ey = skew_point(x_pt, y_pt, w_pt, h_pt, 1.5)
    assert abs(gx - ex) < 1.0 and abs(gy - ey) < 1.0
    # and the skew is visible: the unrotated position is off by more than a point
    assert abs(gy - y_pt) > 1.0 or abs(gx - x_pt) > 1.0
