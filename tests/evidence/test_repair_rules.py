"""Repair rules one by one: what each changes, what it refuses to guess, and that it is logged."""

from __future__ import annotations

from evidex.evidence.tables.patients import extract
from evidex.evidence.tables.patients import repair as rp
from evidex.evidence.tables.patients.headers import columns_from_grid, columns_from_lines
from evidex.evidence.tables.patients.rows import RawRow, align, segments
from evidex.evidence.tables.patients.sequence import number
from evidex.evidence.tables.patients.terms import footnote_abbreviations
from evidex.models import Document, Table
from tests.evidence.conftest_patients import DictNormalizer


def test_percent_with_lost_point_follows_its_sibling():
    near_high = rp.restore_pct("mrd_pre_pct", "909", 909.0, sibling=81.0, mode=1)
    near_low = rp.restore_pct("mrd_pre_pct", "467", 467.0, sibling=4.0, mode=1)
    assert near_high.value == 90.9 and near_high.fix and near_high.fix.rule == "decimal_restore_sibling.v1"
    assert near_low.value == 4.67


def test_leading_zero_percent_restored_and_in_range_value_kept():
    assert rp.restore_pct("mrd_post_pct", "001", 1.0, None, None).value == 0.01
    kept = rp.restore_pct("mrd_post_pct", "48", 48.0, 43.0, 1)
    assert kept.value == 48.0 and kept.fix is None


def test_ambiguous_percent_without_evidence_is_left_empty():
    cell = rp.restore_pct("mrd_pre_pct", "955", 955.0, sibling=None, mode=None)
    assert cell.value is None and cell.problem


def test_scaled_column_restores_only_outliers():
    explicit = [17.1, 7.1, 12.4]
    assert rp.restore_scaled("follow_up_months", "187", 187.0, explicit).value == 18.7
    assert rp.restore_scaled("follow_up_months", "14", 14.0, explicit).value == 14.0
    assert rp.restore_scaled("follow_up_months", "187", 187.0, [17.1]).value == 187.0  # too little evidence


def test_hla_slash_and_glyphs():
    cell, pair = rp.hla("810")
    assert pair == (8, 10) and cell.fix and cell.fix.value == "8/10"
    assert rp.hla("10/10")[1] == (10, 10)
    assert rp.hla("1010")[1] == (10, 10)
    bad, none = rp.hla("Father")
    assert none is None and bad.problem


def test_yes_no_glyphs_and_unreadable():
    assert rp.yes_no("alive", "¥").value is True
    assert rp.yes_no("alive", "¥;").fix is not None
    assert rp.yes_no("cr", "N").value is False and rp.yes_no("cr", "N").fix is None
    assert rp.yes_no("alive", "T").value is None and rp.yes_no("alive", "T").problem
    assert rp.dash_glyph("fusion_pre", "=").value == "-"
    assert rp.dash_glyph("fusion_pre", "MLL-AF4") is None


def test_engraftment_plus_glyph():
    cell = rp.parse_number("neutrophil_engraftment_day", "<14")
    assert cell.value == 14.0 and cell.fix and cell.fix.rule == "glyph_plus.v1"
    assert rp.parse_number("platelet_engraftment_day", "+18").fix is None


def test_patient_sequence_repairs_fused_marks_lost_digits_and_symbols():
    rows = [RawRow(a, index=i) for i, a in enumerate(["9", "10", '1"', "12", "»", "14", "150", "16", "17*"])]
    fixes = {f.raw: f.value for f in number(rows)}
    assert [r.patient for r in rows] == [str(i) for i in range(9, 18)]
    assert fixes == {'1"': "11", "»": "13", "150": "15"}


def test_patient_numbers_with_gaps_are_not_repaired():
    rows = [RawRow(a) for a in ["2", "5", "9", "14"]]
    assert number(rows) == [] and [r.patient for r in rows] == ["2", "5", "9", "14"]


def test_headers_split_over_lines_map_to_fields():
    cols = columns_from_lines(
        ["Case | Conditioning Donor HLA Graft | Time to Neutrophil", "regimen matching source HSCT engraftment"]
    )
    assert [c.name for c in cols] == ["patient", "conditioning", "donor", "hla", "graft_source", "days_to_hsct",
                                      "neutrophil_engraftment_day"]  # fmt: skip


def test_grouped_grid_header_sides_and_unknown_columns():
    cols = columns_from_grid(
        [["No.", "Before", "", "After", "", "Karyotype"], ["", "Blasts %", "MRD %", "Blasts %", "MRD %", ""]]
    )
    assert [c.name for c in cols] == ["patient", "blasts_pre_pct", "mrd_pre_pct", "blasts_post_pct", "mrd_post_pct",
                                      "x_karyotype"]  # fmt: skip


def test_alignment_keeps_missing_cells_empty():
    cols = columns_from_lines(["No. Prior therapy Blasts (%) MRD (%) CR Next therapy Alive"])[1:]
    _, cells = align(segments("Chemotherapy + CAR-T Y | HSCT N"), cols)
    assert cells == {"prior_therapy": "Chemotherapy + CAR-T", "cr": "Y", "post_therapy": "HSCT", "alive": "N"}


def test_footnote_abbreviations():
    abbr = footnote_abbreviations(("(2) ABC, fakeomycin + cytarabine; XY, total body irradiation; Cy,",))
    assert abbr["ABC"] == "fakeomycin + cytarabine" and abbr["XY"] == "total body irradiation"


def test_unmapped_columns_kept_as_extra_and_repairs_logged():
    lines = ("No. Prior therapy CR Karyotype Alive", "1 Chemotherapy Y 46,XY ¥", "2 Chemotherapy N 47,XX N",
             "3 Chemotherapy Y 46,XX Y")  # fmt: skip
    doc = Document("s1", "x.txt", "x.txt", "text", tables=(Table("t", "Table 1", lines=lines),))
    bundle = extract(doc, DictNormalizer())
    assert [p.extra for p in bundle.patients][0] == (("x_karyotype", "46,XY"),)
    assert [(r.patient, r.column, r.raw, r.value) for r in bundle.repairs] == [("1", "alive", "¥", "Y")]


def test_arm_level_table_is_skipped():
    lines = ("Outcome Blinatumomab Chemotherapy", "CR 26 (78.8) 20 (60.6)", "OS 29 (87.9) 22 (66.7)")
    doc = Document("s1", "x.txt", "x.txt", "text", tables=(Table("t", "Table 3", lines=lines),))
    bundle = extract(doc, DictNormalizer())
    assert not bundle.patients and not bundle.transplants and not bundle.aggregates


def test_decimal_point_read_as_space_colon_or_percent_glyph():
    assert rp.parse_number("mrd_pre_pct", "22 18").value == 22.18
    assert rp.parse_number("mrd_post_pct", "0:01").value == 0.01
    nine = rp.parse_number("blasts_pre_pct", "%0")
    assert nine.value == 90.0 and nine.fix and nine.fix.rule == "glyph_digit.v1"
    assert rp.parse_number("blasts_pre_pct", "%").value is None


def test_yes_no_one_ocr_slip_from_a_known_word():
    cell = rp.yes_no("alive", "Aive")
    assert cell.value is True and cell.fix and cell.fix.rule == "fuzzy_yes_no.v1"
    assert rp.yes_no("cr", "NR").value is False and rp.yes_no("cr", "CR").value is True
    assert rp.yes_no("alive", "xx").value is None


def test_truncated_word_completed_only_when_one_word_fits():
    words = ["Blinatumomab", "CAR-T", "Chemotherapy", "HSCT"]
    assert rp.prefix_of("cl", words) == "Chemotherapy"
    assert rp.prefix_of("<l", words) == "Chemotherapy"
    assert rp.prefix_of("Bli", words) == "Blinatumomab"
    assert rp.prefix_of("C", words) is None
    assert rp.prefix_of("Ca", ["CAR-T", "Carboplatin"]) is None


def test_patient_number_with_a_letter_for_a_digit():
    rows = [RawRow(a) for a in ["15", "16", "I7", "18"]]
    fixes = number(rows)
    assert [r.patient for r in rows] == ["15", "16", "17", "18"]
    assert [(f.raw, f.value, f.rule) for f in fixes] == [("I7", "17", "patient_glyph_digit.v1")]
