"""OCR only what has content: blank and near-blank pages are not sent to Tesseract; huge pages are capped.

The scanned pages are made as fixtures/scan.py makes them (paper tone, noise, dust specks, JPEG),
so scanner dirt on an empty sheet must not count as content.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from evidex.extract import extract, scan
from evidex.models import RunOptions

pytestmark = pytest.mark.ocr
SENTENCE = "Of the 33 patients treated, 26 achieved complete remission."
PAGE = (595.0, 842.0)


def _scan_of(draw: str | None) -> bytes:
    """A 200 dpi scanned A4 sheet (JPEG bytes): empty, or holding one line of text."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    from fixtures.scan import ScanSettings, degrade

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=PAGE, invariant=1)
    if draw:
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, draw)
    c.showPage()
    c.save()
    img = pdfium.PdfDocument(buf.getvalue())[0].render(scale=200 / 72, grayscale=True).to_pil()
    return degrade(img, ScanSettings(), seed=5)


@pytest.fixture(scope="module")
def mostly_blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """320 blank pages (300 empty, 10 with a page number only, 10 scans of an empty sheet), then one line."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path_factory.mktemp("blank") / "mostly_blank.pdf"
    empty_scan, text_scan = ImageReader(io.BytesIO(_scan_of(None))), ImageReader(io.BytesIO(_scan_of(SENTENCE)))
    c = Canvas(str(path), pagesize=PAGE, invariant=1)
    for i in range(320):
        if 300 <= i < 310:
            c.drawString(PAGE[0] / 2, 30, str(i + 1))
        elif i >= 310:
            c.drawImage(empty_scan, 0, 0, *PAGE)
        c.showPage()
    c.drawImage(text_scan, 0, 0, *PAGE)
    c.showPage()
    c.save()
    return path


def test_blank_pages_are_not_ocrd(mostly_blank: Path) -> None:
    doc = extract(mostly_blank, "blank", RunOptions(ocr="force"))
    assert len(doc.pages) == 321
    assert [p.number for p in doc.pages if p.ocr] == [321]
    assert all(p.method == scan.BLANK_METHOD for p in doc.pages[:320])
    assert any("320 blank page(s) not OCR'd: 1-320" in w for w in doc.warnings)
    assert "26 achieved complete remission" in doc.text


def test_a_scanned_line_of_text_is_not_blank() -> None:
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=PAGE, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(_scan_of("Table 3 continued"))), 0, 0, *PAGE)
    c.showPage()
    c.save()
    assert not scan.is_blank(pdfium.PdfDocument(buf.getvalue())[0])


def test_render_size_is_capped_by_pixels_not_only_dpi() -> None:
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(7200, 7200))  # 100 x 100 inches: 900 Mpx at 300 dpi
    c.setFont("Helvetica", 200)
    c.drawString(500, 6000, "Results")
    c.showPage()
    c.save()
    gray, scale = scan.render_page(pdfium.PdfDocument(buf.getvalue())[0], 300)
    assert gray.size <= scan.MAX_PIXELS and scale < 300 / 72
    assert abs(gray.shape[1] - 7200 * scale) <= 1


def test_image_table_preparation_does_not_blow_a_capped_page_up_again() -> None:
    import numpy as np

    from evidex.extract.tables.ocr import MAX_PIXELS, prepare

    page = np.full((6000, 6000), 255, dtype=np.uint8)  # 36 Mpx at ~60 dpi: the engine wants ~300 dpi
    assert prepare(page, 60 / 72, deskew=False).image.size <= MAX_PIXELS


HUGE_BLANK = """
import json, resource, sys
from pathlib import Path
from reportlab.pdfgen.canvas import Canvas
from evidex.extract import extract
from evidex.models import RunOptions
path = Path(sys.argv[1])
c = Canvas(str(path), pagesize=(7200, 7200))
c.showPage()
c.save()
doc = extract(path, "huge", RunOptions(ocr="force"))
# this process's own high-water mark (ru_maxrss would start at the parent's: Linux keeps it across exec)
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) // 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(json.dumps({"own_mb": own, "kids_mb": kids, "methods": [p.method for p in doc.pages]}))
"""


def test_a_blank_100_inch_page_stays_small(tmp_path: Path) -> None:
    """Issue 14 measured a 6.0 GB peak for this page; in a fresh process so the peak is its own."""
    out = subprocess.run([sys.executable, "-c", HUGE_BLANK, str(tmp_path / "huge.pdf")], capture_output=True,
                         text=True, timeout=300, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["methods"] == [scan.BLANK_METHOD]
    assert got["own_mb"] < 500 and got["kids_mb"] < 500, got


def test_the_blank_threshold_sits_between_a_page_number_and_a_line(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "sparse.pdf"
    c = Canvas(str(path), pagesize=PAGE, invariant=1)
    c.drawString(290, 30, "7")
    c.showPage()
    c.drawString(72, 700, "Abbreviations: CR, complete remission.")
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(str(path))
    assert [scan.is_blank(doc[i]) for i in range(2)] == [True, False]

