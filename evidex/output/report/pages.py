"""Jinja2 renders the index and the study pages; every file is written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from evidex import __version__
from evidex.output.report.db import label_of
from evidex.output.report.study import StudyPage

Row = Mapping[str, Any]
STATIC = ("report.css", "report.js")
_META = ("first_author", "year", "journal", "doi", "registration")


@dataclass(frozen=True, slots=True)
class ForestPlot:
    name: str
    src: str
    href: str


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("evidex.output.report", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def write_text(path: Path, text: str) -> None:
    """Readers see the old page or the new one, never half; no fsync: every page can be rebuilt from the
    database, and a thousand fsyncs would cost more than the rendering."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(name, 0o644)  # mkstemp makes it private; a page is as readable as the tables beside it
    os.replace(name, path)


def copy_static(report_dir: Path) -> None:
    static = report_dir / "static"
    static.mkdir(parents=True, exist_ok=True)
    for name in STATIC:
        text = resources.files("evidex.output.report").joinpath("static", name).read_text(encoding="utf-8")
        write_text(static / name, text)


def forest_plots(out_dir: Path) -> list[ForestPlot]:
    """DIR/forest/*.png, each linking to its SVG when there is one."""
    plots = []
    for png in sorted((out_dir / "forest").glob("*.png")):
        svg = png.with_suffix(".svg")
        href = f"forest/{svg.name}" if svg.exists() else f"forest/{png.name}"
        plots.append(ForestPlot(png.stem.replace("_", " "), f"forest/{png.name}", href))
    return plots


def index_rows(rows: Sequence[Row]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        row = dict(r)
        row["label"] = label_of(r)
        flags = [name for name, key in (("errors", "errors"), ("warnings", "warnings")) if r[key]]
        row["flags"] = "|".join(flags) or "clean"
        row["status"] = row.get("status") or ""
        out.append(row)
    return out


def render_index(env: jinja2.Environment, out_dir: Path, rows: Sequence[Row]) -> str:
    studies = index_rows(rows)
    totals = {
        "errors": sum(s["errors"] for s in studies),
        "warnings": sum(s["warnings"] for s in studies),
        "info": sum(s["infos"] for s in studies),
        "evidence": sum(s["n_evidence"] for s in studies),
        "comparisons": sum(s["n_comparisons"] for s in studies),
    }
    return env.get_template("index.html").render(
        version=__version__,
        static="report/static",
        studies=studies,
        totals=totals,
        statuses=sorted({s["status"] for s in studies if s["status"]}),
        forest=forest_plots(out_dir),
        out_dir=str(out_dir),
    )


def render_study(env: jinja2.Environment, page: StudyPage, prev: str, next_: str) -> str:
    meta = [(k.replace("_", " "), str(page.study[k])) for k in _META if page.study.get(k) not in (None, "")]
    return env.get_template("study.html").render(
        version=__version__, static="static", page=page, meta=meta, prev=prev, next=next_
    )
