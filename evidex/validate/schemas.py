"""Rules for every output table as pandera schemas (the machinery that runs them is in conform.py).

Each check has a stable name; ``RULES`` says whether a failure is a range
violation (a number that needs a look) or a schema violation (a code or key
the contract does not allow), and how to say it to a reviewer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pandera.pandas as pa

from evidex.codes import SECTIONS, Check, Domain, Severity, Statistic
from evidex.validate.common import TIME_OUTCOMES

RANGE, SCHEMA = Check.RANGE_VIOLATION, Check.SCHEMA_VIOLATION

# name -> (check code, what is wrong, in words a reviewer reads after "column = value: ")
RULES: dict[str, tuple[Check, str]] = {
    "percent_0_100": (RANGE, "a percent must lie between 0 and 100"),
    "non_negative": (RANGE, "cannot be negative"),
    "positive": (RANGE, "must be above 0"),
    "p_0_1": (RANGE, "a p value must lie between 0 and 1"),
    "unit_0_1": (RANGE, "must lie between 0 and 1"),
    "ocr_confidence_0_100": (RANGE, "an OCR confidence must lie between 0 and 100"),
    "events_le_total": (RANGE, "the events exceed the total"),
    "proportion_0_100": (RANGE, "a proportion's percent must lie between 0 and 100"),
    "value_in_interval": (RANGE, "the value lies outside its own interval"),
    "low_le_high": (RANGE, "the interval's lower bound exceeds its upper bound"),
    "time_non_negative": (RANGE, "a time cannot be negative"),
    "hla_matched_le_total": (RANGE, "more HLA loci matched than tested"),
    "hla_total_loci": (RANGE, "an HLA typing covers 4 to 12 loci"),
    "ocr_pages_le_pages": (RANGE, "more OCR pages than pages"),
    "allowed_statistic": (SCHEMA, "not a contract statistic"),
    "statistic_fits_outcome": (SCHEMA, "a time or age is a median or mean, not a proportion (likely a misread)"),
    "allowed_domain": (SCHEMA, "not a contract domain"),
    "allowed_section": (SCHEMA, "not a known section"),
    "allowed_spread": (SCHEMA, "not a contract spread"),
    "allowed_p_operator": (SCHEMA, "not a contract p operator"),
    "allowed_graft_source": (SCHEMA, "graft source components must be BM, PB or CB"),
    "allowed_check": (SCHEMA, "not a stable check code"),
    "allowed_severity": (SCHEMA, "not a severity"),
    "allowed_method": (SCHEMA, "not a normalization method"),
    "study_id_hex12": (SCHEMA, "a study id is 12 lowercase hex digits"),
    "field_uniqueness": (SCHEMA, "a key that must be unique is repeated"),
    "multiple_fields_uniqueness": (SCHEMA, "a key that must be unique is repeated"),
}

# Rules over several columns: the columns a reviewer needs to see (pandera reports every column of the frame).
ROW_RULE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events_le_total": ("events", "total"),
    "proportion_0_100": ("value",),
    "value_in_interval": ("value", "low", "high"),
    "low_le_high": ("low", "high"),
    "time_non_negative": ("value", "unit"),
    "statistic_fits_outcome": ("outcome", "statistic"),
    "hla_matched_le_total": ("hla_matched", "hla_total"),
    "ocr_pages_le_pages": ("ocr_pages", "pages"),
}

_SPREADS = ("IQR", "range", "95% CI", "SD", "SE")
_P_OPS = ("=", "<", ">", "<=", ">=", "≤", "≥")
_METHODS = ("exact", "synonym", "abbreviation", "fuzzy", "phonetic", "ocr")
_GRAFTS = frozenset({"BM", "PB", "CB"})


def _rule(name: str, builtin: str, *args: object) -> pa.Check:
    """A pandera built-in check under our stable rule name (pandera reports ``error`` as the check's name)."""
    return getattr(pa.Check, builtin)(*args, name=name, error=name)


def _custom(fn: Callable[[Any], Any], name: str) -> pa.Check:
    return pa.Check(fn, name=name, error=name)


def _blank_or(values: tuple[str, ...] | list[str], name: str) -> pa.Check:
    allowed = set(values) | {""}
    return _custom(lambda s: s.isin(allowed), name)


def _pct(name: str = "percent_0_100") -> pa.Check:
    return _rule(name, "in_range", 0, 100)


def _ge0(name: str = "non_negative") -> pa.Check:
    return _rule(name, "ge", 0)


def _col(dtype: str, *checks: pa.Check, unique: bool = False) -> pa.Column:
    return pa.Column(dtype, list(checks), nullable=True, unique=unique)


def _rowwise(fn: Callable[[pd.DataFrame], pd.Series], name: str) -> pa.Check:
    """A rule over several columns; rows where it cannot be evaluated (missing values) pass."""
    return _custom(lambda df: fn(df).fillna(True).astype(bool), name)


def _graft_ok(s: pd.Series) -> pd.Series:
    return s.map(lambda v: {p.strip() for p in str(v).split(";") if p.strip()} <= _GRAFTS)


def _in_interval(df: pd.DataFrame) -> pd.Series:
    interval = df["spread"].isin(["IQR", "range", "95% CI"])
    inside = (df["low"] <= df["value"] + 1e-9) & (df["value"] <= df["high"] + 1e-9)
    return inside.where(interval, True)


def _proportion_pct(df: pd.DataFrame) -> pd.Series:
    ok = (df["value"] >= 0) & (df["value"] <= 100)
    return ok.where(df["statistic"] == "proportion", True)


def _time_ok(df: pd.DataFrame) -> pd.Series:
    return (df["value"] >= 0).where(df["unit"].isin(["days", "months", "years"]), True)


def evidence() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "study_id": _col("string"),
            "evidence_id": _col("string", unique=True),
            "domain": _col("string", _blank_or([d.value for d in Domain], "allowed_domain")),
            "statistic": _col("string", _blank_or([s.value for s in Statistic], "allowed_statistic")),
            "timepoint_months": _col("Float64", _ge0()),
            "events": _col("Int64", _ge0()),
            "total": _col("Int64", _ge0()),
            "spread": _col("string", _blank_or(_SPREADS, "allowed_spread")),
            "spread_value": _col("Float64", _ge0()),
            "p_value": _col("Float64", _rule("p_0_1", "in_range", 0, 1)),
            "p_operator": _col("string", _blank_or(_P_OPS, "allowed_p_operator")),
            "section": _col("string", _blank_or([*SECTIONS, "table", "conclusions"], "allowed_section")),
        },
        checks=[
            _rowwise(lambda d: d["events"] <= d["total"], "events_le_total"),
            _rowwise(_proportion_pct, "proportion_0_100"),
            _rowwise(lambda d: d["low"] <= d["high"], "low_le_high"),
            _rowwise(_in_interval, "value_in_interval"),
            _rowwise(_time_ok, "time_non_negative"),
            _rowwise(
                lambda d: ~(d["outcome"].isin(TIME_OUTCOMES) & (d["statistic"] == "proportion")),
                "statistic_fits_outcome",
            ),
        ],
        name="evidence",
    )


def patients() -> pa.DataFrameSchema:
    pct = {c: _col("Float64", _pct()) for c in ("blasts_pre_pct", "mrd_pre_pct", "blasts_post_pct", "mrd_post_pct")}
    return pa.DataFrameSchema(
        {**pct, "follow_up_months": _col("Float64", _ge0("time_non_negative"))},
        unique=["table", "patient"],
        name="patients",
    )


def transplants() -> pa.DataFrameSchema:
    days = {c: _col("Float64", _ge0("time_non_negative"))
            for c in ("days_to_hsct", "neutrophil_engraftment_day", "platelet_engraftment_day")}  # fmt: skip
    return pa.DataFrameSchema(
        {
            **days,
            "hla_matched": _col("Int64", _ge0()),
            "hla_total": _col("Int64", _rule("hla_total_loci", "in_range", 4, 12)),
            "graft_source": _col("string", _custom(_graft_ok, "allowed_graft_source")),
        },
        checks=[_rowwise(lambda d: d["hla_matched"] <= d["hla_total"], "hla_matched_le_total")],
        unique=["table", "patient", "transplant_no"],
        name="transplants",
    )


def studies() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "study_id": _col("string", _rule("study_id_hex12", "str_matches", r"^[0-9a-f]{12}$"), unique=True),
            "pages": _col("Int64", _ge0()),
            "ocr_pages": _col("Int64", _ge0()),
        },
        checks=[_rowwise(lambda d: d["ocr_pages"] <= d["pages"], "ocr_pages_le_pages")],
        name="studies",
    )


def findings() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "check": _col("string", _rule("allowed_check", "isin", [c.value for c in Check])),
            "severity": _col("string", _rule("allowed_severity", "isin", [s.value for s in Severity])),
        },
        name="findings",
    )


def repairs() -> pa.DataFrameSchema:
    return pa.DataFrameSchema({"confidence": _col("Float64", _rule("unit_0_1", "in_range", 0, 1))}, name="repairs")


def terms() -> pa.DataFrameSchema:
    return pa.DataFrameSchema({"method": _col("string", _blank_or(_METHODS, "allowed_method"))}, name="terms")


def pages() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "page": _col("Int64", _rule("positive", "ge", 1), unique=True),
            "text_quality": _col("Float64", _rule("unit_0_1", "in_range", 0, 1)),
            "ocr_confidence": _col("Float64", _rule("ocr_confidence_0_100", "in_range", 0, 100)),
        },
        name="pages",
    )


def tables() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "table_id": _col("string", unique=True),
            "quality": _col("Float64", _rule("unit_0_1", "in_range", 0, 1)),
        },
        name="tables",
    )


SCHEMAS = {
    "studies": studies,
    "evidence": evidence,
    "aggregates": evidence,
    "patients": patients,
    "transplants": transplants,
    "findings": findings,
    "repairs": repairs,
    "terms": terms,
    "pages": pages,
    "tables": tables,
}
