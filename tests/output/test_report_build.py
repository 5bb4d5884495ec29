"""The review page's files: what build() writes from a real run of the bundled example and from generated runs.

The browser tests (test_report_browser.py) look at the same pages in Chromium; these check the files and the
pictures themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import numpy as np
import pdfplumber
import pytest
from PIL import Image

from evidex import cli
from evidex.models import OutputError
from evidex.output import report
from evidex.output.report.boxes import from_cells, grids
from evidex.output.report.crops import MARGIN_Y, SCALE
from evidex.output.report.db import Database
from evidex.output.report.pdfpages import PdfPages
from fixtures import reviewdb
from tests.conftest import ROOT

EXAMPLE_PDF = ROOT / "examples" / "example_study.pdf"
EXAMPLE_TXT = ROOT / "examples" / "example_study.txt"
CRS_QUOTE = "CRS occurred in 6 cases (35.7%) of the Bolinto group, all grade 1-2, and ICANS in 1 case (7.1%)."


def run_example(out: Path) -> dict[str, str]:
    """evidex run on the bundled example (PDF and text), then build(); study_id by kind."""
    code = cli.main(["run", str(EXAMPLE_PDF), str(EXAMPLE_TXT), "--out", str(out), "--jobs", "1", "--no-progress"])
    assert code == 0
    report.build(out)
    con = duckdb.connect(str(out / "evidex.duckdb"), read_only=True)
    ids = dict(con.execute("SELECT kind, study_id FROM studies").fetchall())
    con.close()
    return ids


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    out = tmp_path_factory.mktemp("example-run")
    return out, run_example(out)


def red_pixels(image: Image.Image) -> list[tuple[int, int]]:
    """Where the highlight's red edge is: (214, 40, 40) drawn over the page."""
    rgb = np.asarray(image.convert("RGB")).astype(int)
    ys, xs = np.nonzero((rgb[..., 0] > 170) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90))
    return list(zip(xs.tolist(), ys.tolist(), strict=True))


def study_html(out: Path, sid: str) -> str:
    return (out / "report" / f"{sid}.html").read_text(encoding="utf-8")


def test_index_and_a_page_per_study(example: tuple[Path, dict[str, str]]) -> None:
    out, ids = example
    index = (out / "report.html").read_text(encoding="utf-8")
    for sid in ids.values():
        assert f'href="report/{sid}.html"' in index
        assert (out / "report" / f"{sid}.html").is_file()
    assert (out / "report" / "static" / "report.js").is_file()
    assert (out / "report.html").stat().st_mode & 0o044 == 0o044  # readable like the tables beside it
    assert 'src="report/static/report.js"' in index and "http" not in index.split("<body>")[0]


def test_text_input_shows_quotes_and_no_pages(example: tuple[Path, dict[str, str]]) -> None:
    out, ids = example
    html = study_html(out, ids["text"])
    con = duckdb.connect(str(out / "evidex.duckdb"), read_only=True)
    quotes = [q for (q,) in con.execute("SELECT quote FROM evidence WHERE study_id = ?", [ids["text"]]).fetchall()]
    con.close()
    assert quotes and "<img" not in html and "#page=" not in html
    section = html.split('id="evidence"')[1].split("</section>")[0]
    assert section.count("<blockquote>") == len(quotes)


def test_every_pdf_value_links_its_page(example: tuple[Path, dict[str, str]]) -> None:
    out, ids = example
    html = study_html(out, ids["pdf"])
    section = html.split('id="evidence"')[1].split("</section>")[0]
    con = duckdb.connect(str(out / "evidex.duckdb"), read_only=True)
    sql = "SELECT page FROM evidence WHERE study_id = ? ORDER BY rowid"
    pages = [p for (p,) in con.execute(sql, [ids["pdf"]]).fetchall()]
    con.close()
    links = re.findall(r'href="(file://[^"#]+)#page=(\d+)"', section)
    assert [int(p) for _, p in links] == pages
    assert {u for u, _ in links} == {EXAMPLE_PDF.resolve().as_uri()}


def test_findings_come_first_errors_before_warnings(tmp_path: Path) -> None:
    truths = reviewdb.write(tmp_path, 12)
    report.build(tmp_path)
    t = next(t for t in truths if t.errors and t.infos)
    html = study_html(tmp_path, t.study_id)
    order = [html.index(f'<section id="{s}">') for s in ("findings", "arms", "comparisons", "evidence")]
    assert order == sorted(order)
    severities = re.findall(r'<tbody class="rec (error|warning|info)"', html)
    assert severities == ["error"] * t.errors + ["warning"] * t.warnings + ["info"] * t.infos


def test_quote_located_and_value_boxed_where_pdfplumber_sees_it() -> None:
    """pdfium finds the quote's lines and the 35.7 inside them; pdfplumber, independently, puts the word there."""
    with pdfplumber.open(EXAMPLE_PDF) as doc:
        word = next(w for w in doc.pages[1].extract_words() if w["text"].startswith("(35.7%"))
    with PdfPages(EXAMPLE_PDF) as pdf:
        found = pdf.find(2, CRS_QUOTE, ["35.7"])
    assert len(found.lines) == 2
    (x0, top, x1, bottom), = found.value  # fmt: skip
    assert word["x0"] < x0 < x1 < word["x1"]
    assert abs(top - word["top"]) < 3 and abs(bottom - word["bottom"]) < 3


def test_patient_row_boxed_on_its_table_row(example: tuple[Path, dict[str, str]]) -> None:
    """A per-patient table row is boxed on the table's row that pdfplumber reads as that row's cells."""
    out, ids = example
    with Database(out / "evidex.duckdb") as db:
        tables = grids(db.cells(ids["pdf"]))
        rows = db.study(ids["pdf"], "patients") + db.study(ids["pdf"], "transplants")
    assert rows
    for row in rows[::3]:
        box = from_cells(row, tables)
        assert box is not None and box.page == row["page"]
        with pdfplumber.open(EXAMPLE_PDF) as doc:
            words = doc.pages[box.page - 1].extract_words()
        x0, top, x1, bottom = box.marks[0]
        inside = [w["text"] for w in words if top - 1 <= w["top"] and w["bottom"] <= bottom + 1 and x0 - 1 <= w["x0"]]
        assert inside[:3] == row["raw"].replace("|", " ").split()[:3]


def test_crop_highlights_the_provenance_box(tmp_path: Path) -> None:
    """A value with a provenance bbox: the crop's red edge surrounds exactly that box, at the crop's scale."""
    truths = reviewdb.write(tmp_path, 1, pdf=EXAMPLE_PDF.resolve(), pdf_every=1)
    report.build(tmp_path)
    con = duckdb.connect(str(tmp_path / "evidex.duckdb"), read_only=True)
    x0, top, x1, bottom = con.execute("SELECT x0, top, x1, bottom FROM evidence ORDER BY rowid LIMIT 1").fetchone()
    con.close()
    src = re.search(r'<img src="([^"]+)"', study_html(tmp_path, truths[0].study_id))
    assert src is not None
    image = Image.open(tmp_path / "report" / src.group(1))
    reds = red_pixels(image)
    width = max(x for x, _ in reds) - min(x for x, _ in reds)
    height = max(y for _, y in reds) - min(y for _, y in reds)
    assert abs(width - (x1 - x0) * SCALE) <= 6 and abs(height - (bottom - top) * SCALE) <= 6
    assert abs(min(y for _, y in reds) - (MARGIN_Y * SCALE - 2)) <= 2  # the box sits one margin below the top
    assert min(y for _, y in reds) > 0 and max(y for _, y in reds) < image.height - 1  # context on every side


def test_crops_are_reused_and_stale_ones_removed(example: tuple[Path, dict[str, str]]) -> None:
    out, ids = example
    crops = out / "report" / "crops" / ids["pdf"]
    before = {p.name: p.stat().st_mtime_ns for p in crops.glob("*.png")}
    assert before
    (crops / "p9-stale.png").write_bytes(b"")
    report.build(out)
    after = {p.name: p.stat().st_mtime_ns for p in crops.glob("*.png")}
    assert after == before


def test_text_is_escaped(tmp_path: Path) -> None:
    reviewdb.write(tmp_path, 2)
    con = duckdb.connect(str(tmp_path / "evidex.duckdb"))
    con.execute("UPDATE studies SET label = '<script>alert(1)</script>' WHERE study_id = '000000000001'")
    con.execute("UPDATE evidence SET quote = '<img src=x onerror=alert(2)>'")
    con.close()
    report.build(tmp_path)
    pages = [(tmp_path / "report.html").read_text(), study_html(tmp_path, "000000000001")]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]


def test_missing_pdf_gives_a_note_not_an_error(tmp_path: Path) -> None:
    truths = reviewdb.write(tmp_path, 1, pdf=EXAMPLE_PDF.resolve(), pdf_every=1)
    con = duckdb.connect(str(tmp_path / "evidex.duckdb"))
    con.execute("UPDATE studies SET path = ?", [str(tmp_path / "moved-away.pdf")])
    con.close()
    report.build(tmp_path)
    html = study_html(tmp_path, truths[0].study_id)
    assert "is not at" in html and "<img" not in html and "#page=" not in html


def test_forest_plots_on_the_index(tmp_path: Path) -> None:
    reviewdb.write(tmp_path, 3)
    (tmp_path / "forest").mkdir()
    Image.new("RGB", (40, 20), "white").save(tmp_path / "forest" / "CR_RR.png")
    (tmp_path / "forest" / "CR_RR.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    index = report.build(tmp_path).read_text()
    assert 'src="forest/CR_RR.png"' in index and 'href="forest/CR_RR.svg"' in index


def test_index_rows_match_the_truth(tmp_path: Path) -> None:
    truths = reviewdb.write(tmp_path, 30)
    html = report.build(tmp_path).read_text()
    numbers = [[int(n) for n in re.findall(r'<td class="num[^"]*">(\d+)</td>', body)]
               for body in html.split("<tbody")[1:]]  # fmt: skip
    assert numbers == [[t.n_evidence, t.n_comparisons, t.errors, t.warnings, t.infos] for t in truths]
    labels = re.findall(r'<a href="report/[0-9a-f]+\.html">([^<]*)</a>', html)
    assert labels == [t.label for t in truths]
    assert "Trial 0003: " in labels[3] and labels[4] == "study_0004.txt"


def test_no_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no evidex.duckdb"):
        report.build(tmp_path)
