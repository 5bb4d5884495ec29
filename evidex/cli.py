"""Command line: a thin shell over evidex.pipeline and evidex.normalize."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from evidex import __version__
from evidex.models import OutputError, RunOptions

RUN_HELP = """Extract evidence tables from PDFs and text files into DIR.

Each finished paper is saved at once (DIR/.store); a re-run skips papers already there
unchanged (--force redoes them). Library messages go to DIR/evidex.log.

Example:
  evidex run papers/ examples/example_study.txt --out outputs/review --jobs 2
  evidex run papers/ --out outputs/review --executor dask --scheduler tcp://10.0.0.5:8786
"""
NORMALIZE_HELP = """Show how terms normalize, as CSV with the columns of terms.csv.

Example:
  evidex normalize Bellinto CONU BuCy "decreased serum potassium" TEL-AML1
"""
META_HELP = """Pool DIR/comparisons.csv across studies: DIR/meta.csv and a forest plot per outcome in DIR/forest/.

Binary outcomes as RR, OR and RD, continuous as MD and SMD, time to event as HR; fixed effect,
DerSimonian-Laird and REML random effects (the numbers R metafor gives on the same data).

Example:
  evidex meta outputs/review
"""
EXPORT_HELP = """Write DIR/comparisons.csv for RevMan, R metafor (CSV + R script) or as a labelled CSV.

Example:
  evidex export outputs/review --format metafor --out outputs/review/metafor
  Rscript outputs/review/metafor/metafor.R outputs/review/metafor/metafor.csv
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="evidex", description="Clinical study PDFs -> validated, traceable evidence tables."
    )
    p.add_argument("--version", action="version", version=f"evidex {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="process PDFs/text files into DIR", description=RUN_HELP,
                         formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="PDF, .txt/.md file, or folder (searched recursively)")
    run.add_argument("--out", required=True, metavar="DIR", type=Path, help="output folder (created if missing)")
    run.add_argument("--jobs", type=int, default=1, metavar="N", help="documents processed in parallel (default 1)")
    run.add_argument(
        "--ocr",
        choices=("auto", "force", "off"),
        default="auto",
        help="auto: OCR pages without a usable text layer (default); force: every page; off: never",
    )
    run.add_argument("--ocr-dpi", type=int, default=300, metavar="DPI", help="render resolution for OCR (default 300)")
    run.add_argument("--ocr-lang", default="eng", metavar="LANG", help="Tesseract language(s), e.g. eng+chi_sim")
    run.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    run.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                     help="stop a document that takes longer than this (default 600); it becomes a failed row")
    run.add_argument("--force", action="store_true", help="redo papers already in DIR unchanged (default: skip)")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local: process pool on this machine (default); dask: a dask.distributed cluster")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="dask scheduler, e.g. tcp://HOST:8786 (default: a local cluster of --jobs workers)")
    norm = sub.add_parser("normalize", help="show how terms normalize", description=NORMALIZE_HELP,
                          formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    norm.add_argument("terms", nargs="+", metavar="TERM")
    norm.add_argument("--context", default="", help='text around the term, e.g. "conditioning regimen"')
    _meta_parsers(sub)
    return p


def _meta_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    raw = argparse.RawDescriptionHelpFormatter
    meta = sub.add_parser("meta", help="pool comparisons into meta.csv and forest plots", description=META_HELP,
                          formatter_class=raw)  # fmt: skip
    meta.add_argument("dir", metavar="DIR", type=Path, help="the --out folder of an evidex run")
    meta.add_argument("--no-plots", action="store_true", help="write meta.csv only")
    export = sub.add_parser("export", help="comparisons for RevMan, metafor or CSV", description=EXPORT_HELP,
                            formatter_class=raw)  # fmt: skip
    export.add_argument("dir", metavar="DIR", type=Path, help="the --out folder of an evidex run")
    export.add_argument("--format", required=True, choices=("revman", "metafor", "csv"), help="target shape")
    export.add_argument("--out", type=Path, metavar="FILE_OR_DIR",
                        help="a file for csv, a folder otherwise (default DIR/export/...)")  # fmt: skip


def cmd_run(args: argparse.Namespace) -> int:
    from evidex import batch, executors
    from evidex.runview import BarProgress, report_lines

    if args.jobs < 1 or args.timeout <= 0:
        print("evidex: --jobs must be at least 1 and --timeout above 0", file=sys.stderr)
        return 2
    strict = os.environ.get("EVIDEX_STRICT") == "1"  # bugs raise instead of becoming a document's error
    options = RunOptions(ocr=args.ocr, ocr_dpi=args.ocr_dpi, ocr_lang=args.ocr_lang, strict=strict)
    show = sys.stderr.isatty() and not args.no_progress
    progress = BarProgress(show)
    try:
        summary = batch.run(args.inputs, args.out, options, lambda: executors.make(args.executor, args.jobs,
                            args.scheduler), timeout=args.timeout, force=args.force, progress=progress,
                            ocr_cores=args.jobs if args.executor == "local" else 1)  # fmt: skip
    except OutputError as exc:
        progress.close()
        print(f"evidex: {exc}", file=sys.stderr)
        return 2
    for line in report_lines(summary):
        print(line, file=sys.stderr)
    return 1 if summary.failed or not summary.records else 0


def cmd_normalize(args: argparse.Namespace) -> int:
    from evidex import frames, normalize

    columns = [c for c, _ in frames.COLUMNS["terms"]]
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for raw in args.terms:
        for term in normalize.explain(raw, args.context):
            row = {c: getattr(term, c, "") for c in columns}
            row["study_id"], row["page"] = "", ""
            row["score"] = "" if term.score is None else f"{term.score:.3f}"
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return 0


def cmd_meta(args: argparse.Namespace) -> int:
    from evidex.models import InputError
    from evidex.output.meta import run_meta

    try:
        summary = run_meta(args.dir, plots=not args.no_plots)
    except (InputError, OutputError, OSError) as exc:
        print(f"evidex: {exc}", file=sys.stderr)
        return 2
    skipped = f"; {summary.skipped} comparisons lacked the numbers to pool" if summary.skipped else ""
    print(f"evidex: {len(summary.groups)} pooled outcome/measure groups in {summary.meta_csv}, "
          f"{len(summary.plots) // 2} forest plots in {args.dir / 'forest'}{skipped}", file=sys.stderr)  # fmt: skip
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from evidex.models import InputError
    from evidex.output.export import export

    try:
        summary = export(args.dir, args.format, args.out)
    except (InputError, OutputError, OSError) as exc:
        print(f"evidex: {exc}", file=sys.stderr)
        return 2
    print(f"evidex: {summary.rows} comparisons exported: {', '.join(map(str, summary.files))}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"run": cmd_run, "normalize": cmd_normalize, "meta": cmd_meta, "export": cmd_export}
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("evidex: interrupted; output files are unchanged, papers already finished are kept and a re-run "
              "continues from there", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
