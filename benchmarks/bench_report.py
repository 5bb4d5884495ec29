"""Review page at scale: build time and memory, and how fast Chromium loads the index of 100 and 1,000 studies.

For each size, fixtures.reviewdb writes an evidex.duckdb of invented studies (about 30 evidence rows, up to
6 comparisons and a few findings each; with --pdf-every N every N-th study points at the bundled example PDF
with real word boxes, so crops are rendered too). evidex.output.report.build runs in a fresh process (its
peak RSS is its own), then headless Chromium (Debian's, through Playwright) opens report.html from file://
--repeat times in fresh pages: load = the navigation's loadEventEnd; sort = one click on the Errors header
until the rows are re-ordered; filter = typing one word until the rows are hidden. One study page is timed
the same way. The target is an index load under 2 s for 1,000 studies.

Usage:
    python -m benchmarks.bench_report [--sizes 100 1000] [--pdf-every 0] [--repeat 5] [--out DIR] [--json FILE]

Example:
    python -m benchmarks.bench_report --sizes 100 1000 --pdf-every 50
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "examples" / "example_study.pdf"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


def _build(out: str, queue: Any) -> None:
    from evidex.output import report

    start = time.perf_counter()
    report.build(Path(out))
    queue.put((time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def build_in_fresh_process(out: Path) -> tuple[float, float]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_build, args=(str(out), queue))
    proc.start()
    seconds, peak_mb = queue.get()
    proc.join()
    return seconds, peak_mb


def _load_ms(browser: Any, url: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url, wait_until="load")
    ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    page.close()
    return float(ms)


def _interaction_ms(browser: Any, url: str) -> tuple[float, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url, wait_until="load")
    sort = page.evaluate(
        """() => { const t0 = performance.now();
        document.querySelector('th[data-key=errors] button').click();
        return performance.now() - t0; }"""
    )
    filt = page.evaluate(
        """() => { const t0 = performance.now(); const box = document.querySelector('[data-filter-text]');
        box.value = 'garcia'; box.dispatchEvent(new Event('input', {bubbles: true}));
        return performance.now() - t0; }"""
    )
    page.close()
    return float(sort), float(filt)


def measure(size: int, out: Path, pdf_every: int, repeat: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from fixtures import reviewdb

    reviewdb.write(out, size, pdf=PDF if pdf_every else None, pdf_every=pdf_every)
    build_s, peak_mb = build_in_fresh_process(out)
    index = (out / "report.html").as_uri()
    study = next((out / "report").glob("*.html")).as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        _load_ms(browser, index)  # the first load warms the browser's caches and is not counted
        loads = [_load_ms(browser, index) for _ in range(repeat)]
        study_loads = [_load_ms(browser, study) for _ in range(repeat)]
        sort_ms, filter_ms = _interaction_ms(browser, index)
        browser.close()
    return {
        "studies": size, "build_s": round(build_s, 2), "build_peak_mb": round(peak_mb),
        "index_kb": round((out / "report.html").stat().st_size / 1024),
        "index_load_ms_median": round(statistics.median(loads)), "index_load_ms_max": round(max(loads)),
        "study_load_ms_median": round(statistics.median(study_loads)),
        "sort_ms": round(sort_ms), "filter_ms": round(filter_ms),
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--pdf-every", type=int, default=0, help="every N-th study on the example PDF (0: none)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=None, help="keep the generated runs here")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    base = args.out or Path(tempfile.mkdtemp(prefix="bench-report-"))
    rows = [measure(n, base / f"run{n}", args.pdf_every, args.repeat) for n in args.sizes]
    keys = list(rows[0])
    print(" | ".join(keys))
    for r in rows:
        print(" | ".join(str(r[k]) for k in keys))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
