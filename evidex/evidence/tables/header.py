"""The header model of an arm-level table: which rows are header, what each column is, each arm's n.

Header rows are the rows above the first row that carries values. A column's header is the path
of its header cells top to bottom, a spanning cell ("Intervention (n = 40)" over "Baseline" and
"Week 12") filled rightwards over the columns under it. A column is the row label, an arm, a
total ("Overall", "All patients"), an effect ("Difference", "RR (95% CI)"), a p value, or other.
An arm's n is read wherever the paper prints it: in the header cell, on its own header line,
or in an "n"/"N" body row. Timepoints in the header ("Week 24", "12 months") go on the column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from evidex.evidence.tables import cues, stub
from evidex.evidence.tables.grammar import FONT_EQ, is_value, shape
from evidex.evidence.text import cues as text_cues

_N_IN_HEADER = re.compile(r"[(\[]?\s*\b[nN]\s*[=:]\s*(?P<n>\d[\d,]*)\s*[)\]]?|[(\[]\s*(?P<m>\d[\d,]*)\s*[)\]]\s*$")
_WHO = r"patients|participants|subjects|cases|women|men|children|pts|eyes|individuals|people"
_ENROLLED = r"(?:patients|participants|subjects|pts|individuals|people)"  # alone, never 'Women': a count of women
_N_ROW = re.compile(  # 'n', 'No. of patients', 'Number (N)', 'Participants', 'Patients, n'
    # not 'Patients recruited, (n)': a count of who entered, where other tables count embryos or eyes
    r"^\s*(?:(?:n|no\.?|number)(?:\s*(?:of\s+)?(?:" + _WHO + r"|analy[sz]ed|randomi[sz]ed|evaluable))*|"
    r"" + _ENROLLED + r"(?:\s*,\s*n\b)?)\s*[,:]?\s*(?:[(\[]\s*(?:%|n)\s*[)\]])?\s*$|"
    r"^\s*(?:sample size|total n)\s*$",
    re.I,
)


@dataclass
class Column:
    col: int
    text: str  # the header path, cells joined top to bottom
    kind: str = "other"  # label | arm | total | effect | p | other
    label: str = ""  # the group's name once n, statistic cues and timepoint are taken out
    n: int | None = None
    timepoint: float | None = None
    time_text: str = ""
    cue: str = ""  # a statistic cue printed in the header ("n (%)", "mean (SD)")
    effect: str = ""  # HR | OR | RR | RD | MD | SMD when kind == effect
    role: str = ""  # when an arm spans several columns: n | events | value | mean | median | pct | sd | se | ci | range
    grade: str = ""  # "Any grade" / "Grade ≥3" under an arm


@dataclass
class Header:
    rows: int  # number of header rows; the body starts here
    columns: list[Column] = field(default_factory=list)
    n_rows: set[int] = field(default_factory=set)  # body rows that only give each column's n

    def of_kind(self, kind: str) -> list[Column]:
        return [c for c in self.columns if c.kind == kind]


def body_start(grid: list[list[str]]) -> int:
    """The first row with a value in a column other than the first (a table's body), less the section rows
    right above it (a label alone in the first column opens the body); 1 when none."""
    for r, row in enumerate(grid):
        if r == 0 and len(grid) > 1 and _header_row_like(row):
            continue
        if r + 1 < len(grid) and _n_line(grid[r + 1]) and not _n_line(row):
            continue  # doses over their sizes ("Placebo | 1200 | 2400" over "(N = 121) | (N = 122) | (N = 123)")
        if any(is_value(c) and not _N_IN_HEADER.fullmatch(c.strip()) for c in row[1:]):
            start = max(r, 1) if r else (1 if _header_row_like(row) else 0)
            while start > 1 and grid[start - 1][:1] != [""] and not any(c.strip() for c in grid[start - 1][1:]):
                start -= 1
            return start
    return 1


def _n_line(row: list[str]) -> bool:
    """A header line that only gives each column's n: "(N = 121) | (N = 122)"."""
    texts = [c.strip() for c in row[1:] if c.strip()]
    return len(texts) >= 2 and all(_N_IN_HEADER.fullmatch(c) for c in texts)


def _header_row_like(row: list[str]) -> bool:
    texts = [c for c in row[1:] if c.strip()]
    return bool(texts) and all(not is_value(c) or _N_IN_HEADER.search(c) for c in texts)


def spread(grid: list[list[str]], rows: int) -> list[list[str]]:
    """Header rows with a spanning cell copied over the empty cells right of it that have text below them.

    Group names centred over the same run of sub-heads repeated ("Intervention" and "TAU" over
    "n (%) | Mean days | SD" twice) each take the whole run they sit in, left of them too."""
    out = [list(r) for r in grid[:rows]]
    for r in range(len(out) - 1):
        row = out[r]
        leaf = max(reversed(out[r + 1 :]), key=lambda h: sum(1 for x in h if x.strip()))  # the fullest row of heads
        blocks = _centred_blocks(row, leaf)
        if blocks:
            for (lo, hi), p in blocks:
                for c in range(lo, min(hi, len(row))):
                    if not row[c].strip():
                        row[c] = row[p]
            continue
        for c in range(1, len(row)):
            below = any(c < len(out[k]) and out[k][c].strip() for k in range(r + 1, len(out)))
            if not row[c].strip() and below and row[c - 1].strip() and c - 1 > 0:
                row[c] = row[c - 1]
    return out


def _key(text: str) -> str:
    """A sub-head without its footnote marks, digits or punctuation: '(95% CI)b,c' and '(95% CI)b' are one head."""
    return re.sub(r"[^a-z%]", "", re.sub(r"(?<=[)\]])[a-z,*†‡§\s]*$", "", text.lower()))


def _centred_blocks(row: list[str], sub: list[str]) -> list[tuple[tuple[int, int], int]] | None:
    """The runs of columns that distinct group names in ``row`` head: the sub-heads under it repeat one run
    per name, and each name lies inside its own run (where its centre fell). None when the names already open
    their runs (the rightward fill gives the same), or the sub-heads do not repeat."""
    labels = [c for c in range(1, len(row)) if row[c].strip() and not cues.is_p_header(row[c])
              and not cues.effect_kind(row[c])]  # fmt: skip
    m = len(labels)
    if m < 2 or len({row[c].strip().lower() for c in labels}) < m:
        return None
    keys = [_key(x) for x in sub]
    for k in range(2, (len(keys) - 1) // m + 1):
        for s in range(1, len(keys) - m * k + 1):
            first = keys[s : s + k]
            if not any(first) or any(keys[s + i * k : s + (i + 1) * k] != first for i in range(1, m)):
                continue
            runs = [(s + i * k, s + (i + 1) * k) for i in range(m)]
            if not all(lo <= p < hi for p, (lo, hi) in zip(labels, runs, strict=True)):
                continue
            if all(p == lo for p, (lo, _) in zip(labels, runs, strict=True)):
                return None
            return list(zip(runs, labels, strict=True))
    return None


def build(grid: list[list[str]], caption: str = "") -> Header:
    grid = [[FONT_EQ.sub("=", c) for c in row] for row in grid]
    rows = body_start(grid)
    head = spread(grid, rows)
    width = max((len(r) for r in grid), default=0)
    titles = _titles(grid, head)
    cols = []
    for c in range(width):
        parts = [h[c].strip() for r, h in enumerate(head) if c < len(h) and h[c].strip() and r not in titles]
        role = _ROLE.get(parts[-1].lower().strip(" ()[]").replace(" ", "")) if len(parts) >= 2 else None
        text = " ".join(dict.fromkeys(parts[:-1] if role else parts))
        col = _column(c, text, grid, rows, parts[-1] if parts else "")
        if role:
            col.role, col.cue = role, ""
            col.kind = "arm" if col.kind == "other" and col.label else col.kind
        cols.append(col)
    _strip_shared_title(cols)
    header = Header(rows, cols)
    _n_rows(grid, header)
    _label_column(grid, header)
    _groups_in_rows(grid, header)
    return header


def _groups_in_rows(grid: list[list[str]], header: Header) -> None:
    """A text column headed "Arm", "Study arm and stratum", "Group" names the groups row by row: the value
    columns beside it are measures ("Individual-level prevalence n/N (%)", "Clusters n"), not groups."""
    for col in header.columns:
        body = [r[col.col] for r in grid[header.rows :] if col.col < len(r) and r[col.col].strip()]
        texty = bool(body) and sum(1 for b in body if not is_value(b)) >= 0.8 * len(body)
        if col.kind != "arm" and texty and (stub.ARM_HEAD.fullmatch(col.text) or (col.col == 0 and stub.names_groups(
                grid, header.rows, col.text))):  # fmt: skip
            for other in header.columns:
                if other.kind == "arm":
                    other.kind = "other"
            return


_ROLE = {
    "n": "n", "no.": "n", "no": "n", "number": "n", "total": "n", "events": "events", "event": "events",
    "mean": "mean", "m": "mean", "average": "mean", "median": "median", "%": "pct", "percent": "pct",
    "sd": "sd", "s.d.": "sd", "±sd": "sd", "se": "se", "sem": "se", "s.e.": "se", "95%ci": "ci", "ci": "ci",
    "95%confidenceinterval": "ci", "iqr": "range", "range": "range", "min-max": "range",
}  # fmt: skip


_GRADE = re.compile(r"\b(?:any|all)[- ]grades?\b|\bgrades?\s*(?:[≥>]=?\s*)?[1-5IV]+(?:\s*(?:-|–|to|or|and)\s*[1-5IV]+)?"
                    r"(?:\s*or\s*(?:higher|more|above))?", re.I)


def _titles(grid: list[list[str]], head: list[list[str]]) -> set[int]:
    """Upper header rows holding one text that spans a group with its n and a p or effect column: a title of
    the columns ("Patient adherence (mean of cluster summaries)" over "Intervention (N = 40) | Ratio | P"),
    set where its centre fell, so it misses the first group; it names no group."""
    out: set[int] = set()
    if len(head) < 2:
        return out
    leaves = [next((h[c].strip() for h in reversed(head) if c < len(h) and h[c].strip()), "")
              for c in range(max(len(h) for h in head))]  # fmt: skip
    for r in range(len(head) - 1):
        texts = [c for c in range(1, len(grid[r])) if grid[r][c].strip()]
        if len(texts) != 1 or _N_IN_HEADER.search(grid[r][texts[0]]) or cues.timepoint(grid[r][texts[0]]):
            continue
        spanned = [c for c in range(texts[0], len(head[r])) if head[r][c].strip() == grid[r][texts[0]].strip()]
        under = [leaves[c] for c in spanned if c < len(leaves) and leaves[c] != head[r][c].strip()]
        if any(_N_IN_HEADER.search(x) for x in under) and any(cues.is_p_header(x) or cues.effect_kind(x)
                                                                for x in under):  # fmt: skip
            out.add(r)
    return out


def _strip_shared_title(cols: list[Column]) -> None:
    """Words that open the name of every arm column ("Labels evaluated" spanning "No label | Choices | MTL",
    "Patient adherence (mean of cluster summaries)" over "Control | Intervention") title the columns: they
    name no group, and two groups sharing them are still two groups."""
    arms = [c for c in cols if c.kind == "arm" and c.label]
    if len(arms) < 2:
        return
    words = [c.label.split() for c in arms]
    k = 0
    while all(len(w) > k + 1 for w in words) and len({w[k].lower() for w in words}) == 1:
        k += 1
    rests = {" ".join(w[k:]).lower() for w in words}
    named = all(any(re.fullmatch(r"[A-Za-z][a-z]{2,}\W*|[A-Z][A-Z+/-]+\W*", x) for x in w[k:]) for w in words)
    if k >= 2 and len(rests) > 1 and named:  # "Group I" / "Group II" and "X 10 mg" / "X 20 mg" keep their words
        for c, w in zip(arms, words, strict=True):
            c.label = _clean(" ".join(w[k:]))


def _column(c: int, text: str, grid: list[list[str]], rows: int, leaf: str = "") -> Column:
    col = Column(c, text)
    m = _N_IN_HEADER.search(text)
    if m:
        col.n = int((m["n"] or m["m"]).replace(",", ""))
    rest = _N_IN_HEADER.sub(" ", text) if m else text
    col.cue = cues.statistic_cue(rest)
    rest = cues.strip_statistic_cue(rest)
    grade = _GRADE.search(rest)
    if grade:
        found = text_cues.grades(grade.group())
        col.grade = found[0].value if found else "any"
        rest = rest.replace(grade.group(), " ")
    tp = cues.timepoint(rest)
    if tp is not None:
        col.timepoint, col.time_text = tp.months, tp.text
        rest = rest.replace(tp.text, " ")
    col.label = _clean(rest)
    col.kind = _kind(c, col, text, [r[c] for r in grid[rows:] if c < len(r)], leaf)
    if col.kind == "effect":
        col.effect = cues.effect_kind(leaf) or cues.effect_kind(text)
    return col


_NOISE = re.compile(
    r"\bp[- ]?values?\b|\bmean\s+change\b|\bchange\b|\bmeans?\b|\bmedians?\b|\bSD\b|\bSE\b|\bIQR\b|"
    r"[(\[]\s*95\s*%\s*CI\s*[)\]]|\b95\s*%\s*CI\b|[(\[]\s*[)\]]|\bvalues?\b|[*†‡§¶]|\^[^^]*\^|(?<=\w)\s+(?-i:[a-e])$",
    re.I,
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _NOISE.sub(" ", text)).strip(" ,;:-–")


def _kind(c: int, col: Column, text: str, body: list[str], leaf: str = "") -> str:
    values = sum(1 for b in body if is_value(b))
    texts = sum(1 for b in body if b.strip() and not is_value(b))
    if c == 0 and texts >= values:
        return "label"
    if cues.is_p_header(text) or (leaf and cues.is_p_header(leaf)):  # the column's own cell under a spanning title
        return "p"
    if cues.is_test_statistic(text) or (leaf and cues.is_test_statistic(leaf)):
        return "other"  # "Z-score", "SE of difference": statistics of the test, neither an arm nor an effect
    if cues.effect_kind(text):
        return "effect"
    if cues.is_total_header(col.label or text):
        return "total"
    if values == 0 or values < texts:
        return "other"
    if not col.label and col.n is None:
        return "other"
    return "arm"


def _n_rows(grid: list[list[str]], header: Header) -> None:
    """A body row "n | 120 | 118" gives each column's n (the first such row; later ones are per-timepoint)."""
    for r in range(header.rows, min(len(grid), header.rows + 3)):
        row = grid[r]
        if not row or not _N_ROW.match(row[0] or ""):
            continue
        ns = {c: shape(row[c]) for c in range(1, len(row))}
        if not all(s.kind in ("number", "empty") for s in ns.values()):
            continue
        for col in header.columns:
            s = ns.get(col.col)
            if s is not None and s.kind == "number" and s.a is not None and s.a == int(s.a) and col.n is None:
                col.n = int(s.a)
                if col.kind == "other" and col.label:
                    col.kind = "arm"
        header.n_rows.add(r)
        return


def _label_column(grid: list[list[str]], header: Header) -> None:
    """The first column is the row label unless it holds values; then there is no label column."""
    if header.columns and header.columns[0].kind not in ("label",):
        body = [r[0] for r in grid[header.rows :] if r]
        if sum(1 for b in body if b.strip() and not is_value(b)) >= max(1, len(body) // 2):
            header.columns[0].kind = "label"


_GROUPISH = re.compile(r"\b(?:group|arm|placebo|control|care|treatment|therapy|intervention|usual|standard|sham|"
                       r"active|experimental|drug|dose|mg|vaccine|exercise|program|programme)\b", re.I)


Candidate = tuple[str, int | None, int | None, str]  # label, n, page, header text


def arm_candidates(tables: list[tuple[list[list[str]], str, int | None]]) -> list[Candidate]:
    """Arm-like columns of every table (grid, caption, page): (label, n, page, header text).

    A column is arm-like when it holds values under a name; it is kept when it carries an n, reads like
    a group ("Placebo", "Control group", a dose), or the same name heads columns of two or more tables.
    """
    found: list[Candidate] = []
    seen: dict[str, int] = {}
    for grid, caption, page in tables:
        if len(grid) < 2:
            continue
        head = build(grid, caption)
        arms = head.of_kind("arm")
        if len(arms) < 2 and not (arms and head.of_kind("total")):
            continue
        names = [(col.label or col.text).lower() for col in arms]
        one_row = len(set(names)) == len(names) and not any(col.time_text or col.grade for col in arms)
        row_text = " | ".join(col.text for col in arms)
        for col in arms:
            label = col.label or col.text
            if label:  # the distinct groups of one header row are distinct arms, like the groups of one sentence
                found.append((label, col.n, page, row_text if one_row else col.text))
                seen[label.lower()] = seen.get(label.lower(), 0) + 1
    known = {f[0] for f in found}
    found = [(unmarked(f[0], known), *f[1:]) for f in found]
    kept = [f for f in found if f[1] is not None or _GROUPISH.search(f[0]) or seen.get(f[0].lower(), 0) >= 2]
    if len({f[0].lower() for f in kept}) >= 2:
        return kept
    # no two groups head columns: groups set as rows (arms as rows, measures or times as columns)
    rowed, sure = _row_candidates(tables)
    for f in rowed:
        seen[f[0].lower()] = seen.get(f[0].lower(), 0) + 1
    return kept + [f for f in rowed if _GROUPISH.search(f[0]) or seen.get(f[0].lower(), 0) >= 2 or f[0] in sure]


def _row_candidates(tables: list[tuple[list[list[str]], str, int | None]]) -> tuple[list[Candidate], set[str]]:
    """Groups a table sets as rows (arms as rows, measures or times as columns): its stub column is headed as
    groups ("Group", "Condition"), or its caption says its rows give each group ("per treatment group"), and
    none of its columns is a group. Names under a group-headed stub are sure; names from a caption cue count
    like a header's (an n, a group-like word, or a second table naming them)."""
    found: list[Candidate] = []
    sure: set[str] = set()
    for grid, caption, page in tables:
        if len(grid) < 3:
            continue
        head = build(grid, caption)
        stub_head = head.columns[0].text if head.columns else ""
        headed = stub.names_groups(grid, head.rows, stub_head)
        if not (headed or stub.group_rows_caption(caption)) or (not headed and _column_groups(head)):
            continue
        names = stub.row_names(grid, head.rows)
        if not names:
            continue
        for name in names:
            found.append((name, None, page, " | ".join(names)))
            if headed:
                sure.add(name)
    return found, sure


def _column_groups(head: Header) -> bool:
    arms = head.of_kind("arm")
    return any(c.n is not None or _GROUPISH.search(c.label or c.text) for c in arms)


_GLUED_MARK = re.compile(r"(?<=[A-Z])[a-h]$")


def unmarked(label: str, known: set[str] | None = None, resolves: Callable[[str], bool] | None = None) -> str:
    """A footnote mark glued to a group's name ("CoPATa (n=103)" beside "CoPAT (n=103)"): the name without it,
    when that name is known (another column's name, or one the study resolves); else the label as it is."""
    if not _GLUED_MARK.search(label):
        return label
    bare = label[:-1]
    return bare if (known is not None and bare in known) or (resolves is not None and resolves(bare)) else label
