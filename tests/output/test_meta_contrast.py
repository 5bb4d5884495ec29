"""Two active arms of one trial (a between-active comparison) are not pooled with the arms' comparisons to control."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidex.output.export import export
from evidex.output.meta import run_meta


def _comparison(study: str, cid: str, contrast: str, e: tuple[int, int], c: tuple[int, int],
                outcome: str = "CR", domain: str = "efficacy") -> dict:
    return {"study_id": study, "comparison_id": cid, "outcome": outcome, "outcome_raw": "", "subgroup": "all",
            "grade": "", "timepoint_months": "", "measure": "binary", "contrast": contrast, "domain": domain,
            "events_e": e[0], "n_e": e[1], "events_c": c[0], "n_c": c[1]}  # fmt: skip


def test_meta_pools_only_comparisons_against_control(tmp_path: Path) -> None:
    rows = [_comparison("s1", "c1", "vs_control", (30, 50), (20, 50)),
            _comparison("s1", "c2", "between_active", (30, 50), (35, 50)),
            _comparison("s2", "c1", "vs_control", (25, 40), (15, 40))]  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "comparisons.csv", index=False)
    pd.DataFrame([{"study_id": "s1", "source": "a.pdf", "label": "Alpha 2020"},
                  {"study_id": "s2", "source": "b.pdf", "label": "Beta 2021"}]).to_csv(tmp_path / "studies.csv",
                                                                                      index=False)  # fmt: skip
    summary = run_meta(tmp_path, plots=False)
    meta = pd.read_csv(summary.meta_csv)
    assert set(meta["k"]) == {2}, meta[["measure", "method", "k"]]


def test_characteristics_at_entry_are_not_pooled_but_stay_in_the_csv_export(tmp_path: Path) -> None:
    rows = [_comparison("s1", "c1", "vs_control", (30, 50), (20, 50)),
            _comparison("s1", "c2", "vs_control", (26, 50), (24, 50), outcome="SEX_MALE", domain="baseline"),
            _comparison("s2", "c1", "vs_control", (25, 40), (15, 40)),
            _comparison("s2", "c2", "vs_control", (20, 40), (21, 40), outcome="SEX_MALE", domain="baseline")]
    pd.DataFrame(rows).to_csv(tmp_path / "comparisons.csv", index=False)
    pd.DataFrame([{"study_id": "s1", "source": "a.pdf", "label": "Alpha 2020"},
                  {"study_id": "s2", "source": "b.pdf", "label": "Beta 2021"}]).to_csv(tmp_path / "studies.csv",
                                                                                      index=False)  # fmt: skip
    meta = pd.read_csv(run_meta(tmp_path, plots=False).meta_csv)
    assert set(meta["outcome"]) == {"CR"}, meta[["outcome", "measure", "k"]]
    assert export(tmp_path, "csv").rows == 4
    written = export(tmp_path, "metafor")
    data = next(pd.read_csv(f) for f in written.files if f.suffix == ".csv")
    assert set(data["outcome"]) == {"CR"}
