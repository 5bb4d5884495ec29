"""Small invented study tables drawn with reportlab (ruled, booktabs, borderless), rendered and degraded.

Builders only, plus a check that the builders draw what their truth says; the
table tests import these. Contents are invented, in the style of per-patient
tables in haematology papers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PAGE_W, PAGE_H = 612.0, 792.0
THERAPIES = ["Chemotherapy", "Chemotherapy + CAR-T", "CAR-T", "Chemotherapy + HSCT"]
NEXT = ["HSCT", "CAR-T", "Chemotherapy", "-", "Blinatumomab"]
FUSIONS = ["-", "-", "-", "BCR-ABL1", "KMT2A-AFF1", "ETV6-RUNX1", "TCF3-PBX1"]
PATIENT_HEADER = ["No.", "Prior therapy", "Blasts (%)", "MRD (%)", "Fusion", "CR", "Next therapy", "Alive", "FU (mo)"]
PATIENT_WIDTHS = [26, 100, 46, 44, 62, 24, 70, 32, 44]
PROSE = (
    "Patients were enrolled between January 2018 and March 2022 after written consent from their guardians. "
    "Minimal residual disease was measured by eight-colour flow cytometry in bone marrow at the end of each cycle, "
    "and a complete remission required fewer than five percent blasts with recovery of peripheral counts."
)


@dataclass
class TableSpec:
    label: str
    caption: str
    rows: list[list[str]]  # header first
    widths: list[float]
    style: str = "grid"  # grid | columns | booktabs | none
    footnote: str = ""
    row_h: float = 15.0
    group: tuple[tuple[str, int, int], ...] = ()  # header groups over the first row: (label, first col, last col)


@dataclass
class Drawn:
    spec: TableSpec
    page: int
    bbox: tuple[float, float, float, float]  # points, top-left origin


def patient_rows(n: int, seed: int, start: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(start, start + n):
        cr = rng.random() < 0.7
        blasts = rng.randint(1, 95)
        mrd = f"{rng.uniform(0.01, 95):.2f}"
        rows.append([str(i), rng.choice(THERAPIES), str(blasts), mrd, rng.choice(FUSIONS), "Y" if cr else "N",
                     rng.choice(NEXT), rng.choice("YYYN"), f"{rng.uniform(2, 24):.1f}"])
    return rows


def patient_spec(style: str, n: int = 12, seed: int = 7, label: str = "Table 2") -> TableSpec:
    return TableSpec(label, f"{label}. Characteristics and outcomes of {n} children given blinatumomab",
                     [PATIENT_HEADER, *patient_rows(n, seed)], PATIENT_WIDTHS, style,
                     "(1) CR, complete remission; MRD, minimal residual disease; FU, follow-up.")


def grouped_spec() -> TableSpec:
    """A ruled table whose first header row groups columns: 'Before treatment' over three columns."""
    header = ["No.", "Blasts (%)", "MRD (%)", "Fusion", "Blasts (%)", "MRD (%)", "CR"]
    body = [[r[0], r[2], r[3], r[4], str(max(0, int(r[2]) // 10)), "0.01", r[5]] for r in patient_rows(6, 5)]
    top = ["", "Before treatment", "", "", "After treatment", "", ""]
    return TableSpec("Table 3", "Table 3. Response by patient", [top, header, *body], [30, 60, 55, 70, 60, 55, 30],
                     "grid", group=(("Before treatment", 1, 3), ("After treatment", 4, 5)))


def ae_spec(style: str = "booktabs") -> TableSpec:
    rows = [["Adverse event", "Grade 1-2, n (%)", "Grade 3-4, n (%)", "Total, n (%)"],
            ["Cytokine release syndrome", "9 (37.5)", "1 (4.2)", "10 (41.7)"],
            ["Neurotoxicity", "2 (8.3)", "0", "2 (8.3)"],
            ["Fever", "14 (58.3)", "3 (12.5)", "17 (70.8)"],
            ["Neutropenia", "4 (16.7)", "11 (45.8)", "15 (62.5)"],
            ["Hypokalaemia", "6 (25.0)", "2 (8.3)", "8 (33.3)"]]
    return TableSpec("Table 3", "Table 3 Adverse events during the first cycle (n = 24)", rows,
                     [150, 95, 95, 85], style, "* Graded by CTCAE version 5.0.")


def _prose(c, y: float, width: float = 470.0) -> float:
    from reportlab.lib.utils import simpleSplit

    c.setFont("Helvetica", 10)
    for line in simpleSplit(PROSE, "Helvetica", 10, width):
        c.drawString(72, PAGE_H - y, line)
        y += 13
    return y + 8


def draw_table(c, spec: TableSpec, x: float, top: float) -> tuple[float, float, float, float]:
    """Draw caption, table and footnote from ``top`` down; return the table bbox (top-left origin)."""
    c.setFont("Helvetica-Bold", 9)
    c.drawString(x, PAGE_H - top - 9, spec.caption)
    y0 = top + 18
    xs = [x]
    for w in spec.widths:
        xs.append(xs[-1] + w)
    ys = [y0 + i * spec.row_h for i in range(len(spec.rows) + 1)]
    for r, row in enumerate(spec.rows):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 8)
        for col, text in enumerate(row):
            c.drawString(xs[col] + 3, PAGE_H - ys[r] - spec.row_h * 0.68, text)
    c.setLineWidth(0.6)
    if spec.style == "grid":
        for y in ys:
            c.line(xs[0], PAGE_H - y, xs[-1], PAGE_H - y)
        inside = {k for _, a, b in spec.group for k in range(a + 1, b + 1)}  # no rule inside a group cell
        for k, xx in enumerate(xs):
            c.line(xx, PAGE_H - (ys[1] if k in inside else ys[0]), xx, PAGE_H - ys[-1])
    elif spec.style == "columns":  # vertical rules, horizontal ones only around the header
        for y in (ys[0], ys[1], ys[-1]):
            c.line(xs[0], PAGE_H - y, xs[-1], PAGE_H - y)
        for xx in xs:
            c.line(xx, PAGE_H - ys[0], xx, PAGE_H - ys[-1])
    elif spec.style == "booktabs":
        for y in (ys[0], ys[1], ys[-1]):
            c.line(xs[0], PAGE_H - y, xs[-1], PAGE_H - y)
    if spec.footnote:
        c.setFont("Helvetica", 7.5)
        c.drawString(x, PAGE_H - ys[-1] - 12, spec.footnote)
    return (xs[0], ys[0], xs[-1], ys[-1])


def make_pdf(path: Path, pages: list[list[TableSpec]]) -> list[Drawn]:
    """One PDF, each page: prose, then its tables one under the other, then prose."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    drawn = []
    for number, specs in enumerate(pages, start=1):
        y = _prose(c, 72)
        for spec in specs:
            bbox = draw_table(c, spec, 72, y)
            drawn.append(Drawn(spec, number, bbox))
            y = bbox[3] + 30
        _prose(c, y + 10)
        c.showPage()
    c.save()
    return drawn


def continued_specs(style: str = "grid") -> tuple[TableSpec, TableSpec]:
    """One patient table split over two pages, the second part under a '(continued)' caption with the header again."""
    first = TableSpec("Table 2", "Table 2. Characteristics and outcomes of 20 children given blinatumomab",
                      [PATIENT_HEADER, *patient_rows(12, 11)], PATIENT_WIDTHS, style)
    second = TableSpec("Table 2", "Table 2 (continued)", [PATIENT_HEADER, *patient_rows(8, 12, start=13)],
                       PATIENT_WIDTHS, style, "(1) CR, complete remission; FU, follow-up.")
    return first, second


def make_two_column_pdf(path: Path) -> None:
    """A page of two-column article text: a river runs down the middle, yet it is no table."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica", 9.5)
    lines = simpleSplit(PROSE * 4, "Helvetica", 9.5, 225)
    for x in (60, 320):
        for i, line in enumerate(lines):
            c.drawString(x, PAGE_H - 80 - 12 * i, line)
    c.showPage()
    c.save()


def render(path: Path, page: int = 1, dpi: int = 200) -> np.ndarray:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        img = pdf[page - 1].render(scale=dpi / 72, grayscale=True).to_numpy()
    finally:
        pdf.close()
    return img if img.ndim == 2 else img[..., 0]


def degrade(gray: np.ndarray, seed: int = 1, angle: float = 0.5, noise: float = 10.0, jpeg: int = 55) -> np.ndarray:
    """A scan's damage: slight skew, blur, sensor noise, JPEG artefacts."""
    import cv2

    rng = np.random.default_rng(seed)
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(gray, m, (w, h), borderValue=255)
    out = cv2.GaussianBlur(out, (3, 3), 0.7)
    out = np.clip(out.astype(np.float32) + rng.normal(0, noise, out.shape), 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)


def norm(text: str) -> str:
    return " ".join(text.split())


def cell_accuracy(truth: list[list[str]], got: list[list[str]]) -> tuple[float, float]:
    """Share of truth cells matched exactly (after whitespace normalisation), and mean character similarity."""
    from rapidfuzz.distance import Levenshtein

    exact = sim = 0.0
    n = 0
    for r, row in enumerate(truth):
        for c, want in enumerate(row):
            have = got[r][c] if r < len(got) and c < len(got[r]) else ""
            n += 1
            exact += norm(want) == norm(have)
            sim += Levenshtein.normalized_similarity(norm(want), norm(have))
    return exact / n, sim / n


def test_builder_draws_its_truth(tmp_path: Path) -> None:
    import pdfplumber

    drawn = make_pdf(tmp_path / "t.pdf", [[patient_spec("grid", 5)]])
    with pdfplumber.open(str(tmp_path / "t.pdf")) as pdf:
        x0, top, x1, bottom = drawn[0].bbox
        text = pdf.pages[0].crop((x0, top, x1, bottom)).extract_text()
    for row in drawn[0].spec.rows:
        assert row[1] in text
