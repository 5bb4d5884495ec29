"""Rows read from a table -> Patient / Transplant records, with the repairs and findings they needed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidex.codes import Check, Severity
from evidex.evidence.tables.patients import repair as rp
from evidex.evidence.tables.patients.repair import Cell, Fix
from evidex.evidence.tables.patients.rows import RawRow
from evidex.evidence.tables.patients.terms import Terms, split_plus
from evidex.models import Finding, Patient, Provenance, Repair, Transplant

PATIENT_FIELDS = {f for f in Patient.__slots__ if f not in ("study_id", "table", "patient", "extra", "prov", "raw")}
TRANSPLANT_FIELDS = {"conditioning", "donor", "hla", "graft_source", "days_to_hsct", "neutrophil_engraftment_day",
                     "platelet_engraftment_day", "final_status"}  # fmt: skip
NUMERIC = ("follow_up_months", "days_to_hsct", "neutrophil_engraftment_day", "platelet_engraftment_day")


@dataclass
class Ctx:
    """One table being read: where it is, and everything its rows produced besides records."""

    study_id: str
    table: str
    page: int | None
    from_ocr: bool
    terms: Terms
    out_table: str = "patients"
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def log(self, patient: str, fix: Fix | None) -> None:
        if fix:
            self.repairs.append(Repair(self.study_id, self.table, patient, fix.column, fix.raw, fix.value,
                                       fix.rule, fix.confidence, self.page))  # fmt: skip

    def problem(self, row: RawRow, column: str, text: str) -> None:
        msg = f"{self.table}, patient {row.patient}, {column}: {text}; left empty."
        self.findings.append(Finding(self.study_id, Check.UNREPAIRABLE_VALUE, Severity.WARNING, msg, self.page,
                                     row.line, "evidence", self.out_table, row.patient, column))  # fmt: skip

    def take(self, row: RawRow, column: str, cell: Cell) -> object:
        self.log(row.patient, cell.fix)
        if cell.problem:
            self.problem(row, column, cell.problem)
        return cell.value

    def prov(self, row: RawRow) -> Provenance:
        return Provenance(page=self.page, table=self.table, row=row.index, method="pt_rows.v1",
                          from_ocr=self.from_ocr)  # fmt: skip


def _numbers(ctx: Ctx, rows: list[RawRow], names: tuple[str, ...]) -> dict[int, dict[str, float | None]]:
    """Numeric cells of every row, repaired with what the whole column and the row's siblings say."""
    out: dict[int, dict[str, float | None]] = {id(r): {} for r in rows}
    for name in names:
        raws = [r.cells.get(name, "") for r in rows]
        explicit = [float(m) for x in raws if (m := rp.strip(x)) and re.fullmatch(r"\d+\.\d+", m)]
        for r in rows:
            raw = r.cells.get(name, "")
            cell = rp.dash_glyph(name, raw) if raw else None
            if cell:
                ctx.log(r.patient, cell.fix)
                continue
            cell = rp.parse_number(name, raw) if raw else Cell(None)
            if cell.value is not None and name == "follow_up_months" and not cell.fix:
                cell = rp.restore_scaled(name, raw, float(cell.value), explicit)  # type: ignore[arg-type]
            out[id(r)][name] = ctx.take(r, name, cell)  # type: ignore[assignment]
    return out


def _pcts(ctx: Ctx, rows: list[RawRow], nums: dict[int, dict[str, float | None]]) -> None:
    modes = {n: rp.decimals_mode([r.cells.get(n, "") for r in rows]) for n in rp.PCT_FIELDS}
    for r in rows:
        vals = nums[id(r)]
        first = dict(vals)
        for name in rp.PCT_FIELDS:
            v = first.get(name)
            if v is None:
                continue
            sib = first.get(rp.SIBLING[name])
            sib_raw = rp.strip(r.cells.get(rp.SIBLING[name], ""))
            # a sibling still out of range or with a lost leading decimal cannot vouch for this cell
            sib = sib if sib is not None and sib <= 100 and not sib_raw.startswith("0") else None
            cell = rp.restore_pct(name, r.cells[name], v, sib, modes[name])
            vals[name] = ctx.take(r, name, cell)  # type: ignore[assignment]


def _yn(ctx: Ctx, row: RawRow, name: str) -> bool | None:
    raw = row.cells.get(name, "")
    return ctx.take(row, name, rp.yes_no(name, raw)) if raw else None  # type: ignore[return-value]


def _fusion(ctx: Ctx, row: RawRow, name: str) -> str:
    raw = row.cells.get(name, "")
    if not raw:
        return ""
    glyph = rp.dash_glyph(name, raw)
    ctx.log(row.patient, glyph.fix if glyph else None)
    text = rp.strip(str(glyph.value) if glyph else raw)
    if rp.is_dash(text):
        # a dash in a fusion-gene column marks "no fusion found"
        return "negative" if text in ("-", "–", "—") else ""
    canonical, fix = ctx.terms.one(name, text, "fusion")
    ctx.log(row.patient, fix)
    return canonical or text


def _therapies(ctx: Ctx, row: RawRow, name: str, seen: list[str]) -> str:
    out: list[str] = []
    for part in split_plus(row.cells.get(name, "")):
        canonical, fix = ctx.terms.one(name, part, "therapy")
        word = None if canonical else rp.prefix_of(rp.strip(part), seen)
        if word:  # a word cut to its first glyphs, completed from the words this column prints elsewhere
            canonical, _ = ctx.terms.one(name, word, "therapy")
            fix = Fix(name, part, word, "prefix_term.v1", 0.5) if canonical else None
        ctx.log(row.patient, fix)
        if canonical:
            out.append(canonical)
        else:
            ctx.problem(row, name, f"'{part}' is not a therapy the vocabulary knows")
    return ";".join(dict.fromkeys(out))


def _printed_words(ctx: Ctx, rows: list[RawRow], name: str) -> list[str]:
    """Therapy words this column prints in full somewhere, known to the vocabulary."""
    words = {rp.strip(p) for r in rows for p in split_plus(r.cells.get(name, ""))}
    return sorted(w for w in words if len(w) > 3 and ctx.terms.one(name, w, "therapy")[0])


def patient(ctx: Ctx, row: RawRow, nums: dict[str, float | None], seen: dict[str, list[str]]) -> Patient:
    cr = _yn(ctx, row, "cr")
    blasts_post = nums.get("blasts_post_pct")
    if cr is None and row.cells.get("cr") and blasts_post is not None and blasts_post >= 5:
        # CR is defined by < 5% marrow blasts: a higher count rules it out
        ctx.log(row.patient, Fix("cr", row.cells["cr"], "N", "cr_from_blasts.v1", 0.8))
        cr = False
    return Patient(
        study_id=ctx.study_id, table=ctx.table, patient=row.patient,
        prior_therapy=_therapies(ctx, row, "prior_therapy", seen["prior_therapy"]),
        blasts_pre_pct=nums.get("blasts_pre_pct"), mrd_pre_pct=nums.get("mrd_pre_pct"),
        fusion_pre=_fusion(ctx, row, "fusion_pre"),
        blasts_post_pct=blasts_post, mrd_post_pct=nums.get("mrd_post_pct"),
        fusion_post=_fusion(ctx, row, "fusion_post"),
        cr=cr, post_therapy=_therapies(ctx, row, "post_therapy", seen["post_therapy"]), alive=_yn(ctx, row, "alive"),
        follow_up_months=nums.get("follow_up_months"),
        extra=_extra(row, PATIENT_FIELDS), prov=ctx.prov(row), raw=row.line,
    )  # fmt: skip


def _extra(row: RawRow, known: set[str]) -> tuple[tuple[str, str], ...]:
    """Cells of columns this record has no field for, as printed: x_<header> (or x_<field> of the other table)."""
    out = [(k if k.startswith("x_") else f"x_{k}", v) for k, v in row.cells.items() if k not in known]
    return tuple(sorted(out))


def _conditioning(ctx: Ctx, row: RawRow) -> tuple[str, str]:
    """Components of the regimen, and its label as printed with OCR-damaged tokens repaired."""
    comps: list[str] = []
    label: list[str] = []
    for piece in re.split(r"(\s*[+/]\s*)", row.cells.get("conditioning", "")):
        sep = piece.strip()
        if sep in ("+", "/"):
            label.append(" + " if sep == "+" else "/")
            continue
        part = rp.strip(piece)
        if not part or rp.is_dash(part):
            continue
        names, printed, fix = ctx.terms.regimen("conditioning_label", part)
        ctx.log(row.patient, fix)
        label.append(printed)
        comps.extend(names)
        if not names:
            ctx.problem(row, "conditioning", f"'{part}' is not a regimen component the vocabulary knows")
    return ";".join(dict.fromkeys(comps)), "".join(label).strip(" +/")


def _terms(ctx: Ctx, row: RawRow, name: str, kind: str) -> str:
    out = []
    raw = row.cells.get(name, "")
    text = rp.strip(raw)
    parts = split_plus(raw) if kind == "graft_source" else [text] if text and not rp.is_dash(text) else []
    for part in parts:
        canonical, fix = ctx.terms.one(name, part, kind)
        if not canonical and kind == "donor":
            canonical, fix = ctx.terms.one(name, re.sub(r"\bdonors?\b", "", part, flags=re.I), kind)
        ctx.log(row.patient, fix)
        if canonical:
            out.append(canonical)
        else:
            ctx.problem(row, name, f"'{part}' is not a {kind.replace('_', ' ')} the vocabulary knows")
    return ";".join(dict.fromkeys(out))


def transplant(ctx: Ctx, row: RawRow, nums: dict[str, float | None], number: int) -> Transplant:
    hla_cell, pair = rp.hla(row.cells.get("hla", ""))
    ctx.take(row, "hla", hla_cell)
    conditioning, label = _conditioning(ctx, row)
    return Transplant(
        study_id=ctx.study_id, table=ctx.table, patient=row.patient,
        conditioning=conditioning, conditioning_label=label, donor=_terms(ctx, row, "donor", "donor"),
        hla_matched=pair[0] if pair else None, hla_total=pair[1] if pair else None,
        graft_source=_terms(ctx, row, "graft_source", "graft_source"),
        days_to_hsct=nums.get("days_to_hsct"),
        neutrophil_engraftment_day=nums.get("neutrophil_engraftment_day"),
        platelet_engraftment_day=nums.get("platelet_engraftment_day"),
        final_status=str(ctx.take(row, "final_status", rp.status(row.cells.get("final_status", ""))) or ""),
        transplant_no=number, extra=_extra(row, TRANSPLANT_FIELDS), prov=ctx.prov(row), raw=row.line,
    )  # fmt: skip


def build(ctx: Ctx, rows: list[RawRow], kind: str) -> list[Patient] | list[Transplant]:
    names = NUMERIC + (rp.PCT_FIELDS if kind == "patients" else ())
    nums = _numbers(ctx, rows, names)
    if kind == "patients":
        _pcts(ctx, rows, nums)
        words = {n: _printed_words(ctx, rows, n) for n in ("prior_therapy", "post_therapy")}
        return [patient(ctx, r, nums[id(r)], words) for r in rows]
    count: dict[str, int] = {}
    out = []
    for r in rows:
        count[r.patient] = count.get(r.patient, 0) + 1  # a patient's second row is the second transplant
        out.append(transplant(ctx, r, nums[id(r)], count[r.patient]))
    return out
