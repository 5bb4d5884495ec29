"""DIR/.store: each finished study committed on its own, the moment it is done.

Layout (docs/batch.md)::

    DIR/.evidex.lock                      two runs into one folder take turns
    DIR/.store/<table>/<sid>.<gen>.parquet one shard per study and non-empty table
    DIR/.store/manifests/<sid>.json        the commit record: hash, version, options key, gen, rows
    DIR/.store/tmp/                        shards and manifests being written

A study's shards are written under ``tmp/`` with a fresh generation token, renamed into place,
and only then is its manifest renamed over the old one: that rename is the commit. Readers take
the shard list from the manifests, so a half-committed study is invisible, and ``clean`` removes
whatever an interrupted commit left behind (shards no manifest names, temp files).
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

import pandas as pd

from evidex.models import OutputError
from evidex.output.atomic import clean_temps, fsync_file, output_error

STORE = ".store"
LOCK = ".evidex.lock"
MANIFESTS = "manifests"
PROBE_BYTES = 1 << 20  # written and removed before any paper is read: a full or read-only disk fails at once


@dataclass(frozen=True)
class Manifest:
    study_id: str
    sha256: str
    path: str
    source: str
    status: str
    evidex_version: str
    options_key: str
    gen: str = ""
    tables: dict[str, int] = field(default_factory=dict)  # rows per table that has a shard
    error: str = ""  # the one line a failed or partial study printed
    retry: bool = False  # failed because of the run (time limit, worker died), not the file: redo it next time

    def shard(self, root: Path, table: str) -> Path:
        return root / table / f"{self.study_id}.{self.gen}.parquet"


class Store:
    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir
        self.root = out_dir / STORE
        self._lock_fh: IO[str] | None = None
        self._manifests: dict[str, Manifest] | None = None  # read once, kept in step with every commit

    def __enter__(self) -> Store:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._lock_fh = open(self.dir / LOCK, "w")  # noqa: SIM115 - held for the whole run
            fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_EX)  # two runs into one folder take turns
            (self.root / "tmp").mkdir(parents=True, exist_ok=True)
            (self.root / MANIFESTS).mkdir(exist_ok=True)
        except OSError as exc:
            self.__exit__(None, None, None)
            raise output_error(self.dir, exc) from None
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None

    def probe(self) -> None:
        """Fail now, not after hours of reading, when the folder cannot take a write."""
        probe = self.root / "tmp" / f".probe-{uuid.uuid4().hex}.tmp"
        try:
            with open(probe, "wb") as fh:
                fh.write(b"\0" * PROBE_BYTES)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise output_error(self.dir, exc) from None
        finally:
            probe.unlink(missing_ok=True)

    def manifests(self) -> dict[str, Manifest]:
        if self._manifests is None:
            self._manifests = self._read_manifests()
        return self._manifests

    def _read_manifests(self) -> dict[str, Manifest]:
        out = {}
        for p in sorted((self.root / MANIFESTS).glob("*.json")):
            try:
                m = Manifest(**json.loads(p.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                continue  # unreadable record: the study is redone
            out[m.study_id] = m
        return out

    def clean(self) -> int:
        """Remove temp files and shards no manifest names (left by an interrupted run); how many went."""
        n = clean_temps(self.dir)
        for p in (self.root / "tmp").iterdir():
            p.unlink(missing_ok=True)
            n += 1
        wanted = {m.shard(self.root, t) for m in self.manifests().values() for t in m.tables}
        for table_dir in self.root.iterdir():
            if table_dir.is_dir() and table_dir.name not in (MANIFESTS, "tmp"):
                for p in table_dir.glob("*.parquet"):
                    if p not in wanted:
                        p.unlink(missing_ok=True)
                        n += 1
        return n

    def commit(self, frames: dict[str, pd.DataFrame], manifest: Manifest) -> Manifest:
        """Shards first, manifest last (the commit), then the previous generation goes."""
        old = self.manifests().get(manifest.study_id)
        gen = uuid.uuid4().hex[:12]
        tables = {t: len(f) for t, f in frames.items() if len(f)}
        new = Manifest(**{**asdict(manifest), "gen": gen, "tables": tables})
        try:
            for table in tables:
                self._put(new.shard(self.root, table), lambda p, f=frames[table]: f.to_parquet(p, index=False))
            text = json.dumps(asdict(new), sort_keys=True)
            self._put(self._manifest_path(new.study_id), lambda p: p.write_text(text, encoding="utf-8"))
        except OSError as exc:
            raise output_error(self.dir, exc, f"save {manifest.source}") from None
        self.manifests()[new.study_id] = new
        if old is not None and old.gen != gen:
            self._drop_shards(old)
        return new

    def remove(self, study_id: str) -> None:
        old = self.manifests().pop(study_id, None)
        self._manifest_path(study_id).unlink(missing_ok=True)  # uncommitted first, then the shards
        if old is not None:
            self._drop_shards(old)

    def shard_files(self, table: str) -> list[Path]:
        """This table's shards, in study_id order."""
        return [m.shard(self.root, table) for _, m in sorted(self.manifests().items()) if table in m.tables]

    def _manifest_path(self, study_id: str) -> Path:
        return self.root / MANIFESTS / f"{study_id}.json"

    def _put(self, target: Path, write) -> None:  # type: ignore[no-untyped-def]
        tmp = self.root / "tmp" / f"{target.parent.name}.{target.name}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            write(tmp)
            fsync_file(tmp)
            target.parent.mkdir(exist_ok=True)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)

    def _drop_shards(self, m: Manifest) -> None:
        for table in m.tables:
            m.shard(self.root, table).unlink(missing_ok=True)


def read_manifests(out_dir: Path) -> dict[str, Manifest]:
    """The committed studies of ``out_dir`` (empty when it holds no store)."""
    store = Store(out_dir)
    return store.manifests() if (store.root / MANIFESTS).is_dir() else {}


__all__ = ["Manifest", "OutputError", "Store", "read_manifests"]
