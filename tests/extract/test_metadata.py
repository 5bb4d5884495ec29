"""Study metadata: titles, first authors and years of real PDFs; registration ids; text inputs' heads."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from evidex.extract import metadata
from evidex.models import RunOptions

ROOT = Path(__file__).resolve().parents[2]
RCT = ROOT.parent / "shared" / "rct" / "pdfs"
HEME = ROOT.parent / "shared" / "heme" / "texts"
EXPECTED = Path(__file__).parent / "data" / "rct_metadata.csv"


def _norm(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def _first_page(path: Path) -> tuple[dict, list, float]:
    import pypdfium2 as pdfium

    from evidex.extract.textlayer import page_words

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        words = page_words(page, textpage)
        text = textpage.get_text_range()
        return pdf.get_metadata_dict(), words, page.get_size()[1], text  # type: ignore[return-value]
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def rct_results() -> list[tuple[dict, object]]:
    if not RCT.is_dir():
        pytest.skip(f"{RCT} is not here (../shared)")
    out = []
    for row in csv.DictReader(EXPECTED.open(encoding="utf-8")):
        info, words, height, text = _first_page(RCT / row["file"])
        out.append((row, metadata.from_pdf(info, words, height, text)))
    return out


def _share(results: list, check) -> float:  # type: ignore[no-untyped-def]
    return sum(1 for row, bib in results if check(row, bib)) / len(results)


def test_titles_of_95_percent_of_the_rct_pdfs(rct_results: list) -> None:
    share = _share(rct_results, lambda row, bib: fuzz.ratio(_norm(bib.title), _norm(row["title"])) >= 90)
    assert share >= 0.95, share


def test_first_authors_of_95_percent_of_the_rct_pdfs(rct_results: list) -> None:
    def same(row: dict, bib) -> bool:  # type: ignore[no-untyped-def]
        ours, theirs = _norm(bib.first_author).split(), _norm(row["first_author"]).split()
        return bool(ours) and ours[-1] == theirs[-1]

    share = _share(rct_results, same)
    assert share >= 0.95, share


def test_years_of_90_percent_of_the_rct_pdfs(rct_results: list) -> None:
    share = _share(rct_results, lambda row, bib: bib.year == int(row["year"]))
    assert share >= 0.90, share


def test_no_wrong_title_is_taken_from_junk_info_dictionaries(rct_results: list) -> None:
    junk = [bib.title for _, bib in rct_results if re.search(r"\.fm$|^untitled$|\d+\.\.\d+$", bib.title, re.I)]
    assert not junk


def test_read_pdf_document_carries_the_bibliography() -> None:
    path = RCT / "4467620.pdf"
    if not path.exists():
        pytest.skip("../shared/rct is not here")
    from evidex.extract.pdf import read_pdf_document

    bib = read_pdf_document(path, "x", RunOptions(ocr="off")).bibliography
    assert bib.first_author == "Ando" and bib.year == 2015
    assert bib.doi == "10.1186/s13104-015-1210-0"
    assert bib.title.startswith("The effects of temporal neck cooling")


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("registered at ClinicalTrials.gov (NCT01234567) and ISRCTN 12345678.", ("NCT01234567", "ISRCTN12345678")),
        ("Chinese Clinical Trial Registry ChiCTR-OIC-17011272; EudraCT number 2010-012345-12",
         ("ChiCTR-OIC-17011272", "EudraCT 2010-012345-12")),
        ("ACTRN12610000846022, DRKS00012345 and CTRI/2011/12/002252", ("ACTRN12610000846022", "DRKS00012345",
                                                                      "CTRI/2011/12/002252")),
        ("no registration here, NCT0123 is too short", ()),
    ],
)  # fmt: skip
def test_registration_ids(text: str, ids: tuple[str, ...]) -> None:
    assert set(metadata.registrations(text)) == set(ids)


def test_names_as_family_initials() -> None:
    names = metadata.parse_names("Eduardo Collantes1, Sean P Curtis*2, Ka Wing Lee3 and the Study Group")
    assert names == ["Collantes E", "Curtis SP", "Lee KW"]
    assert metadata.parse_names("Markolf Hanefeld MD1 | Juan M. Arteaga MD2")[0] == "Hanefeld M"
    assert metadata.parse_names("French JA, Baroldi P, Brittain ST")[0] == "French JA"


def test_text_input_head() -> None:
    text = ("A randomized trial of drug A versus placebo in adults with condition B\n"
            "Jane Q. Smith, Ahmed Rahman and Li Wei\n\nAbstract\nBackground: ... Published: 12 May 2019. "
            "doi:10.1000/xyz123. Registered as NCT01234567.\n")  # fmt: skip
    bib = metadata.from_text(text, "A randomized trial of drug A versus placebo in adults with condition B")
    assert bib.title.startswith("A randomized trial of drug A")
    assert bib.first_author == "Smith" and bib.authors[:2] == ("Smith JQ", "Rahman A")
    assert bib.doi == "10.1000/xyz123" and bib.registration == ("NCT01234567",)


@pytest.mark.parametrize(("prefix", "start"), [("04", "Results of salvage"), ("07", "Children's oncology group")])
def test_heme_texts_that_carry_a_title(prefix: str, start: str) -> None:
    files = sorted(HEME.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip("../shared/heme is not here")
    from evidex.extract.text import read_text_document

    assert read_text_document(files[0], "x").bibliography.title.startswith(start)


def test_a_text_without_a_title_gets_none() -> None:
    bib = metadata.from_text("Background: patients were randomized.\nResults: 12 of 40 responded.", None)
    assert bib.title == "" and bib.first_author == ""
