"""Records shared by every stage.

Stages exchange these frozen records; nothing else crosses a stage boundary.
Coordinates are PDF points with a top-left origin (pdfplumber's convention),
converted once at the extract boundary. Pages are 1-based; text input has no
pages (``page is None``) but keeps character offsets instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


class InputError(Exception):
    """A user's input cannot be read at all (missing, empty, corrupt, encrypted, not a PDF).

    The message is one sentence meant for stderr; the batch goes on.
    """


class OutputError(Exception):
    """The output folder cannot be written or holds a file we cannot read back."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Settings a user can change from the command line; passed to every stage that needs one."""

    ocr: str = "auto"  # auto (pages with a poor text layer) | force (every page) | off
    ocr_dpi: int = 300
    ocr_lang: str = "eng"
    ocr_workers: int = 1  # processes for OCR pages inside one document
    strict: bool = False  # bugs raise instead of becoming a document's error (tests, debugging)


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """Why a document, or a part of it, could not be read: which component, which page, what happened."""

    component: str  # extract | evidence | frames | validate | executor | input
    page: int | None
    message: str

    def __str__(self) -> str:
        where = f" p.{self.page}" if self.page is not None else ""
        return f"{self.component}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value came from and how it was produced."""

    page: int | None = None
    bbox: BBox | None = None
    char_start: int | None = None
    char_end: int | None = None
    table: str | None = None  # table label, e.g. "Table 2"
    row: int | None = None
    col: int | None = None
    method: str = ""  # engine or rule that produced the value, versioned: "pdfium.v1", "stmt.count_pct.v1"
    from_ocr: bool = False
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    text_quality: float  # 0..1, from the text layer before any OCR
    ocr: bool  # OCR replaced or supplemented the text layer
    n_chars: int = 0
    ocr_confidence: float | None = None  # mean word confidence 0..100 when OCR ran
    method: str = ""


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph, heading, caption or footnote in reading order."""

    text: str
    section: str  # abstract, introduction, methods, results, discussion, conclusion, tables, references, other
    kind: str = "paragraph"  # paragraph | heading | caption | footnote
    page: int | None = None
    bbox: BBox | None = None
    char_start: int | None = None  # offsets in Document.text
    char_end: int | None = None
    from_ocr: bool = False
    confidence: float | None = None
    order: int = 0


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    text: str
    bbox: BBox | None = None
    confidence: float | None = None  # OCR word confidence 0..100
    from_ocr: bool = False
    row_span: int = 1
    col_span: int = 1
    page: int | None = None  # set when the table spans pages (stitched): the page this cell is on
    indent: float = 0.0  # how far the text starts right of its column's leftmost text (points; characters for text)
    raw: str = ""  # what OCR first read, when a look at the cell's pixels changed it (evidex.extract.tables.recheck)
    rule: str = ""  # the versioned check that changed it: "ocr_dash_ink.v1"


@dataclass(frozen=True, slots=True)
class Table:
    """A table as found on the page, before any repair.

    Born-digital and OCR'd tables carry a cell grid. Tables that reach us only as
    damaged text lines (text input) carry ``lines`` and no cells; evidence
    segments them.
    """

    table_id: str  # unique within the document: "p6-t1", "text-t2"
    label: str | None  # "Table 2" when a caption names it
    caption: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    method: str = ""  # lattice | stream | pdfplumber | ocr-grid | text-lines
    quality: float | None = None  # 0..1, the extractor's own score
    n_rows: int = 0
    n_cols: int = 0
    cells: tuple[Cell, ...] = ()
    lines: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    from_ocr: bool = False
    char_start: int | None = None
    char_end: int | None = None

    def grid(self) -> list[list[str]]:
        rows = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            if 0 <= c.row < self.n_rows and 0 <= c.col < self.n_cols:
                rows[c.row][c.col] = c.text
        return rows


@dataclass(frozen=True, slots=True)
class Bibliography:
    """What the PDF's info dictionary, its first page or a text's head say about the paper."""

    title: str = ""
    first_author: str = ""
    authors: tuple[str, ...] = ()  # "Family Initials"
    year: int | None = None
    journal: str = ""
    doi: str = ""
    registration: tuple[str, ...] = ()  # NCT01234567, ISRCTN12345678, ChiCTR..., EudraCT 2010-012345-12


@dataclass(frozen=True, slots=True)
class Document:
    study_id: str
    source: str  # file name
    path: str
    kind: str  # "pdf" | "text"
    text: str = ""  # the full text in reading order; TextBlock offsets point here
    title: str | None = None
    pages: tuple[Page, ...] = ()
    blocks: tuple[TextBlock, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()
    bibliography: Bibliography = field(default_factory=Bibliography)
    errors: tuple[ErrorItem, ...] = ()  # parts that failed while the rest was read: the study becomes partial


@dataclass(frozen=True, slots=True)
class Study:
    """One row of studies.csv."""

    study_id: str
    source: str
    title: str | None = None
    pages: int | None = None
    ocr_pages: int = 0
    kind: str = ""
    status: str = "ok"  # ok | partial (read, but a component or page failed: see errors) | failed
    error: str = ""
    path: str = ""
    n_tables: int = 0
    evidex_version: str = ""
    # bibliographic metadata (PDF info dictionary, first page, or the head of a text input)
    first_author: str = ""
    authors: str = ""  # ";"-joined "Family Initials"
    year: int | None = None
    journal: str = ""
    doi: str = ""
    registration: str = ""  # trial registration ids, ";"-joined (NCT01234567;ISRCTN12345678)
    label: str = ""  # "First author year", the name reports and exports use
    errors: str = ""  # the ErrorItems of a partial or failed study, "component p.N: message;..."
    # rct (the paper says its groups were randomized) | cohorts (groups compared, not randomized: retrospective,
    # observational, quasi-experimental) | single (one group) | unknown (no groups found)
    design: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """One normalization decision (a row of terms.csv)."""

    raw: str
    canonical: str | None
    kind: str = ""  # drug, regimen, therapy, ae, grade, grading_system, outcome, fusion, donor, graft_source, subgroup
    code_system: str = ""
    code: str = ""
    method: str = ""  # exact | synonym | abbreviation | ocr | phonetic | fuzzy ; empty when unmapped
    score: float | None = None
    alias: str = ""  # the vocabulary alias that matched
    other_codes: str = ""  # "ATC:L01FX07;UNII:4FR53SIF3A"
    vocab_version: str = ""
    note: str = ""  # why unmapped / why rejected
    study_id: str = ""
    page: int | None = None

    @property
    def mapped(self) -> bool:
        return bool(self.canonical)


@runtime_checkable
class Normalizer(Protocol):
    """What the evidence stage may ask of the normalize stage; the pipeline injects one."""

    def normalize(self, raw: str, kind: str | None = None, context: str = "", page: int | None = None) -> Term: ...

    def components(self, raw: str, context: str = "", page: int | None = None) -> tuple[Term, ...]:
        """A regimen string ("CCNU + FLAG + BuCy") as one Term per component drug/procedure."""
        ...

    def mentions(self, text: str, kinds: tuple[str, ...] = (), page: int | None = None) -> tuple[Mention, ...]:
        """Known terms found in running text, with their offsets."""
        ...


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    term: Term


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reported statistic (a row of evidence.csv)."""

    study_id: str
    arm: str
    outcome: str
    statistic: str  # proportion | count | median | mean | hazard_ratio
    domain: str = ""
    arm_label: str = ""
    subgroup: str = "all"
    code_system: str = "evidex"
    code: str = ""
    grade: str = ""
    grading_system: str = ""
    timepoint_months: float | None = None
    events: int | None = None
    total: int | None = None
    value: float | None = None
    unit: str = ""
    spread: str = ""
    low: float | None = None
    high: float | None = None
    spread_value: float | None = None
    p_value: float | None = None
    p_operator: str = ""
    section: str = ""
    quote: str = ""
    outcome_raw: str = ""  # the outcome as written
    total_derived: bool = False  # denominator taken from the group size, not stated in the sentence
    arm_id: str = ""  # the study's arm (arms.csv); empty for a whole-study row
    comparison_id: str = ""  # the comparisons.csv row this value takes part in
    derived: str = ""  # empty when printed; else the rules that computed a value, ";"-joined
    # what p_value tests: "" the two-arm contrast the row takes part in; "omnibus" one test across all (3+) groups
    # (never a pair's p); "within" the group's own test (change from baseline inside the arm)
    p_scope: str = ""
    prov: Provenance = field(default_factory=Provenance)


@dataclass(frozen=True, slots=True)
class Arm:
    """One treatment group of a study (a row of arms.csv)."""

    study_id: str
    arm_id: str  # "a1", "a2", ... stable within the study
    arm: str  # canonical intervention, as in Evidence.arm
    arm_label: str  # as the paper names the group
    role: str = ""  # experimental | control | single
    n: int | None = None  # randomized or assigned, when stated
    page: int | None = None
    quote: str = ""
    method: str = ""  # the rule that found the group and decided its role
    # why the arm has its role: named (a control word), negated ("No X" beside "X"), base (what an add-on adds
    # to), listed (the methods name it last), last (the convention when nothing says), single
    role_basis: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """A two-arm contrast of one outcome (a row of comparisons.csv), ready for metafor/meta/RevMan."""

    study_id: str
    comparison_id: str
    outcome: str
    measure: str  # binary | continuous | time_to_event
    outcome_raw: str = ""
    contrast: str = "vs_control"  # vs_control | between_active (two experimental arms; not pooled by meta)
    subgroup: str = "all"
    grade: str = ""
    timepoint_months: float | None = None
    arm_e: str = ""
    arm_e_label: str = ""
    arm_c: str = ""
    arm_c_label: str = ""
    arm_e_id: str = ""
    arm_c_id: str = ""
    events_e: int | None = None
    n_e: int | None = None
    events_c: int | None = None
    n_c: int | None = None
    mean_e: float | None = None
    sd_e: float | None = None
    mean_c: float | None = None
    sd_c: float | None = None
    effect: str = ""  # HR | OR | RR | RD | MD
    effect_value: float | None = None
    effect_low: float | None = None
    effect_high: float | None = None
    p_value: float | None = None
    p_operator: str = ""
    derived: str = ""
    page: int | None = None
    quote: str = ""
    section: str = ""
    domain: str = ""
    unit: str = ""
    evidence_e: str = ""  # evidence_id of the two arm rows (filled when frames are built)
    evidence_c: str = ""
    method: str = ""
    source_table: str = ""
    source_row: int | None = None


@dataclass(frozen=True, slots=True)
class Patient:
    """One row of patients.csv."""

    study_id: str
    table: str
    patient: str
    prior_therapy: str = ""
    blasts_pre_pct: float | None = None
    mrd_pre_pct: float | None = None
    fusion_pre: str = ""
    blasts_post_pct: float | None = None
    mrd_post_pct: float | None = None
    fusion_post: str = ""
    cr: bool | None = None
    post_therapy: str = ""
    alive: bool | None = None
    follow_up_months: float | None = None
    extra: tuple[tuple[str, str], ...] = ()  # ("x_slug", value) for unmapped columns
    prov: Provenance = field(default_factory=Provenance)
    raw: str = ""  # the source row as read


@dataclass(frozen=True, slots=True)
class Transplant:
    """One row of transplants.csv."""

    study_id: str
    table: str
    patient: str
    conditioning: str = ""
    conditioning_label: str = ""
    donor: str = ""
    hla_matched: int | None = None
    hla_total: int | None = None
    graft_source: str = ""
    days_to_hsct: float | None = None
    neutrophil_engraftment_day: float | None = None
    platelet_engraftment_day: float | None = None
    final_status: str = ""
    transplant_no: int = 1
    extra: tuple[tuple[str, str], ...] = ()
    prov: Provenance = field(default_factory=Provenance)
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Repair:
    """A value changed from what the page or OCR said (a row of repairs.csv)."""

    study_id: str
    table: str
    patient: str
    column: str
    raw: str
    value: str
    rule: str  # versioned rule name: "decimal_restore.v1"
    confidence: float
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a reviewer should look at (a row of findings.csv). Never changes a number."""

    study_id: str
    check: str  # a code from evidex.codes.Check
    severity: str  # error | warning | info
    message: str
    page: int | None = None
    quote: str = ""
    stage: str = ""  # extract | normalize | evidence | validate | pipeline
    table: str = ""  # which output table the finding is about
    ref: str = ""  # row reference inside that table (evidence row id, patient number)
    column: str = ""


@dataclass(frozen=True, slots=True)
class EvidenceBundle:
    """What the evidence stage returns for one document."""

    evidence: tuple[Evidence, ...] = ()
    arms: tuple[Arm, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    aggregates: tuple[Evidence, ...] = ()  # statistics computed from per-patient tables, for validation
    patients: tuple[Patient, ...] = ()
    transplants: tuple[Transplant, ...] = ()
    repairs: tuple[Repair, ...] = ()
    findings: tuple[Finding, ...] = ()
    design: str = ""  # the study model's design: rct | cohorts | single | unknown


@dataclass(frozen=True, slots=True)
class StudyResult:
    """Everything one document produced; a failed document has only ``study`` and findings."""

    study: Study
    document: Document | None = None
    bundle: EvidenceBundle = field(default_factory=EvidenceBundle)
    terms: tuple[Term, ...] = ()
    findings: tuple[Finding, ...] = ()
    errors: tuple[ErrorItem, ...] = ()
