"""evidex meta agrees with R metafor (escalc + rma) on the same generated comparisons, to 1e-6.

Data are drawn from a seeded generator: binary outcomes (one study with a zero cell, so escalc's
``to="only0"`` correction is exercised), continuous outcomes, hazard ratios with CIs; homogeneous and
heterogeneous sets; k from 2 to 9. R runs metafor on comparisons.csv itself, not on evidex's effect sizes.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from evidex.output.meta import run_meta

pytestmark = pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not installed (scripts/install.sh)")

# metafor stops Fisher scoring for REML when tau² moves by less than 1e-5 (its default threshold), which
# leaves its own answer up to ~1e-6 from the REML optimum; we ask it to converge so that 1e-6 is meaningful.
R_SCRIPT = r"""
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "")
out <- list()
for (o in unique(d$outcome)) {
  s <- d[d$outcome == o, ]
  kind <- s$measure[1]
  measures <- switch(kind, binary = c("RR", "OR", "RD"), continuous = c("MD", "SMD"), time_to_event = "HR")
  for (m in measures) {
    if (m %in% c("RR", "OR", "RD")) {
      es <- escalc(measure = m, ai = events_e, n1i = n_e, ci = events_c, n2i = n_c, data = s)
    } else if (m %in% c("MD", "SMD")) {
      es <- escalc(measure = m, m1i = mean_e, sd1i = sd_e, n1i = n_e, m2i = mean_c, sd2i = sd_c, n2i = n_c, data = s)
    } else {
      es <- data.frame(yi = log(s$effect_value),
                       vi = ((log(s$effect_high) - log(s$effect_low)) / (2 * qnorm(0.975)))^2)
    }
    for (meth in c("FE", "DL", "REML")) {
      r <- rma(yi, vi, data = es, method = meth, control = list(threshold = 1e-12, maxiter = 10000))
      tr <- if (m %in% c("RR", "OR", "HR")) exp else identity
      out[[length(out) + 1]] <- data.frame(outcome = o, measure = m, method = meth, k = r$k,
        estimate = tr(as.numeric(r$b)), ci_low = tr(r$ci.lb), ci_high = tr(r$ci.ub),
        tau2 = r$tau2, i2 = r$I2, q = r$QE)
    }
  }
}
write.csv(do.call(rbind, out), args[2], row.names = FALSE)
"""


def _studies(rng: np.random.Generator, k: int, prefix: str) -> list[dict]:
    return [{"study_id": f"{prefix}{i:02d}", "source": f"{prefix}{i:02d}.pdf", "label": f"Author{prefix}{i} {2000 + i}"}
            for i in range(k)]  # fmt: skip


def _binary(rng: np.random.Generator, outcome: str, k: int, spread: float, zero: bool) -> list[dict]:
    rows = []
    for i in range(k):
        n_e, n_c = (int(x) for x in rng.integers(30, 250, 2))
        p_c = rng.uniform(0.1, 0.5)
        p_e = min(0.95, p_c * float(np.exp(rng.normal(-0.3, spread))))
        e_e, e_c = int(rng.binomial(n_e, p_e)), int(rng.binomial(n_c, p_c))
        if zero and i == 0:
            e_e = 0  # a zero cell: escalc adds 0.5 to the four cells of this study only
        rows.append({"events_e": e_e, "n_e": n_e, "events_c": e_c, "n_c": n_c})
    return _rows(outcome, "binary", rows)


def _continuous(rng: np.random.Generator, outcome: str, k: int, spread: float) -> list[dict]:
    rows = []
    for _ in range(k):
        n_e, n_c = (int(x) for x in rng.integers(10, 120, 2))
        sd = rng.uniform(5, 15)
        shift = rng.normal(-3, spread)
        sd_e = round(sd * rng.uniform(0.8, 1.2), 2)
        mean_e, mean_c = round(50 + shift + rng.normal(0, 1), 2), round(50 + rng.normal(0, 1), 2)
        rows.append({"mean_e": mean_e, "sd_e": sd_e, "n_e": n_e, "mean_c": mean_c, "sd_c": round(sd, 2), "n_c": n_c})
    return _rows(outcome, "continuous", rows)


def _hazard(rng: np.random.Generator, outcome: str, k: int, spread: float) -> list[dict]:
    rows = []
    for _ in range(k):
        log_hr, se = rng.normal(-0.2, spread), rng.uniform(0.08, 0.4)
        rows.append({"effect": "HR", "effect_value": round(float(np.exp(log_hr)), 2),
                     "effect_low": round(float(np.exp(log_hr - 1.96 * se)), 2),
                     "effect_high": round(float(np.exp(log_hr + 1.96 * se)), 2)})  # fmt: skip
    return _rows(outcome, "time_to_event", rows)


def _rows(outcome: str, measure: str, numbers: list[dict]) -> list[dict]:
    prefix = outcome.lower()
    return [{"study_id": f"{prefix}{i:02d}", "comparison_id": f"{prefix}{i:02d}-c1", "outcome": outcome,
             "outcome_raw": outcome.lower(), "subgroup": "all", "measure": measure, "arm_e_label": "drug",
             "arm_c_label": "placebo", **n} for i, n in enumerate(numbers)]  # fmt: skip


@pytest.fixture(scope="module")
def agreement(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(20240612)
    specs = [("CR", "b", 6, 0.05, True), ("ORR", "b", 9, 0.6, False), ("CRS", "b", 2, 0.3, False),
             ("AGE", "c", 7, 0.2, False), ("FOLLOW_UP", "c", 4, 3.0, False),
             ("OS", "h", 8, 0.35, False), ("PFS", "h", 3, 0.01, False)]  # fmt: skip
    comparisons, studies = [], []
    for outcome, kind, k, spread, zero in specs:
        if kind == "b":
            comparisons += _binary(rng, outcome, k, spread, zero)
        elif kind == "c":
            comparisons += _continuous(rng, outcome, k, spread)
        else:
            comparisons += _hazard(rng, outcome, k, spread)
        studies += _studies(rng, k, outcome.lower())
    out = tmp_path_factory.mktemp("meta")
    pd.DataFrame(comparisons).to_csv(out / "comparisons.csv", index=False)
    pd.DataFrame(studies).to_csv(out / "studies.csv", index=False)
    run_meta(out, plots=False)
    ours = pd.read_csv(out / "meta.csv")
    script = out / "metafor.R"
    script.write_text(R_SCRIPT)
    subprocess.run(["Rscript", str(script), str(out / "comparisons.csv"), str(out / "r.csv")], check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    return ours, pd.read_csv(out / "r.csv")


def test_every_outcome_measure_and_method_is_pooled_by_both(agreement: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    ours, theirs = agreement
    key = ["outcome", "measure", "method"]
    assert sorted(map(tuple, ours[key].values)) == sorted(map(tuple, theirs[key].values))
    assert len(theirs) == 3 * (3 * 3 + 2 * 2 + 2 * 1)


@pytest.mark.parametrize("method", ["FE", "DL", "REML"])
@pytest.mark.parametrize("measure", ["RR", "OR", "RD", "MD", "SMD", "HR"])
def test_estimate_ci_and_tau2_equal_metafor(agreement: tuple[pd.DataFrame, pd.DataFrame], measure: str,
                                            method: str) -> None:  # fmt: skip
    ours, theirs = agreement
    both = ours.merge(theirs, on=["outcome", "measure", "method"], suffixes=("", "_r"))
    both = both[(both["measure"] == measure) & (both["method"] == method)]
    assert len(both) >= 2
    assert (both["k"] == both["k_r"]).all()
    for col in ("estimate", "ci_low", "ci_high", "tau2", "q"):
        assert np.allclose(both[col], both[f"{col}_r"], rtol=0, atol=1e-6), (col, both[[col, f"{col}_r"]])
    assert np.allclose(both["i2"], both["i2_r"], rtol=0, atol=1e-4)  # percent


def test_heterogeneous_sets_have_heterogeneity(agreement: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """The data are not all trivially homogeneous: some random-effects fits have tau² > 0, some have tau² = 0."""
    ours, _ = agreement
    re = ours[ours["method"] != "FE"]
    assert (re["tau2"] > 1e-4).sum() >= 4
    assert (re["tau2"] == 0).sum() >= 1
