"""Forest plots (matplotlib, Agg): one row per study, diamonds for the pooled estimates, SVG and PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evidex.output.meta import Z95, Group

_PLOTTED = (("REML", "Random effects (REML)"), ("FE", "Fixed effect"))
_COLOR = "#1f3b73"
_LOG_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10, 20, 50, 100)


def write_forest(group: Group, stem: Path) -> list[Path]:
    """Write ``stem.svg`` and ``stem.png``; returns both paths."""
    import matplotlib

    matplotlib.use("Agg")
    # fixed ids and no date, so the same input gives the same bytes
    with matplotlib.rc_context({"svg.hashsalt": "evidex", "font.size": 9}):
        fig = _figure(group)
        svg, png = stem.with_suffix(".svg"), stem.with_suffix(".png")
        fig.savefig(svg, format="svg", metadata={"Date": None})
        fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
    return [svg, png]


def _figure(group: Group) -> Any:
    from matplotlib.figure import Figure

    k = len(group.yi)
    fig = Figure(figsize=(10, 1.9 + 0.32 * (k + 3)))
    ax = fig.add_axes((0.30, 0.20, 0.34, 0.68))
    reml = group.by_method("REML")
    lows = [y - Z95 * np.sqrt(v) for y, v in zip(group.yi, group.vi, strict=True)]
    highs = [y + Z95 * np.sqrt(v) for y, v in zip(group.yi, group.vi, strict=True)]
    for i, (y, lo, hi, w) in enumerate(zip(group.yi, lows, highs, reml.weights, strict=True)):
        row = float(-i)
        ax.plot([group.back(lo), group.back(hi)], [row, row], color="black", lw=1)
        ax.plot([group.back(y)], [row], marker="s", color=_COLOR, markersize=4 + 10 * float(np.sqrt(w)))
        _row_text(ax, fig, row, group.labels[i], group, y, lo, hi, f"{100 * w:.1f}%")
    for j, (method, name) in enumerate(_PLOTTED):
        p = group.by_method(method)
        lo, hi = p.ci
        row = -(k + 0.6 + j)
        xs = [group.back(x) for x in (lo, p.estimate, hi, p.estimate)]
        ax.fill(xs, [row, row + 0.3, row, row - 0.3], color=_COLOR if method == "REML" else "#888888")
        _row_text(ax, fig, row, name, group, p.estimate, lo, hi, "100%", bold=True)
    _axes(ax, group, k)
    _header(fig, ax, group)
    return fig


def _row_text(ax: Any, fig: Any, row: float, label: str, group: Group, y: float, lo: float, hi: float,
              weight: str, bold: bool = False) -> None:  # fmt: skip
    tr = ax.get_yaxis_transform()  # x in axes fraction, y in data
    kw = {"transform": tr, "va": "center", "fontweight": "bold" if bold else "normal"}
    ax.text(-0.78, row, label[:48], ha="left", **kw)
    ci = f"{group.back(y):.2f} [{group.back(lo):.2f}, {group.back(hi):.2f}]"
    ax.text(1.06, row, ci, ha="left", **kw)
    ax.text(1.88, row, weight, ha="right", **kw)


def _axes(ax: Any, group: Group, k: int) -> None:
    from matplotlib.ticker import FormatStrFormatter, NullFormatter

    null = 1.0 if group.log_scale else 0.0
    ax.axvline(null, color="#444444", lw=0.8, ls="--")
    if group.log_scale:
        ax.set_xscale("log")
        lo, hi = ax.get_xlim()
        # the axis reaches the nearest labelled tick on each side, so every interval can be read off a label
        lo = max((t for t in _LOG_TICKS if t <= lo), default=lo)
        hi = min((t for t in _LOG_TICKS if t >= hi), default=hi)
        ax.set_xlim(lo, hi)
        ax.set_xticks([t for t in _LOG_TICKS if lo <= t <= hi])
        ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_ylim(-(k + 2.3), 0.9)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    scale = " (log scale)" if group.log_scale else ""
    ax.set_xlabel(f"{group.measure}{scale}: experimental vs control")


def _header(fig: Any, ax: Any, group: Group) -> None:
    tr = ax.get_yaxis_transform()
    for x, text, ha in ((-0.78, "Study", "left"), (1.06, f"{group.measure} [95% CI]", "left"),
                        (1.88, "Weight", "right")):  # fmt: skip
        ax.text(x, 0.75, text, transform=tr, ha=ha, va="center", fontweight="bold")
    k = group.key
    parts = [k["outcome"] or k["outcome_raw"], "" if k["subgroup"] == "all" else k["subgroup"],
             f"grade {k['grade']}" if k["grade"] else "",
             "" if k["timepoint_months"] is None else f"{k['timepoint_months']:g} months"]  # fmt: skip
    parts.append(f"({group.measure}, k = {len(group.yi)})")
    title = " · ".join(p for p in parts[:-1] if p) + " " + parts[-1]
    fig.suptitle(title, x=0.02, ha="left", fontsize=11, fontweight="bold")
    p = group.by_method("REML")
    het = (f"Heterogeneity: tau² = {p.tau2:.3g} (REML), I² = {p.i2:.0f}%, Q = {p.q:.2f} "
           f"(df = {p.k - 1}{'' if np.isnan(p.q_p) else f', p = {p.q_p:.3g}'})")  # fmt: skip
    fig.text(0.02, 0.03, het, ha="left", fontsize=8)
