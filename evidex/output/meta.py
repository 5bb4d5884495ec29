"""Pool comparisons.csv across studies: effect sizes, fixed and random effects, meta.csv and forest plots.

Effect sizes follow metafor's ``escalc`` defaults so that R users get the same numbers: RR, OR and RD
through statsmodels' ``effectsize_2proportions`` with 0.5 added to every cell of a study that has a
zero cell (escalc's ``add=1/2, to="only0"``); MD and SMD as escalc's "MD" and "SMD"; HR on the log
scale with its SE taken from the 95% CI. Pooling: inverse-variance fixed effect and DerSimonian-Laird
through statsmodels' ``combine_effects``, REML through PyMARE (statsmodels has no REML estimator).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import special, stats

from evidex.models import InputError
from evidex.output.atomic import atomic_write

MEASURES: dict[str, tuple[str, ...]] = {
    "binary": ("RR", "OR", "RD"),
    "continuous": ("MD", "SMD"),
    "time_to_event": ("HR",),
}
RATIO = frozenset({"RR", "OR", "HR"})  # pooled on the log scale, reported back-transformed
METHODS = ("FE", "DL", "REML")
KEY = ("outcome", "outcome_raw", "subgroup", "grade", "timepoint_months")
Z95 = float(stats.norm.ppf(0.975))
META_COLUMNS = [
    "outcome", "outcome_raw", "subgroup", "grade", "timepoint_months", "measure", "method", "k",
    "estimate", "ci_low", "ci_high", "tau2", "i2", "q", "q_p", "p", "studies",
    # additions
    "se", "log_scale", "comparison_type", "forest",
]  # fmt: skip
_PROPORTION_STAT = {"RR": "risk-ratio", "OR": "odds-ratio", "RD": "diff"}
_NUMERIC = ("events_e", "n_e", "events_c", "n_c", "mean_e", "sd_e", "mean_c", "sd_c",
            "effect_value", "effect_low", "effect_high", "timepoint_months")  # fmt: skip


@dataclass(frozen=True)
class Pooled:
    """One pooled estimate, on the analysis scale (log for RR/OR/HR)."""

    method: str
    k: int
    estimate: float
    se: float
    tau2: float
    i2: float
    q: float
    q_p: float
    weights: tuple[float, ...] = ()  # relative weights of the studies, in input order

    @property
    def ci(self) -> tuple[float, float]:
        return self.estimate - Z95 * self.se, self.estimate + Z95 * self.se

    @property
    def p(self) -> float:
        return float(2 * stats.norm.sf(abs(self.estimate / self.se))) if self.se > 0 else float("nan")


@dataclass(frozen=True)
class Group:
    """The studies of one outcome (and subgroup, grade, timepoint) pooled with one measure."""

    key: dict[str, Any]
    measure: str
    comparison_type: str  # binary | continuous | time_to_event
    labels: tuple[str, ...]
    yi: tuple[float, ...]
    vi: tuple[float, ...]
    pooled: tuple[Pooled, ...] = ()
    slug: str = ""
    outcome_raws: tuple[str, ...] = field(default=())

    @property
    def log_scale(self) -> bool:
        return self.measure in RATIO

    def back(self, x: float) -> float:
        return float(np.exp(x)) if self.log_scale else float(x)

    def by_method(self, method: str) -> Pooled:
        return next(p for p in self.pooled if p.method == method)


@dataclass(frozen=True)
class MetaSummary:
    meta_csv: Path
    groups: tuple[Group, ...]
    plots: tuple[Path, ...]
    skipped: int  # comparison rows without the numbers their measure needs


# ---- effect sizes -------------------------------------------------------------------------------------


def effect_sizes(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    """``yi`` and ``vi`` per row (analysis scale); rows without the numbers the measure needs are dropped."""
    if measure in _PROPORTION_STAT:
        return _binary(rows, measure)
    if measure in ("MD", "SMD"):
        return _continuous(rows, measure)
    if measure == "HR":
        return _hazard(rows)
    raise ValueError(f"unknown measure {measure!r}")


def _binary(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    from statsmodels.stats.meta_analysis import effectsize_2proportions

    ok = rows[["events_e", "n_e", "events_c", "n_c"]].notna().all(axis=1)
    ok &= (rows["n_e"] > 0) & (rows["n_c"] > 0) & (rows["events_e"] >= 0) & (rows["events_c"] >= 0)
    ok &= (rows["events_e"] <= rows["n_e"]) & (rows["events_c"] <= rows["n_c"])
    use = rows[ok]
    if use.empty:
        return use.assign(yi=[], vi=[])
    a, n1, c, n2 = (use[col].to_numpy(dtype=float) for col in ("events_e", "n_e", "events_c", "n_c"))
    zero = (a == 0) | (a == n1) | (c == 0) | (c == n2)
    yi, vi = np.empty(len(use)), np.empty(len(use))
    # statsmodels adds the correction to the events of every row but to the totals of zero-cell rows only,
    # so it is asked for the zero-cell rows alone (where it then adds 0.5 to all four cells, as escalc does)
    for mask, correction in ((~zero, None), (zero, 0.5)):
        if mask.any():
            y, v = effectsize_2proportions(a[mask], n1[mask], c[mask], n2[mask], statistic=_PROPORTION_STAT[measure],
                                           zero_correction=correction)  # fmt: skip
            yi[mask], vi[mask] = y, v
    return use.assign(yi=yi, vi=vi)


def _continuous(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    need = ["mean_e", "sd_e", "n_e", "mean_c", "sd_c", "n_c"]
    ok = rows[need].notna().all(axis=1) & (rows["sd_e"] > 0) & (rows["sd_c"] > 0)
    ok &= (rows["n_e"] >= 2) & (rows["n_c"] >= 2)
    use = rows[ok]
    m1, s1, n1, m2, s2, n2 = (use[c].to_numpy(dtype=float) for c in need)
    if measure == "MD":
        return use.assign(yi=m1 - m2, vi=s1**2 / n1 + s2**2 / n2)
    return use.assign(**dict(zip(("yi", "vi"), hedges_g(m1, s1, n1, m2, s2, n2), strict=True)))


def hedges_g(m1: Any, s1: Any, n1: Any, m2: Any, s2: Any, n2: Any) -> tuple[np.ndarray, np.ndarray]:
    """metafor's "SMD": Hedges' g with the exact small-sample factor and the large-sample variance.

    Written out because statsmodels' ``effectsize_smd`` and PyMARE use the approximate factor
    1 - 3/(4m - 1) and other variances, which differ from metafor's in the fourth decimal.
    """
    m = n1 + n2 - 2
    sd_pooled = np.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / m)
    correction = np.exp(special.gammaln(m / 2) - np.log(np.sqrt(m / 2)) - special.gammaln((m - 1) / 2))
    g = correction * (m1 - m2) / sd_pooled
    return g, 1 / n1 + 1 / n2 + g**2 / (2 * (n1 + n2))


def _hazard(rows: pd.DataFrame) -> pd.DataFrame:
    ok = rows["effect"].fillna("").str.upper().eq("HR")
    ok &= (rows["effect_value"] > 0) & (rows["effect_low"] > 0) & (rows["effect_high"] > rows["effect_low"])
    use = rows[ok.fillna(False)]
    se = (np.log(use["effect_high"].to_numpy(float)) - np.log(use["effect_low"].to_numpy(float))) / (2 * Z95)
    return use.assign(yi=np.log(use["effect_value"].to_numpy(float)), vi=se**2)


# ---- pooling ------------------------------------------------------------------------------------------


def pool(yi: Any, vi: Any, method: str) -> Pooled:
    """Pool ``yi`` with sampling variances ``vi``: FE (inverse variance), DL or REML random effects."""
    import warnings

    from statsmodels.stats.meta_analysis import combine_effects

    y, v = np.asarray(yi, dtype=float), np.asarray(vi, dtype=float)
    k = len(y)
    if k == 0:
        raise ValueError("nothing to pool")
    if k == 1:  # one study: the pooled estimate is the study's own, with no heterogeneity to speak of
        return Pooled(method, 1, float(y[0]), float(np.sqrt(v[0])), 0.0, 0.0, 0.0, float("nan"), (1.0,))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        res = combine_effects(y, v, method_re="chi2")  # chi2 = DerSimonian-Laird
    q, q_p = max(0.0, float(res.q)), float(res.test_homogeneity().pvalue)  # q: no -1e-15 from rounding
    if method == "FE":
        est, se, tau2 = float(res.mean_effect_fe), float(res.sd_eff_w_fe), 0.0
        i2 = max(0.0, 100 * (q - (k - 1)) / q) if q > 0 else 0.0
    elif method == "DL":
        # statsmodels leaves a negative moment estimate as it is; DerSimonian-Laird (and metafor) truncate it
        # at 0, where the random-effects model is the fixed-effect one
        if float(res.tau2) > 0:
            est, se, tau2 = float(res.mean_effect_re), float(res.sd_eff_w_re), float(res.tau2)
        else:
            est, se, tau2 = float(res.mean_effect_fe), float(res.sd_eff_w_fe), 0.0
        i2 = _i2(tau2, v)
    elif method == "REML":
        est, se, tau2 = _reml(y, v)
        i2 = _i2(tau2, v)
    else:
        raise ValueError(f"unknown method {method!r}")
    w = 1 / (v + tau2)
    return Pooled(method, k, est, se, tau2, i2, q, q_p, tuple(float(x) for x in w / w.sum()))


def _reml(y: np.ndarray, v: np.ndarray) -> tuple[float, float, float]:
    from pymare.estimators import VarianceBasedLikelihoodEstimator

    # PyMARE's default search stops when its bracket is 1e-6 of the starting one (a few 1e-6 off for tau² ~ 10);
    # xtol=1e-12 brings tau² to metafor's converged REML answer; "wald" = no Knapp-Hartung, as rma's default
    est = VarianceBasedLikelihoodEstimator(method="REML", small_sample_correction="wald", xtol=1e-12)
    est.fit(y[:, None], v[:, None], np.ones((len(y), 1)))
    params = est.params_
    tau2 = max(0.0, float(np.asarray(params["tau2"]).ravel()[0]))
    beta = float(np.asarray(params["fe_params"]).ravel()[0])
    se = float(np.sqrt(np.asarray(params["inv_cov"]).ravel()[0]))
    return beta, se, tau2


def _i2(tau2: float, v: np.ndarray) -> float:
    """I² as metafor reports it for a random-effects model: tau² over tau² plus the typical within-study variance."""
    w = 1 / v
    typical = (len(v) - 1) * w.sum() / (w.sum() ** 2 - (w**2).sum())
    return float(100 * tau2 / (tau2 + typical))


# ---- reading DIR --------------------------------------------------------------------------------------


def read_inputs(out_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """comparisons.csv and studies.csv of an evidex output folder, numbers as floats and texts as ''."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InputError(f"{out_dir} is not a folder; give the --out folder of an evidex run")
    frames = []
    for name in ("comparisons", "studies"):
        path = out_dir / f"{name}.csv"
        if not path.exists():
            raise InputError(f"{path} is missing; run `evidex run INPUT --out {out_dir}` first")
        frames.append(pd.read_csv(path, dtype=str, keep_default_na=False))
    comparisons, studies = frames
    for col in _NUMERIC:
        if col in comparisons.columns:
            comparisons[col] = pd.to_numeric(comparisons[col], errors="coerce")
    for col in ("comparison_id", "measure", "effect", "arm_e_label", "arm_c_label", *KEY):
        if col not in comparisons.columns:
            comparisons[col] = np.nan if col == "timepoint_months" else ""
    return comparisons, studies


def study_labels(studies: pd.DataFrame) -> dict[str, str]:
    """study_id -> "First author year" (the file name when unknown); equal labels get a, b, c ... as in Cochrane."""
    base = {}
    for _, row in studies.iterrows():
        label = str(row.get("label", "") or "").strip()
        base[str(row["study_id"])] = label or str(row.get("source", "") or row["study_id"])
    counts: dict[str, list[str]] = {}
    for sid in sorted(base, key=lambda s: (base[s], s)):
        counts.setdefault(base[sid], []).append(sid)
    out = {}
    for label, sids in counts.items():
        for i, sid in enumerate(sids):
            out[sid] = f"{label}{chr(ord('a') + i)}" if len(sids) > 1 and i < 26 else label
    return out


# ---- groups -------------------------------------------------------------------------------------------


def _group_key(row: pd.Series) -> tuple[str, ...]:
    # a coded outcome pools across studies whatever words each paper used; an uncoded one by its words
    outcome = str(row["outcome"])
    raw = "" if outcome else " ".join(str(row["outcome_raw"]).casefold().split())
    tp = row["timepoint_months"]
    return outcome, raw, str(row["subgroup"] or "all"), str(row["grade"]), "" if pd.isna(tp) else f"{float(tp):g}"


def outcome_groups(comparisons: pd.DataFrame) -> pd.Series:
    """Per comparison row, a slug naming its outcome group (outcome, subgroup, grade, timepoint): "os-12m"."""
    keys = comparisons.apply(_group_key, axis=1) if len(comparisons) else pd.Series([], dtype=object)
    slugs: dict[tuple[str, ...], str] = {}
    for key in sorted(set(keys)):
        outcome, raw, subgroup, grade, tp = key
        parts = [outcome or raw, "" if subgroup == "all" else subgroup, grade, f"{tp}m" if tp else ""]
        slug = re.sub(r"[^a-z0-9]+", "-", "-".join(p for p in parts if p).lower()).strip("-")[:72] or "outcome"
        candidate, i = slug, 1
        while candidate in slugs.values():
            i += 1
            candidate = f"{slug}-{i}"
        slugs[key] = candidate
    return keys.map(slugs).astype(object) if len(keys) else keys


def build_groups(comparisons: pd.DataFrame, studies: pd.DataFrame) -> tuple[list[Group], int]:
    """Every (outcome group, measure) with at least one usable comparison, pooled with every method."""
    labels = study_labels(studies)
    groups: list[Group] = []
    used: set[int] = set()
    if comparisons.empty:
        return groups, 0
    keyed = comparisons.assign(_key=comparisons.apply(_group_key, axis=1), _slug=outcome_groups(comparisons))
    for (key, slug, kind), rows in keyed.groupby(["_key", "_slug", "measure"], sort=True):
        for measure in MEASURES.get(str(kind), ()):
            eff = effect_sizes(rows, measure)
            if eff.empty:
                continue
            used.update(int(i) for i in eff.index)
            group = _group(tuple(key), str(kind), measure, eff, labels)  # type: ignore[arg-type]
            groups.append(replace(group, slug=f"{slug}-{measure.lower()}"))
    return groups, len(comparisons) - len(used)


def _group(key: tuple[str, ...], kind: str, measure: str, eff: pd.DataFrame, labels: dict[str, str]) -> Group:
    outcome, raw, subgroup, grade, tp = key
    names = [labels.get(str(s), str(s)) for s in eff["study_id"]]
    repeated = {n for n in names if names.count(n) > 1}
    names = [f"{n} ({e} vs {c})" if n in repeated else n
             for n, e, c in zip(names, eff["arm_e_label"], eff["arm_c_label"], strict=True)]  # fmt: skip
    raws = tuple(sorted({str(r) for r in eff["outcome_raw"] if str(r)}))
    yi, vi = tuple(eff["yi"].astype(float)), tuple(eff["vi"].astype(float))
    pooled = tuple(pool(yi, vi, m) for m in METHODS)
    tp_value = float(tp) if tp else None
    shown_raw = ";".join(raws) if outcome else (raws[0] if raws else raw)
    keyd = {"outcome": outcome, "outcome_raw": shown_raw, "subgroup": subgroup, "grade": grade,
            "timepoint_months": tp_value}  # fmt: skip
    return Group(keyd, measure, kind, tuple(names), yi, vi, pooled, outcome_raws=raws)


def meta_frame(groups: list[Group], forest_dir: str = "forest") -> pd.DataFrame:
    """One row per group and method, estimates back-transformed for RR/OR/HR (tau² stays on the log scale)."""
    rows = []
    for g in groups:
        for p in g.pooled:
            lo, hi = p.ci
            rows.append({**g.key, "measure": g.measure, "method": p.method, "k": p.k,
                         "estimate": g.back(p.estimate), "ci_low": g.back(lo), "ci_high": g.back(hi),
                         "tau2": p.tau2, "i2": p.i2, "q": p.q, "q_p": p.q_p, "p": p.p, "studies": ";".join(g.labels),
                         "se": p.se, "log_scale": g.log_scale, "comparison_type": g.comparison_type,
                         "forest": f"{forest_dir}/{g.slug}.svg"})  # fmt: skip
    return pd.DataFrame(rows, columns=META_COLUMNS)


def poolable(comparisons: pd.DataFrame) -> pd.DataFrame:
    """Comparisons that estimate an effect of treatment: an experimental arm against its control. Two active arms
    of one trial are not pooled with drug-vs-control, and characteristics at entry (domain baseline) describe who
    was randomized, not what treatment did; both stay in comparisons.csv and the csv export."""
    keep = pd.Series(True, index=comparisons.index)
    if "contrast" in comparisons.columns:
        keep &= comparisons["contrast"] != "between_active"
    if "domain" in comparisons.columns:
        keep &= comparisons["domain"].fillna("").astype(str) != "baseline"
    return comparisons[keep]


def run_meta(out_dir: Path, plots: bool = True) -> MetaSummary:
    """Read DIR's comparisons and studies, write DIR/meta.csv and DIR/forest/<slug>.svg|.png."""
    out_dir = Path(out_dir)
    comparisons, studies = read_inputs(out_dir)
    groups, skipped = build_groups(poolable(comparisons), studies)
    frame = meta_frame(groups)
    target = out_dir / "meta.csv"
    atomic_write(target, lambda tmp: frame.to_csv(tmp, index=False, float_format="%.10g", na_rep=""))
    written: list[Path] = []
    if plots and groups:
        from evidex.output.forest import write_forest

        (out_dir / "forest").mkdir(exist_ok=True)
        for g in groups:
            written.extend(write_forest(g, out_dir / "forest" / g.slug))
    return MetaSummary(target, tuple(groups), tuple(written), skipped)
