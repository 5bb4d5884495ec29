"""Run the schemas lazily and turn every failure case into a finding joined back to its row's page and quote."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd
import pandera.errors as pa_errors

from evidex.codes import Check, Severity
from evidex.models import Finding
from evidex.validate.common import finding, num, plain
from evidex.validate.common import text as txt
from evidex.validate.schemas import ROW_RULE_COLUMNS, RULES, SCHEMAS

_UNIQUE = ("field_uniqueness", "multiple_fields_uniqueness")


def check(frames: dict[str, pd.DataFrame]) -> list[Finding]:
    out: list[Finding] = []
    study_id = _study_id(frames)
    for name, build in SCHEMAS.items():
        df = frames.get(name)
        if df is None or df.empty:
            continue
        cases = failure_cases(build(), df)
        out += to_findings(name, df, cases, study_id)
    return out


def _study_id(frames: dict[str, pd.DataFrame]) -> str:
    st = frames.get("studies")
    return txt(st["study_id"].iloc[0]) if st is not None and not st.empty else ""


def failure_cases(schema: Any, df: pd.DataFrame) -> pd.DataFrame:
    """pandera's failure_cases frame (schema_context, column, check, failure_case, index); empty when valid."""
    try:
        schema.validate(df, lazy=True)
    except pa_errors.SchemaErrors as exc:
        return exc.failure_cases
    return pd.DataFrame(columns=["schema_context", "column", "check", "failure_case", "index"])


def to_findings(name: str, df: pd.DataFrame, cases: pd.DataFrame, study_id: str) -> list[Finding]:
    groups: dict[tuple[str, Any], list[str]] = defaultdict(list)
    for c in cases.to_dict("records"):
        groups[(txt(c.get("check")), plain(c.get("index")))].append(txt(c.get("column")))
    out, seen = [], set()
    for (check, idx), cols in groups.items():
        row = df.loc[idx].to_dict() if idx is not None and idx in df.index else {"study_id": study_id}
        row = {k: plain(v) for k, v in row.items()}
        columns = list(ROW_RULE_COLUMNS.get(check) or dict.fromkeys(c for c in cols if c))
        # One finding per repeated key, not one per copy of it.
        sig = (check, tuple(repr(row.get(c)) for c in columns)) if check in _UNIQUE else (check, idx)
        if sig not in seen:
            seen.add(sig)
            out.append(_finding(name, check, row, columns))
    return out


def _finding(name: str, check: str, row: dict[str, Any], columns: list[str]) -> Finding:
    code, why = RULES.get(check, (Check.SCHEMA_VIOLATION, f"fails {check}"))
    values = ", ".join(f"{c} = {_show(row.get(c))}" for c in columns if c in row) or ", ".join(columns)
    msg = f"{_locate(name, row)}, {values}: {why}{_page(row)}."
    quote = txt(row.get("quote")) or txt(row.get("raw"))
    ref = txt(row.get("evidence_id")) or txt(row.get("patient")) or txt(row.get("table_id"))
    return finding(row, code, Severity.WARNING, msg, table=name, ref=ref, column=";".join(columns), quote=quote)


def _show(v: Any) -> str:
    return num(v) if isinstance(v, int | float) and not isinstance(v, bool) else repr(txt(v))


def _page(row: dict[str, Any]) -> str:
    page = plain(row.get("page"))
    return f" (page {page})" if page is not None else ""


def _locate(name: str, row: dict[str, Any]) -> str:
    if name in ("patients", "transplants") and row.get("patient") is not None:
        return f"{txt(row.get('table')) or name}, patient {txt(row.get('patient'))}"
    if name in ("evidence", "aggregates") and row.get("outcome") is not None:
        return f"{txt(row.get('outcome_raw')) or txt(row.get('outcome'))} ({txt(row.get('section')) or name})"
    return f"{name} row"
