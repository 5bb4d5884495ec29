"""Extraction speed and memory: evidex next to what a user would otherwise write, in the same run.

Born-digital input: ``evidex.extract.extract`` (text layer, layout, tables where a page has one)
against the plain pdfplumber loop (``extract_text`` + ``extract_tables`` on every page).
Scanned input: evidex (quality routing, render, deskew, binarize, OCR, layout) against bare
Tesseract (``image_to_string``) on the same page images at the same resolution; rendering those
images is timed apart and left out of the bare figure, so the ratio is conservative.

Each variant runs in its own fresh process, so peak memory (max RSS) is its own; Tesseract runs as
a child process and its peak is reported apart. Text accuracy against NAME.truth.json is printed
when the truth file exists.

Usage:
    OMP_THREAD_LIMIT=1 python -m benchmarks.bench_extract --folder ../shared/rct/pdfs --repeat 1
    OMP_THREAD_LIMIT=1 python -m benchmarks.bench_extract [--digital PDF] [--scanned PDF]
        [--scan-pages N] [--repeat 3] [--scan-repeat 2] [--json results.json]

Example:
    python -m benchmarks.bench_extract --scan-pages 2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "fixtures" / "generated"


def _peaks() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(kids, 1)


def _preload(*modules: str) -> None:
    """Import libraries before the clock starts, as the baseline imports pdfplumber before its clock."""
    import importlib

    for name in modules:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def run_evidex(path: str, ocr: str, scanned: bool = False) -> dict[str, Any]:
    from evidex.extract import extract
    from evidex.models import RunOptions

    _preload("pypdfium2", "pdfplumber", "evidex.extract.pdf", "evidex.extract.tables.vector")
    if scanned:
        _preload("cv2", "numpy", "pytesseract", "evidex.extract.tables.image")
    start = time.perf_counter()
    doc = extract(Path(path), "bench", RunOptions(ocr=ocr))
    seconds = time.perf_counter() - start
    own, kids = _peaks()
    return {"seconds": seconds, "pages": len(doc.pages), "rss_mb": own, "child_rss_mb": kids,
            "ocr_pages": sum(p.ocr for p in doc.pages), "tables": len(doc.tables), "chars": len(doc.text)}


def run_pdfplumber(path: str) -> dict[str, Any]:
    import pdfplumber

    start = time.perf_counter()
    chars = tables = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            tables += len(page.extract_tables())
        n = len(pdf.pages)
    seconds = time.perf_counter() - start
    own, kids = _peaks()
    return {"seconds": seconds, "pages": n, "rss_mb": own, "child_rss_mb": kids, "tables": tables, "chars": chars}


def run_tesseract(path: str, dpi: int) -> dict[str, Any]:
    import pypdfium2 as pdfium
    import pytesseract

    _preload("cv2", "numpy")

    pdf = pdfium.PdfDocument(path)
    start = time.perf_counter()
    images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    render = time.perf_counter() - start
    start = time.perf_counter()
    chars = sum(len(pytesseract.image_to_string(img)) for img in images)
    seconds = time.perf_counter() - start
    own, kids = _peaks()
    return {"seconds": seconds, "render_seconds": render, "pages": len(images), "rss_mb": own,
            "child_rss_mb": kids, "chars": chars}


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_folder(paths: list[str], variant: str) -> dict[str, Any]:
    """Every PDF of a folder through evidex extract (OCR as in a run) or the plain pdfplumber loop, one process."""
    runner = (lambda p: run_evidex(p, "auto")) if variant == "evidex" else run_pdfplumber
    _preload("pypdfium2", "pdfplumber", "evidex.extract.pdf", "evidex.extract.tables.vector")
    wall, cpu0 = time.perf_counter(), _cpu()
    pages = tables = failed = 0
    for p in paths:
        try:
            r = runner(p)
        except Exception:  # a PDF one side cannot read is counted, not fatal
            failed += 1
            continue
        pages, tables = pages + r["pages"], tables + r["tables"]
    own, kids = _peaks()
    return {"seconds": time.perf_counter() - wall, "cpu_seconds": _cpu() - cpu0, "pages": pages, "tables": tables,
            "failed": failed, "rss_mb": own, "child_rss_mb": kids}


def bench_folder(folder: Path, repeat: int) -> str:
    """evidex extract against the pdfplumber loop on a folder of PDFs, runs alternated; wall and CPU ratios."""
    paths = [str(p) for p in sorted(folder.glob("*.pdf"))]
    runs: dict[str, list[dict[str, Any]]] = {"evidex": [], "pdfplumber": []}
    for i in range(repeat):
        for variant in (("evidex", "pdfplumber") if i % 2 == 0 else ("pdfplumber", "evidex")):
            runs[variant].append(isolated(run_folder, paths, variant))
    ev, pl = (min(runs[v], key=lambda r: r["seconds"]) for v in ("evidex", "pdfplumber"))
    return "\n".join([
        f"{len(paths)} PDFs in {folder} ({ev['pages']} pages), load average {os.getloadavg()}",
        f"  evidex extract   {ev['seconds']:8.1f} s wall  {ev['cpu_seconds']:8.1f} s CPU  peak {ev['rss_mb']:.0f} MB "
        f"(tesseract {ev['child_rss_mb']:.0f} MB)  tables {ev['tables']}  failed {ev['failed']}",
        f"  pdfplumber loop  {pl['seconds']:8.1f} s wall  {pl['cpu_seconds']:8.1f} s CPU  peak {pl['rss_mb']:.0f} MB  "
        f"tables {pl['tables']}  failed {pl['failed']}",
        f"  evidex / pdfplumber: {ev['seconds'] / pl['seconds']:.3f} wall, "
        f"{ev['cpu_seconds'] / pl['cpu_seconds']:.3f} CPU (target <= 0.5)",
    ])


def isolated(fn: Any, *args: Any) -> dict[str, Any]:
    """Run one variant in a fresh process so its peak memory is its own."""
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def subset(path: Path, n_pages: int, folder: Path) -> Path:
    """The first ``n_pages`` of a PDF as a new file (scanned runs are long; 2 cores are shared)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    if n_pages <= 0 or n_pages >= len(src):
        return path
    out = pdfium.PdfDocument.new()
    out.import_pages(src, list(range(n_pages)))
    dst = folder / f"{path.stem}_first{n_pages}.pdf"
    out.save(str(dst))
    return dst


def default_inputs(folder: Path) -> tuple[Path, Path]:
    digital, scanned = GENERATED / "seed004_digital.pdf", GENERATED / "seed004_scanned.pdf"
    if digital.exists() and scanned.exists():
        return digital, scanned
    sys.path.insert(0, str(ROOT))
    from tests.extract import test_pdf_factory as factory

    digital, scanned = folder / "two_column.pdf", folder / "two_column_scanned.pdf"
    factory.two_column_paper(digital)
    factory.rasterize(digital, scanned, dpi=200, skew_deg=0.8, noise=6.0)
    return digital, scanned


def accuracy(path: Path, ocr: str, truth: Path | None = None) -> dict[str, Any] | None:
    truth = truth or path.with_suffix("").with_suffix(".truth.json")
    if not truth.exists():
        return None
    sys.path.insert(0, str(ROOT))
    from benchmarks.textscore import score
    from evidex.extract import extract
    from evidex.models import RunOptions

    return vars(score(extract(path, "bench", RunOptions(ocr=ocr)), truth))


def _rate(r: dict[str, Any]) -> float:
    return round(r["pages"] / r["seconds"], 2) if r["seconds"] else float("inf")


def bench(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="evidex-bench-"))
    digital, scanned = default_inputs(folder)
    digital, scanned = Path(args.digital or digital), Path(args.scanned or scanned)
    scan_part = subset(scanned, args.scan_pages, folder)
    out: dict[str, Any] = {"inputs": {"digital": str(digital), "scanned": str(scan_part)},
                           "load_average": os.getloadavg()}
    ev = [isolated(run_evidex, str(digital), "auto") for _ in range(args.repeat)]
    pl = [isolated(run_pdfplumber, str(digital)) for _ in range(args.repeat)]
    best_ev, best_pl = min(ev, key=lambda r: r["seconds"]), min(pl, key=lambda r: r["seconds"])
    out["digital"] = {"evidex": best_ev, "pdfplumber_loop": best_pl,
                      "evidex_pages_per_s": _rate(best_ev), "pdfplumber_pages_per_s": _rate(best_pl),
                      "speedup": round(best_pl["seconds"] / best_ev["seconds"], 2)}
    # alternate the order (bare, evidex, evidex, bare, ...) so a shift in machine load favours neither
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "evidex": []}
    for i in range(args.scan_repeat):
        for variant in (("bare", "evidex") if i % 2 == 0 else ("evidex", "bare")):
            runs[variant].append(isolated(run_tesseract, str(scan_part), args.dpi) if variant == "bare"
                                 else isolated(run_evidex, str(scan_part), "auto", True))
    tess = min(runs["bare"], key=lambda r: r["seconds"])
    ev_scan = min(runs["evidex"], key=lambda r: r["seconds"])
    out["scanned"] = {"evidex": ev_scan, "bare_tesseract": tess, "evidex_pages_per_s": _rate(ev_scan),
                      "tesseract_pages_per_s": _rate(tess),
                      "time_ratio": round(ev_scan["seconds"] / tess["seconds"], 3),
                      "time_ratio_with_render": round(
                          ev_scan["seconds"] / (tess["seconds"] + tess["render_seconds"]), 3)}
    out["load_average_after"] = os.getloadavg()
    if args.accuracy:
        truth = scanned.with_suffix("").with_suffix(".truth.json")
        out["accuracy"] = {"digital": accuracy(digital, "auto"), "scanned": accuracy(scan_part, "auto", truth)}
    return out


def report(res: dict[str, Any]) -> str:
    d, s = res["digital"], res["scanned"]
    lines = [
        f"load average before/after: {res['load_average']} / {res['load_average_after']}",
        f"born-digital {res['inputs']['digital']} ({d['evidex']['pages']} pages)",
        f"  evidex extract      {d['evidex']['seconds']:7.2f} s  {d['evidex_pages_per_s']:7.2f} pages/s  "
        f"peak {d['evidex']['rss_mb']:.0f} MB  tables {d['evidex']['tables']}",
        f"  pdfplumber loop     {d['pdfplumber_loop']['seconds']:7.2f} s  {d['pdfplumber_pages_per_s']:7.2f} pages/s  "
        f"peak {d['pdfplumber_loop']['rss_mb']:.0f} MB  tables {d['pdfplumber_loop']['tables']}",
        f"  evidex is {d['speedup']}x faster (target: > 1)",
        f"scanned {res['inputs']['scanned']} ({s['evidex']['pages']} pages)",
        f"  evidex extract      {s['evidex']['seconds']:7.2f} s  {s['evidex_pages_per_s']:7.2f} pages/s  "
        f"peak {s['evidex']['rss_mb']:.0f} MB (tesseract {s['evidex']['child_rss_mb']:.0f} MB)",
        f"  bare tesseract      {s['bare_tesseract']['seconds']:7.2f} s  {s['tesseract_pages_per_s']:7.2f} pages/s  "
        f"peak {s['bare_tesseract']['rss_mb']:.0f} MB (tesseract {s['bare_tesseract']['child_rss_mb']:.0f} MB)"
        f"  + render {s['bare_tesseract']['render_seconds']:.2f} s",
        f"  evidex / bare tesseract = {s['time_ratio']} (target: <= 1.2); "
        f"with render in the bare figure {s['time_ratio_with_render']}",
    ]
    for kind, acc in (res.get("accuracy") or {}).items():
        if acc:
            lines.append(f"text accuracy {kind}: {acc}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--digital", help="born-digital PDF (default: fixtures/generated/seed004_digital.pdf)")
    parser.add_argument("--scanned", help="scanned PDF (default: fixtures/generated/seed004_scanned.pdf)")
    parser.add_argument("--scan-pages", type=int, default=0, help="OCR only the first N pages (0: all)")
    parser.add_argument("--repeat", type=int, default=3, help="born-digital runs per variant; the best is kept")
    parser.add_argument("--scan-repeat", type=int, default=2, help="scanned runs per variant, order alternated")
    parser.add_argument("--dpi", type=int, default=300, help="resolution of the bare Tesseract images")
    parser.add_argument("--no-accuracy", dest="accuracy", action="store_false", help="skip the truth comparison")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--folder", type=Path, help="a folder of PDFs: evidex extract vs the pdfplumber loop on all")
    args = parser.parse_args(argv)
    if args.folder:
        print(bench_folder(args.folder, args.repeat))
        return 0
    res = bench(args)
    print(report(res))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
