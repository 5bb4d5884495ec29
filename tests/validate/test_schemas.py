from __future__ import annotations

from evidex.models import Patient, Provenance, Transplant
from evidex.validate import conform
from tests.validate.helpers import SID, ev, study_frames


def _by_check(findings: list, check: str) -> list:
    return [f for f in findings if f.check == check]


def test_clean_frames_have_no_schema_findings() -> None:
    f = study_frames(
        evidence=(
            ev("CR", events=26, total=33, value=78.8, p_value=0.002, p_operator="="),
            ev("TIME_TO_HSCT", statistic="median", value=21, unit="days", spread="IQR", low=19, high=23.5),
        ),
        patients=(
            Patient(SID, "Table 2", "1", mrd_pre_pct=40.5, blasts_pre_pct=78),
            Patient(SID, "Table 2", "2", mrd_pre_pct=0.01),
        ),
        transplants=(
            Transplant(SID, "Table 4", "1", hla_matched=5, hla_total=10, graft_source="BM;PB", days_to_hsct=38),
        ),
    )
    assert conform.check(f) == []


def test_out_of_range_patient_value_is_joined_back_to_page_and_row() -> None:
    bad = Patient(
        SID, "Table 2", "7", mrd_pre_pct=273.0, prov=Provenance(page=6), raw="7 Induction 55 273 - 60 412 - N"
    )
    [x] = conform.check(study_frames(patients=(bad,)))
    assert (x.check, x.severity, x.page, x.ref, x.table, x.column) == (
        "range_violation",
        "warning",
        6,
        "7",
        "patients",
        "mrd_pre_pct",
    )
    assert x.message.startswith("Table 2, patient 7, mrd_pre_pct = 273:") and "(page 6)" in x.message
    assert x.quote.startswith("7 Induction")


def test_evidence_rules_events_total_interval_and_p() -> None:
    f = study_frames(
        evidence=(
            ev("CR", events=27, total=26, value=100.0, quote="27/26", page=4),
            ev("OS", value=130.0),
            ev("AGE", statistic="median", value=30, spread="range", low=1, high=18, unit="years"),
            ev("OS", value=50.0, p_value=1.4),
            ev("TIME_TO_HSCT", statistic="median", value=-3, unit="days"),
        )
    )
    found = conform.check(f)
    assert {x.message.split(":")[-1].strip(" .") for x in found} >= {
        "the events exceed the total (page 4)",
        "a proportion's percent must lie between 0 and 100 (page 3)",
        "the value lies outside its own interval (page 3)",
        "a p value must lie between 0 and 1 (page 3)",
        "a time cannot be negative (page 3)",
    }
    ev_total = next(x for x in found if "exceed" in x.message)
    assert (
        ev_total.column == "events;total"
        and ev_total.quote == "27/26"
        and "events = 27, total = 26" in ev_total.message
    )
    assert all(x.check == "range_violation" for x in found)


def test_hla_graft_codes_and_duplicate_keys() -> None:
    f = study_frames(
        transplants=(
            Transplant(SID, "Table 4", "3", hla_matched=9, hla_total=8, graft_source="BM;PT"),
            Transplant(SID, "Table 4", "3", hla_matched=5, hla_total=10),
        )
    )
    found = conform.check(f)
    assert len(_by_check(found, "range_violation")) == 1
    assert "more HLA loci matched than tested" in _by_check(found, "range_violation")[0].message
    schema = _by_check(found, "schema_violation")
    assert any("graft source" in x.message for x in schema)
    assert sum("repeated" in x.message for x in schema) == 1  # one finding per repeated key, not per copy


def test_unknown_codes_from_other_stages_are_schema_violations() -> None:
    f = study_frames(evidence=(ev("CR", statistic="ratio", events=1, total=2, value=50.0, section="results"),))
    [x] = conform.check(f)
    assert x.check == "schema_violation" and "statistic = 'ratio'" in x.message
