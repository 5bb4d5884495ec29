"""Batch throughput and memory: whole `evidex run` process trees, sampled while they run.

memory: peak RSS of the process tree (the CLI and every worker it starts, summed at each sample)
    at N = 10, 100 and 1,000 documents: copies of examples/ (the study as text and as PDF) with
    different bytes each, so every copy is a new study. Bounded memory means the 1,000 figure
    stays within 1.2x of the 10 figure.
rct: the real trial PDFs of ../shared/rct/pdfs plus byte-varied copies up to 119, at --jobs 1,
    --jobs 2 and on a 2-worker dask LocalCluster: papers/minute, pages/second, peak tree RSS;
    against the plain pdfplumber loop (extract_text + extract_tables on every page) in 1 and 2
    processes.

Timing figures are only meaningful on an idle machine. Each run starts from an empty output folder.

Usage:
    OMP_THREAD_LIMIT=1 python -m benchmarks.bench_batch memory [--sizes 10,100,1000] [--jobs 2]
    OMP_THREAD_LIMIT=1 python -m benchmarks.bench_batch rct [--pdfs ../shared/rct/pdfs] [--count 119]
    ... [--json results.json] [--work /tmp/bench_batch]

Example:
    python -m benchmarks.bench_batch memory --sizes 10,100
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RCT = ROOT.parent / "shared" / "rct" / "pdfs"
SAMPLE_SECONDS = 0.1


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a worker ending between the listing and the read
            total += p.memory_info().rss
    return total


def measure(cmd: list[str]) -> dict[str, Any]:
    """Run ``cmd``; wall time, exit code and the peak of the whole tree's summed RSS (MB)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    root = psutil.Process(proc.pid)
    peak = 0
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read() if proc.stderr else ""))
    reader.start()
    while proc.poll() is None:
        try:
            peak = max(peak, tree_rss(root))
        except psutil.Error:
            break
        time.sleep(SAMPLE_SECONDS)
    reader.join()
    return {"seconds": round(time.monotonic() - start, 2), "rc": proc.returncode,
            "peak_rss_mb": round(peak / 2**20, 1), "stderr_tail": "".join(stderr).strip().splitlines()[-1:]}


def vary_copy(src: Path, dst: Path, i: int) -> None:
    """The same paper with different bytes: a trailing line (text) or a comment after %%EOF (PDF)."""
    data = src.read_bytes()
    tail = f"\n% evidex benchmark copy {i}\n" if src.suffix == ".pdf" else f"\n\nCopy {i}.\n"
    dst.write_bytes(data + tail.encode())


def make_inputs(folder: Path, sources: list[Path], count: int) -> list[Path]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    out = []
    for i in range(count):
        src = sources[i % len(sources)]
        dst = folder / f"{i:05d}_{src.name}"
        if i < len(sources):
            shutil.copy(src, dst)
        else:
            vary_copy(src, dst, i)
        out.append(dst)
    return out


def evidex_cmd(inputs: Path, out: Path, jobs: int, executor: str = "local") -> list[str]:
    return [sys.executable, "-m", "evidex", "run", str(inputs), "--out", str(out), "--jobs", str(jobs),
            "--executor", executor, "--no-progress"]  # fmt: skip


def pages_of(out: Path) -> int:
    import pandas as pd

    studies = pd.read_csv(out / "studies.csv")
    return int(studies["pages"].fillna(0).sum())


def run_memory(work: Path, sizes: list[int], jobs: int) -> list[dict[str, Any]]:
    sources = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".pdf"))
    rows = []
    for n in sizes:
        inputs = work / f"mem_in_{n}"
        make_inputs(inputs, sources, n)
        out = work / f"mem_out_{n}"
        shutil.rmtree(out, ignore_errors=True)
        r = measure(evidex_cmd(inputs, out, jobs))
        r.update(documents=n, jobs=jobs, papers_per_min=round(n * 60 / r["seconds"], 1))
        rows.append(r)
        print(json.dumps(r), flush=True)
    if len(rows) > 1:
        print(f"peak RSS at {rows[-1]['documents']} / at {rows[0]['documents']}: "
              f"{rows[-1]['peak_rss_mb'] / rows[0]['peak_rss_mb']:.2f}x", flush=True)  # fmt: skip
    return rows


def _plumber_one(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.flush_cache()
        return len(pdf.pages)


def _plumber_loop(paths: list[str], jobs: int) -> None:
    if jobs <= 1:
        for p in paths:
            _plumber_one(p)
        return
    with mp.get_context("spawn").Pool(jobs) as pool:
        pool.map(_plumber_one, paths, chunksize=1)


def run_rct(work: Path, pdfs: Path, count: int) -> list[dict[str, Any]]:
    sources = sorted(pdfs.glob("*.pdf"))
    if not sources:
        raise SystemExit(f"no PDFs in {pdfs}")
    inputs = work / "rct_in"
    paths = make_inputs(inputs, sources, count)
    rows = []
    for label, jobs, executor in (("evidex --jobs 1", 1, "local"), ("evidex --jobs 2", 2, "local"),
                                  ("evidex dask LocalCluster 2 workers", 2, "dask")):  # fmt: skip
        out = work / f"rct_out_{executor}_{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        r = measure(evidex_cmd(inputs, out, jobs, executor))
        pages = pages_of(out)
        r.update(variant=label, documents=count, pages=pages, papers_per_min=round(count * 60 / r["seconds"], 1),
                 pages_per_s=round(pages / r["seconds"], 2))  # fmt: skip
        rows.append(r)
        print(json.dumps(r), flush=True)
    for jobs in (1, 2):
        code = ("import sys; from benchmarks.bench_batch import _plumber_loop; "
                f"_plumber_loop(sys.argv[1:], {jobs})")  # fmt: skip
        r = measure([sys.executable, "-c", code, *map(str, paths)])
        pages = rows[0]["pages"]
        r.update(variant=f"pdfplumber text+tables loop, {jobs} process(es)", documents=count, pages=pages,
                 papers_per_min=round(count * 60 / r["seconds"], 1), pages_per_s=round(pages / r["seconds"], 2))
        rows.append(r)
        print(json.dumps(r), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("memory", "rct"))
    ap.add_argument("--sizes", default="10,100,1000", help="document counts for memory (default 10,100,1000)")
    ap.add_argument("--jobs", type=int, default=2, help="--jobs for the memory runs (default 2)")
    ap.add_argument("--pdfs", type=Path, default=RCT, help="folder of real PDFs for rct")
    ap.add_argument("--count", type=int, default=119, help="documents for rct (default 119)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_batch"), help="scratch folder")
    ap.add_argument("--json", type=Path, help="write the rows here too")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.mode == "memory":
        rows = run_memory(args.work, [int(s) for s in args.sizes.split(",")], args.jobs)
    else:
        rows = run_rct(args.work, args.pdfs, args.count)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0 if all(r["rc"] in (0, 1) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
