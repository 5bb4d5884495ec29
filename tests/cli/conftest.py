"""Small inputs for batch tests: a tiny born-digital PDF, and the bad files users really pass."""

from __future__ import annotations

from pathlib import Path

import pytest

STUDY_TEXT = [
    "A short invented study of blinatumomab in relapsed B-ALL",
    "Results: Among 20 patients, 15 achieved complete remission (CR), a CR rate of 75.0% (15/20).",
    "Cytokine release syndrome occurred in 4 cases (20.0%), all grade 1-2.",
]


def make_pdf(path: Path, lines: list[str], encrypt: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    y = 800
    for line in lines:
        c.drawString(56, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


@pytest.fixture
def tiny_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "tiny_study.pdf", STUDY_TEXT)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.pdf").write_bytes(b"")
    (d / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF")
    (d / "letter.pdf").write_text("Dear editor, this is a cover letter saved with the wrong name.\n")
    (d / "latin1.txt").write_bytes("Résumé of a study with 12 patients\n".encode("latin-1"))
    make_pdf(d / "locked.pdf", STUDY_TEXT, encrypt="secret")
    return {
        "missing": d / "does_not_exist.pdf",
        "empty": d / "empty.pdf",
        "corrupt": d / "corrupt.pdf",
        "not_pdf": d / "letter.pdf",
        "undecodable": d / "latin1.txt",
        "encrypted": d / "locked.pdf",
    }
