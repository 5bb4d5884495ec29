"""The review page: DIR/report.html (one row per study) and DIR/report/<study_id>.html (one page per study).

``build(out_dir)`` reads the finished tables from DIR/evidex.duckdb through one read-only connection and
queries one study at a time, so a run of any size is rendered with one study in memory. Crops of the PDF
pages around each value go to DIR/report/crops/<study_id>/ and are reused by later builds.
"""

from __future__ import annotations

from pathlib import Path

from evidex.models import OutputError
from evidex.output.report.db import Database
from evidex.output.report.pages import copy_static, environment, render_index, render_study, write_text
from evidex.output.report.study import study_page

__all__ = ["build"]

DB_NAME = "evidex.duckdb"


def build(out_dir: Path) -> Path:
    """Write DIR/report.html and DIR/report/<study_id>.html from DIR/evidex.duckdb; return the index's path."""
    db_path = out_dir / DB_NAME
    if not db_path.is_file():
        raise OutputError(f"no {DB_NAME} in {out_dir}: run evidex on some inputs first")
    report_dir = out_dir / "report"
    report_dir.mkdir(parents=True, exist_ok=True)
    copy_static(report_dir)
    env = environment()
    with Database(db_path) as db:
        rows = db.index()
        ids = [str(r["study_id"]) for r in rows]
        for i, row in enumerate(rows):
            page, cropper = study_page(db, row, report_dir / "crops")
            prev = ids[i - 1] if i > 0 else ""
            next_ = ids[i + 1] if i + 1 < len(ids) else ""
            write_text(report_dir / f"{ids[i]}.html", render_study(env, page, prev, next_))
            cropper.prune()
        index = out_dir / "report.html"
        write_text(index, render_index(env, out_dir, rows))
    return index
