"""The project's generated fixtures (python -m fixtures.generate): synthetic per-patient and transplant
tables with known truth, as damaged pasted text and as digital/scanned PDFs, read through the real extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidex.evidence.tables.patients import extract as read_tables
from evidex.extract import extract
from evidex.models import EvidenceBundle
from tests.conftest import GENERATED
from tests.evidence.conftest_patients import VOCAB, DictNormalizer

SKIP = {"age", "sex", "disease_status", "agvhd_grade", "patient"}
STATUS = {"death": "death", "cr": "CR", "relapse": "relapse", "graft failure": "graft failure"}


def _therapies(text: str) -> str:
    parts = [p.strip().lower() for p in text.split("+") if p.strip()]
    return ";".join(dict.fromkeys(c for p in parts for c in VOCAB["therapy"].get(p, (p,))))


def expected(field: str, value: object) -> object:
    """The contract value for a truth record's clean value, under the tests' tiny vocabulary."""
    if not isinstance(value, str):
        return value
    if field in ("prior_therapy", "post_therapy"):
        return _therapies(value)
    if field in ("fusion_pre", "fusion_post"):  # the generator prints "-" for no fusion gene
        return VOCAB["fusion"].get(value.lower(), (value,))[0] if value else "negative"
    if field == "donor":
        return VOCAB["donor"].get(value.lower(), (value.lower(),))[0]
    if field == "graft_source":
        return ";".join(VOCAB["graft_source"][p.strip().lower()][0] for p in value.split("+"))
    if field == "final_status":
        return STATUS.get(value.lower(), value)
    return value or None if field != "conditioning_label" else value


def _fields(truth: dict) -> list[str]:
    cols = [c for c in truth["columns"] if c not in SKIP]
    return [x for c in cols for x in (("hla_matched", "hla_total") if c == "hla" else (c,))]


def score(truth: dict, bundle: EvidenceBundle) -> tuple[int, int]:
    rows = bundle.transplants if truth["role"] == "transplants" else bundle.patients
    got: dict[str, list] = {}
    for r in rows:
        got.setdefault(r.patient, []).append(r)
    ok = total = 0
    seen: dict[str, int] = {}
    for rec in truth["records"]:
        k = seen[rec["patient"]] = seen.get(rec["patient"], -1) + 1
        row = got.get(rec["patient"], [])[k : k + 1]
        for field in _fields(truth):
            want, have = expected(field, rec[field]), getattr(row[0], field) if row else None
            if want == "" and field in ("post_therapy", "final_status"):
                want = ""
            total += 1
            if isinstance(want, float | int) and not isinstance(want, bool) and have is not None:
                ok += abs(float(have) - float(want)) < 1e-6
            else:
                ok += have == want
    return ok, total


def _cases(kind: str) -> list[Path]:
    return sorted(GENERATED.glob(f"synth_*_{kind}.truth.json"))


def _run(truth_path: Path, suffix: str) -> tuple[int, int]:
    truth = json.loads(truth_path.read_text())
    source = truth_path.with_name(truth_path.name.replace(".truth.json", suffix))
    bundle = read_tables(extract(source, truth["name"]), DictNormalizer())
    tables = truth.get("tables") or [truth]
    results = [score(t, bundle) for t in tables if t.get("role") in ("patients", "transplants") and "records" in t]
    return sum(r[0] for r in results), sum(r[1] for r in results)


@pytest.mark.skipif(not _cases("damaged"), reason="fixtures not generated (python -m fixtures.generate)")
def test_generated_damaged_text_tables_cell_accuracy():
    ok = total = 0
    for path in _cases("damaged"):
        a, b = _run(path, ".txt")
        print(f"{path.name}: {a}/{b}")
        assert a / b >= 0.95, path.name
        ok, total = ok + a, total + b
    print(f"generated damaged text tables: cell accuracy {ok}/{total} = {ok / total:.3f}")
    assert ok / total >= 0.98


@pytest.mark.skipif(not _cases("digital"), reason="fixtures not generated (python -m fixtures.generate)")
def test_generated_digital_pdf_tables_cell_accuracy():
    ok = total = 0
    for path in _cases("digital"):
        a, b = _run(path, ".pdf")
        print(f"{path.name}: {a}/{b}")
        ok, total = ok + a, total + b
    print(f"generated digital PDF tables: cell accuracy {ok}/{total} = {ok / total:.3f}")
    assert ok / total >= 0.99


@pytest.mark.ocr
@pytest.mark.skipif(not (GENERATED / "synth_patients_ruled_scanned.pdf").exists(), reason="fixtures not generated")
def test_generated_scanned_pdf_table_cell_accuracy(monkeypatch):
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    ok, total = _run(GENERATED / "synth_patients_ruled_scanned.truth.json", ".pdf")
    print(f"synth_patients_ruled_scanned.pdf (real Tesseract): cell accuracy {ok}/{total} = {ok / total:.3f}")
    assert ok / total >= 0.9
