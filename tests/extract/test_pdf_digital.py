"""Born-digital PDFs: reading order across two columns, running headers, hyphens, sections, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidex.extract import extract
from evidex.models import InputError, RunOptions
from tests.extract import test_pdf_factory as factory


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("digital") / "two_column_running_header_hyphens.pdf"
    truth = factory.two_column_paper(path)
    return path, truth, extract(path, "s1", RunOptions())


def test_paragraphs_come_out_whole_and_in_reading_order(paper) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = paper
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == truth.paragraphs


def test_headings_open_sections(paper) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = paper
    headings = [b for b in doc.blocks if b.kind == "heading" and b.section != "title"]
    assert [b.text for b in headings] == truth.headings
    by_text = {b.text: b.section for b in doc.blocks}
    assert by_text[truth.paragraphs[1]] == "abstract"
    assert by_text[factory.SECTIONS[1][1][0]] == "methods"
    assert by_text[factory.SECTIONS[2][1][0]] == "results"
    assert by_text[factory.SECTIONS[3][1][-1]] == "discussion"


def test_title_is_the_largest_line_on_page_one(paper) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = paper
    assert doc.title == truth.title


def test_running_header_and_page_numbers_are_removed(paper) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = paper
    assert len(doc.pages) >= 2
    assert factory.HEADER not in doc.text
    for number in {r for r in truth.removed if r.isdigit()}:
        assert not any(b.text == number for b in doc.blocks)


def test_every_block_knows_its_page_box_and_offsets(paper) -> None:  # type: ignore[no-untyped-def]
    _, truth, doc = paper
    for b in doc.blocks:
        assert doc.text[b.char_start:b.char_end] == b.text
        page = doc.pages[b.page - 1]
        assert 0 <= b.bbox.x0 < b.bbox.x1 <= page.width and 0 <= b.bbox.top < b.bbox.bottom <= page.height
        if b.text in truth.page_of:
            assert b.page == truth.page_of[b.text]
    assert [b.order for b in doc.blocks] == list(range(len(doc.blocks)))


def test_digital_pages_score_high_and_skip_ocr(paper) -> None:  # type: ignore[no-untyped-def]
    _, _, doc = paper
    assert all(p.text_quality >= 0.9 and not p.ocr and p.ocr_confidence is None for p in doc.pages)
    assert not any(b.from_ocr for b in doc.blocks)


def test_second_column_starts_right_of_the_gutter(paper) -> None:  # type: ignore[no-untyped-def]
    _, _, doc = paper
    results = next(b for b in doc.blocks if b.text == factory.SECTIONS[2][1][0])
    assert results.bbox.x0 >= factory.MARGIN + factory.COL_W + factory.GUTTER - 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"hello, not a pdf", "not a PDF"), (b"%PDF-1.4\n1 0 obj garbage", "damaged")],
)
def test_unreadable_input_is_a_one_line_input_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        extract(path, "s", RunOptions())
    assert "\n" not in str(err.value)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        extract(tmp_path / "absent.pdf", "s", RunOptions())


def test_encrypted_pdf_asks_for_the_password_to_be_removed(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "locked.pdf"
    c = Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "Confidential trial report")
    c.save()
    with pytest.raises(InputError, match="encrypted"):
        extract(path, "s", RunOptions())


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_landscape_page_reads_upright_in_the_displayed_frame(tmp_path: Path, rotation: int) -> None:
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    drawn, shown = tmp_path / "drawn.pdf", tmp_path / f"landscape_rotate_{rotation}.pdf"
    c = Canvas(str(drawn), pagesize=(612, 792))
    # the text is drawn sideways in user space so that /Rotate shows it upright, as journals do
    c.translate(*{90: (612, 0), 180: (612, 792), 270: (0, 792)}[rotation])
    c.rotate({90: 90, 180: 180, 270: -90}[rotation])
    width, height = (612, 792) if rotation == 180 else (792, 612)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, height - 60, "Table 3. Transplant characteristics of the cohort")
    c.setFont("Helvetica", 10)
    rows = [f"Patient {i} received busulfan and fludarabine before a sibling graft" for i in range(1, 5)]
    for i, row in enumerate(rows):
        c.drawString(60, height - 100 - 14 * i, row)
    c.save()
    pdf = pdfium.PdfDocument(str(drawn))
    pdf[0].set_rotation(rotation)
    pdf.save(str(shown))
    doc = extract(shown, "r", RunOptions(ocr="off"))
    assert (doc.pages[0].width, doc.pages[0].height) == (width, height)
    assert [b.text for b in doc.blocks] == ["Table 3. Transplant characteristics of the cohort", " ".join(rows)]
    caption = doc.blocks[0]
    assert caption.kind == "caption" and abs(caption.bbox.x0 - 60) < 1 and caption.bbox.top < 60


def test_scan_with_an_invisible_text_layer_trusts_the_layer(tmp_path: Path) -> None:
    """Publisher scans often carry an invisible OCR layer (render mode 3): no second OCR, no page image read."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    digital, layered = tmp_path / "digital.pdf", tmp_path / "scan_with_invisible_text_layer.pdf"
    truth = factory.two_column_paper(digital)
    picture = io.BytesIO()
    pdfium.PdfDocument(str(digital))[0].render(scale=150 / 72, grayscale=True).to_pil().save(picture, "PNG")
    picture.seek(0)
    c = Canvas(str(layered), pagesize=(factory.PAGE_W, factory.PAGE_H))
    c.drawImage(ImageReader(picture), 0, 0, factory.PAGE_W, factory.PAGE_H)
    layer = c.beginText(54, 700)
    layer.setTextRenderMode(3)
    layer.setFont("Helvetica", 9.5)
    for para in truth.paragraphs[2:5]:
        for start in range(0, len(para), 90):
            layer.textLine(para[start:start + 90])
    c.drawText(layer)
    c.save()
    doc = extract(layered, "s", RunOptions())
    page = doc.pages[0]
    assert page.text_quality >= 0.9 and not page.ocr and page.method == "pdfium.v1"
    assert truth.paragraphs[2][:90] in doc.text


def test_a_paragraph_of_many_lines_is_joined_in_linear_time() -> None:
    """A paragraph running over hundreds of pages (each page joins it again) once grew one string line by line."""
    import time

    from evidex.extract.layout import Line
    from evidex.extract.paragraphs import join_lines
    from evidex.extract.words import Word

    def line(text: str) -> Line:
        return Line((Word(text, 0, 0, 10, 10),), 0, 0, 10, 10, 10.0, False)

    lines = [line("treatment with che-"), line("motherapy and more")] * 100_000
    start = time.process_time()
    text, repairs = join_lines(lines, {"chemotherapy"})
    assert repairs == 100_000 and text.startswith("treatment with chemotherapy and more treatment")
    assert time.process_time() - start < 10  # about 0.1 s; the old joiner took minutes at this size
