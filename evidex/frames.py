"""Records -> DataFrames with the contract's columns (and ours after them).

This is the one place that knows each output table's columns and types; the
validate and output stages receive the frames built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from evidex.models import Evidence, Finding, Patient, Provenance, Repair, StudyResult, Term, Transplant

S, I, F, B = "string", "Int64", "Float64", "boolean"

_PROV = [
    ("method", S), ("from_ocr", B), ("confidence", F), ("char_start", I), ("char_end", I),
    ("x0", F), ("top", F), ("x1", F), ("bottom", F), ("source_table", S), ("source_row", I), ("source_col", I),
]  # fmt: skip

_EVIDENCE = [
    ("study_id", S), ("arm", S), ("arm_label", S), ("subgroup", S), ("domain", S), ("outcome", S),
    ("code_system", S), ("code", S), ("grade", S), ("grading_system", S), ("timepoint_months", F),
    ("statistic", S), ("events", I), ("total", I), ("value", F), ("unit", S), ("spread", S),
    ("low", F), ("high", F), ("spread_value", F), ("p_value", F), ("p_operator", S),
    ("section", S), ("page", I), ("quote", S),
    # additions
    ("evidence_id", S), ("outcome_raw", S), ("total_derived", B), *_PROV,
]  # fmt: skip

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "studies": [
        ("study_id", S), ("source", S), ("title", S), ("pages", I), ("ocr_pages", I),
        ("kind", S), ("status", S), ("error", S), ("n_tables", I), ("evidex_version", S), ("path", S),
    ],
    "evidence": _EVIDENCE,
    "aggregates": _EVIDENCE,
    "patients": [
        ("study_id", S), ("table", S), ("patient", S), ("prior_therapy", S),
        ("blasts_pre_pct", F), ("mrd_pre_pct", F), ("fusion_pre", S),
        ("blasts_post_pct", F), ("mrd_post_pct", F), ("fusion_post", S),
        ("cr", B), ("post_therapy", S), ("alive", B), ("follow_up_months", F),
        ("page", I), ("raw", S), *_PROV,
    ],
    "transplants": [
        ("study_id", S), ("table", S), ("patient", S), ("conditioning", S), ("conditioning_label", S),
        ("donor", S), ("hla_matched", I), ("hla_total", I), ("graft_source", S), ("days_to_hsct", F),
        ("neutrophil_engraftment_day", F), ("platelet_engraftment_day", F), ("final_status", S),
        ("transplant_no", I), ("page", I), ("raw", S), *_PROV,
    ],
    "findings": [
        ("study_id", S), ("check", S), ("severity", S), ("message", S), ("page", I), ("quote", S),
        ("stage", S), ("table", S), ("ref", S), ("column", S),
    ],
    "repairs": [
        ("study_id", S), ("table", S), ("patient", S), ("column", S), ("raw", S), ("value", S),
        ("rule", S), ("confidence", F), ("page", I),
    ],
    "terms": [
        ("study_id", S), ("raw", S), ("canonical", S), ("code_system", S), ("code", S), ("method", S),
        ("score", F), ("page", I), ("kind", S), ("alias", S), ("other_codes", S), ("vocab_version", S),
        ("note", S),
    ],
    "pages": [
        ("study_id", S), ("page", I), ("width", F), ("height", F), ("text_quality", F), ("ocr", B),
        ("ocr_confidence", F), ("n_chars", I), ("method", S),
    ],
    "tables": [
        ("study_id", S), ("table_id", S), ("label", S), ("caption", S), ("page", I), ("method", S),
        ("quality", F), ("n_rows", I), ("n_cols", I), ("from_ocr", B), ("footnotes", S),
    ],
    "cells": [
        ("study_id", S), ("table_id", S), ("row", I), ("col", I), ("text", S),
        ("x0", F), ("top", F), ("x1", F), ("bottom", F), ("confidence", F), ("from_ocr", B),
    ],
}  # fmt: skip

TABLES: tuple[str, ...] = tuple(COLUMNS)


def empty(table: str) -> pd.DataFrame:
    return typed(pd.DataFrame(), table)


def typed(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Give ``df`` every declared column (missing ones empty) in contract order, extra ``x_`` columns last."""
    spec = COLUMNS[table]
    names = [n for n, _ in spec]
    out = pd.DataFrame(index=df.index)
    for name, dtype in spec:
        col = df[name] if name in df.columns else pd.Series([None] * len(df), index=df.index, dtype="object")
        out[name] = _cast(col, dtype)
    for extra in sorted(c for c in df.columns if c not in names):
        out[extra] = df[extra].astype("string")
    return out.reset_index(drop=True)


def _cast(col: pd.Series, dtype: str) -> pd.Series:
    if dtype == B:
        return col.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else bool(v)).astype(B)
    if dtype in (I, F):
        return pd.to_numeric(col, errors="coerce").astype(dtype)
    return col.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)).astype(S)


def _prov(p: Provenance) -> dict[str, Any]:
    b = p.bbox
    return {
        "method": p.method,
        "from_ocr": p.from_ocr,
        "confidence": p.confidence,
        "char_start": p.char_start,
        "char_end": p.char_end,
        "x0": b.x0 if b else None,
        "top": b.top if b else None,
        "x1": b.x1 if b else None,
        "bottom": b.bottom if b else None,
        "source_table": p.table,
        "source_row": p.row,
        "source_col": p.col,
    }


def _evidence_rows(rows: Sequence[Evidence], prefix: str) -> list[dict[str, Any]]:
    out = []
    for i, e in enumerate(rows):
        d = {k: getattr(e, k) for k in Evidence.__slots__ if k != "prov"}  # type: ignore[attr-defined]
        d.update(_prov(e.prov))
        d["page"] = e.prov.page
        d["evidence_id"] = f"{e.study_id}:{prefix}{i + 1}"
        out.append(d)
    return out


def _with_extra(rec: Patient | Transplant) -> dict[str, Any]:
    d = {k: getattr(rec, k) for k in rec.__slots__ if k not in ("prov", "extra")}  # type: ignore[union-attr]
    d.update(_prov(rec.prov))
    d["page"] = rec.prov.page
    d.update(dict(rec.extra))
    return d


def _plain(rows: Iterable[Finding | Repair | Term]) -> list[dict[str, Any]]:
    return [{k: getattr(r, k) for k in r.__slots__} for r in rows]  # type: ignore[union-attr]


def _frame(rows: list[dict[str, Any]], table: str) -> pd.DataFrame:
    return typed(pd.DataFrame(rows), table) if rows else empty(table)


def study_frames(result: StudyResult) -> dict[str, pd.DataFrame]:
    """All output tables for one study (findings from validate are added later by the pipeline)."""
    sid = result.study.study_id
    doc, bundle = result.document, result.bundle
    studies = [{k: getattr(result.study, k) for k in result.study.__slots__}]
    pages = [
        {"study_id": sid, "page": p.number, "width": p.width, "height": p.height, "text_quality": p.text_quality,
         "ocr": p.ocr, "ocr_confidence": p.ocr_confidence, "n_chars": p.n_chars, "method": p.method}
        for p in (doc.pages if doc else ())
    ]  # fmt: skip
    tables, cells = [], []
    for t in doc.tables if doc else ():
        tables.append(
            {"study_id": sid, "table_id": t.table_id, "label": t.label, "caption": t.caption, "page": t.page,
             "method": t.method, "quality": t.quality, "n_rows": t.n_rows, "n_cols": t.n_cols,
             "from_ocr": t.from_ocr, "footnotes": ";".join(t.footnotes)}
        )  # fmt: skip
        for c in t.cells:
            b = c.bbox
            cells.append(
                {"study_id": sid, "table_id": t.table_id, "row": c.row, "col": c.col, "text": c.text,
                 "x0": b.x0 if b else None, "top": b.top if b else None, "x1": b.x1 if b else None,
                 "bottom": b.bottom if b else None, "confidence": c.confidence, "from_ocr": c.from_ocr}
            )  # fmt: skip
    findings = list(result.findings) + list(bundle.findings)
    return {
        "studies": _frame(studies, "studies"),
        "evidence": _frame(_evidence_rows(bundle.evidence, "e"), "evidence"),
        "aggregates": _frame(_evidence_rows(bundle.aggregates, "a"), "aggregates"),
        "patients": _frame([_with_extra(p) for p in bundle.patients], "patients"),
        "transplants": _frame([_with_extra(t) for t in bundle.transplants], "transplants"),
        "findings": _frame(_plain(findings), "findings"),
        "repairs": _frame(_plain(bundle.repairs), "repairs"),
        "terms": _frame(_plain(result.terms), "terms"),
        "pages": _frame(pages, "pages"),
        "tables": _frame(tables, "tables"),
        "cells": _frame(cells, "cells"),
    }


def findings_frame(findings: Sequence[Finding]) -> pd.DataFrame:
    return _frame(_plain(findings), "findings")
