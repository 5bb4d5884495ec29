"""CSV, Parquet and DuckDB built from the store's shards, streaming, then renamed into place together.

DuckDB reads every study's shard of a table (``read_parquet`` over the manifests' file list) into
a new database file beside the old one; each CSV is a ``COPY`` out of it and each Parquet file is
written batch by batch, so no table is ever held whole in Python. Nothing replaces an earlier file
until every new one is complete: a full disk, a crash or Ctrl-C leaves the previous outputs whole.

One rule for missing values: in Parquet and DuckDB a missing value is NULL whatever the column's
type (an empty text is missing, like an empty number); CSV writes NULL as an empty cell.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from evidex.output.atomic import commit_all, output_error
from evidex.output.store import Store

DB_NAME = "evidex.duckdb"
BATCH_ROWS = 50_000
MEMORY_LIMIT = "512MB"  # DuckDB spills past this (to .store/tmp), so a big store does not mean a big process


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _files_sql(files: list[Path]) -> str:
    return "[" + ",".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"


def _load_table(con: Any, table: str, template: pd.DataFrame, files: list[Path]) -> None:
    """The template's typed columns, then every shard's rows in study order; empty text becomes NULL."""
    con.register("tpl", template)
    src = "SELECT *, NULL::VARCHAR AS __file, NULL::BIGINT AS __row FROM tpl"
    if files:
        shards = (f"SELECT * EXCLUDE (filename, file_row_number), filename AS __file, file_row_number AS __row "
                  f"FROM read_parquet({_files_sql(files)}, union_by_name = true, filename = true, "
                  f"file_row_number = true)")  # fmt: skip
        src = f"{src} UNION ALL BY NAME {shards}"
    con.execute(f"CREATE TEMP VIEW src AS {src}")
    cols = [(r[0], r[1]) for r in con.execute("DESCRIBE src").fetchall() if r[0] not in ("__file", "__row")]
    select = ", ".join(f"NULLIF({_q(c)}, '') AS {_q(c)}" if t == "VARCHAR" else _q(c) for c, t in cols)
    con.execute(f"CREATE TABLE {_q(table)} AS SELECT {select} FROM src ORDER BY __file, __row")
    con.execute("DROP VIEW src")
    con.unregister("tpl")


def _parquet_schema(con: Any, table: str, template: pd.DataFrame) -> Any:
    """The template's Arrow schema with pandas metadata (so pandas reads Int64/boolean back), extras as text."""
    import pyarrow as pa

    names = list(con.sql(f"SELECT * FROM {_q(table)} LIMIT 0").columns)  # DESCRIBE "tables" lists tables
    frame = template.copy()
    for extra in names:
        if extra not in frame.columns:
            frame[extra] = pd.Series(dtype="string")
    return pa.Schema.from_pandas(frame[names], preserve_index=False)


def _write_parquet(con: Any, table: str, template: pd.DataFrame, path: Path) -> None:
    import pyarrow.parquet as pq

    schema = _parquet_schema(con, table, template)
    reader = con.sql(f"SELECT * FROM {_q(table)}").to_arrow_reader(BATCH_ROWS)
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in reader:
            writer.write_batch(batch.cast(schema))


def _write_csv(con: Any, table: str, path: Path) -> None:
    con.execute(f"COPY {_q(table)} TO '{str(path).replace(chr(39), chr(39) * 2)}' (HEADER, DELIMITER ',')")


class _Build:
    """The writers ``commit_all`` runs in order: the database first, then every file read out of it."""

    def __init__(self, store: Store, templates: dict[str, pd.DataFrame]) -> None:
        self.store, self.templates = store, templates
        self.con: Any = None

    def database(self, path: Path) -> None:
        import duckdb

        self.con = duckdb.connect(str(path))
        tmp = self.store.root / "tmp"
        self.con.execute(f"SET python_enable_replacements = false; SET memory_limit = '{MEMORY_LIMIT}'; "
                         f"SET threads = 2; "
                         f"SET temp_directory = '{str(tmp).replace(chr(39), chr(39) * 2)}'")  # fmt: skip
        for table, template in self.templates.items():
            _load_table(self.con, table, template, self.store.shard_files(table))
        self.con.execute("CHECKPOINT")

    def writers(self) -> dict[Path, Callable[[Path], None]]:
        out: dict[Path, Callable[[Path], None]] = {self.store.dir / DB_NAME: self.database}
        for table, template in self.templates.items():
            out[self.store.dir / f"{table}.csv"] = partial(self.csv, table)
            out[self.store.dir / f"{table}.parquet"] = partial(self.parquet, table, template)
        return out

    def csv(self, table: str, path: Path) -> None:
        _write_csv(self.con, table, path)

    def parquet(self, table: str, template: pd.DataFrame, path: Path) -> None:
        _write_parquet(self.con, table, template, path)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def build_outputs(store: Store, templates: dict[str, pd.DataFrame]) -> None:
    """Every table of the store as CSV, Parquet and one DuckDB file in ``store.dir``, all or nothing."""
    import duckdb

    job = _Build(store, templates)
    try:
        commit_all(job.writers(), before_rename=job.close)
    except (OSError, duckdb.Error) as exc:
        raise output_error(store.dir, exc, "write the output files") from None
    finally:
        job.close()
