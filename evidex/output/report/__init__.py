"""The review page: DIR/report.html (one row per study) and DIR/report/<study_id>.html (one page per study).

``build(out_dir)`` reads the finished tables from DIR/evidex.duckdb through one read-only connection and
queries one study at a time, so a run of any size is rendered with one study in memory. Crops of the PDF
pages around each value go to DIR/report/crops/<study_id>/ and are reused by later builds.
"""

from __future__ import annotations

import json
from pathlib import Path

from evidex import __version__
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
    before = _fingerprints(report_dir)
    after: dict[str, dict[str, object]] = {}
    with Database(db_path) as db:
        rows = db.index()
        ids = [str(r["study_id"]) for r in rows]
        for i, row in enumerate(rows):
            prev = ids[i - 1] if i > 0 else ""
            next_ = ids[i + 1] if i + 1 < len(ids) else ""
            target = report_dir / f"{ids[i]}.html"
            fp = _fingerprint(out_dir, ids[i], prev, next_)
            old = before.get(ids[i]) or {}
            if fp and old.get("fp") == fp and target.is_file():  # made from these rows: keep the page
                after[ids[i]] = old
                crops = old.get("crops")
                _prune(report_dir / "crops" / ids[i], {str(c) for c in crops} if isinstance(crops, list) else set())
                continue
            page, cropper = study_page(db, row, report_dir / "crops")
            write_text(target, render_study(env, page, prev, next_))
            cropper.prune()
            after[ids[i]] = {"fp": fp, "crops": sorted(cropper.used)}
        index = out_dir / "report.html"
        write_text(index, render_index(env, out_dir, rows))
    write_text(report_dir / _FINGERPRINTS, json.dumps(after, sort_keys=True))
    return index


_FINGERPRINTS = ".pages.json"


def _prune(crop_dir: Path, used: set[str]) -> None:
    if crop_dir.is_dir():
        for old in crop_dir.glob("*.png"):
            if old.name not in used:
                old.unlink()


def _fingerprints(report_dir: Path) -> dict[str, dict[str, object]]:
    try:
        got = json.loads((report_dir / _FINGERPRINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return got if isinstance(got, dict) else {}


def _fingerprint(out_dir: Path, study_id: str, prev: str, next_: str) -> str:
    """What a study page is made of: the store's commit of the study (its ``gen``), the pages it links to and the
    evidex version; empty when the study has no manifest (then the page is always rebuilt)."""
    manifest = out_dir / ".store" / "manifests" / f"{study_id}.json"
    try:
        gen = json.loads(manifest.read_text(encoding="utf-8")).get("gen", "")
    except (OSError, ValueError):
        return ""
    return f"{gen}:{prev}:{next_}:{__version__}" if gen else ""
