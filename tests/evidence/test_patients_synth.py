"""Invented per-patient and transplant tables, damaged like OCR'd text, read back against their truth."""

from __future__ import annotations

import random

import pytest

from evidex.evidence.tables.patients import extract
from evidex.models import Cell, Document, Table
from tests.evidence.conftest_patients import (
    PATIENT_HEADERS,
    TRANSPLANT_HEADERS,
    VOCAB,
    DictNormalizer,
    damage,
    render_lines,
    synth_patients,
    synth_transplants,
    truth_value,
)  # fmt: skip

P_COLS = ["prior_therapy", "blasts_pre_pct", "mrd_pre_pct", "fusion_pre", "blasts_post_pct", "mrd_post_pct",
          "fusion_post", "cr", "post_therapy", "alive", "follow_up_months"]  # fmt: skip
T_COLS = ["conditioning", "donor", "hla", "graft_source", "days_to_hsct", "neutrophil_engraftment_day",
          "platelet_engraftment_day", "final_status"]  # fmt: skip


def _doc(table: Table) -> Document:
    return Document(study_id="synth", source="synth.txt", path="synth.txt", kind="text", tables=(table,))


def _components(label: str) -> str:
    return ";".join(dict.fromkeys(c for part in label.split(" + ") for c in VOCAB["regimen"][part.lower()]))


def patient_accuracy(rows: list[dict], got) -> tuple[int, int]:
    by = {p.patient: p for p in got}
    ok = total = 0
    for r in rows:
        p = by.get(r["patient"])
        for c in P_COLS:
            total += 1
            ok += p is not None and getattr(p, c) == truth_value(c, r[c])
    return ok, total


def transplant_accuracy(rows: list[dict], got) -> tuple[int, int]:
    by = {(t.patient, t.transplant_no): t for t in got}
    ok = total = 0
    for r in rows:
        t = by.get((r["patient"], r["transplant_no"]))
        for c in T_COLS:
            total += 1
            if t is None:
                continue
            if c == "conditioning":
                ok += t.conditioning == _components(r[c]) and t.conditioning_label == r[c]
            elif c == "hla":
                ok += (t.hla_matched, t.hla_total) == truth_value(c, r[c])
            else:
                ok += getattr(t, c) == truth_value(c, r[c])
    return ok, total


def read_patients(seed: int, layout: str, rate: float) -> tuple[list[dict], object]:
    rng = random.Random(seed)
    rows = synth_patients(rng, rng.randint(10, 30))
    lines = render_lines(rows, PATIENT_HEADERS[layout], P_COLS, rng, rate)
    return rows, extract(_doc(Table("t1", "Table 2", lines=tuple(lines))), DictNormalizer())


def read_transplants(seed: int, layout: str, rate: float) -> tuple[list[dict], object]:
    rng = random.Random(seed)
    rows = synth_transplants(rng, rng.randint(8, 20))
    lines = render_lines(rows, TRANSPLANT_HEADERS[layout], T_COLS, rng, rate)
    return rows, extract(_doc(Table("t1", "Table 4", lines=tuple(lines))), DictNormalizer())


def grid_table(rows: list[dict], header: list[str], cols: list[str], rng, rate: float) -> Table:
    """The same table as a cell grid (a vector or OCR'd PDF table): damage inside cells only."""
    cells = [Cell(0, j, h) for j, h in enumerate(header)]
    for i, r in enumerate(rows, start=1):
        first = r["patient"] if r.get("transplant_no", 1) == 1 else ""
        cells.append(Cell(i, 0, first))
        for j, c in enumerate(cols, start=1):
            v = r[c]
            cells.append(Cell(i, j, damage(rng, c, v[0] if isinstance(v, tuple) else str(v), rate)))
    return Table("g1", "Table 3", n_rows=len(rows) + 1, n_cols=len(cols) + 1, cells=tuple(cells), method="lattice")


@pytest.mark.parametrize("layout", sorted(PATIENT_HEADERS))
def test_clean_patient_lines_read_exactly(layout):
    rows, bundle = read_patients(1, layout, 0.0)
    ok, total = patient_accuracy(rows, bundle.patients)
    assert len(bundle.patients) == len(rows)
    assert ok == total
    assert not bundle.repairs


@pytest.mark.parametrize("layout", sorted(TRANSPLANT_HEADERS))
def test_clean_transplant_lines_read_exactly(layout):
    rows, bundle = read_transplants(2, layout, 0.0)
    ok, total = transplant_accuracy(rows, bundle.transplants)
    assert len(bundle.transplants) == len(rows)
    assert ok == total


def test_damaged_patient_tables_cell_accuracy_floor():
    ok = total = 0
    for seed in range(12):
        for layout in PATIENT_HEADERS:
            rows, bundle = read_patients(seed, layout, 0.25)
            a, b = patient_accuracy(rows, bundle.patients)
            ok, total = ok + a, total + b
    print(f"damaged patient tables: cell accuracy {ok}/{total} = {ok / total:.3f}")
    assert ok / total >= 0.97


def test_damaged_transplant_tables_cell_accuracy_floor():
    ok = total = 0
    for seed in range(12):
        for layout in TRANSPLANT_HEADERS:
            rows, bundle = read_transplants(seed, layout, 0.25)
            a, b = transplant_accuracy(rows, bundle.transplants)
            ok, total = ok + a, total + b
    print(f"damaged transplant tables: cell accuracy {ok}/{total} = {ok / total:.3f}")
    assert ok / total >= 0.97


def test_damaged_grid_tables_cell_accuracy_floor():
    ok = total = 0
    header = ["No.", "Prior therapy", "Blasts before (%)", "MRD before (%)", "Fusion before", "Blasts after (%)",
              "MRD after (%)", "Fusion after", "CR", "Subsequent therapy", "Alive", "Follow-up (months)"]  # fmt: skip
    for seed in range(8):
        rng = random.Random(100 + seed)
        rows = synth_patients(rng, 20)
        bundle = extract(_doc(grid_table(rows, header, P_COLS, rng, 0.25)), DictNormalizer())
        a, b = patient_accuracy(rows, bundle.patients)
        ok, total = ok + a, total + b
    print(f"damaged grid tables: cell accuracy {ok}/{total} = {ok / total:.3f}")
    assert ok / total >= 0.97


def test_every_restored_damage_is_logged():
    rows, bundle = read_patients(3, "flat", 0.3)
    restored = {(r.patient, r.column) for r in bundle.repairs}
    by = {p.patient: p for p in bundle.patients}
    for r in rows:
        for c in ("mrd_pre_pct", "mrd_post_pct", "alive", "cr"):
            printed = r[c][0] if isinstance(r[c], tuple) else r[c]
            raw = by[r["patient"]].raw
            if printed not in raw.split() and getattr(by[r["patient"]], c) == truth_value(c, r[c]):
                assert (r["patient"], c) in restored, (r["patient"], c, raw)
