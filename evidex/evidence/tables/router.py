"""One classifier and a registry of readers: each table goes to the reader that claims it most surely.

Kinds: arm-level results, baseline characteristics, adverse events (``armlevel``), per-patient and
transplant listings (``patients``), and other. A table no reader claims gives an info finding, so a
reviewer knows it was not read. A reader added for a new kind of table touches only its own module
and the registry below.
"""

from __future__ import annotations

from evidex.codes import Check, Severity
from evidex.evidence.study import StudyModel
from evidex.evidence.tables import armlevel, cues, rows, transposed
from evidex.evidence.tables.base import Reader, TableInput, TableOutput, grid_of
from evidex.evidence.tables.patients.reader import PatientListingReader
from evidex.models import Document, Evidence, Finding, Normalizer, Table

MIN_CLAIM = 0.5
# a table of characteristics at entry whose caption does not say so may hold a few rows placed later ("Positive
# test at follow-up"): up to one row in LATER_SHARE; those rows are read as results, the others as baseline
LATER_SHARE = 4
LATER_ROWS = "later_rows"
LATER_COLS = "later_cols"  # arms as rows: the value columns placed later


def registry() -> list[Reader]:
    """Fresh readers for one document (a reader may keep state across a document's tables)."""
    return [PatientListingReader(), armlevel.AdverseEventsReader(), armlevel.BaselineReader(), armlevel.ResultsReader()]


def inputs(doc: Document, normalizer: Normalizer, study: StudyModel, grading: dict[str, str]) -> list[TableInput]:
    out = []
    for table in doc.tables:
        grid, indents = grid_of(table)
        if grid:
            out.append(TableInput(doc, table, grid, normalizer, study, grading, indents))
    return out


def classify(t: TableInput, readers: list[Reader]) -> Reader | None:
    """The reader with the surest claim, when it is sure enough; earlier readers win ties."""
    best: Reader | None = None
    best_claim = MIN_CLAIM
    for r in readers:
        c = r.claim(t)
        if c > best_claim or (best is None and c >= MIN_CLAIM):
            best, best_claim = r, c
    if best is not None and best.kind == "arm_results" and at_entry(t):
        best = next((r for r in readers if r.kind == "baseline"), best)
    return best


def at_entry(t: TableInput) -> bool:
    """A table read as results whose caption does not say what it holds ("Comparability of the groups at trial
    entry", "Description of the study population", none at all) is a baseline table when its rows are mostly
    characteristics of the patients at entry (age, sex, race, BMI, education, smoking, ...: cue words in
    table_cues.csv) and nothing in its caption, header or rows places its numbers later (a change, a follow-up,
    the end of treatment, "Week 12", an outcome): a results table with weight as its outcome stays results. A
    caption that places the numbers before the treatment ("Elements of the pre-operative assessment") makes any
    rows baseline unless a header cell or a row names a later time ("Post", "Intra-operative", "6 months")."""
    p = armlevel.parse(t)
    if p is None:
        return _transposed_at_entry(t)
    if not p.arms or p.head.of_kind("effect"):
        return False
    body = _body(t, p)
    caption = t.table.caption or ""
    head = [" ".join(r) for r in t.grid[: p.head.rows]] + [c for r in t.grid[: p.head.rows] for c in r]
    if not body or any(cues.over_time(x) for x in [caption, *head]):
        return False
    if cues.before_caption(caption):
        return not any(cues.over_time(r.label, row=True, results=False) for r in body)
    later = {r.r for r in body if cues.over_time(r.label, row=True)}
    if len(later) * LATER_SHARE > len(body):
        return False
    body = [r for r in body if r.r not in later]
    # each row's variable: its outermost label that names more than a statistic or a kind of variable
    # ("Categorical variable, n (%)")
    tops = list(dict.fromkeys(next((x for x in [*r.path, r.leaf] if _names_variable(x)), r.leaf) for r in body))
    entry = _mostly_characteristics(tops, caption)
    if entry and later:
        t.memo[LATER_ROWS] = later
    return entry


def _mostly_characteristics(variables: list[str], caption: str) -> bool:
    hits = [k for x in variables if (k := cues.characteristic(x))]
    share, kinds = len(hits) / max(len(variables), 1), len(set(hits))
    if cues.entry_caption(caption):
        return kinds >= 2 and share >= 0.25
    return (kinds >= 3 and share >= 0.25) or (kinds >= 2 and share >= 0.4)


def _transposed_at_entry(t: TableInput) -> bool:
    """Arms as rows, variables as columns ("Gender (m/f) | Age | Years of education | ... | Dose post"): the same
    test on the columns' headers; a column placed later ("post", "Week 12") is read as results."""
    p = armlevel.parse_any(t)
    caption = t.table.caption or ""
    if not isinstance(p, transposed.Transposed) or cues.over_time(caption):
        return False
    heads = {c.col: c.text for c in p.head.columns if c.col in p.value_cols}
    if cues.before_caption(caption):
        return not any(cues.over_time(x, row=True, results=False) for x in heads.values())
    later = {c for c, x in heads.items() if cues.over_time(x, row=True)}
    if not heads or len(later) * LATER_SHARE > len(heads):
        return False
    entry = _mostly_characteristics([x for c, x in heads.items() if c not in later], caption)
    if entry and later:
        t.memo[LATER_COLS] = later
    return entry


def later_rows(t: TableInput) -> set[int]:
    """The rows of a baseline table that name a time after entry ("Fever on day 4", "At end of study — weight",
    "Positive test at follow-up"): results, not characteristics. Words that only call numbers results ("Self-
    efficacy", "Response to prior therapy") do not count here: the caption has said the table is baseline; nor
    does a row under an entry heading ("At randomisation — weight change since enrolment")."""
    if LATER_ROWS in t.memo:
        got = t.memo[LATER_ROWS]
        return got if isinstance(got, set) else set()
    p = armlevel.parse(t)
    if p is None or not p.arms:
        return set()
    return {r.r for r in _body(t, p) if cues.over_time(r.label, row=True, results=False)
            and not cues.entry_caption(r.label)}  # fmt: skip


def _body(t: TableInput, p: armlevel.Parsed) -> list[rows.Row]:
    return rows.rows(t.grid, p.head.rows, p.head.n_rows, [a.col.col for a in p.arms], p.label_col, t.indents)


def _names_variable(label: str) -> bool:
    return bool(cues.strip_statistic_cue(label)) and not cues.variable_kind(label)


def read_all(doc: Document, normalizer: Normalizer, study: StudyModel, grading: dict[str, str]) -> TableOutput:
    readers = registry()
    routed: dict[str, list[TableInput]] = {}
    by_kind = {r.kind: r for r in readers}
    out = TableOutput()
    for t in inputs(doc, normalizer, study, grading):
        reader = classify(t, readers)
        if reader is None:
            out.findings.append(_unread(doc, t.table))
            continue
        later = later_rows(t) if reader.kind == "baseline" else set()
        cols = later_cols(t) if reader.kind == "baseline" and not later else set()
        if later or cols:
            out.extend(_mixed(t, later, cols, by_kind["baseline"], by_kind["arm_results"]))
            continue
        routed.setdefault(reader.kind, []).append(t)
    for kind, tables in routed.items():
        out.extend(by_kind[kind].read(tables))
    return out


def later_cols(t: TableInput) -> set[int]:
    """Arms as rows: the value columns of a baseline table placed later ("CPZ post", "PANSS-P Post")."""
    if LATER_COLS in t.memo:
        got = t.memo[LATER_COLS]
        return got if isinstance(got, set) else set()
    p = armlevel.parse_any(t)
    if not isinstance(p, transposed.Transposed):
        return set()
    return {c.col for c in p.head.columns if c.col in p.value_cols and cues.over_time(c.text, row=True, results=False)
            and not cues.entry_caption(c.text)}  # fmt: skip


def _mixed(t: TableInput, rows_: set[int], cols: set[int], baseline: Reader, results: Reader) -> TableOutput:
    """A table of characteristics at entry with rows (or, arms as rows, columns) placed later: those as results,
    the rest baseline."""

    def later(e: Evidence) -> bool:
        return e.prov.row in rows_ or e.prov.col in cols

    out = baseline.read([t])
    after = results.read([t]).evidence
    out.evidence = [e for e in out.evidence if not later(e)] + [e for e in after if later(e)]
    return out


def _unread(doc: Document, table: Table) -> Finding:
    name = table.label or table.table_id
    return Finding(doc.study_id, Check.TABLE_NOT_READ, Severity.INFO,
                   f"{name} was not read: no reader recognised it as arm-level results, baseline characteristics, "
                   "adverse events or a per-patient listing.",
                   page=table.page, quote=(table.caption or "")[:200], stage="evidence", table="tables",
                   ref=table.table_id)  # fmt: skip
