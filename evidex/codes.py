"""Stable codes shared by all stages: finding checks, severities, outcome codes, domains.

Other tools read these strings from the output files: add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class Check(StrEnum):
    PERCENT_MISMATCH = "percent_mismatch"
    SUM_MISMATCH = "sum_mismatch"
    ABSTRACT_BODY_MISMATCH = "abstract_body_mismatch"
    TABLE_TEXT_MISMATCH = "table_text_mismatch"
    TABLE_TEXT_AGREEMENT = "table_text_agreement"
    MISSING_VALUE = "missing_value"
    RANGE_VIOLATION = "range_violation"
    SCHEMA_VIOLATION = "schema_violation"
    OCR_REPAIR = "ocr_repair"
    UNREPAIRABLE_VALUE = "unrepairable_value"
    UNMAPPED_TERM = "unmapped_term"
    INPUT_ERROR = "input_error"
    EXTRACT_WARNING = "extract_warning"
    OCR_PAGE = "ocr_page"
    TABLE_NOT_READ = "table_not_read"
    IMPLAUSIBLE_VALUE = "implausible_value"
    ARM_NOT_RESOLVED = "arm_not_resolved"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Domain(StrEnum):
    BASELINE = "baseline"
    EFFICACY = "efficacy"
    SURVIVAL = "survival"
    SAFETY = "safety"
    TRANSPLANT = "transplant"


class Statistic(StrEnum):
    PROPORTION = "proportion"
    COUNT = "count"
    MEDIAN = "median"
    MEAN = "mean"
    HAZARD_RATIO = "hazard_ratio"


class Outcome(StrEnum):
    ENROLLED = "ENROLLED"
    AGE = "AGE"
    SEX_MALE = "SEX_MALE"
    FOLLOW_UP = "FOLLOW_UP"
    CR = "CR"
    MRD_NEG = "MRD_NEG"
    ORR = "ORR"
    OS = "OS"
    PFS = "PFS"
    DFS = "DFS"
    EFS = "EFS"
    LFS = "LFS"
    RFS = "RFS"
    PROGRESSION = "PROGRESSION"
    RELAPSE = "RELAPSE"
    CRS = "CRS"
    ICANS = "ICANS"
    AGVHD = "AGVHD"
    AGVHD_SKIN = "AGVHD_SKIN"
    AGVHD_GUT = "AGVHD_GUT"
    CGVHD = "CGVHD"
    TRM = "TRM"
    TREATMENT_DEATH = "TREATMENT_DEATH"
    TIME_TO_HSCT = "TIME_TO_HSCT"
    NEUTROPHIL_ENGRAFTMENT = "NEUTROPHIL_ENGRAFTMENT"
    PLATELET_ENGRAFTMENT = "PLATELET_ENGRAFTMENT"
    INFECTION = "INFECTION"
    AE_TOTAL = "AE_TOTAL"
    # additions beyond the contract's floor
    SEX_FEMALE = "SEX_FEMALE"
    REFRACTORY = "REFRACTORY"
    RELAPSED = "RELAPSED"
    HSCT = "HSCT"  # count/proportion bridged to transplant
    DEATH = "DEATH"
    AE_GRADE3 = "AE_GRADE3"  # adverse events of grade >= 3 (count of events)
    TREATMENT_DURATION = "TREATMENT_DURATION"
    NON_CR = "NON_CR"
    DOR = "DOR"  # duration of response
    NRM = "NRM"  # non-relapse mortality
    GRFS = "GRFS"  # GVHD-free, relapse-free survival
    PR = "PR"  # partial response
    # per-patient table aggregates (evidence.tables): next therapy after the index treatment, graft sources
    NEXT_CAR_T = "NEXT_CAR_T"
    NEXT_CHEMOTHERAPY = "NEXT_CHEMOTHERAPY"
    NEXT_BLINATUMOMAB = "NEXT_BLINATUMOMAB"
    GRAFT_BM = "GRAFT_BM"
    GRAFT_PB = "GRAFT_PB"
    GRAFT_CB = "GRAFT_CB"
    GRAFT_BM_PB = "GRAFT_BM_PB"
    GRAFT_BM_CB = "GRAFT_BM_CB"
    GRAFT_PB_CB = "GRAFT_PB_CB"
    GRAFT_BM_PB_CB = "GRAFT_BM_PB_CB"


# Subgroup qualifiers the contract allows in evidence.subgroup (joined by ';').
SUBGROUPS: tuple[str, ...] = (
    "all",
    "MRD-positive",
    "non-remission",
    "refractory",
    "relapsed",
    "CR",
    "non-CR",
    "HSCT",
    "no-HSCT",
    "male",
    "female",
)

SECTIONS: tuple[str, ...] = (
    "title",
    "abstract",
    "introduction",
    "methods",
    "results",
    "discussion",
    "conclusion",
    "tables",
    "references",
    "other",
)
