"""comparisons.csv reshaped for the tools reviewers pool with: RevMan, R metafor, or a labelled CSV.

Every row carries the study label ("First author year", Cochrane's a/b suffix for equal labels) that
meta.csv and the forest plots use, so a row can be traced from any of them back to studies.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from evidex.models import InputError
from evidex.output.atomic import commit_all
from evidex.output.meta import RATIO, Z95, outcome_groups, poolable, read_inputs, study_labels

FORMATS = ("revman", "metafor", "csv")
_STUDY_COLUMNS = ("first_author", "year", "title", "journal", "doi", "registration", "source")
_KEY = ["Outcome", "Subgroup", "Grade", "Timepoint (months)"]


@dataclass(frozen=True)
class ExportSummary:
    files: tuple[Path, ...]
    rows: int


def export(out_dir: Path, fmt: str, target: Path | None = None) -> ExportSummary:
    """Write DIR's comparisons in ``fmt`` to ``target`` (a file for csv, a folder otherwise; default DIR/export/)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    comparisons, studies = read_inputs(Path(out_dir))
    table = labelled(comparisons, studies)
    files: dict[Path, pd.DataFrame | str]
    if fmt == "csv":
        path = Path(target) if target else Path(out_dir) / "export" / "comparisons.csv"
        files = {path: table}
    else:
        folder = Path(target) if target else Path(out_dir) / "export" / fmt
        table = labelled(poolable(comparisons), studies)  # RevMan and the R script pool what they are given
        files = revman_tables(table, folder) if fmt == "revman" else metafor_tables(table, folder)
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    commit_all({path: _writer(content) for path, content in files.items()})
    return ExportSummary(tuple(files), len(table))


def _writer(content: pd.DataFrame | str):  # type: ignore[no-untyped-def]
    def write(tmp: Path) -> None:
        if isinstance(content, str):
            tmp.write_text(content, encoding="utf-8")
        else:
            content.to_csv(tmp, index=False, float_format="%.10g", na_rep="")

    return write


def labelled(comparisons: pd.DataFrame, studies: pd.DataFrame) -> pd.DataFrame:
    """comparisons.csv with the study label first, the outcome group, and the study's bibliographic columns last."""
    labels = study_labels(studies)
    table = comparisons.copy()
    table.insert(0, "study", [labels.get(str(s), str(s)) for s in table["study_id"]])
    table.insert(1, "group", outcome_groups(table) if len(table) else pd.Series(dtype=object))
    meta = studies[["study_id", *[c for c in _STUDY_COLUMNS if c in studies.columns]]]
    meta = meta.rename(columns={c: f"study_{c}" for c in _STUDY_COLUMNS})
    return table.merge(meta, on="study_id", how="left").sort_values(["group", "study"], kind="stable")


# ---- RevMan -------------------------------------------------------------------------------------------


def revman_tables(table: pd.DataFrame, folder: Path) -> dict[Path, pd.DataFrame | str]:
    """Three CSVs shaped as RevMan's data tables: dichotomous, continuous and generic inverse variance."""
    key = table[["outcome", "subgroup", "grade", "timepoint_months"]].copy()
    key["outcome"] = [o or r for o, r in zip(table["outcome"], table["outcome_raw"], strict=True)]
    key.columns = _KEY
    base = pd.concat([table[["study"]].rename(columns={"study": "Study"}), key], axis=1)
    arms = {"Experimental": table["arm_e_label"], "Control": table["arm_c_label"]}
    ids = {"study_id": table["study_id"], "comparison_id": table["comparison_id"]}
    binary = table[["events_e", "n_e", "events_c", "n_c"]].notna().all(axis=1) & table["measure"].eq("binary")
    dich = base.assign(**{"Events E": table["events_e"], "Total E": table["n_e"], "Events C": table["events_c"],
                          "Total C": table["n_c"]}, **arms, **ids)[binary]  # fmt: skip
    cont_cols = ["mean_e", "sd_e", "n_e", "mean_c", "sd_c", "n_c"]
    continuous = table[cont_cols].notna().all(axis=1) & table["measure"].eq("continuous")
    cont = base.assign(**{"Mean E": table["mean_e"], "SD E": table["sd_e"], "Total E": table["n_e"],
                          "Mean C": table["mean_c"], "SD C": table["sd_c"], "Total C": table["n_c"]},
                       **arms, **ids)[continuous]  # fmt: skip
    return {folder / "dichotomous.csv": _ints(dich), folder / "continuous.csv": _ints(cont),
            folder / "generic_inverse_variance.csv": _generic(table, base, arms, ids)}  # fmt: skip


def _generic(table: pd.DataFrame, base: pd.DataFrame, arms: dict, ids: dict) -> pd.DataFrame:
    """Reported effects with a 95% CI: estimate (log scale for HR/OR/RR) and its SE taken from the CI."""
    effect = table["effect"].fillna("").str.upper()
    value, low, high = (table[c] for c in ("effect_value", "effect_low", "effect_high"))
    ratio = effect.isin(sorted(RATIO))
    ok = effect.isin(["HR", "OR", "RR", "MD", "RD"]) & value.notna() & low.notna() & high.notna() & (high > low)
    ok &= ~ratio | ((value > 0) & (low > 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        est = np.where(ratio, np.log(value.where(value > 0)), value)
        se = np.where(ratio, np.log(high.where(high > 0)) - np.log(low.where(low > 0)), high - low) / (2 * Z95)
    out = base.assign(Effect=effect, Estimate=est, SE=se, **{"Log scale": np.where(ratio, "yes", "no")},
                      **{"Reported value": value, "CI low": low, "CI high": high}, **arms, **ids)  # fmt: skip
    return out[ok.fillna(False)]


def _ints(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ("Events E", "Total E", "Events C", "Total C"):
        if col in frame.columns:
            frame[col] = frame[col].astype("Int64")
    return frame


# ---- metafor ------------------------------------------------------------------------------------------


def metafor_tables(table: pd.DataFrame, folder: Path) -> dict[Path, pd.DataFrame | str]:
    """metafor.csv (comparisons with labels and groups) and metafor.R, which pools each group as meta does."""
    for col in ("events_e", "n_e", "events_c", "n_c"):
        table[col] = table[col].astype("Int64")
    return {folder / "metafor.csv": table, folder / "metafor.R": METAFOR_R}


METAFOR_R = r"""# Meta-analysis of an evidex run with R metafor, written by `evidex export --format metafor`.
# For each outcome group (outcome, subgroup, grade, timepoint) and effect measure: escalc (metafor's
# defaults: 0.5 added to the cells of studies with a zero cell), rma with REML, a forest plot
# (forest_<group>_<measure>.png) and one row of metafor_results.csv. Groups with fewer than 2 studies
# are skipped. Binary: RR, OR, RD; continuous: MD, SMD (Hedges' g); time to event: HR from the
# reported estimate and its 95% CI (generic inverse variance on the log scale).
#
# Run:  Rscript metafor.R [metafor.csv] [output folder]
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
input <- if (length(args) >= 1) args[1] else "metafor.csv"
out_dir <- if (length(args) >= 2) args[2] else dirname(input)
d <- read.csv(input, stringsAsFactors = FALSE, na.strings = "")
measures <- list(binary = c("RR", "OR", "RD"), continuous = c("MD", "SMD"), time_to_event = "HR")
ratio <- c("RR", "OR", "HR")

effect_sizes <- function(s, m) {
  if (m %in% c("RR", "OR", "RD")) {
    escalc(measure = m, ai = events_e, n1i = n_e, ci = events_c, n2i = n_c, data = s, slab = study)
  } else if (m %in% c("MD", "SMD")) {
    escalc(measure = m, m1i = mean_e, sd1i = sd_e, n1i = n_e, m2i = mean_c, sd2i = sd_c, n2i = n_c,
           data = s, slab = study)
  } else {
    s$yi <- log(s$effect_value)
    s$vi <- ((log(s$effect_high) - log(s$effect_low)) / (2 * qnorm(0.975)))^2
    escalc(measure = "GEN", yi = yi, vi = vi, data = s[toupper(s$effect) %in% "HR", ], slab = study)
  }
}

results <- list()
for (g in unique(d$group)) {
  for (kind in unique(d$measure[d$group == g])) {
    s <- d[d$group == g & d$measure == kind, ]
    for (m in measures[[kind]]) {
      es <- suppressWarnings(effect_sizes(s, m))
      es <- es[!is.na(es$yi) & !is.na(es$vi), ]
      if (nrow(es) < 2) next
      # converged to 1e-10 (metafor's default stops at 1e-5), so the numbers match evidex meta's to 1e-6
      fit <- rma(yi, vi, data = es, method = "REML", control = list(threshold = 1e-10, maxiter = 1000))
      tr <- if (m %in% ratio) exp else identity
      results[[length(results) + 1]] <- data.frame(
        group = g, outcome = s$outcome[1], outcome_raw = s$outcome_raw[1], subgroup = s$subgroup[1],
        grade = s$grade[1], timepoint_months = s$timepoint_months[1], measure = m, method = "REML",
        k = fit$k, estimate = tr(as.numeric(fit$b)), ci_low = tr(fit$ci.lb), ci_high = tr(fit$ci.ub),
        tau2 = fit$tau2, i2 = fit$I2, q = fit$QE, q_p = fit$QEp, p = fit$pval,
        studies = paste(es$study, collapse = ";"))
      png(file.path(out_dir, paste0("forest_", g, "_", tolower(m), ".png")),
          width = 1000, height = 260 + 36 * fit$k, res = 110)
      forest(fit, atransf = if (m %in% ratio) exp else NULL, header = c("Study", paste0(m, " [95% CI]")),
             xlab = paste(m, "(experimental vs control)"))
      invisible(dev.off())
    }
  }
}
out <- if (length(results)) do.call(rbind, results) else data.frame()
write.csv(out, file.path(out_dir, "metafor_results.csv"), row.names = FALSE)
cat(sprintf("metafor: %d pooled estimates in %s\n", nrow(out), file.path(out_dir, "metafor_results.csv")))
"""
