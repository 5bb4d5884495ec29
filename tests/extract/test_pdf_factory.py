"""Builders of small invented-study PDFs, each reproducing one layout problem (no tests here).

Pages are typeset by hand with reportlab so the truth is known exactly: two columns with
a full-width title and abstract, a running header and page-number footer, words hyphenated
at line ends, and scanned (image-only) or image-table variants of the same pages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN, GUTTER = 54.0, 18.0
COL_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2
BODY, LEAD = 9.5, 12.0
HEADER = "Invented Journal of Pediatric Hematology 2025; 31: 211-219"

TITLE = "Short-course blinatumomab bridging to transplant in children with relapsed B-cell leukemia"
ABSTRACT = (
    "Background: We report a single-centre cohort of 41 children with relapsed or refractory precursor "
    "B-cell acute lymphoblastic leukemia who received a 14-day course of blinatumomab before allogeneic "
    "transplantation. Results: Complete remission was reached by 32 of 41 children (78.0%), and 27 of the "
    "32 responders became negative for minimal residual disease by flow cytometry."
)
SECTIONS: list[tuple[str, list[str]]] = [
    ("1. Introduction", [
        "Relapsed acute lymphoblastic leukemia remains the leading cause of cancer-related death in childhood, "
        "and salvage chemotherapy carries substantial toxicity in heavily pretreated patients. Bispecific "
        "T-cell engagers redirect autologous lymphocytes against CD19-expressing blasts.",
        "Earlier reports described continuous infusions of 28 days; shorter schedules may reduce hospital "
        "stay and household costs while preserving the depth of remission needed before transplantation. "
        "We therefore reviewed our experience with a 14-day schedule given as a bridge to anti-thymocyte "
        "globulin containing conditioning.",
    ]),
    ("2. Methods", [
        "Children aged 1 to 18 years treated between March 2020 and June 2023 were eligible when bone "
        "marrow blasts exceeded 5% or minimal residual disease was at least 0.01% after two cycles of "
        "chemotherapy. Disease-free survival was measured from remission to relapse or death.",
        "Cytokine release syndrome was graded according to the ASTCT consensus criteria, and adverse "
        "events were graded with the Common Terminology Criteria for Adverse Events version 5.0. "
        "Conditioning consisted of busulfan, fludarabine and anti-thymocyte globulin.",
        "Blinatumomab was given by continuous intravenous infusion at 15 micrograms per square metre per day "
        "for 14 days, after dexamethasone premedication. Patients weighing less than 45 kilograms received "
        "the dose adjusted to body surface area, and infusion bags were changed every 48 or 96 hours.",
        "Bone marrow aspirates were examined on day 15 and day 29. Minimal residual disease was measured by "
        "eight-colour flow cytometry with a sensitivity of 0.01%, and fusion transcripts were followed by "
        "quantitative polymerase chain reaction when present at diagnosis.",
        "Overall survival and disease-free survival were estimated with the Kaplan-Meier method and compared "
        "with the log-rank test. Two-sided p values below 0.05 were considered significant, and all analyses "
        "were performed with R version 4.3.",
    ]),
    ("3. Results", [
        "Forty-one children were enrolled; the median age was 8.4 years (range 1.6 to 17.2). Twenty-three "
        "had an isolated medullary relapse and eighteen had refractory disease after reinduction "
        "chemotherapy. Complete remission was reached by 32 children, and the two-year disease-free "
        "survival of transplanted responders was 74.1% (95% CI 61.2 to 86.0).",
        "Cytokine release syndrome of any grade occurred in 19 children (46.3%), including three cases "
        "of grade 3. Neurotoxicity was observed in two children, and no treatment-related deaths were "
        "recorded during the infusion period or within thirty days after its completion.",
        "Twenty-five responders proceeded to allogeneic transplantation after a median of 31 days (range 18 "
        "to 64). Donors were matched siblings in six cases, haploidentical parents in fourteen and unrelated "
        "volunteers in five. Neutrophil engraftment occurred at a median of 13 days and platelet engraftment "
        "at a median of 16 days after the graft infusion.",
        "Acute graft-versus-host disease of grade 2 to 4 developed in nine transplanted children (36.0%), "
        "mostly involving the skin, and chronic disease was seen in four. Two children died of transplant-"
        "related causes, one of invasive aspergillosis and one of thrombotic microangiopathy, giving a "
        "one-year transplant-related mortality of 8.0%.",
        "Among the nine children without remission, five received CD19-directed CAR-T cells, two received "
        "inotuzumab ozogamicin and two entered palliative care. The three-year overall survival of the whole "
        "cohort was 68.3%, and the median follow-up of survivors was 27.5 months (interquartile range 15.0 "
        "to 39.8).",
    ]),
    ("4. Discussion", [
        "A fourteen-day course of blinatumomab produced remission rates comparable to the standard "
        "schedule in this heavily pretreated population. Immunophenotypic escape with loss of CD19 "
        "expression was documented in one child who later received CD22-directed cellular therapy.",
        "Our findings support prospective evaluation of abbreviated schedules in resource-limited "
        "settings, where chemotherapy-related infections and prolonged admissions dominate the cost of care.",
        "The study has limitations. It was retrospective and single-centre, the comparison with historical "
        "controls is vulnerable to selection bias, and minimal residual disease was assessed by flow "
        "cytometry rather than by sequencing of immunoglobulin rearrangements in most children.",
        "Nevertheless, the consistency of remission rates across relapse sites and the low frequency of "
        "severe cytokine release syndrome suggest that the abbreviated schedule is a reasonable option "
        "when continuous infusion for four weeks is not feasible for families living far from the centre.",
    ]),
]


@dataclass
class Truth:
    """What a perfect reader returns: body paragraphs in reading order, and their pages."""

    title: str = TITLE
    paragraphs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    page_of: dict[str, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)  # running headers/footers that must not appear


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy wrap that hyphenates long words at line ends, as journal typesetting does."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width:
            line = trial
            continue
        head, tail = _hyphen_split(line, word, font, size, width)
        if head:
            lines.append(f"{line} {head}".strip())
            line = tail
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _hyphen_split(line: str, word: str, font: str, size: float, width: float) -> tuple[str, str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if "-" in word.strip(".,;()"):
        cut = word.index("-")
        head = word[: cut + 1]
        return (head, word[cut + 1:]) if stringWidth(f"{line} {head}", font, size) <= width else ("", "")
    core = word.rstrip(".,;)")
    if len(core) < 8 or not core.isalpha():
        return "", ""
    for cut in range(len(core) - 3, 2, -1):
        head = word[:cut] + "-"
        if stringWidth(f"{line} {head}", font, size) <= width:
            return head, word[cut:]
    return "", ""


class _Typesetter:
    def __init__(self, canvas, truth: Truth) -> None:  # type: ignore[no-untyped-def]
        self.c, self.truth, self.page = canvas, truth, 1
        self.col, self.y = 0, 0.0

    def furniture(self) -> None:
        self.c.setFont("Helvetica", 8)
        self.c.drawString(MARGIN, PAGE_H - 30, HEADER)
        self.c.drawCentredString(PAGE_W / 2, 28, str(210 + self.page))
        self.truth.removed += [HEADER, str(210 + self.page)]

    def front_matter(self) -> None:
        self.furniture()
        y = PAGE_H - 80
        self.c.setFont("Helvetica-Bold", 16)
        for line in _wrap(TITLE, "Helvetica-Bold", 16, PAGE_W - 2 * MARGIN):
            self.c.drawString(MARGIN, y, line)
            y -= 20
        self.c.setFont("Helvetica", 10)
        self.c.drawString(MARGIN, y - 4, "A. Example, B. Sample and C. Placeholder")
        y -= 30
        self.c.setFont("Helvetica-Bold", 10.5)
        self.c.drawString(MARGIN, y, "Abstract")
        self.truth.headings.append("Abstract")
        y -= 15
        y = self._lines(_wrap(ABSTRACT, "Helvetica", BODY, PAGE_W - 2 * MARGIN), MARGIN, y)
        self._record(ABSTRACT)
        self.truth.paragraphs.insert(0, "A. Example, B. Sample and C. Placeholder")
        self.col, self.y = 0, y - 14

    def _lines(self, lines: list[str], x: float, y: float) -> float:
        self.c.setFont("Helvetica", BODY)
        for line in lines:
            self.c.drawString(x, y, line)
            y -= LEAD
        return y

    def _record(self, para: str) -> None:
        self.truth.paragraphs.append(para)
        self.truth.page_of[para] = self.page

    def _advance(self) -> None:
        self.y -= LEAD
        if self.y < 60:
            if self.col == 0:
                self.col, self.y = 1, self.top
            else:
                self.c.showPage()
                self.page += 1
                self.furniture()
                self.col, self.y, self.top = 0, PAGE_H - 60, PAGE_H - 60

    def heading(self, text: str) -> None:
        if self.y < 100:
            self.y = 40.0
            self._advance()
        self.c.setFont("Helvetica-Bold", 10.5)
        self.c.drawString(self._x(), self.y, text)
        self.truth.headings.append(text)
        self._advance()

    def paragraph(self, text: str) -> None:
        self._record(text)
        for line in _wrap(text, "Helvetica", BODY, COL_W):
            self.c.setFont("Helvetica", BODY)
            self.c.drawString(self._x(), self.y, line)
            self._advance()
        self.y -= 5

    def _x(self) -> float:
        return MARGIN + self.col * (COL_W + GUTTER)


def two_column_paper(path: Path, sections: list[tuple[str, list[str]]] | None = None) -> Truth:
    """A born-digital two-column paper over two or more pages."""
    from reportlab.pdfgen.canvas import Canvas

    truth = Truth()
    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    ts = _Typesetter(canvas, truth)
    ts.front_matter()
    ts.top = ts.y
    for heading, paras in sections or SECTIONS:
        ts.heading(heading)
        for para in paras:
            ts.paragraph(para)
    canvas.save()
    return truth


def rasterize(src: Path, dst: Path, dpi: int = 200, skew_deg: float = 0.0, noise: float = 0.0) -> None:
    """An image-only copy of ``src`` as a scanner would make it: no text layer, optional skew and noise."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = pdfium.PdfDocument(str(src))
    out = Canvas(str(dst), pagesize=(PAGE_W, PAGE_H), invariant=1)
    rng = np.random.default_rng(7)
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if skew_deg:
            img = img.rotate(skew_deg, resample=Image.BICUBIC, fillcolor=255, expand=False)
        if noise:
            arr = np.asarray(img, dtype=np.float32) + rng.normal(0, noise, (img.height, img.width))
            img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        buf.seek(0)
        out.drawImage(ImageReader(buf), 0, 0, PAGE_W, PAGE_H)
        out.showPage()
    out.save()
    pdf.close()


TABLE_ROWS = [
    ("Patient", "Age (years)", "Blasts %", "MRD %", "Outcome"),
    ("1", "7.5", "82", "45.10", "CR"),
    ("2", "12.1", "34", "8.02", "CR"),
    ("3", "4.8", "91", "77.30", "NR"),
]


def table_image(dpi: int = 200) -> bytes:
    """A small ruled table drawn as a picture (the way some journals embed tables)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72
    w, h = int(400 * scale), int(110 * scale)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=int(10 * scale))
    col_w, row_h = w / 5, h / len(TABLE_ROWS)
    for r, row in enumerate(TABLE_ROWS):
        for c, text in enumerate(row):
            draw.text((c * col_w + 6, r * row_h + 0.25 * row_h), text, fill=0, font=font)
        draw.line((0, r * row_h, w, r * row_h), fill=0, width=2)
    draw.line((0, h - 2, w, h - 2), fill=0, width=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def image_table_page(path: Path) -> list[str]:
    """One born-digital page of prose with a table embedded as an image; returns the prose paragraphs."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    paras = [SECTIONS[2][1][0], SECTIONS[2][1][1]]
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    y = PAGE_H - 72
    for para in paras[:1]:
        for line in _wrap(para, "Helvetica", BODY, PAGE_W - 2 * MARGIN):
            c.setFont("Helvetica", BODY)
            c.drawString(MARGIN, y, line)
            y -= LEAD
    c.setFont("Helvetica-Bold", 9)
    c.drawString(MARGIN, y - 14, "Table 1. Characteristics of the first three patients")
    c.drawImage(ImageReader(io.BytesIO(table_image())), MARGIN, y - 140, 400, 110)
    y -= 170
    for line in _wrap(paras[1], "Helvetica", BODY, PAGE_W - 2 * MARGIN):
        c.setFont("Helvetica", BODY)
        c.drawString(MARGIN, y, line)
        y -= LEAD
    c.save()
    return paras
