"""End to end: five invented two-arm trials -> evidex run -> evidex meta -> evidex export --format metafor.

The pooled RR of complete remission must equal what R metafor gives on the TRUTH counts (from the
fixtures' truth files), within 1e-6, for FE, DL and REML; the exported R script must give the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from evidex.cli import main
from fixtures.generate import GENERATED, build
from fixtures.trials import trials

NAMES = [t.name for t in trials()]
needs_r = pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not installed (scripts/install.sh)")

R_TRUTH = r"""
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
es <- escalc(measure = "RR", ai = events_e, n1i = n_e, ci = events_c, n2i = n_c, data = d)
out <- do.call(rbind, lapply(c("FE", "DL", "REML"), function(m) {
  r <- rma(yi, vi, data = es, method = m, control = list(threshold = 1e-12, maxiter = 10000))
  data.frame(method = m, estimate = exp(as.numeric(r$b)), ci_low = exp(r$ci.lb), ci_high = exp(r$ci.ub), tau2 = r$tau2)
}))
write.csv(out, args[2], row.names = FALSE)
"""


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdfs = [f for f in build(GENERATED, only=NAMES) if f.suffix == ".pdf"]
    out = tmp_path_factory.mktemp("trials")
    assert main(["run", *map(str, pdfs), "--out", str(out), "--jobs", "1", "--no-progress"]) == 0
    assert main(["meta", str(out)]) == 0
    assert main(["export", str(out), "--format", "metafor", "--out", str(out / "metafor")]) == 0
    return out


def _truth() -> pd.DataFrame:
    rows = []
    for name in NAMES:
        notes = json.loads((GENERATED / f"{name}.truth.json").read_text())["notes"]["trial"]
        (e, c), (_, n_e), (_, n_c) = (notes["binary"]["Complete remission"], notes["arms"]["experimental"],
                                      notes["arms"]["control"])  # fmt: skip
        rows.append({"study": f"{notes['first_author']} {notes['year']}", "events_e": e, "n_e": n_e, "events_c": c,
                     "n_c": n_c})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def metafor_on_truth(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    if shutil.which("Rscript") is None:
        pytest.skip("Rscript is not installed")
    d = tmp_path_factory.mktemp("truth")
    _truth().to_csv(d / "truth.csv", index=False)
    (d / "truth.R").write_text(R_TRUTH)
    subprocess.run(["Rscript", str(d / "truth.R"), str(d / "truth.csv"), str(d / "r.csv")], check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    return pd.read_csv(d / "r.csv")


def _cr_rr(meta: pd.DataFrame) -> pd.DataFrame:
    is_cr = (meta["outcome"].fillna("") == "CR") | meta["outcome_raw"].fillna("").str.contains("remission", case=False)
    return meta[is_cr & (meta["measure"] == "RR") & (meta["grade"].fillna("") == "")]


def test_studies_are_named_first_author_year(run_dir: Path) -> None:
    studies = pd.read_csv(run_dir / "studies.csv")
    assert sorted(studies["label"]) == sorted(f"{t.first_author} {t.year}" for t in trials())
    assert (studies["title"].str.startswith("Blinatumomab versus chemotherapy")).all()


def test_every_exported_row_carries_its_study_label(run_dir: Path) -> None:
    table = pd.read_csv(run_dir / "metafor" / "metafor.csv")
    assert (run_dir / "metafor" / "metafor.R").exists()
    labels = {f"{t.first_author} {t.year}" for t in trials()}
    assert len(table) and set(table["study"]) <= labels


@needs_r
def test_pooled_rr_equals_metafor_on_the_truth(run_dir: Path, metafor_on_truth: pd.DataFrame) -> None:
    rows = _cr_rr(pd.read_csv(run_dir / "meta.csv"))
    assert set(rows["method"]) == {"FE", "DL", "REML"} and (rows["k"] == 5).all()
    both = rows.merge(metafor_on_truth, on="method", suffixes=("", "_r"))
    for col in ("estimate", "ci_low", "ci_high", "tau2"):
        assert (both[col] - both[f"{col}_r"]).abs().max() < 1e-6, both[["method", col, f"{col}_r"]]


@needs_r
def test_exported_metafor_script_gives_the_same_pooled_rr(run_dir: Path, metafor_on_truth: pd.DataFrame) -> None:
    folder = run_dir / "metafor"
    subprocess.run(["Rscript", "metafor.R", "metafor.csv", "."], cwd=folder, check=True, capture_output=True,
                   timeout=300)  # fmt: skip
    rows = _cr_rr(pd.read_csv(folder / "metafor_results.csv"))
    assert len(rows) == 1 and int(rows["k"].iloc[0]) == 5
    truth = metafor_on_truth.set_index("method").loc["REML"]
    for col in ("estimate", "ci_low", "ci_high", "tau2"):
        assert abs(float(rows[col].iloc[0]) - float(truth[col])) < 1e-6
    assert list(folder.glob("forest_*_rr.png"))


def test_forest_plots_are_written(run_dir: Path) -> None:
    pngs = list((run_dir / "forest").glob("*.png"))
    svgs = list((run_dir / "forest").glob("*.svg"))
    assert pngs and len(pngs) == len(svgs)
    assert all(p.stat().st_size > 5000 for p in pngs)
