"""A batch: inputs checked -> output folder locked, probed, cleaned -> plan (resume) -> executor ->
each finished study committed to the store -> CSV / Parquet / DuckDB / review page built from the store.

Memory stays flat with the number of papers: a study's frames live from the moment its worker
returns them until they are committed, and the summary keeps one small record per paper.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Protocol

import pandas as pd

from evidex import __version__, frames, inputs, output, pipeline
from evidex.executors import Event, Executor
from evidex.models import ErrorItem, RunOptions
from evidex.output import Manifest, Store
from evidex.pipeline import Outcome, Task

LOG_NAME = "evidex.log"
DEFAULT_TIMEOUT = 600.0


@dataclass(frozen=True)
class Record:
    """One paper of the summary (no frames: those are in the store)."""

    path: str
    study_id: str
    status: str  # ok | partial | failed
    error: str = ""
    skipped: bool = False  # unchanged since an earlier run: not processed again
    pages: int = 0
    warnings: int = 0


@dataclass
class Summary:
    records: list[Record] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    removed: int = 0  # older studies of the same path replaced (a fixed or edited file)
    out_dir: Path = Path(".")

    def count(self, status: str, skipped: bool | None = None) -> int:
        return sum(1 for r in self.records if r.status == status and (skipped is None or r.skipped == skipped))

    @property
    def processed(self) -> list[Record]:
        return [r for r in self.records if not r.skipped]

    @property
    def skipped(self) -> int:
        return sum(r.skipped for r in self.records)

    @property
    def failed(self) -> list[Record]:
        return [r for r in self.records if r.status == "failed"]

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.records)

    @property
    def per_minute(self) -> float:
        return len(self.processed) * 60.0 / self.seconds if self.seconds > 0 else 0.0


class Progress(Protocol):
    def begin(self, total: int, skipped: int) -> None: ...

    def started(self, path: str) -> None: ...

    def finished(self, record: Record) -> None: ...

    def close(self) -> None: ...


@dataclass
class _Plan:
    tasks: list[Task] = field(default_factory=list)
    refused: list[tuple[Task, str]] = field(default_factory=list)
    skipped: list[Record] = field(default_factory=list)


def _plan(found: inputs.Collected, manifests: dict[str, Manifest], options: RunOptions, force: bool) -> _Plan:
    plan = _Plan()
    for inp in found.inputs:
        path, given = os.path.abspath(inp.path), str(inp.path)
        if inp.problem:
            plan.refused.append((Task(path, pipeline.unreadable_id(given), shown=given), inp.problem))
            continue
        task = Task(path, inp.sha256[:12], inp.sha256, pipeline.options_key(options, path), given)
        m = manifests.get(task.study_id)
        same = m is not None and (m.sha256, m.evidex_version, m.options_key) == (task.sha256, __version__,
                                                                                  task.options_key)  # fmt: skip
        if same and not force and m is not None and not m.retry:
            plan.skipped.append(Record(given, task.study_id, m.status, m.error, skipped=True))
        else:
            plan.tasks.append(task)
    return plan


@contextlib.contextmanager
def _log_to(log: IO[str]) -> Iterator[None]:
    """The batch process's own library chatter (dask, warnings) goes to the log too."""
    root = logging.getLogger()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    saved, level = root.handlers[:], root.level
    root.handlers, root.level = [handler], logging.WARNING
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.handlers, root.level = saved, level


class _Committer:
    """Commits each outcome to the store, replaces older studies of the same path, writes the log."""

    def __init__(self, store: Store, log: IO[str]) -> None:
        self.store, self.log = store, log
        self.by_path: dict[str, set[str]] = {}
        for m in store.manifests().values():
            self.by_path.setdefault(m.path, set()).add(m.study_id)
        self.removed = 0

    def commit(self, o: Outcome) -> Record:
        key, given = o.path, o.task.shown or o.path
        manifest = Manifest(study_id=o.study_id, sha256=o.task.sha256, path=key, source=Path(o.path).name,
                            status=o.status, evidex_version=__version__, options_key=o.task.options_key,
                            error=o.error, retry=any(e.component == "executor" for e in o.errors))  # fmt: skip
        self.store.commit(o.frames, manifest)
        for old in self.by_path.get(key, set()) - {o.study_id}:
            self.store.remove(old)
            self.removed += 1
        self.by_path[key] = {o.study_id}
        for line in o.log:
            self.log.write(f"{inputs.shown(given)}: {line}\n")
        for e in o.errors:
            self.log.write(f"{inputs.shown(given)}: {o.status}: {e}\n")
        self.log.flush()
        return Record(given, o.study_id, o.status, o.error, pages=o.pages, warnings=len(o.log))


def templates() -> dict[str, pd.DataFrame]:
    return {t: frames.empty(t) for t in frames.TABLES}


def run(
    items: Iterable[str],
    out_dir: Path,
    options: RunOptions,
    make_executor: Callable[[], Executor],
    timeout: float = DEFAULT_TIMEOUT,
    force: bool = False,
    progress: Progress | None = None,
    ocr_cores: int = 1,
) -> Summary:
    """Process every input not already in ``out_dir``'s store, then rebuild the output files from it.

    ``ocr_cores``: cores this machine may use; when there are fewer documents than cores, the spare
    ones OCR a document's pages in parallel (``RunOptions.ocr_workers``).
    """
    start = time.monotonic()
    summary = Summary(out_dir=out_dir)
    found = inputs.collect(items, pipeline.INPUT_SUFFIXES)
    summary.notes += found.notes
    summary.notes += [f"{inputs.shown(a)}: same bytes as {inputs.shown(b)}; read once" for a, b in found.duplicates]
    with Store(out_dir) as store:
        store.probe()
        store.clean()
        plan = _plan(found, store.manifests(), options, force)
        if plan.tasks and ocr_cores > len(plan.tasks):
            options = replace(options, ocr_workers=max(options.ocr_workers, ocr_cores // len(plan.tasks)))
        summary.records += plan.skipped
        with open(out_dir / LOG_NAME, "a", encoding="utf-8") as log, _log_to(log):
            log.write(f"== evidex {__version__} run, {time.strftime('%Y-%m-%d %H:%M:%S')} ==\n")
            committer = _Committer(store, log)
            for task, problem in plan.refused:
                outcome = pipeline.failed_outcome(task, ErrorItem("input", None, problem))
                summary.records.append(committer.commit(outcome))
            if progress is not None:
                progress.begin(len(plan.tasks), len(plan.skipped))
            if plan.tasks:
                for record in _execute(plan.tasks, options, make_executor, timeout, committer, progress):
                    summary.records.append(record)
            summary.removed = committer.removed
            if progress is not None:
                progress.close()
            output.build_outputs(store, templates())
            _review(out_dir, summary, options.strict)
    summary.seconds = time.monotonic() - start
    return summary


def _review(out_dir: Path, summary: Summary, strict: bool) -> None:
    """The review page; a bug there is reported, not a lost run (the tables are already written)."""
    try:
        output.write_review(out_dir)
    except Exception as exc:
        if strict:
            raise
        logging.getLogger("evidex").exception("review page")
        summary.notes.append(f"the review page could not be built ({type(exc).__name__}: {exc}); "
                             f"the tables are written; details in {out_dir / LOG_NAME}")  # fmt: skip


def _execute(
    tasks: list[Task], options: RunOptions, make_executor: Callable[[], Executor], timeout: float,
    committer: _Committer, progress: Progress | None,
) -> Iterator[Record]:  # fmt: skip
    executor = make_executor()
    try:
        event: Event
        for event in executor.run(tasks, options, timeout):
            if event.kind == "start":
                if progress is not None:
                    progress.started(event.task.shown or event.task.path)
                continue
            assert event.outcome is not None
            record = committer.commit(event.outcome)
            if progress is not None:
                progress.finished(record)
            yield record
    finally:
        executor.close()
