"""The output folder as a store keyed by study_id: merge, then write every format atomically."""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import IO

import pandas as pd

from evidex.models import OutputError
from evidex.output.atomic import commit_all

DB_NAME = "evidex.duckdb"


class Store:
    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir
        self._lock_fh: IO[str] | None = None

    def __enter__(self) -> Store:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._lock_fh = open(self.dir / ".evidex.lock", "w")  # noqa: SIM115 - held for the whole run
        except OSError as exc:
            raise OutputError(f"cannot write to {self.dir}: {exc.strerror or exc}") from None
        fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_EX)  # two runs into one folder take turns
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()

    def existing(self, table: str) -> pd.DataFrame | None:
        path = self.dir / f"{table}.parquet"
        if not path.exists():
            return None
        try:
            return pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises many types for a damaged file
            raise OutputError(
                f"{path} exists but cannot be read ({type(exc).__name__}); move it away and run again"
            ) from None

    def merge(
        self, studies: list[dict[str, pd.DataFrame]], templates: dict[str, pd.DataFrame]
    ) -> dict[str, pd.DataFrame]:
        ids = {sid for s in studies for sid in s["studies"]["study_id"].dropna()}
        merged = {}
        for table, template in templates.items():
            parts = [template]
            old = self.existing(table)
            if old is not None and "study_id" in old.columns:
                parts.append(old[~old["study_id"].isin(ids)])
            parts.extend(s[table] for s in studies if table in s)
            frame = pd.concat([p for p in parts if len(p.columns)], ignore_index=True)
            frame = frame.astype({c: t for c, t in template.dtypes.items()})
            merged[table] = frame.sort_values("study_id", kind="stable").reset_index(drop=True)
        return merged

    def write_all(self, merged: dict[str, pd.DataFrame]) -> None:
        """Every file is written in full beside its target first; only then are they renamed into place."""
        writers: dict[Path, Callable[[Path], None]] = {}
        for table, frame in merged.items():
            writers[self.dir / f"{table}.csv"] = partial(_write_csv, frame)
            writers[self.dir / f"{table}.parquet"] = partial(_write_parquet, frame)
        writers[self.dir / DB_NAME] = partial(_duckdb_at, merged)
        commit_all(writers)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    _csv(frame).to_csv(path, index=False)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _duckdb_at(merged: dict[str, pd.DataFrame], path: Path) -> None:
    _duckdb(path, merged)


def _csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as true/false, as the contract's data dictionary writes them."""
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype) == "boolean":
            out[col] = out[col].map({True: "true", False: "false"}).astype("string")
    return out


def _duckdb(path: Path, merged: dict[str, pd.DataFrame]) -> None:
    import duckdb

    con = duckdb.connect(str(path))
    try:
        for table, frame in merged.items():
            con.register("frame_src", frame)
            con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM frame_src')
            con.unregister("frame_src")
    finally:
        con.close()
