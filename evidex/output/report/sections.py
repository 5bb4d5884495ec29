"""What each section of a study page shows: a few compact columns; every other field goes to the detail line.

A record keeps all of its row's values visible (compact cells, detail line, page, quote), so nothing needs a
column of its own and no table grows wider than the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from evidex.output.report import formats as f
from evidex.output.report.crops import Crop

Row = Mapping[str, Any]

PROVENANCE = ("method", "from_ocr", "confidence", "char_start", "char_end", "source_table", "source_row",
              "source_col", "evidence_id", "derived", "stage", "ref")  # fmt: skip
_NEVER = {"study_id", "page", "x0", "top", "x1", "bottom"}
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    sub: str = ""
    key: str | float = ""  # what sorting compares; text when empty
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    key: str
    weight: int  # share of the width the compact columns get
    cell: Callable[[Row], Cell]
    shows: tuple[str, ...] = ()  # fields this column displays, kept out of the detail line


@dataclass(frozen=True, slots=True)
class Spec:
    table: str
    title: str
    columns: tuple[Column, ...]
    quote: str = "quote"  # the field holding the source text
    filters: tuple[str, ...] = ()  # fields offered as a drop-down filter
    pairs_skip: frozenset[str] = frozenset()


@dataclass(slots=True)
class Record:
    cells: list[Cell]
    detail: list[tuple[str, str]]
    page: int | None
    href: str
    quote: str
    crop: Crop | None
    flags: dict[str, str] = field(default_factory=dict)
    css: str = ""


def _plain(name: str) -> Callable[[Row], Cell]:
    return lambda r: Cell(f.text(r.get(name)))


def _severity(r: Row) -> Cell:
    sev = f.text(r.get("severity"))
    return Cell(sev, key=_SEVERITY_RANK.get(sev, 3))


def _message(r: Row) -> Cell:
    return Cell(f.text(r.get("message")), sub=f.text(r.get("check")))


def _evidence_outcome(r: Row) -> Cell:
    title, sub = f.evidence_outcome(r)
    return Cell(title, sub=f.join(sub, f.text(r.get("domain"))))


def _evidence_arm(r: Row) -> Cell:
    label = f.text(r.get("arm_label")) or f.text(r.get("arm"))
    return Cell(label, sub=f.text(r.get("arm")) if label != f.text(r.get("arm")) else "")


def _number(name: str) -> Callable[[Row], Cell]:
    return lambda r: Cell(f.num(r.get(name)), key="" if f.blank(r.get(name)) else float(r[name]))


def _pairs(skip: frozenset[str]) -> Callable[[Row], Cell]:
    def cell(r: Row) -> Cell:
        pairs = tuple((k, f.text(v)) for k, v in r.items() if k not in skip and not f.blank(v))
        return Cell("", pairs=pairs, key=" ".join(v for _, v in pairs))

    return cell


_PATIENT_SKIP = frozenset({"study_id", "table", "patient", "page", "raw", *PROVENANCE, *_NEVER})


def _patient(r: Row) -> Cell:
    return Cell(f.text(r.get("patient")), sub=f.join(f.text(r.get("table")), f"transplant {f.num(r['transplant_no'])}"
                if not f.blank(r.get("transplant_no")) else ""), key=_natural(r.get("patient")))  # fmt: skip


def _repair_where(r: Row) -> Cell:
    return Cell(f.join(f.text(r.get("table")), f"patient {f.text(r.get('patient'))}"), sub=f.text(r.get("column")))


def _repair_change(r: Row) -> Cell:
    return Cell(f"{f.text(r.get('raw'))} → {f.text(r.get('value'))}")


def _natural(v: Any) -> str | float:
    try:
        return float(str(v))
    except ValueError:
        return f.text(v)


SPECS: tuple[Spec, ...] = (
    Spec("findings", "Findings", (
        Column("Severity", "severity", 7, _severity, ("severity",)),
        Column("Message", "message", 30, _message, ("message", "check")),
    ), filters=("severity",)),
    Spec("arms", "Arms", (
        Column("Arm", "arm", 18, lambda r: Cell(f.text(r.get("arm_label")) or f.text(r.get("arm")),
                                                  sub=f.text(r.get("arm_id"))), ("arm_label", "arm_id")),
        Column("Intervention", "canonical", 12, _plain("arm"), ("arm",)),
        Column("Role", "role", 8, lambda r: Cell(f.text(r.get("role")), sub=f.text(r.get("role_basis"))),
               ("role", "role_basis")),
        Column("n", "n", 5, _number("n"), ("n",)),
    ), filters=("role",)),
    Spec("comparisons", "Comparisons", (
        Column("Outcome", "outcome", 14, lambda r: Cell(*f.evidence_outcome(r)),
               ("outcome", "outcome_raw", "grade", "timepoint_months", "subgroup")),
        Column("Experimental vs control", "arms", 14, lambda r: Cell(*f.arm_pair(r)),
               ("arm_e", "arm_e_label", "arm_c", "arm_c_label")),
        Column("Data", "data", 12, lambda r: Cell(f.comparison_data(r), sub=f.text(r.get("measure"))),
               ("events_e", "n_e", "events_c", "n_c", "mean_e", "sd_e", "mean_c", "sd_c", "measure")),
        Column("Effect", "effect", 11, lambda r: Cell(f.comparison_effect(r), sub=f.p_value(r)),
               ("effect", "effect_value", "effect_low", "effect_high", "p_value", "p_operator")),
    ), filters=("measure",)),
    Spec("evidence", "Evidence", (
        Column("Outcome", "outcome", 14, _evidence_outcome,
               ("outcome", "outcome_raw", "grade", "timepoint_months", "subgroup", "domain")),
        Column("Arm", "arm", 12, _evidence_arm, ("arm", "arm_label")),
        Column("Value", "value", 14, lambda r: Cell(f.evidence_value(r), key=_sort_value(r)),
               ("events", "total", "value", "unit", "statistic", "spread", "low", "high", "spread_value")),
        Column("p", "p", 8, lambda r: Cell(f.p_value(r), key=_sort_p(r)), ("p_value", "p_operator")),
    ), filters=("domain",)),
    Spec("patients", "Patients", (
        Column("Patient", "patient", 8, _patient, ("patient", "table")),
        Column("Values", "values", 34, _pairs(_PATIENT_SKIP)),
    ), quote="raw"),
    Spec("transplants", "Transplants", (
        Column("Patient", "patient", 8, _patient, ("patient", "table", "transplant_no")),
        Column("Values", "values", 34, _pairs(_PATIENT_SKIP | {"transplant_no"})),
    ), quote="raw"),
    Spec("repairs", "Repairs", (
        Column("Where", "where", 14, _repair_where, ("table", "patient", "column")),
        Column("Read → repaired", "change", 12, _repair_change, ("raw", "value")),
        Column("Rule", "rule", 14, lambda r: Cell(f.text(r.get("rule")), sub=f.num(r.get("confidence"))),
               ("rule", "confidence")),
    ), quote=""),
)  # fmt: skip


def _sort_value(r: Row) -> str | float:
    for name in ("value", "events"):
        if not f.blank(r.get(name)):
            return float(r[name])
    return ""


def _sort_p(r: Row) -> str | float:
    return "" if f.blank(r.get("p_value")) else float(r["p_value"])


def record(spec: Spec, row: Row, crop: Crop | None, pdf_uri: str) -> Record:
    cells = [c.cell(row) for c in spec.columns]
    shown = {name for c in spec.columns for name in c.shows} | {spec.quote} | _NEVER
    if any(c.key == "values" for c in spec.columns):
        shown |= {k for k in row if k not in PROVENANCE}
    detail = [(k, f.text(v)) for k, v in row.items() if k not in shown and not f.blank(v)]
    page = None if f.blank(row.get("page")) else int(row["page"])
    href = f"{pdf_uri}#page={page}" if pdf_uri and page else ""
    flags = {name: f.text(row.get(name)) for name in spec.filters}
    quote = f.text(row.get(spec.quote)) if spec.quote else ""
    return Record(cells, detail, page, href, quote, crop, flags, css=f.text(row.get("severity")))
