"""Records -> DataFrames with the contract's columns (and ours after them).

This is the one place that knows each output table's columns and types; the
validate and output stages receive the frames built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import (
    Arm,
    Comparison,
    Evidence,
    Finding,
    Patient,
    Provenance,
    Repair,
    StudyResult,
    Term,
    Transplant,
)

# typed Any: pandas-stubs only accepts dtype names as literals
STR: Any = "string"
INT: Any = "Int64"
FLT: Any = "Float64"
BOOL: Any = "boolean"

_PROV = [
    ("method", STR), ("from_ocr", BOOL), ("confidence", FLT), ("char_start", INT), ("char_end", INT),
    ("x0", FLT), ("top", FLT), ("x1", FLT), ("bottom", FLT),
    ("source_table", STR), ("source_row", INT), ("source_col", INT),
]  # fmt: skip

_EVIDENCE = [
    ("study_id", STR), ("arm", STR), ("arm_label", STR), ("subgroup", STR), ("domain", STR), ("outcome", STR),
    ("code_system", STR), ("code", STR), ("grade", STR), ("grading_system", STR), ("timepoint_months", FLT),
    ("statistic", STR), ("events", INT), ("total", INT), ("value", FLT), ("unit", STR), ("spread", STR),
    ("low", FLT), ("high", FLT), ("spread_value", FLT), ("p_value", FLT), ("p_operator", STR),
    ("section", STR), ("page", INT), ("quote", STR),
    # additions
    ("evidence_id", STR), ("outcome_raw", STR), ("total_derived", BOOL),
    ("arm_id", STR), ("comparison_id", STR), ("derived", STR), ("p_scope", STR), *_PROV,
]  # fmt: skip

_ARMS = [
    ("study_id", STR), ("arm_id", STR), ("arm", STR), ("arm_label", STR), ("role", STR), ("n", INT),
    ("page", INT), ("quote", STR),
    # additions
    ("method", STR), ("role_basis", STR),
]  # fmt: skip

_COMPARISONS = [
    ("study_id", STR), ("comparison_id", STR), ("outcome", STR), ("outcome_raw", STR), ("subgroup", STR),
    ("grade", STR), ("timepoint_months", FLT), ("measure", STR),
    ("arm_e", STR), ("arm_e_label", STR), ("arm_c", STR), ("arm_c_label", STR),
    ("events_e", INT), ("n_e", INT), ("events_c", INT), ("n_c", INT),
    ("mean_e", FLT), ("sd_e", FLT), ("mean_c", FLT), ("sd_c", FLT),
    ("effect", STR), ("effect_value", FLT), ("effect_low", FLT), ("effect_high", FLT),
    ("p_value", FLT), ("p_operator", STR), ("derived", STR), ("page", INT), ("quote", STR),
    # additions
    ("contrast", STR), ("arm_e_id", STR), ("arm_c_id", STR), ("section", STR), ("domain", STR), ("unit", STR),
    ("evidence_e", STR), ("evidence_c", STR), ("method", STR), ("source_table", STR), ("source_row", INT),
]  # fmt: skip

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "studies": [
        ("study_id", STR), ("source", STR), ("title", STR), ("pages", INT), ("ocr_pages", INT),
        ("kind", STR), ("status", STR), ("error", STR), ("n_tables", INT), ("evidex_version", STR), ("path", STR),
        ("first_author", STR), ("authors", STR), ("year", INT), ("journal", STR), ("doi", STR),
        ("registration", STR), ("label", STR), ("errors", STR), ("design", STR),
    ],
    "evidence": _EVIDENCE,
    "arms": _ARMS,
    "comparisons": _COMPARISONS,
    "aggregates": _EVIDENCE,
    "patients": [
        ("study_id", STR), ("table", STR), ("patient", STR), ("prior_therapy", STR),
        ("blasts_pre_pct", FLT), ("mrd_pre_pct", FLT), ("fusion_pre", STR),
        ("blasts_post_pct", FLT), ("mrd_post_pct", FLT), ("fusion_post", STR),
        ("cr", BOOL), ("post_therapy", STR), ("alive", BOOL), ("follow_up_months", FLT),
        ("page", INT), ("raw", STR), *_PROV,
    ],
    "transplants": [
        ("study_id", STR), ("table", STR), ("patient", STR), ("conditioning", STR), ("conditioning_label", STR),
        ("donor", STR), ("hla_matched", INT), ("hla_total", INT), ("graft_source", STR), ("days_to_hsct", FLT),
        ("neutrophil_engraftment_day", FLT), ("platelet_engraftment_day", FLT), ("final_status", STR),
        ("transplant_no", INT), ("page", INT), ("raw", STR), *_PROV,
    ],
    "findings": [
        ("study_id", STR), ("check", STR), ("severity", STR), ("message", STR), ("page", INT), ("quote", STR),
        ("stage", STR), ("table", STR), ("ref", STR), ("column", STR),
    ],
    "repairs": [
        ("study_id", STR), ("table", STR), ("patient", STR), ("column", STR), ("raw", STR), ("value", STR),
        ("rule", STR), ("confidence", FLT), ("page", INT),
    ],
    "terms": [
        ("study_id", STR), ("raw", STR), ("canonical", STR), ("code_system", STR), ("code", STR), ("method", STR),
        ("score", FLT), ("page", INT), ("kind", STR), ("alias", STR), ("other_codes", STR), ("vocab_version", STR),
        ("note", STR),
    ],
    "pages": [
        ("study_id", STR), ("page", INT), ("width", FLT), ("height", FLT), ("text_quality", FLT), ("ocr", BOOL),
        ("ocr_confidence", FLT), ("n_chars", INT), ("method", STR),
    ],
    "tables": [
        ("study_id", STR), ("table_id", STR), ("label", STR), ("caption", STR), ("page", INT), ("method", STR),
        ("quality", FLT), ("n_rows", INT), ("n_cols", INT), ("from_ocr", BOOL), ("footnotes", STR),
    ],
    "cells": [
        ("study_id", STR), ("table_id", STR), ("row", INT), ("col", INT), ("text", STR),
        ("x0", FLT), ("top", FLT), ("x1", FLT), ("bottom", FLT), ("confidence", FLT), ("from_ocr", BOOL),
    ],
}  # fmt: skip

TABLES: tuple[str, ...] = tuple(COLUMNS)


def empty(table: str) -> pd.DataFrame:
    return _empty(table).copy()


@cache
def _empty(table: str) -> pd.DataFrame:
    """Built once per table: every study's empty tables are copies (66 ms each when built anew)."""
    return typed(pd.DataFrame(), table)


def typed(df: pd.DataFrame, table: str, dropped: list[tuple[str, str, int, object]] | None = None) -> pd.DataFrame:
    """Give ``df`` every declared column (missing ones empty) in contract order, extra ``x_`` columns last.

    A number its column's type cannot hold (a 20-digit count) is left empty; ``dropped`` collects
    (table, column, row, value) for each so the caller can report it.
    """
    spec = COLUMNS[table]
    names = [n for n, _ in spec]
    cols: dict[str, pd.Series] = {}
    for name, dtype in spec:
        col = df[name] if name in df.columns else pd.Series([None] * len(df), index=df.index, dtype="object")
        if dtype == INT:
            col = _int_range(col, table, name, dropped)
        cols[name] = _cast(col, dtype)
    for extra in sorted(c for c in df.columns if c not in names):
        cols[extra] = df[extra].astype("string")
    # one frame from all columns at once: inserting them one by one cost more than the casts
    return pd.DataFrame(cols, index=df.index).reset_index(drop=True)


INT64_LIMIT = 2.0**63  # the first magnitude an Int64 column cannot hold


def _int_range(col: pd.Series, table: str, name: str, dropped: list[tuple[str, str, int, object]] | None) -> pd.Series:
    """Integers beyond int64 and non-whole numbers become empty, recorded in ``dropped``."""
    nums = pd.to_numeric(col, errors="coerce").astype("float64")
    bad = nums.notna() & ((nums.abs() >= INT64_LIMIT) | (nums % 1 != 0))
    if not bad.any():
        return col
    if dropped is not None:
        dropped.extend((table, name, int(i), col[i]) for i in col.index[bad])
    return col.where(~bad, None).astype("object")


def _cast(col: pd.Series, dtype: Any) -> pd.Series:
    if dtype == BOOL:
        return col.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else bool(v)).astype(BOOL)
    if dtype in (INT, FLT):
        return pd.to_numeric(col, errors="coerce").astype(dtype)
    return col.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)).astype(STR)


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


def _comparison_rows(comparisons: Sequence[Comparison], evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Comparisons, each pointing at the evidence rows of its two arms."""
    ids: dict[tuple[str, str], str] = {}
    for e in evidence:  # a control arm's row takes part in several comparisons: "c1;c2"
        for cid in (e["comparison_id"] or "").split(";"):
            if cid and e["arm_id"]:
                ids.setdefault((cid, e["arm_id"]), e["evidence_id"])
    out = []
    for c in comparisons:
        d = {k: getattr(c, k) for k in c.__slots__}  # type: ignore[attr-defined]
        d["evidence_e"] = d["evidence_e"] or ids.get((c.comparison_id, c.arm_e_id), "")
        d["evidence_c"] = d["evidence_c"] or ids.get((c.comparison_id, c.arm_c_id), "")
        out.append(d)
    return out


def _plain(rows: Iterable[Finding | Repair | Term | Arm]) -> list[dict[str, Any]]:
    return [{k: getattr(r, k) for k in r.__slots__} for r in rows]  # type: ignore[union-attr]


Dropped = list[tuple[str, str, int, object]]


def _frame(rows: list[dict[str, Any]], table: str, dropped: Dropped | None = None) -> pd.DataFrame:
    return typed(pd.DataFrame(rows), table, dropped) if rows else empty(table)


def _dropped_findings(sid: str, dropped: Dropped) -> list[Finding]:
    return [
        Finding(sid, Check.RANGE_VIOLATION, Severity.WARNING,
                f"{table}.{column} row {row + 1}: {value!r} is too large or not whole for an integer column; "
                "left empty", stage="frames", table=table, ref=str(row + 1), column=column)
        for table, column, row, value in dropped
    ]  # fmt: skip


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
    evidence = _evidence_rows(bundle.evidence, "e")
    dropped: Dropped = []
    out = {
        "studies": _frame(studies, "studies", dropped),
        "evidence": _frame(evidence, "evidence", dropped),
        "arms": _frame(_plain(bundle.arms), "arms", dropped),
        "comparisons": _frame(_comparison_rows(bundle.comparisons, evidence), "comparisons", dropped),
        "aggregates": _frame(_evidence_rows(bundle.aggregates, "a"), "aggregates", dropped),
        "patients": _frame([_with_extra(p) for p in bundle.patients], "patients", dropped),
        "transplants": _frame([_with_extra(t) for t in bundle.transplants], "transplants", dropped),
        "repairs": _frame(_plain(bundle.repairs), "repairs", dropped),
        "terms": _frame(_plain(result.terms), "terms", dropped),
        "pages": _frame(pages, "pages", dropped),
        "tables": _frame(tables, "tables", dropped),
        "cells": _frame(cells, "cells", dropped),
    }
    findings += _dropped_findings(sid, dropped)
    out["findings"] = _frame(_plain(findings), "findings", dropped)
    return {t: out[t] for t in TABLES if t in out}


def findings_frame(findings: Sequence[Finding]) -> pd.DataFrame:
    return _frame(_plain(findings), "findings")
