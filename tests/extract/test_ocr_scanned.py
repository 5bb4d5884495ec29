"""Scanned (image-only) pages: routed to OCR by the quality score, read with real Tesseract.

The scanned paper is the born-digital two-column paper rasterized at 200 dpi with a 0.8 degree
skew and sensor noise; OCR must give back the same paragraphs (tolerance: character similarity)
on the same pages, with the OCR facts kept on the pages and blocks.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from rapidfuzz import fuzz

from evidex.extract import extract
from evidex.extract.ocr import estimate_skew
from evidex.models import RunOptions
from tests.extract import test_pdf_factory as factory

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("scanned")
    digital, scan = folder / "digital.pdf", folder / "skewed_noisy_scan.pdf"
    truth = factory.two_column_paper(digital)
    factory.rasterize(digital, scan, dpi=200, skew_deg=0.8, noise=6.0)
    return scan, truth, extract(scan, "s2", RunOptions())


def test_scanned_pages_are_scored_unreadable_and_ocrd(scanned) -> None:  # type: ignore[no-untyped-def]
    _, _, doc = scanned
    assert len(doc.pages) >= 2
    for page in doc.pages:
        assert page.text_quality < 0.5 and page.ocr and page.n_chars == 0
        assert page.ocr_confidence is not None and page.ocr_confidence > 80
        assert page.method.startswith("tesseract-")


def test_ocr_text_matches_the_digital_text(scanned) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = scanned
    body = " ".join(b.text for b in doc.blocks if b.kind == "paragraph")
    assert fuzz.ratio(body, " ".join(truth.paragraphs)) >= 98


def test_ocr_paragraphs_are_whole_and_on_their_pages(scanned) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = scanned
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    matched = 0
    for want in truth.paragraphs:
        best = max(paragraphs, key=lambda b: fuzz.ratio(b.text, want))
        if fuzz.ratio(best.text, want) >= 95:
            matched += 1
            assert best.page == truth.page_of.get(want, best.page)
    assert matched >= len(truth.paragraphs) - 1


def test_ocr_blocks_carry_confidence_boxes_in_points_and_sections(scanned) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = scanned
    assert doc.title and fuzz.ratio(doc.title, truth.title) >= 95
    assert factory.HEADER not in doc.text
    for b in doc.blocks:
        assert b.from_ocr and b.confidence is not None
        assert doc.text[b.char_start:b.char_end] == b.text
        assert 0 <= b.bbox.x0 < b.bbox.x1 <= factory.PAGE_W and 0 <= b.bbox.top < b.bbox.bottom <= factory.PAGE_H
    sections = {b.section for b in doc.blocks}
    assert {"abstract", "introduction", "methods", "results", "discussion"} <= sections
    results = [b for b in doc.blocks if b.section == "results" and b.kind == "paragraph"]
    assert results[0].bbox.x0 > factory.PAGE_W / 2 - 10  # the results start in the right column


def test_ocr_off_leaves_a_scan_empty_but_reports_it(scanned) -> None:  # type: ignore[no-untyped-def]
    path, _, _ = scanned
    doc = extract(path, "s2", RunOptions(ocr="off"))
    assert doc.text == "" and not any(p.ocr for p in doc.pages)
    assert all(p.text_quality == 0.0 for p in doc.pages)


def test_two_ocr_workers_give_the_same_document(scanned) -> None:  # type: ignore[no-untyped-def]
    path, _, doc = scanned
    parallel = extract(path, "s2", RunOptions(ocr_workers=2))
    assert parallel.text == doc.text
    assert [dataclasses.astuple(p) for p in parallel.pages] == [dataclasses.astuple(p) for p in doc.pages]


@pytest.mark.parametrize("angle", [-2.0, 1.3])
def test_skew_estimate_recovers_a_known_rotation(angle: float) -> None:
    import cv2

    page = np.full((1100, 850), 255, np.uint8)
    for row in range(80, 1000, 28):
        for col in range(60, 780, 46):
            cv2.rectangle(page, (col, row), (col + 38, row + 12), 0, -1)
    m = cv2.getRotationMatrix2D((425, 550), angle, 1.0)
    rotated = cv2.warpAffine(page, m, (850, 1100), borderValue=255)
    assert abs(estimate_skew(rotated) + angle) <= 0.25
