"""report.html: the reviewer's page — per study, what to look at first, then the rows with their quotes."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from evidex.output.atomic import atomic_write

_EVIDENCE_COLS = ["arm", "arm_label", "subgroup", "domain", "outcome", "grade", "timepoint_months", "statistic",
                  "events", "total", "value", "unit", "spread", "low", "high", "spread_value", "p_operator",
                  "p_value", "section", "page", "quote"]  # fmt: skip
_PROV_COLS = {"method", "from_ocr", "char_start", "char_end", "x0", "top", "x1", "bottom",
              "source_table", "source_row", "source_col", "raw"}  # fmt: skip
_FINDING_COLS = ["severity", "check", "message", "page", "quote"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:12px}
td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3;position:sticky;top:0}
tr.error td:first-child{background:#f8d7da}tr.warning td:first-child{background:#fff3cd}
tr.info td:first-child{background:#d1ecf1}
td.quote{max-width:520px;color:#444}.meta{color:#666}
"""


def _cell(v: object) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):  # type: ignore[call-overload]
        return ""
    return html.escape(str(v))


def _table(frame: pd.DataFrame, cols: list[str], row_class: str | None = None) -> str:
    cols = [c for c in cols if c in frame.columns]
    if frame.empty:
        return '<p class="meta">none</p>'
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    rows = []
    for _, r in frame.iterrows():
        cls = f' class="{_cell(r[row_class])}"' if row_class else ""
        tds = "".join(f'<td class="{"quote" if c == "quote" else ""}">{_cell(r[c])}</td>' for c in cols)
        rows.append(f"<tr{cls}>{tds}</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _study(sid: str, merged: dict[str, pd.DataFrame]) -> str:
    def of(name: str) -> pd.DataFrame:
        f = merged[name]
        return f[f["study_id"] == sid]

    st = of("studies").iloc[0]
    findings = of("findings").copy()
    findings["_o"] = findings["severity"].map(_SEVERITY_ORDER).fillna(3)
    findings = findings.sort_values(["_o", "page"], kind="stable")
    counts = findings["severity"].value_counts().to_dict()
    meta = (f"{_cell(st['source'])} · study_id {sid} · {_cell(st['kind'])} · pages {_cell(st['pages'])} · "
            f"OCR pages {_cell(st['ocr_pages'])} · status {_cell(st['status'])} {_cell(st['error'])}")  # fmt: skip
    parts = [
        f'<h2 id="{sid}">{_cell(st["title"]) or _cell(st["source"])}</h2><p class="meta">{meta}</p>',
        f"<h3>Findings ({counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"{counts.get('info', 0)} info)</h3>",
        _table(findings, _FINDING_COLS, "severity"),
        f"<h3>Evidence ({len(of('evidence'))} rows)</h3>",
        _table(of("evidence"), _EVIDENCE_COLS),
    ]
    for name in ("patients", "transplants", "repairs"):
        frame = of(name)
        if not frame.empty:
            cols = [c for c in frame.columns if c not in ("study_id",) and not frame[c].isna().all()]
            cols = [c for c in cols if c not in _PROV_COLS]
            parts += [f"<h3>{name.capitalize()} ({len(frame)} rows)</h3>", _table(frame, cols)]
    return "\n".join(parts)


def render(merged: dict[str, pd.DataFrame]) -> str:
    studies = merged["studies"]
    index = "".join(
        f'<li><a href="#{_cell(r.study_id)}">{_cell(r.source)}</a> — {_cell(r.status)}</li>'
        for r in studies.itertuples()
    )
    body = "\n".join(_study(sid, merged) for sid in studies["study_id"])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>evidex review</title><style>{_CSS}</style>"
        f"</head><body><h1>evidex review — {len(studies)} studies</h1><ul>{index}</ul>{body}</body></html>"
    )


def write_report(path: Path, merged: dict[str, pd.DataFrame]) -> None:
    text = render(merged)

    def write(p: Path) -> None:
        p.write_text(text, encoding="utf-8")

    atomic_write(path, write)
