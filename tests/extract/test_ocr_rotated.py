"""A scan stored sideways (a portrait page on a landscape sheet) is turned upright before OCR."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from evidex.pipeline import run_one
from tests.conftest import GENERATED

pytestmark = pytest.mark.ocr
SOURCE = GENERATED / "synth_patients_ruled_scanned.pdf"


def sideways_copy(src: Path, dst: Path, quarter_turns: int) -> None:
    """Each page's image turned counter-clockwise by ``quarter_turns`` x 90 degrees, on a landscape sheet."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = pdfium.PdfDocument(str(src))
    c = Canvas(str(dst), invariant=1)
    for i in range(len(pdf)):
        w, h = pdf[i].get_size()
        img = np.ascontiguousarray(np.rot90(pdf[i].render(scale=200 / 72, grayscale=True).to_numpy(), quarter_turns))
        buf = io.BytesIO()
        Image.fromarray(img).save(buf, format="PNG")
        buf.seek(0)
        c.setPageSize((h, w))
        c.drawImage(ImageReader(buf), 0, 0, h, w)
        c.showPage()
    c.save()
    pdf.close()


@pytest.fixture(scope="module")
def upright() -> dict:
    if not SOURCE.exists():
        pytest.skip("fixtures not generated")
    return run_one(SOURCE)


@pytest.mark.parametrize(("quarter_turns", "clockwise"), [(1, 90), (3, 270)])
def test_a_sideways_scan_reads_like_the_upright_one(quarter_turns: int, clockwise: int, upright: dict,
                                                    tmp_path: Path) -> None:
    path = tmp_path / f"sideways{clockwise}.pdf"
    sideways_copy(SOURCE, path, quarter_turns)
    frames = run_one(path)
    assert len(upright["patients"]) >= 20
    assert len(frames["patients"]) >= 0.8 * len(upright["patients"])
    assert len(frames["tables"]) == len(upright["tables"])
    said = " ".join(frames["findings"]["message"])
    assert f"read turned {clockwise} degrees clockwise" in said
    page = frames["pages"].iloc[0]
    assert page["width"] < page["height"]  # read as the portrait page it is
