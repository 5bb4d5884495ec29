from __future__ import annotations

import pandas as pd

from evidex import frames
from evidex.models import Finding, Patient, Provenance, Repair, Term
from evidex.validate import missing, repairs, terms, validate
from tests.validate.helpers import SID, ev, study_frames


def test_spread_without_value_and_empty_proportion_are_missing_once() -> None:
    rows = (
        ev("NEUTROPHIL_ENGRAFTMENT", statistic="median", spread="IQR", low=13.5, high=26.0, unit="days"),
        ev("OS", timepoint_months=12.0, quote="with a 24-month EFS The mean"),
        ev("OS", value=90.2, timepoint_months=6.0),
        ev("OS", statistic="median"),
    )
    f = study_frames(evidence=rows)
    found = missing.check(f["evidence"], f["findings"])
    assert [(x.check, x.severity, x.ref[-2:]) for x in found] == [
        ("missing_value", "warning", "e1"),
        ("missing_value", "warning", "e2"),
    ]
    assert "IQR 13.5-26" in found[0].message

    # The evidence stage already reported the cut-off sentence: not repeated; a finding about another
    # outcome of the same sentence does not count.
    def earlier(message: str) -> pd.DataFrame:
        quote = "with a 24-month EFS The mean"
        return frames.findings_frame([Finding(SID, "missing_value", "warning", message, page=3, quote=quote)])

    assert [x.ref[-2:] for x in missing.check(f["evidence"], earlier("a proportion OS at 12 months is cut off"))] == [
        "e1"
    ]
    assert len(missing.check(f["evidence"], earlier("a median PFS is cut off"))) == 2


def test_each_repair_is_one_info_finding_quoting_its_row() -> None:
    f = study_frames(
        patients=(
            Patient(SID, "Table 2", "4", mrd_pre_pct=90.9, raw="4 Induction + CAR-T 70 909", prov=Provenance(page=6)),
        ),
        repairs=(Repair(SID, "Table 2", "4", "mrd_pre_pct", "909", "90.9", "decimal_restore.v1", 0.8, 6),),
    )
    [x] = repairs.check(f)
    assert x.message == "Table 2, patient 4, mrd_pre_pct: '909' read as 90.9 (rule decimal_restore.v1, confidence 0.8)."
    assert (x.check, x.severity, x.page, x.table, x.ref, x.column) == (
        "ocr_repair",
        "info",
        6,
        "patients",
        "4",
        "mrd_pre_pct",
    )
    assert x.quote.startswith("4 Induction")


def test_unmapped_drugs_once_and_only_for_kinds_that_matter() -> None:
    f = study_frames(
        terms=(
            Term("Zorbalimab Pro", None, kind="drug", page=1),
            Term("zorbalimab pro", None, kind="drug"),
            Term("Blincyto", "blinatumomab", kind="drug"),
            Term("Sister-in-law", None, kind="donor"),
        )
    )
    [x] = terms.check(f["terms"], f["findings"])
    assert (x.check, x.severity, x.quote, x.page) == ("unmapped_term", "warning", "Zorbalimab Pro", 1)


def test_validate_runs_every_check_and_returns_findings_frames_accept() -> None:
    f = study_frames(evidence=(ev("OS", events=28, total=33, value=87.9),))
    found = validate(f)
    assert [x.check for x in found] == ["percent_mismatch"]
    assert all(x.stage == "validate" for x in found)
    out = frames.findings_frame(found)
    assert list(out.columns[:6]) == ["study_id", "check", "severity", "message", "page", "quote"]
    assert validate({k: pd.DataFrame() for k in frames.TABLES}) == []


def test_validate_never_changes_a_number() -> None:
    f = study_frames(
        evidence=(ev("OS", events=28, total=33, value=87.9), ev("SEX_MALE", statistic="count", events=40)),
        patients=(Patient(SID, "Table 2", "7", mrd_pre_pct=273.0),),
    )
    before = {k: v.copy(deep=True) for k, v in f.items()}
    assert validate(f)
    for name, df in f.items():
        pd.testing.assert_frame_equal(df, before[name])
