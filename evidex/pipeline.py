"""The ordered stages for one document: extract -> evidence (normalize injected) -> frames -> validate.

``process`` and ``finish`` are pure: everything they need comes in as arguments (no environment
reads, no pools), so any executor can call them anywhere (evidex.executors). Every stage runs
inside a guard: an exception becomes an ``ErrorItem`` naming the component (and page when the
exception knows it) and the document's status becomes ``failed`` (nothing read) or ``partial``
(read, but a component failed); the batch goes on. ``raise_bugs`` (tests, EVIDEX_STRICT=1)
lets bugs raise instead.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from evidex import __version__, capture, evidence, extract, frames, normalize, validate
from evidex.codes import Check, Severity
from evidex.models import (
    Document,
    ErrorItem,
    Evidence,
    EvidenceBundle,
    Finding,
    InputError,
    RunOptions,
    Study,
    StudyResult,
)

INPUT_SUFFIXES = extract.TEXT_SUFFIXES + extract.PDF_SUFFIXES
Frames = dict[str, pd.DataFrame]
MAX_MESSAGE = 300  # characters of an exception's text kept in an error line


@dataclass(frozen=True)
class Engines:
    """Heavy objects a worker loads once and hands to every document it processes."""

    normalizer: normalize.Matcher


@lru_cache(maxsize=1)
def default_engines() -> Engines:
    return Engines(normalizer=normalize.load())


def warm() -> Engines:
    """Load what every document needs (vocabularies, the validate stage's schema library) once, in a process
    whose forked workers then share it instead of each importing it again."""
    engines = default_engines()
    row = Evidence("warm", "all", "CR", "proportion", events=1, total=2, value=50.0)
    validate.validate(frames.study_frames(StudyResult(Study("warm", "warm"), bundle=EvidenceBundle((row,)))))
    return engines


@dataclass(frozen=True)
class Task:
    """One input to process, as the batch planned it (hash computed once, by the parent)."""

    path: str  # absolute: workers on other machines or in other folders read it
    study_id: str
    sha256: str = ""
    options_key: str = ""
    shown: str = ""  # the path as the user gave it, for messages and studies.path


@dataclass(frozen=True)
class Outcome:
    """What one document produced: its frames, status, errors and the library chatter it caused."""

    task: Task
    frames: Frames
    status: str  # ok | partial | failed
    errors: tuple[ErrorItem, ...] = ()
    log: tuple[str, ...] = ()
    pages: int = 0
    seconds: float = 0.0

    @property
    def path(self) -> str:
        return self.task.path

    @property
    def study_id(self) -> str:
        return self.task.study_id

    @property
    def error(self) -> str:
        """The one line a user reads on stderr."""
        return "; ".join(e.message if e.component in ("extract", "input") else str(e) for e in self.errors)


def study_id_for(path: Path) -> str:
    """First 12 hex digits of the sha256 of the file's bytes (of its path when it cannot be read)."""
    try:
        data = path.read_bytes() if path.is_file() else b""
    except OSError:
        data = b""
    return hashlib.sha256(data or f"unreadable:{path}".encode()).hexdigest()[:12]


def unreadable_id(path: str) -> str:
    """The study id of an input that could not be read at all (no bytes to hash)."""
    return hashlib.sha256(f"unreadable:{path}".encode()).hexdigest()[:12]


def options_key(options: RunOptions, path: str) -> str:
    """What of the options can change this input's rows: OCR settings matter for PDFs only."""
    relevant = {}
    if Path(path).suffix.lower() not in extract.TEXT_SUFFIXES:
        relevant = {"ocr": options.ocr, "ocr_dpi": options.ocr_dpi, "ocr_lang": options.ocr_lang}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:12]


def internal(component: str, exc: BaseException) -> ErrorItem:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())[:MAX_MESSAGE]
    page = getattr(exc, "page", None)
    return ErrorItem(component, page if isinstance(page, int) else None, f"internal error {text} (please report it)")


def failed_result(path: Path, sid: str, error: ErrorItem) -> StudyResult:
    reason = error.message if error.component in ("extract", "input") else str(error)
    study = Study(study_id=sid, source=path.name, status="failed", error=reason, path=str(path),
                  evidex_version=__version__, errors=str(error))  # fmt: skip
    finding = Finding(sid, Check.INPUT_ERROR, Severity.ERROR, f"{path.name} could not be read: {reason}.",
                      page=error.page, stage=error.component, table="studies")  # fmt: skip
    return StudyResult(study=study, findings=(finding,), errors=(error,))


def _study(doc: Document, sid: str, path: Path, errors: list[ErrorItem], design: str = "") -> Study:
    bib = doc.bibliography
    return Study(
        study_id=sid, source=doc.source, title=bib.title or doc.title, first_author=bib.first_author,
        authors=";".join(bib.authors), year=bib.year, journal=bib.journal, doi=bib.doi,
        registration=";".join(bib.registration), label=" ".join(str(x) for x in (bib.first_author, bib.year) if x),
        pages=len(doc.pages) or None, ocr_pages=sum(1 for p in doc.pages if p.ocr), kind=doc.kind, path=str(path),
        n_tables=len(doc.tables), evidex_version=__version__,
        status="partial" if errors else "ok", errors=";".join(map(str, errors)), design=design,
    )  # fmt: skip


def _error_findings(sid: str, errors: list[ErrorItem]) -> tuple[Finding, ...]:
    return tuple(
        Finding(sid, Check.INPUT_ERROR, Severity.WARNING, f"part of the document could not be read: {e}",
                page=e.page, stage=e.component, table="studies")
        for e in errors
    )  # fmt: skip


def process(
    path: Path, options: RunOptions, engines: Engines, study_id: str | None = None, raise_bugs: bool | None = None
) -> StudyResult:
    """Extract and evidence for one file: ``ok``, ``partial`` (evidence failed) or ``failed`` (unreadable)."""
    strict = options.strict if raise_bugs is None else raise_bugs
    sid = study_id or study_id_for(path)
    try:
        doc = extract.extract(path, sid, options)
    except InputError as exc:
        return failed_result(path, sid, ErrorItem("extract", getattr(exc, "page", None), str(exc)))
    except Exception as exc:
        if strict:
            raise
        return failed_result(path, sid, internal("extract", exc))
    errors = list(doc.errors)
    recorder = normalize.Recorder(engines.normalizer, sid)
    try:
        bundle = evidence.build(doc, recorder)
    except Exception as exc:
        if strict:
            raise
        errors.append(internal("evidence", exc))
        bundle = EvidenceBundle()
    warnings = tuple(Finding(sid, Check.EXTRACT_WARNING, Severity.WARNING, w, stage="extract") for w in doc.warnings)
    study = _study(doc, sid, path, errors, bundle.design)
    return StudyResult(study=study, document=doc, bundle=bundle, terms=recorder.terms,
                       findings=warnings + _error_findings(sid, errors), errors=tuple(errors))  # fmt: skip


def _with_error(result: StudyResult, error: ErrorItem) -> StudyResult:
    errors = (*result.errors, error)
    study = replace(result.study, status="partial", errors=";".join(map(str, errors)))
    return replace(result, study=study, errors=errors)


def finish(result: StudyResult, raise_bugs: bool = False) -> tuple[StudyResult, Frames]:
    """The output tables of one study, validate's findings included; a failing step is this study's error."""
    try:
        out = frames.study_frames(result)
    except Exception as exc:
        if raise_bugs:
            raise
        study = result.study
        result = failed_result(Path(study.path or study.source), study.study_id, internal("frames", exc))
        return result, frames.study_frames(result)
    if result.document is None:
        return result, out
    try:
        found = validate.validate(out)
    except Exception as exc:
        if raise_bugs:
            raise
        result = _with_error(result, internal("validate", exc))
        out["studies"] = frames.study_frames(replace(result, document=None, bundle=EvidenceBundle()))["studies"]
        found = list(_error_findings(result.study.study_id, [result.errors[-1]]))
    if found:
        out["findings"] = pd.concat([out["findings"], frames.findings_frame(found)], ignore_index=True)
    return result, out


def run_one(path: Path | str, options: RunOptions | None = None) -> Frames:
    """Frames for one input file (no files written; bugs raise): handy in tests and notebooks."""
    options = options or RunOptions()
    result = process(Path(path), options, default_engines(), raise_bugs=True)
    return finish(result, raise_bugs=True)[1]


def work(task: Task, options: RunOptions, fd_capture: bool = True) -> Outcome:
    """What an executor runs for one document, in whatever process or machine it has."""
    start = time.monotonic()
    if task.sha256 and not Path(task.path).is_file():  # the batch read it, this worker cannot: a cluster set-up
        return failed_outcome(task, ErrorItem("executor", None, f"this worker cannot see {task.path}; put the "
                                              "inputs where every worker reads them at the same path"))  # fmt: skip
    with capture.quiet(fd=fd_capture) as log:
        result = process(Path(task.path), options, default_engines(), task.study_id)
        result, out = finish(result, options.strict)
    return Outcome(task, out, result.study.status, result.errors, tuple(log.all_lines()),
                   result.study.pages or 0, time.monotonic() - start)  # fmt: skip


def failed_outcome(task: Task, error: ErrorItem, seconds: float = 0.0) -> Outcome:
    """A document the executor had to give up on (time limit, worker died): a failed row, not a lost one."""
    result = failed_result(Path(task.path), task.study_id, error)
    return Outcome(task, frames.study_frames(result), "failed", (error,), seconds=seconds)
