"""evidex export: RevMan-shaped files, labelled CSV, clean errors; every row names its study "First author year"."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from evidex.cli import main

COMPARISONS = [
    {"study_id": "s1", "comparison_id": "c1", "outcome": "CR", "outcome_raw": "complete remission", "subgroup": "all",
     "measure": "binary", "arm_e_label": "Drug", "arm_c_label": "Placebo", "events_e": 12, "n_e": 40, "events_c": 6,
     "n_c": 41},
    {"study_id": "s2", "comparison_id": "c1", "outcome": "", "outcome_raw": "Pain score", "subgroup": "all",
     "measure": "continuous", "mean_e": 3.1, "sd_e": 1.2, "n_e": 30, "mean_c": 4.0, "sd_c": 1.4, "n_c": 31},
    {"study_id": "s2", "comparison_id": "c2", "outcome": "OS", "outcome_raw": "overall survival", "subgroup": "all",
     "measure": "time_to_event", "effect": "HR", "effect_value": 0.7, "effect_low": 0.5, "effect_high": 0.98},
    {"study_id": "s3", "comparison_id": "c1", "outcome": "CR", "outcome_raw": "CR", "subgroup": "all",
     "measure": "binary", "events_e": None, "n_e": 20, "events_c": 3, "n_c": 20},
]  # fmt: skip
STUDIES = [
    {"study_id": "s1", "source": "a.pdf", "label": "Keller 2016", "first_author": "Keller", "year": 2016},
    {"study_id": "s2", "source": "b.pdf", "label": "Keller 2016", "first_author": "Keller", "year": 2016},
    {"study_id": "s3", "source": "c.pdf", "label": "", "first_author": "", "year": None},
]


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    pd.DataFrame(COMPARISONS).to_csv(tmp_path / "comparisons.csv", index=False)
    pd.DataFrame(STUDIES).to_csv(tmp_path / "studies.csv", index=False)
    return tmp_path


def test_revman_files(run_dir: Path) -> None:
    assert main(["export", str(run_dir), "--format", "revman"]) == 0
    folder = run_dir / "export" / "revman"
    dich = pd.read_csv(folder / "dichotomous.csv")
    assert list(dich.columns[:9]) == ["Study", "Outcome", "Subgroup", "Grade", "Timepoint (months)", "Events E",
                                      "Total E", "Events C", "Total C"]  # fmt: skip
    assert dich[["Events E", "Total E", "Events C", "Total C"]].values.tolist() == [[12, 40, 6, 41]]  # s3 lacks events
    assert dich["Study"].tolist() == ["Keller 2016a"]  # equal labels get a, b
    cont = pd.read_csv(folder / "continuous.csv")
    assert cont[["Mean E", "SD E", "Total E", "Mean C", "SD C", "Total C"]].values.tolist() == [[3.1, 1.2, 30, 4.0,
                                                                                                 1.4, 31]]  # fmt: skip
    assert cont["Study"].tolist() == ["Keller 2016b"] and cont["Outcome"].tolist() == ["Pain score"]
    giv = pd.read_csv(folder / "generic_inverse_variance.csv")
    assert giv["Effect"].tolist() == ["HR"] and giv["Log scale"].tolist() == ["yes"]
    assert math.isclose(giv["Estimate"][0], math.log(0.7))
    assert math.isclose(giv["SE"][0], (math.log(0.98) - math.log(0.5)) / (2 * 1.959963984540054))


def test_labelled_csv_names_every_row(run_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "all.csv"
    assert main(["export", str(run_dir), "--format", "csv", "--out", str(target)]) == 0
    table = pd.read_csv(target)
    assert len(table) == len(COMPARISONS) and table["study"].notna().all()
    assert set(table["study"]) == {"Keller 2016a", "Keller 2016b", "c.pdf"}  # no label: the file name
    assert list(table.columns[:2]) == ["study", "group"] and "study_first_author" in table.columns


def test_metafor_files(run_dir: Path) -> None:
    assert main(["export", str(run_dir), "--format", "metafor"]) == 0
    folder = run_dir / "export" / "metafor"
    script = (folder / "metafor.R").read_text()
    assert "escalc(" in script and 'method = "REML"' in script and "forest(" in script
    assert pd.read_csv(folder / "metafor.csv")["study"].notna().all()


def test_missing_run_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path), "--format", "csv"]) == 2
    assert main(["meta", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("evidex: ") for line in err)
