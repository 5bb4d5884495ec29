"""Output stage: merge one run's frames into DIR as CSV, Parquet, DuckDB and a review page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidex.output.report import write_report
from evidex.output.store import Store


def write(out_dir: Path, studies: list[dict[str, pd.DataFrame]], templates: dict[str, pd.DataFrame]) -> None:
    """Replace the rows of these studies in every table of ``out_dir``; other studies stay untouched.

    ``templates`` gives each table's empty, typed frame so a table with no rows
    still carries its columns.
    """
    with Store(out_dir) as store:
        merged = store.merge(studies, templates)
        store.write_all(merged)
        write_report(out_dir / "report.html", merged)
