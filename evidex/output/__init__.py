"""Output stage: each study committed to DIR/.store as it finishes (store.py); CSV, Parquet and DuckDB
built from the store at the end of a run (build.py); the review page built from the database (report/)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidex.output.build import DB_NAME, build_outputs
from evidex.output.store import Manifest, Store, read_manifests

__all__ = [
    "DB_NAME", "Manifest", "Store", "build_outputs", "export", "publish", "read_manifests", "write", "write_review",
]


def write_review(out_dir: Path) -> Path:
    """report.html (and one page per study) from DIR/evidex.duckdb."""
    from evidex.output import report

    return report.build(out_dir)


def publish(store: Store, templates: dict[str, pd.DataFrame]) -> None:
    """Every output file of ``store.dir`` from the store's shards (the caller holds the store's lock)."""
    build_outputs(store, templates)
    write_review(store.dir)


def export(out_dir: Path, templates: dict[str, pd.DataFrame]) -> None:
    """Rebuild every output file of ``out_dir`` from its store (``evidex export``), taking turns with runs."""
    with Store(out_dir) as store:
        store.clean()
        publish(store, templates)


def write(out_dir: Path, studies: list[dict[str, pd.DataFrame]], templates: dict[str, pd.DataFrame]) -> None:
    """Commit these studies' frames (replacing their earlier rows) and rebuild the output files.

    ``templates`` gives each table's empty, typed frame so a table with no rows still carries its columns.
    """
    with Store(out_dir) as store:
        store.clean()
        for frames in studies:
            row = frames["studies"].iloc[0]
            manifest = Manifest(study_id=str(row["study_id"]), sha256="", path=str(row.get("path") or ""),
                                source=str(row["source"]), status=str(row["status"]), evidex_version="",
                                options_key="")  # fmt: skip
            store.commit(frames, manifest)
        publish(store, templates)
