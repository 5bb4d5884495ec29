"""Table finders compared cell by cell on real trial PDFs, against the publisher's tables (markdown).

Each method finds tables in every PDF of a folder; each found table is matched to the paper's
markdown table it shares the most cell text with (``benchmarks/table_truth.py`` parses the markdown
and scores cells). Reported per method and per kind of table (ruled, booktabs, borderless, from the
PDF's own rulings under the table): cell accuracy, tables found, non-tables, time per page.

Methods: evidex (this package; ``--ocr`` as for a run), evidex-out:DIR (an evidex output folder's
tables.csv/cells.csv, e.g. a first-sight run), plumber-lines / plumber-text (pdfplumber's table finder),
camelot-lattice / -stream / -network / -hybrid (camelot-py, only when it is installed: run this script
with an interpreter that has it, or pass ``--camelot-python``).

Usage:
    python -m benchmarks.compare_tables find METHOD --pdfs ../shared/rct/pdfs --out /tmp/x/METHOD.json
    python -m benchmarks.compare_tables score /tmp/x/*.json --text ../shared/rct/text [--markdown]

Example:
    python -m benchmarks.compare_tables find evidex --pdfs ../shared/rct/pdfs --out /tmp/t/evidex.json
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.table_truth import TruthTable, norm, overlap, score, truth_tables  # noqa: E402

KINDS = ("ruled", "booktabs", "borderless", "unfound")


# ---------------------------------------------------------------- finding


def _evidex(path: Path, ocr: str) -> list[dict[str, Any]]:
    from evidex.extract import extract
    from evidex.models import RunOptions

    doc = extract(path, "x", RunOptions(ocr=ocr))
    out = []
    for t in doc.tables:
        box = [t.bbox.x0, t.bbox.top, t.bbox.x1, t.bbox.bottom] if t.bbox else None
        out.append({"page": t.page, "label": t.label, "bbox": box, "rows": t.grid(), "method": t.method,
                    "quality": t.quality})
    return out


def _finder(path: Path) -> list[dict[str, Any]]:
    """The born-digital table finder alone (pdfium words and rulings, regions, grids, stitching), no text stage."""
    import pypdfium2 as pdfium

    from evidex.extract.tables import link_tables, page_has_table, page_tables
    from evidex.extract.textlayer import page_objects, page_words

    pdf = pdfium.PdfDocument(str(path))
    tables = []
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        words, objects = page_words(page, textpage), page_objects(page)
        if page_has_table(words, objects.n_rects, objects.n_lines):
            tables.extend(page_tables(words, objects, i + 1))
    tables, _ = link_tables(tables, [])
    return [{"page": t.page, "label": t.label, "rows": t.grid(), "method": t.method, "quality": t.quality,
             "bbox": [t.bbox.x0, t.bbox.top, t.bbox.x1, t.bbox.bottom] if t.bbox else None} for t in tables]


def _plumber(path: Path, strategy: str) -> list[dict[str, Any]]:
    import pdfplumber

    out = []
    settings = {"vertical_strategy": strategy, "horizontal_strategy": strategy}
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for t in page.find_tables(settings):
                rows = [[" ".join((c or "").split()) for c in r] for r in t.extract()]
                out.append({"page": page.page_number, "label": None, "bbox": list(t.bbox), "rows": rows})
            page.close()
    return out


def _camelot(path: Path, flavor: str) -> list[dict[str, Any]]:
    import camelot
    import pypdfium2 as pdfium

    heights = [p.get_size()[1] for p in pdfium.PdfDocument(str(path))]
    out = []
    for t in camelot.read_pdf(str(path), pages="all", flavor=flavor):
        x0, y0, x1, y1 = t._bbox
        h = heights[int(t.page) - 1]
        rows = [[" ".join(str(c).split()) for c in r] for r in t.df.values.tolist()]
        out.append({"page": int(t.page), "label": None, "bbox": [x0, h - y1, x1, h - y0], "rows": rows})
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _from_output(folder: Path) -> dict[str, list[dict[str, Any]]]:
    studies = {r["study_id"]: Path(r["source"]).name for r in _rows(folder / "studies.csv")}
    grids: dict[tuple[str, str], dict[tuple[int, int], str]] = defaultdict(dict)
    for r in _rows(folder / "cells.csv"):
        grids[(r["study_id"], r["table_id"])][(int(r["row"]), int(r["col"]))] = r["text"]
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(folder / "tables.csv"):
        g = grids[(r["study_id"], r["table_id"])]
        n_rows, n_cols = int(r["n_rows"]), int(r["n_cols"])
        rows = [[g.get((i, j), "") for j in range(n_cols)] for i in range(n_rows)]
        out[studies[r["study_id"]]].append({"page": int(float(r["page"])) if r["page"] else None,
                                            "label": r["label"] or None, "bbox": None, "rows": rows,
                                            "method": r["method"]})
    return out


def _cpu() -> float:
    """CPU seconds of this process and its children (Tesseract): fair on a shared, busy machine."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def find(method: str, pdfs: Path, ocr: str) -> dict[str, Any]:
    import pypdfium2 as pdfium

    files = sorted(pdfs.glob("*.pdf"))
    result: dict[str, Any] = {"method": method, "papers": {}, "seconds": 0.0, "pages": 0}
    if method.startswith("evidex-out:"):
        result["papers"] = _from_output(Path(method.split(":", 1)[1]))
        result["seconds"] = None
        return result
    for f in files:
        result["pages"] += len(pdfium.PdfDocument(str(f)))
        start = _cpu()
        try:
            if method == "evidex":
                found = _evidex(f, ocr)
            elif method == "evidex-finder":
                found = _finder(f)
            elif method.startswith("plumber-"):
                found = _plumber(f, method.split("-", 1)[1])
            elif method.startswith("camelot-"):
                found = _camelot(f, method.split("-", 1)[1])
            else:
                raise SystemExit(f"unknown method {method}")
        except Exception as exc:  # a method failing on one paper is a data point, not the end of the run
            print(f"{method} {f.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            found = []
        result["seconds"] += _cpu() - start
        result["papers"][f.name] = found
    return result


# ---------------------------------------------------------------- scoring


_RULES: dict[tuple[str, int], list[tuple[float, float, float, float]]] = {}


def _page_rules(pdf: Path, page: int) -> list[tuple[float, float, float, float]]:
    key = (str(pdf), page)
    if key not in _RULES:
        import pypdfium2 as pdfium

        from evidex.extract.textlayer import page_objects

        doc = pdfium.PdfDocument(str(pdf))
        _RULES[key] = list(page_objects(doc[page - 1]).rules)
        doc.close()
    return _RULES[key]


def _kind(pdf: Path, page: int, bbox: list[float]) -> str:
    """Ruled (inner vertical rules or a rule under most rows), booktabs (a few full-width rules), borderless."""
    x0, top, x1, bottom = bbox
    w, h = max(x1 - x0, 1.0), max(bottom - top, 1.0)
    hs, vs = set(), set()
    for r in _page_rules(pdf, page):
        if not (x0 - 4 <= r[0] <= x1 + 4 and top - 14 <= r[1] <= bottom + 14):
            continue
        if r[3] - r[1] < 2 and r[2] - r[0] > 0.3 * w:
            hs.add(round(r[1]))
        elif r[2] - r[0] < 2 and r[3] - r[1] > 0.2 * h and x0 + 6 < r[0] < x1 - 6:
            vs.add(round(r[0]))
    if len(vs) >= 1 or len(hs) >= 8:
        return "ruled"
    return "booktabs" if len(hs) >= 2 else "borderless"


def _label_no(label: str | None) -> int | None:
    if not label:
        return None
    tail = label.split()[-1]
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
    return int(tail) if tail.isdigit() else roman.get(tail.upper())


def match(truths: list[TruthTable], found: list[dict[str, Any]]) -> dict[int, int]:
    """Truth index -> found index, greedy on shared cell text (a matching 'Table N' label adds to it)."""
    pairs = []
    for i, t in enumerate(truths):
        for j, f in enumerate(found):
            s = overlap(t, f["rows"]) if not t.image else 0.0
            if _label_no(f.get("label")) == t.index:
                s += 0.15
            if s >= 0.2:
                pairs.append((s, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _fragment(f: dict[str, Any], truths: list[TruthTable]) -> bool:
    """A piece of a real table (most of its filled cells are some truth table's cells)."""
    mine = {norm(c) for r in f["rows"] for c in r if norm(c)}
    if not mine:
        return False
    return any(len(mine & {norm(c) for c in t.cells} | mine & {norm(c) for r in t.header for c in r}) >= 0.5 * len(mine)
               for t in truths)


def evaluate(results: list[dict[str, Any]], text: Path, pdfs: Path, show: int) -> list[dict[str, Any]]:
    truth = {f"{p.stem[3:]}.pdf": truth_tables(p) for p in sorted(text.glob("PMC*.md"))}
    kinds: dict[tuple[str, int], str] = {}
    matches = {r["method"]: {name: match(truth.get(name, []), r["papers"].get(name, [])) for name in truth}
               for r in results}
    for r in results:  # a table's kind from the first method that located it
        for name, m in matches[r["method"]].items():
            for i, j in m.items():
                f = r["papers"][name][j]
                if (name, i) not in kinds and f.get("bbox") and f.get("page"):
                    kinds[(name, i)] = _kind(pdfs / name, f["page"], f["bbox"])
    rows = []
    for r in results:
        acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # right, total, tables, found
        n_found = n_non = n_frag = n_img = n_out = 0
        non_examples = []
        for name, ts in truth.items():
            found = r["papers"].get(name, [])
            m = matches[r["method"]][name]
            n_found += len(found)
            for i, t in enumerate(ts):
                if t.image:
                    continue
                k = kinds.get((name, i), "unfound")
                a = acc[k]
                a[2] += 1
                if i in m:
                    s = score(t, found[m[i]]["rows"])
                    a[0] += s.right
                    a[3] += 1
                a[1] += len(t.cells)
            matched = set(m.values())
            for j, f in enumerate(found):
                if j in matched:
                    continue
                if _fragment(f, ts):
                    n_frag += 1
                elif (_label_no(f.get("label")) or 0) in {t.index for t in ts if t.image}:
                    n_img += 1
                elif f.get("label"):
                    n_out += 1  # captioned 'Table N' the markdown lacks (methods, appendix) or failed to match
                else:
                    n_non += 1
                    non_examples.append((name, f.get("page"), " | ".join(c for c in f["rows"][0] if c)[:90]
                                         if f["rows"] else ""))
        total = [sum(a[x] for a in acc.values()) for x in range(4)]
        row = {"method": r["method"], "cell_acc": round(total[0] / max(total[1], 1), 3),
               "truth_tables": total[2], "tables_matched": total[3], "found": n_found, "fragments": n_frag,
               "image_tables": n_img, "captioned_unmatched": n_out, "non_tables": n_non,
               "non_share": round(n_non / max(n_found, 1), 3),
               "s_per_page": round(r["seconds"] / r["pages"], 3) if r.get("seconds") and r.get("pages") else None}
        for k in KINDS:
            a = acc.get(k, [0, 0, 0, 0])
            row[f"{k}_acc"] = round(a[0] / a[1], 3) if a[1] else None
            row[f"{k}_n"] = f"{a[3]}/{a[2]}"
        rows.append(row)
        if show:
            print(f"\n{r['method']}: non-tables (first {show})")
            for ex in non_examples[:show]:
                print("   ", ex)
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("find")
    f.add_argument("method")
    f.add_argument("--pdfs", type=Path, default=Path("../shared/rct/pdfs"))
    f.add_argument("--ocr", default="auto")
    f.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("results", nargs="+", type=Path)
    s.add_argument("--text", type=Path, default=Path("../shared/rct/text"))
    s.add_argument("--pdfs", type=Path, default=Path("../shared/rct/pdfs"))
    s.add_argument("--show", type=int, default=0, help="print this many non-tables per method")
    s.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "find":
        res = find(args.method, args.pdfs, args.ocr)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res))
        print(f"{args.method}: {sum(len(v) for v in res['papers'].values())} tables, {res['seconds']} s")
        return
    rows = evaluate([json.loads(p.read_text()) for p in args.results], args.text, args.pdfs, args.show)
    cols = list(rows[0])
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
