"""Seed paper 004: its per-patient Table 2 and transplant Table 4 survive only as OCR-damaged lines.

The expected values below are a reviewer's reading of those tables (None: the printed cell cannot
be read by anyone, so it is not scored). They are checked against what evidex extracts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidex.evidence.tables.patients import extract as read_tables
from evidex.extract import extract
from evidex.models import EvidenceBundle
from tests.conftest import GENERATED, seed_path
from tests.evidence.conftest_patients import DictNormalizer

C, CT, H, BL = "chemotherapy", "chemotherapy;CAR-T", "HSCT", "blinatumomab"
# patient: blasts_pre, mrd_pre, blasts_post, mrd_post, cr, alive, follow_up, prior_therapy, post_therapy
TABLE2 = {
    1: (None, None, None, None, True, True, None, CT, H),
    2: (78, 40.5, 1, 0.15, True, True, 18.7, C, "CAR-T"),
    3: (30, 7, 3, 0.01, True, True, 18.5, C, C),
    4: (81, 90.9, 88, 94.7, False, False, 18, CT, "CAR-T"),
    5: (19, 26.6, 2, 0.01, True, True, 17.1, CT, H),
    6: (None, None, 1, 0.01, True, True, 14.3, C, H),
    7: (61, 27.3, 72, 83.6, False, True, 15.1, CT, ""),
    8: (77, 62.9, 5, 2.36, False, True, 14.4, C, "CAR-T"),
    9: (2, 0.01, 1, 0.01, True, True, 14, C, C),
    10: (14, 18.8, 1, 0.01, True, True, 14.3, C, H),
    11: (2, 0.01, 1, 0.01, True, True, 13.4, C, H),
    12: (24, 7.65, 2, 0.01, True, True, 12.5, CT, H),
    13: (81, 84.9, 1, 0.01, True, True, 12.7, C, H),
    14: (1, 0.01, 1, 0.01, True, True, 12, C, H),
    15: (2, 0.09, 2, 0.01, True, True, 13, C, C),
    16: (83, 88.9, 91, 94.2, False, True, 10.7, C, "CAR-T"),
    17: (52, 5.1, 2, 0.01, True, True, 10.4, C, C),
    18: (3, 0.01, 1, 0.01, True, True, 9.3, C, C),
    19: (52, 48.08, 3, 0.01, True, True, 9.8, "chemotherapy;CAR-T;HSCT", BL),
    20: (5, 0.89, 1, 0.01, True, False, 9.2, C, H),
    21: (74, 42.9, 43, 48, False, False, 8.4, C, "CAR-T"),
    22: (3, None, 1, 0.01, True, True, 7.9, C, H),
    23: (None, 97.4, 93, 92.8, False, False, 7.3, C, ""),
    24: (3, 8.1, 2, 0.01, True, True, 7.1, C, H),
    25: (3, 0.16, 1, 0.01, True, True, 6.1, C, H),
    26: (4, None, 1, 0.01, True, True, 6.2, C, H),
    27: (35, 0.01, 2, 0.01, True, True, 6, C, C),
    28: (30, 4.17, 1, 0.01, True, True, 6, C, H),
    29: (9, None, 37, 86.1, False, True, 5.4, C, "CAR-T"),
    30: (None, None, 0.5, 0.01, True, True, 5.4, C, H),
    31: (4, 0.06, 1, 0.01, True, True, 5.4, C, C),
    32: (70, 51.4, 1, 0.01, True, True, 5.3, C, BL),
    33: (1, 0.01, 2, 0.01, True, True, 5.4, C, C),
}  # fmt: skip
P_FIELDS = ("blasts_pre_pct", "mrd_pre_pct", "blasts_post_pct", "mrd_post_pct", "cr", "alive", "follow_up_months",
            "prior_therapy", "post_therapy")  # fmt: skip
# (patient, transplant_no): label, donor, hla, graft, days, neutrophil, platelet, status
TABLE4 = {
    (1, 1): ("CCNU + FLAG + BuCy + ATG", "father", (5, 10), "BM;PB", 38, 15, 18, "CR"),
    (2, 1): ("CCNU + CLAG + BU + ATG", "father", (5, 10), "PB", 2, 15, 12, "CR"),
    (3, 1): ("Flu + BUCy + ATG + CCNU", "father", (5, 10), "BM;PB", 14, 11, 9, "CR"),
    (4, 1): ("FLAG + BUCy", "unrelated", (8, 10), "CB", 2, None, None, ""),
    (4, 2): ("TSPA + Flu + ATG", "mother", (5, 10), "PB", None, 13, 6, "CR"),
    (5, 1): ("CCNU + CLAG + BUCy + ATG", "father", (6, 10), "BM;PB", 18, 14, 10, "CR"),
    (6, 1): ("TBI + Cy + Flu + BU + MP", "mother", (5, 10), "CB", 21, 10, 14, "CR"),
    (7, 1): ("CCNU + FLAG + BuCy", "unrelated", (9, 10), "CB", 21, 20, 30, "CR"),
    (8, 1): ("CCNU + CLAG + BUCy", "unrelated", (8, 10), "CB", 30, 18, 37, "CR"),
    (9, 1): ("CCNU + CLAG + BUCy + ATG", "father", (5, 10), "BM;PB", 2, 11, 16, "death"),
    (10, 1): ("CCNU + CLAG + BuCy + ATG", "father", (5, 10), "PB", 2, 11, 13, "CR"),
    (11, 1): ("CCNU + CLAG + BUCy + ATG", "mother", (6, 10), "PB", 21, 12, 19, "CR"),
    (12, 1): (None, "unrelated", (10, 10), "PB", 14, 11, 11, "CR"),
    (13, 1): ("CCNU + CLAG + BUCy + ATG", "sister", (5, 10), "PB", 25, 14, 25, "CR"),
    (14, 1): ("CCNU + TBI + Cy + ATG", "father", (8, 10), "PB", 19, 12, 10, "CR"),
    (15, 1): ("CCNU + CLAG + TBI + Cy + ATG", "father", (5, 10), "BM;PB", 19, 11, 12, "CR"),
}  # fmt: skip
VOCAB_FIELDS = {"prior_therapy", "post_therapy", "conditioning_label", "donor", "graft_source"}


def _bundle(path: Path) -> EvidenceBundle:
    return read_tables(extract(path, "seed004"), DictNormalizer())


def _patient_cells(bundle: EvidenceBundle, vocab: bool) -> tuple[int, int]:
    got = {int(p.patient): p for p in bundle.patients if p.patient.isdigit()}
    ok = total = 0
    for num, expected in TABLE2.items():
        for field, want in zip(P_FIELDS, expected, strict=True):
            if want is None or (field in VOCAB_FIELDS) != vocab:
                continue
            total += 1
            ok += num in got and getattr(got[num], field) == want
    return ok, total


def _transplant_cells(bundle: EvidenceBundle, vocab: bool) -> tuple[int, int]:
    got = {(int(t.patient), t.transplant_no): t for t in bundle.transplants if t.patient.isdigit()}
    names = ("conditioning_label", "donor", "hla", "graft_source", "days_to_hsct", "neutrophil_engraftment_day",
             "platelet_engraftment_day", "final_status")  # fmt: skip
    ok = total = 0
    for key, expected in TABLE4.items():
        t = got.get(key)
        for field, want in zip(names, expected, strict=True):
            if want is None or (field in VOCAB_FIELDS) != vocab:
                continue
            total += 1
            value = (t.hla_matched, t.hla_total) if t and field == "hla" else getattr(t, field, None)
            ok += t is not None and value == want
    return ok, total


@pytest.fixture(scope="module")
def seed_bundle() -> EvidenceBundle:
    return _bundle(seed_path("004"))


def test_seed_table2_rows_and_counts(seed_bundle):
    pts = [p for p in seed_bundle.patients if p.table == "Table 2"]
    assert [p.patient for p in pts] == [str(i) for i in range(1, 34)]
    assert sum(p.cr is True for p in pts) == 26
    assert sum(p.alive is False for p in pts) == 4


def test_seed_table4_has_second_transplant_and_sequence_repairs(seed_bundle):
    tx = seed_bundle.transplants
    assert len({t.patient for t in tx}) == 15 and len(tx) == 16
    assert [(t.patient, t.transplant_no) for t in tx if t.patient == "4"] == [("4", 1), ("4", 2)]
    fixed = {(r.table, r.raw, r.value) for r in seed_bundle.repairs if r.column == "patient"}
    assert {("Table 4", "1", "11"), ("Table 2", "240", "24"), ("Table 2", "»", "22"), ("Table 2", '1"', "11")} <= fixed


def test_seed_structural_cell_accuracy(seed_bundle):
    p_ok, p_total = _patient_cells(seed_bundle, vocab=False)
    t_ok, t_total = _transplant_cells(seed_bundle, vocab=False)
    print(f"seed 004 numeric/yes-no/HLA/status cells: patients {p_ok}/{p_total}, transplants {t_ok}/{t_total}")
    assert p_ok / p_total >= 0.98
    assert t_ok / t_total >= 0.98


def test_seed_vocabulary_cell_accuracy_with_tiny_vocabulary(seed_bundle):
    p_ok, p_total = _patient_cells(seed_bundle, vocab=True)
    t_ok, t_total = _transplant_cells(seed_bundle, vocab=True)
    print(f"seed 004 therapy/donor/graft/regimen cells (tiny vocabulary): patients {p_ok}/{p_total}, "
          f"transplants {t_ok}/{t_total}")  # fmt: skip
    assert p_ok / p_total >= 0.9
    assert t_ok / t_total >= 0.9


def test_seed_unreadable_cells_are_empty_with_a_finding(seed_bundle):
    by = {p.patient: p for p in seed_bundle.patients}
    assert by["6"].blasts_pre_pct is None
    flagged = {(f.ref, f.column) for f in seed_bundle.findings if f.check == "unrepairable_value"}
    assert ("6", "blasts_pre_pct") in flagged and ("31", "alive") in flagged


def test_seed_aggregates_for_validation(seed_bundle):
    agg = {(a.prov.table, a.outcome, a.subgroup, a.statistic): a for a in seed_bundle.aggregates}
    cr = agg[("Table 2", "CR", "all", "proportion")]
    assert (cr.events, cr.total, cr.section, cr.arm) == (26, 33, "table", "all")
    assert agg[("Table 2", "ENROLLED", "all", "count")].events == 33
    assert agg[("Table 2", "HSCT", "CR", "count")].events == 15
    assert agg[("Table 4", "ENROLLED", "HSCT", "count")].events == 15
    graft = {k[1]: v.events for k, v in agg.items() if k[1].startswith("GRAFT_")}
    assert sum(graft.values()) == 16


@pytest.mark.skipif(not (GENERATED / "seed004_digital.pdf").exists(), reason="fixtures not generated")
def test_seed_digital_pdf_gives_the_same_tables():
    bundle = _bundle(GENERATED / "seed004_digital.pdf")
    p_ok, p_total = _patient_cells(bundle, vocab=False)
    t_ok, t_total = _transplant_cells(bundle, vocab=False)
    print(f"seed004_digital.pdf cells: patients {p_ok}/{p_total}, transplants {t_ok}/{t_total}")
    assert p_ok / p_total >= 0.98 and t_ok / t_total >= 0.98


def _real_normalizer():
    from evidex.normalize import load

    matcher = load()
    if not matcher.normalize("HSCT", "therapy").mapped:
        pytest.skip("the normalize matcher has no vocabulary loaded")
    return matcher


def test_seed_with_the_real_vocabulary():
    bundle = read_tables(extract(seed_path("004"), "seed004"), _real_normalizer())
    agg = {(a.prov.table, a.outcome, a.subgroup): a for a in bundle.aggregates if a.statistic != "mean"}
    assert agg[("Table 2", "HSCT", "CR")].events == 15
    assert agg[("Table 2", "NEXT_CAR_T", "non-CR")].events == 5
    by = {(t.patient, t.transplant_no): t for t in bundle.transplants}
    assert by[("14", 1)].conditioning_label == "CCNU + TBI + Cy + ATG"
    assert "lomustine" in by[("14", 1)].conditioning.split(";")
    assert by[("4", 1)].graft_source == "CB" and by[("1", 1)].graft_source == "BM;PB"
    assert by[("4", 2)].donor == "mother"
    logged = {(r.patient, r.raw, r.value) for r in bundle.repairs if r.column == "conditioning_label"}
    assert {("14", "CONU", "CCNU"), ("14", "TBL", "TBI"), ("11", "CCNC", "CCNU")} <= logged
