"""Layout rules on hand-placed words: columns, bands, running lines, hyphens, page quality."""

from __future__ import annotations

from evidex.extract import layout, paragraphs, quality
from evidex.extract.words import Word
from evidex.models import BBox


def _line_words(text: str, x: float, top: float, size: float = 10.0) -> list[Word]:
    words, cursor = [], x
    for token in text.split():
        width = 0.5 * size * len(token)
        words.append(Word(token, cursor, top, cursor + width, top + size, size))
        cursor += width + 0.25 * size
    return words


def _two_columns(rows: int = 10) -> list[Word]:
    """Left column lines L0.., right column lines R0.., drawn row by row (worst case content order)."""
    words: list[Word] = []
    for i in range(rows):
        words += _line_words(f"left{i} aaaa bbbb cccc dddd eeee", 50, 100 + 12 * i)
        words += _line_words(f"right{i} aaaa bbbb cccc dddd eeee", 320, 100 + 12 * i)
    return words


def test_gutter_found_between_columns_drawn_row_by_row() -> None:
    lines = layout.segments(_two_columns())
    gaps = layout.gutters(lines)
    assert len(gaps) == 1
    lo, hi = gaps[0]
    assert 185 < lo < hi <= 321 and hi - lo > 100


def test_left_column_is_read_before_right_column() -> None:
    lines = layout.segments(_two_columns())
    ordered = [ln.text.split()[0] for ln in layout.reading_order(lines, layout.gutters(lines))]
    assert ordered == [f"left{i}" for i in range(10)] + [f"right{i}" for i in range(10)]


def test_full_width_line_splits_the_page_into_bands() -> None:
    words = _line_words("TITLE " + "wide " * 19, 50, 60) + _two_columns()
    words += _line_words("FOOT " + "wide " * 19, 50, 300)
    words += [Word(w.text.replace("left", "lower"), w.x0, w.top + 230, w.x1, w.bottom + 230, w.size)
              for w in _two_columns(4)]
    lines = layout.segments(words)
    firsts = [ln.text.split()[0] for ln in layout.reading_order(lines, layout.gutters(lines))]
    assert firsts[0] == "TITLE"
    assert firsts.index("right0") > firsts.index("left9")
    assert firsts.index("FOOT") > firsts.index("right9")
    assert firsts.index("lower0") > firsts.index("FOOT")


def test_single_column_page_has_no_gutter_even_with_a_table_of_short_cells() -> None:
    words: list[Word] = []
    for i in range(8):
        words += _line_words("body text " * 9, 50, 100 + 12 * i)
    for i in range(6):
        for x, cell in ((50, "Age"), (200, "12.5"), (350, "CR")):
            words += _line_words(cell, x, 250 + 12 * i)
    assert layout.gutters(layout.segments(words)) == []


def test_running_lines_need_to_repeat_or_be_page_numbers() -> None:
    def page(header: str, number: str) -> tuple[float, list[layout.Line]]:
        lines = [layout.make_line(_line_words(header, 50, 20)),
                 layout.make_line(_line_words("Body text here", 50, 300)),
                 layout.make_line(_line_words(number, 300, 770))]
        return 792.0, lines

    pages = [page("J Invented Hematol 2025;3:101", "101"), page("J Invented Hematol 2025;3:102", "102"),
             page("Different header", "ii")]
    found = layout.running_lines(pages)
    assert found == {(0, 0), (0, 2), (1, 0), (1, 2), (2, 2)}


def test_hyphen_repair_joins_broken_words_and_keeps_compounds() -> None:
    words = paragraphs.lexicon(["disease-free survival", "the disease", "free of", "anti-thymocyte globulin"])
    assert paragraphs.join_hyphen("salvage che-", "motherapy was", words) == ("salvage chemotherapy was", True)
    assert paragraphs.join_hyphen("the disease-", "free survival", words)[0] == "the disease-free survival"
    assert paragraphs.join_hyphen("received CD19-", "directed cells", words)[0] == "received CD19-directed cells"
    assert paragraphs.join_hyphen("with anti-", "thymocyte", words)[0] == "with anti-thymocyte"
    assert paragraphs.join_hyphen("for 14-", "day", set())[0] == "for 14-day"
    assert paragraphs.join_hyphen("trans-", "plantation", set()) == ("transplantation", True)


def test_quality_separates_real_text_from_garbage_and_empty_pages() -> None:
    good = "Complete remission was reached by 32 of 41 children (78.0%) after blinatumomab. " * 10
    garbage = "\ufffd\ue001\ue002 Tbe9 rc$u1ts xq\ue003\ufffd w@s 7#q " * 20
    assert quality.text_quality(good, (), 612, 792) >= 0.9
    assert quality.text_quality(garbage, (), 612, 792) < quality.OCR_BELOW
    assert quality.text_quality("", (), 612, 792) == 0.0


def test_a_stamp_on_a_scanned_page_does_not_count_as_a_text_layer() -> None:
    scan = (BBox(0, 0, 612, 792),)
    stamp = "Downloaded from journal.example.org on 3 May 2025"
    assert quality.text_quality(stamp, scan, 612, 792) < quality.OCR_BELOW
    assert quality.text_quality(stamp, (), 612, 792) >= quality.OCR_BELOW
    assert quality.needs_ocr("force", 1.0) and not quality.needs_ocr("off", 0.0)


def test_short_columns_under_a_crossing_header_still_split() -> None:
    """Three lines a column, a running header and a wide caption both crossing the gutter (a short page)."""
    # both crossing lines are column-sized (candidates for the gutter search) yet cover the gutter
    words = _line_words("Invented Hematology Reports running header", 130, 30)
    words += _two_columns(3)
    words += _line_words("TABLE 2 Response of each patient to it", 150, 150)
    lines = layout.segments(words)
    firsts = [ln.text.split()[0] for ln in layout.reading_order(lines, layout.gutters(lines))]
    assert firsts == ["Invented", "left0", "left1", "left2", "right0", "right1", "right2", "TABLE"]
