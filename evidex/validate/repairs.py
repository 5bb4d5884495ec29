"""ocr_repair: one info finding per logged repair, so the reviewer sees every value the tool changed."""

from __future__ import annotations

import pandas as pd

from evidex.codes import Check, Severity
from evidex.models import Finding
from evidex.validate.common import Row, finding, plain, rows
from evidex.validate.common import text as txt


def check(frames: dict[str, pd.DataFrame]) -> list[Finding]:
    known = {
        (txt(f.get("ref")), txt(f.get("column")), txt(f.get("quote")))
        for f in rows(frames.get("findings"))
        if txt(f.get("check")) == Check.OCR_REPAIR
    }
    sources = _source_rows(frames)
    out = []
    for r in rows(frames.get("repairs")):
        out_table, raw_row = sources.get((txt(r.get("table")), txt(r.get("patient"))), ("", ""))
        if (txt(r.get("patient")), txt(r.get("column")), raw_row) in known:
            continue
        out.append(_finding(r, out_table, raw_row))
    return out


def _source_rows(frames: dict[str, pd.DataFrame]) -> dict[tuple[str, str], tuple[str, str]]:
    """(table label, patient) -> (output table, the row as read) for quoting the repaired value's row."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for name in ("transplants", "patients"):
        for r in rows(frames.get(name)):
            found.setdefault((txt(r.get("table")), txt(r.get("patient"))), (name, txt(r.get("raw"))))
    return found


def _finding(r: Row, out_table: str, raw_row: str) -> Finding:
    conf = plain(r.get("confidence"))
    conf_txt = f", confidence {conf:g}" if conf is not None else ""
    label = txt(r.get("table")) or "table"
    msg = (
        f"{label}, patient {txt(r.get('patient'))}, {txt(r.get('column'))}: '{txt(r.get('raw'))}' read as "
        f"{txt(r.get('value'))} (rule {txt(r.get('rule'))}{conf_txt})."
    )
    where = {"ref": txt(r.get("patient")), "column": txt(r.get("column")), "quote": raw_row or txt(r.get("raw"))}
    return finding(r, Check.OCR_REPAIR, Severity.INFO, msg, table=out_table or "repairs", **where)
