"""Arm-level tables -> one evidence row per arm and outcome.

An arm-level table names its groups in the header with their sizes
("Placebo (n = 120)"); each body row is an outcome or adverse event and each
cell a statistic ("12 (10.0)", "45.2 ± 3.1", "3.4 (2.1-5.0)"). Tables whose rows
are patients belong to the per-patient reader and are skipped here. A row with
a label and no numbers ("Grade ≥3 events") sets the grade of the rows below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from evidex.evidence.text import cues
from evidex.evidence.text.context import ARM_KINDS, NOT_ARMS
from evidex.evidence.text.numbers import as_int, parse_number
from evidex.evidence.text.rows import QUALIFIER_OUTCOMES, OutcomeRef, domain_of, term_ref
from evidex.models import Document, Evidence, Finding, Normalizer, Provenance, Table

_N_HEADER = re.compile(r"\(?\s*\b[nN]\s*=\s*(?P<n>\d+)\s*\)?")
_HEADER_GROUP = re.compile(r"(?P<label>[A-Za-z][\w+/&.,' -]*?)\s*\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)")
_NUM = r"\d+(?:[.·]\d+)?"
_CELL = re.compile(
    rf"(?P<frac>(?P<fe>\d+)\s*/\s*(?P<ft>\d+)\s*\(\s*(?P<fv>{_NUM})\s*%?\s*\))"
    rf"|(?P<sd>(?P<m>{_NUM})\s*(?:±|\+/-)\s*(?P<s>{_NUM}))"
    rf"|(?P<iv>(?P<c>{_NUM})\s*[(\[]\s*(?P<lo>{_NUM})\s*(?:[-–—,]|to)\s*(?P<hi>{_NUM})\s*[)\]])"
    rf"|(?P<cp>(?P<k>\d+)\s*\(\s*(?P<p>{_NUM})\s*%?\s*\))"
    rf"|(?P<pct>(?P<pv>{_NUM})\s*%)"
    rf"|(?P<bare>(?<![\w.])(?P<b>{_NUM})(?![\w.]))"
)


@dataclass(frozen=True, slots=True)
class _Arm:
    col: int  # first column of the group (grid tables) or its order (line tables)
    label: str
    arm: str
    n: int
    grade: str = ""  # set by a second header row ("Any grade", "Grade ≥3" under each arm)


def extract(doc: Document, normalizer: Normalizer, grading: dict[str, str] | None = None
            ) -> tuple[list[Evidence], list[Finding]]:  # fmt: skip
    rows: list[Evidence] = []
    for table in doc.tables:
        grid = _rows_of(table)
        if not grid or _is_per_patient(grid):
            continue
        rows.extend(_table_rows(doc, table, grid, normalizer, grading or {}))
    return rows, []


def _rows_of(table: Table) -> list[list[str]]:
    if table.cells:
        return [[c.strip() for c in row] for row in table.grid()]
    return [[ln.strip()] for ln in table.lines if ln.strip()]


def _is_per_patient(grid: list[list[str]]) -> bool:
    """Rows numbered 1, 2, 3, ... are patients."""
    firsts = [re.match(r"\s*(\d{1,3})\b", r[0]) for r in grid if r and r[0]]
    numbers = [int(m.group(1)) for m in firsts if m]
    return len(numbers) >= 4 and sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1) >= 3


def _table_rows(doc: Document, table: Table, grid: list[list[str]], normalizer: Normalizer,
                grading: dict[str, str]) -> list[Evidence]:  # fmt: skip
    header_at, arms = _header(grid, normalizer)
    if len(arms) < 1:
        return []
    graded = _grade_columns(grid, header_at, arms)
    if graded:
        header_at, arms = header_at + 1, graded
    out: list[Evidence] = []
    scope_grade = ""
    p_col = _p_column(grid[header_at]) if len(grid[header_at]) > 1 else None
    for r in range(header_at + 1, len(grid)):
        label, cells = _split_row(grid[r], arms)
        if not label:
            continue
        if not cells:
            g = cues.grades(label)
            scope_grade = g[0].value if g else ("any" if re.search(r"\bany\b|\ball\b", label, re.I) else scope_grade)
            continue
        outcome = _outcome(label, normalizer, table.page)
        p = _p_value(grid[r][p_col]) if p_col is not None and p_col < len(grid[r]) else None
        for arm, col, text in cells:
            ev = _evidence(doc, table, r, col, label, text, arm, outcome, scope_grade, grading)
            if ev is not None:
                out.append(replace(ev, p_value=p[0], p_operator=p[1]) if p else ev)
    return out


def _p_column(header: list[str]) -> int | None:
    """A "P" / "P value" column: its number is the p of the comparison between the arms in that row."""
    return next((j for j, c in enumerate(header) if j and re.fullmatch(r"\s*p(?:[- ]?value)?\s*", c, re.I)), None)


def _p_value(text: str) -> tuple[float, str] | None:
    m = re.fullmatch(r"\s*(?P<op>[<>≤≥=])?\s*(?P<v>0?\.\d+|1(?:\.0+)?)\s*", text)
    if m is None:
        return None
    op = {"≤": "<", "≥": ">"}.get(m["op"] or "=", m["op"] or "=")
    return float(m["v"]), op


def _header(grid: list[list[str]], normalizer: Normalizer) -> tuple[int, list[_Arm]]:
    for i, row in enumerate(grid[:4]):
        if len(row) > 1:
            found = [_arm(c, j, normalizer) for j, c in enumerate(row) if _N_HEADER.search(c)]
        else:
            found = [_arm(m.group(), j, normalizer) for j, m in enumerate(_HEADER_GROUP.finditer(row[0]))]
        arms = [a for a in found if a is not None]
        if len(arms) >= 2 or (len(arms) == 1 and len(row) > 1):
            return i, arms
    return -1, []


def _grade_columns(grid: list[list[str]], header_at: int, arms: list[_Arm]) -> list[_Arm]:
    """A second header row naming grades splits each arm into one column per grade."""
    if header_at + 1 >= len(grid) or len(grid[header_at + 1]) < 2:
        return []
    sub = grid[header_at + 1]
    if any(_CELL.search(c) and not cues.grades(c) for c in sub[1:] if c):
        return []
    out = []
    for c, text in enumerate(sub):
        owner = [a for a in arms if a.col <= c]
        if c == 0 or not text or not owner:
            continue
        found = cues.grades(text)
        grade = found[0].value if found else ("any" if re.search(r"\b(?:any|all)\b", text, re.I) else "")
        if grade:
            a = owner[-1]
            out.append(_Arm(c, a.label, a.arm, a.n, grade))
    return out if len(out) >= 2 else []


def _arm(text: str, col: int, normalizer: Normalizer) -> _Arm | None:
    m = _N_HEADER.search(text)
    if m is None:
        return None
    label = text[: m.start()].strip(" ,:;")
    found = [x for x in normalizer.mentions(label, ARM_KINDS) if x.term.canonical and x.term.canonical not in NOT_ARMS]
    if found:
        arm = found[0].term.canonical or ""
        label = label[found[0].start :] if found[0].start > 0 and len(label.split()) > 1 else label
    elif re.search(r"\b(?:total|overall|all)\b", label, re.I):
        arm = "all"
    else:
        # a group the vocabulary does not know ("Placebo group") keeps its printed name
        arm = re.sub(r"\s+(?:group|arm|cohort)$", "", label, flags=re.I).lower()
    return _Arm(col, label, arm, int(m["n"]))


def _split_row(row: list[str], arms: list[_Arm]) -> tuple[str, list[tuple[_Arm, int, str]]]:
    """The row label and, per arm, (column, cell text); cells missing from the row are left out."""
    if len(row) > 1:
        return row[0], [(a, a.col, row[a.col]) for a in arms if a.col < len(row) and row[a.col]]
    text = row[0]
    first = _CELL.search(text)
    if first is None:
        return text, []
    label = text[: first.start()].strip(" ,:;")
    values = [m.group() for m in _CELL.finditer(text, first.start())]
    if len(values) != len(arms):
        return label, []
    return label, [(a, i, v) for i, (a, v) in enumerate(zip(arms, values, strict=True))]


def _outcome(label: str, normalizer: Normalizer, page: int | None) -> OutcomeRef:
    found = [m for m in normalizer.mentions(label, ("outcome", "ae"), page) if m.term.canonical]
    if found:
        t = max(found, key=lambda m: m.end - m.start).term
        return term_ref(t, label) or OutcomeRef(t.canonical or "", raw=label)
    sexes = [QUALIFIER_OUTCOMES[q.value] for q in cues.qualifiers(label) if q.value in ("male", "female")]
    if sexes:
        return OutcomeRef(sexes[0], raw=label)  # "Male sex, n (%)"
    head = re.split(r",|\(", label)[0].strip()  # "Age, years, median (range)" -> "Age"
    for phrase in dict.fromkeys((label, head)):
        ref = term_ref(normalizer.normalize(phrase, None, page=page), label)
        if ref is not None:
            return ref
    return OutcomeRef(head or label, code_system="", raw=label, kind="raw")


def _evidence(doc: Document, table: Table, r: int, col: int, label: str, text: str, arm: _Arm, outcome: OutcomeRef,
              scope_grade: str, grading: dict[str, str]) -> Evidence | None:  # fmt: skip
    m = _CELL.search(text)
    if m is None:
        return None
    kind, fields = _parse_cell(m, label, arm.n)
    if kind is None:
        return None
    graded = outcome.kind == "ae" or outcome.code in ("CRS", "ICANS", "AGVHD", "CGVHD")
    grades = cues.grades(label)
    grade = (arm.grade or (grades[0].value if grades else scope_grade)) if graded else ""
    system = grading.get(outcome.code) or (grading.get("ae", "") if outcome.kind == "ae" else "")
    return Evidence(
        study_id=doc.study_id,
        arm=arm.arm,
        arm_label=arm.label,
        domain=domain_of(outcome, frozenset()),
        outcome=outcome.code,
        code_system=outcome.code_system,
        code=outcome.code_value,
        grade=grade or ("any" if graded else ""),
        grading_system=system if graded else "",
        section="table",
        quote=f"{label}: {text}",
        outcome_raw=outcome.raw,
        total_derived=fields.pop("total_derived", False),
        prov=Provenance(page=table.page, table=table.label or table.table_id, row=r, col=col,
                        method=f"arm_table.{kind}.v1", from_ocr=table.from_ocr),
        **fields,
    )  # fmt: skip


def _parse_cell(m: re.Match[str], label: str, n: int) -> tuple[str | None, dict]:
    word = "mean" if re.search(r"\bmean\b", label, re.I) else "median"
    if m["frac"]:
        return "frac_pct", {"statistic": "proportion", "events": int(m["fe"]), "total": int(m["ft"]),
                            "value": float(m["fv"]), "unit": "%"}  # fmt: skip
    if m["cp"] and not re.search(r"\b(?:median|mean)\b", label, re.I):
        return "count_pct", {"statistic": "proportion", "events": int(m["k"]), "total": n, "value": float(m["p"]),
                             "unit": "%", "total_derived": True}  # fmt: skip
    if m["sd"]:
        return "mean_sd", {"statistic": "mean", "value": float(m["m"]), "spread": "SD", "spread_value": float(m["s"]),
                           "unit": _unit(label)}  # fmt: skip
    if m["iv"] or m["cp"]:
        spread = "range" if re.search(r"\brange\b", label, re.I) else "IQR"
        if m["cp"]:
            return None, {}
        return "median_interval", {"statistic": word, "value": float(m["c"]), "spread": spread,
                                   "low": float(m["lo"]), "high": float(m["hi"]), "unit": _unit(label)}  # fmt: skip
    if m["pct"]:
        return "pct", {"statistic": "proportion", "value": float(m["pv"]), "total": n, "unit": "%",
                       "total_derived": True}  # fmt: skip
    count = as_int(parse_number(m["b"]))
    if count is not None and count <= n:
        return "count", {"statistic": "count", "events": count, "total": n, "total_derived": True}
    return None, {}


def _unit(label: str) -> str:
    m = re.search(r"\b(months?|days?|years?|weeks?|yrs?|y|mo|d)\b", label, re.I)
    if not m:
        return "years" if re.match(r"\s*age\b", label, re.I) else ""
    u = {"y": "years", "yr": "years", "yrs": "years", "mo": "months", "d": "days"}.get(m.group(1).lower())
    return u or (m.group(1).lower().rstrip("s") + "s")
