"""Cells the OCR stage changed after a look at their pixels (evidex.extract.tables.recheck), as repair-log
rows of the patients and columns they belong to: what Tesseract read, what the cell holds, and the rule."""

from __future__ import annotations

from evidex.evidence.tables.patients.headers import Column
from evidex.evidence.tables.patients.repair import Fix
from evidex.evidence.tables.patients.rows import RawRow
from evidex.models import Table

# how sure each image check is: a stroke or a dot measured on the ink; a re-read keeps Tesseract's own confidence
RULE_CONFIDENCE = {"ocr_dash_ink.v1": 0.8, "ocr_point_ink.v1": 0.8, "ocr_decimal_comma.v1": 0.8}


def ocr_fixes(table: Table, cols: list[Column], rows: list[RawRow]) -> list[tuple[str, Fix]]:
    """(patient, fix) for every changed cell under a patient row; a continuation line's cell goes to the
    patient above it. Only a grid read column for column (the word finder's OCR tables) can be placed."""
    fixed = {(c.row, c.col): c for c in table.cells if c.rule}
    if not fixed or len(cols) != table.n_cols:
        return []
    patient_of = {r.line: r.patient for r in rows if not r.repeat}
    out: list[tuple[str, Fix]] = []
    patient = ""
    for k, line in enumerate(table.grid()):
        patient = patient_of.get(" | ".join(line), patient)
        for j, name in enumerate(c.name for c in cols):
            cell = fixed.get((k, j))
            if cell is None or not patient:
                continue
            conf = RULE_CONFIDENCE.get(cell.rule, (cell.confidence or 0.0) / 100)
            out.append((patient, Fix(name if j else "patient", cell.raw, cell.text, cell.rule, round(conf, 2))))
    return out
