"""The ordered stages for one document, and a batch over many.

extract -> evidence (with normalize injected) -> frames -> validate; the batch
then hands every study's frames to the output stage in one go. A document
that cannot be read becomes a failed study with one finding; the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from evidex import __version__, evidence, extract, frames, normalize, output, validate
from evidex.codes import Check, Severity
from evidex.models import Finding, InputError, RunOptions, Study, StudyResult

INPUT_SUFFIXES = extract.TEXT_SUFFIXES + extract.PDF_SUFFIXES
Frames = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Outcome:
    """What one input produced: its frames, and the one-line error if it could not be read."""

    path: str
    study_id: str
    frames: Frames
    error: str = ""


@dataclass
class RunSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


def study_id_for(path: Path) -> str:
    """First 12 hex digits of the sha256 of the file's bytes (of its path when it cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        data = f"unreadable:{path}".encode()
    return hashlib.sha256(data).hexdigest()[:12]


def collect_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files named directly (whatever their suffix) and, for folders, every *.pdf/*.txt/*.md below them."""
    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES))
        else:
            found.append(p)
    return found


def _failed(path: Path, sid: str, reason: str) -> StudyResult:
    study = Study(study_id=sid, source=path.name, status="failed", error=reason, path=str(path),
                  evidex_version=__version__)  # fmt: skip
    finding = Finding(sid, Check.INPUT_ERROR, Severity.ERROR, f"{path.name} could not be read: {reason}.",
                      stage="extract", table="studies")  # fmt: skip
    return StudyResult(study=study, findings=(finding,))


def process(path: Path, options: RunOptions | None = None) -> StudyResult:
    """Run extract and evidence on one file; ``InputError`` becomes a failed study, bugs raise."""
    sid = study_id_for(path)
    try:
        doc = extract.extract(path, sid, options)
    except InputError as exc:
        return _failed(path, sid, str(exc))
    recorder = normalize.Recorder(normalize.load(), sid)
    bundle = evidence.build(doc, recorder)
    bib = doc.bibliography
    study = Study(
        study_id=sid,
        source=doc.source,
        title=bib.title or doc.title,
        first_author=bib.first_author,
        authors=";".join(bib.authors),
        year=bib.year,
        journal=bib.journal,
        doi=bib.doi,
        registration=";".join(bib.registration),
        label=" ".join(str(x) for x in (bib.first_author, bib.year) if x),
        pages=len(doc.pages) or None,
        ocr_pages=sum(1 for p in doc.pages if p.ocr),
        kind=doc.kind,
        path=str(path),
        n_tables=len(doc.tables),
        evidex_version=__version__,
    )
    warnings = tuple(Finding(sid, Check.EXTRACT_WARNING, Severity.WARNING, w, stage="extract") for w in doc.warnings)
    return StudyResult(study=study, document=doc, bundle=bundle, terms=recorder.terms, findings=warnings)


def study_frames(result: StudyResult) -> Frames:
    """The output tables of one study, validate's findings included."""
    out = frames.study_frames(result)
    if result.document is not None:
        found = validate.validate(out)
        if found:
            out["findings"] = pd.concat([out["findings"], frames.findings_frame(found)], ignore_index=True)
    return out


def run_one(path: Path | str, options: RunOptions | None = None) -> Frames:
    """Frames for one input file (no files written): handy in tests and notebooks."""
    return study_frames(process(Path(path), options))


def _outcome(path: Path, options: RunOptions, strict: bool) -> Outcome:
    try:
        result = process(path, options)
    except Exception as exc:  # a bug: recorded as this document's failure so the batch goes on
        if strict:
            raise
        sid = study_id_for(path)
        result = _failed(path, sid, f"internal error {type(exc).__name__}: {exc} (please report it)")
    error = result.study.error if result.study.status == "failed" else ""
    return Outcome(str(path), result.study.study_id, study_frames(result), error)


def _init_worker() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def outcomes(paths: list[Path], options: RunOptions, jobs: int = 1, strict: bool = False) -> Iterator[Outcome]:
    """Outcomes in input order, processed by ``jobs`` worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        _init_worker()
        for p in paths:
            yield _outcome(p, options, strict)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
        yield from pool.map(_outcome, paths, [options] * len(paths), [strict] * len(paths))


def run(
    inputs: Iterable[str],
    out_dir: Path,
    options: RunOptions | None = None,
    jobs: int = 1,
    progress: Callable[[Iterator[Outcome], int], Iterator[Outcome]] | None = None,
    strict: bool = False,
) -> RunSummary:
    """Process every input and merge the results into ``out_dir`` (replacing only these studies' rows)."""
    paths = collect_inputs(inputs)
    options = options or RunOptions()
    # cores not needed for whole documents go to OCR of one document's pages
    options = replace(options, ocr_workers=max(options.ocr_workers, jobs // max(1, len(paths))))
    stream = outcomes(paths, options, jobs, strict)
    if progress is not None:
        stream = progress(stream, len(paths))
    summary = RunSummary()
    seen: set[str] = set()
    for o in stream:
        if o.study_id in seen:  # the same bytes twice: one study
            continue
        seen.add(o.study_id)
        summary.outcomes.append(o)
    output.write(out_dir, [o.frames for o in summary.outcomes], {t: frames.empty(t) for t in frames.TABLES})
    return summary
