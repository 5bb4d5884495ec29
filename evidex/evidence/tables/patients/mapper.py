"""Columns -> contract fields by what the header says and what the column's cells hold.

A header the vocabulary has never seen as a whole still has pieces it knows: words of known phrases
("Marrow blast count" -> blasts), stems ("Bridged" -> bridging), words cut short ("Resp."), initials of
known phrases ("BMB"), abbreviations ("Tx", "F/U"), side words ("pre-infusion", "day 28") and units
("(%)", ", mo", "(x10^9/L)"). The cells say the rest: a column of CR/CRi/PR/NR is a response column and
one of Alive/Dead is vital status, whatever their headers say; a column of gene fusions is a fusion
column; a column of therapies is a therapy column, before or after the reported treatment by its side
words or its place beside the response. Every (column, field) pair gets a score from both; one field
per column and one column per field (two for fields printed before and after treatment) are chosen
together (scipy's assignment solver), and a column whose best score is too low keeps its own name as
``x_<slug>``. The table is a patient or a transplant listing by whichever field set explains it better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from evidex.evidence.tables.patients.headers import SIDED, Column, match
from evidex.evidence.tables.patients.repair import is_dash, strip, value_map
from evidex.evidence.tables.patients.terms import Terms, probing, split_plus
from evidex.evidence.tables.patients.vocab import clean, vocab

PATIENT_SLOTS = ("prior_therapy", "blasts", "blasts", "mrd", "mrd", "fusion", "fusion", "cr", "post_therapy",
                 "alive", "follow_up_months")  # fmt: skip
TRANSPLANT_SLOTS = ("conditioning", "donor", "hla", "graft_source", "days_to_hsct", "neutrophil_engraftment_day",
                    "platelet_engraftment_day", "final_status")  # fmt: skip
VALUES = {  # the kind of cell each field holds; the first kinds identify a column, "num" does not
    "prior_therapy": "therapy", "post_therapy": "therapy", "fusion": "gene", "cr": "response", "alive": "vital",
    "conditioning": "regimen", "donor": "donor", "graft_source": "graft", "hla": "hla", "final_status": "status",
    "blasts": "pct", "mrd": "pct", "follow_up_months": "num", "days_to_hsct": "num",
    "neutrophil_engraftment_day": "num", "platelet_engraftment_day": "num",
}  # fmt: skip
UNIT_FIT = {  # unit printed in the header -> fields it fits (others that hold numbers do not)
    "pct": ("blasts", "mrd"), "months": ("follow_up_months",),
    "days": ("days_to_hsct", "neutrophil_engraftment_day", "platelet_engraftment_day"), "years": (), "count": (),
}  # fmt: skip
THRESHOLD = 1.5  # a column scoring less for every field keeps its own name (x_<slug>)
PHRASE, FUZZY, PREFIX = 4.0, 3.0, 1.5
WORD_WEIGHT, WORD_CAP = 1.5, 2.5
SAMPLE = 40  # cells per column looked at
BRACKETS = str.maketrans("[]{}", "()()")  # OCR reads a bracket as another
TIMEPOINT = r"\b(?:day|d)[\s\-]?(\d{1,3})\b"


@dataclass
class Header:
    """One column's header as evidence: its words (abbreviations expanded), unit, side, phrase match."""

    raw: str
    words: list[str]
    unit: str
    side: str
    phrase: tuple[str | None, float]

    label: str = ""  # the header without its unit: what an ``x_`` column is named after


def parse_header(raw: str) -> Header:
    v = vocab()
    low = raw.lower().replace("×", "x").translate(BRACKETS)
    low = re.sub(r"\(([^)]*)$", r"(\1)", low)  # OCR lost the closing bracket: "(%" is "(%)"
    unit = ""
    for part in [*re.findall(r"\(([^)]*)\)", low), *re.findall(r",\s*([^,]+)$", low)]:
        unit = unit or _unit(part)
    low = re.sub(r"\([^)]*\)", " ", low)
    low = re.sub(TIMEPOINT, " ", low)  # "day 28" says when (its side), not a unit
    low = re.sub(r",\s*([^,]+)$", lambda m: " " if _unit(m.group(1)) else m.group(0), low)
    low = re.sub(r"\b([a-z])/([a-z])\b", r"\1\2", low)  # initials with a slash: "f/u" is "fu"
    words = [w for w in re.split(r"[^a-z0-9.^#]+", low) if w.strip(".")]
    words = _expand([w for w in words], v.abbreviations)
    unit = unit or next((v.units[w] for w in words if len(w) > 2 and w in v.units), "")
    side = _side(raw.lower(), words)
    kept = [w for w in words if w.strip(".") not in v.stops and not (len(w) > 2 and w in v.units)]
    label = clean(re.sub(r",\s*([^,]+)$", lambda m: "" if _unit(m.group(1)) else m.group(0), raw.lower()))
    return Header(raw, kept, unit, side, match(" ".join(w.strip(".") for w in kept)), label or clean(raw))


def _unit(text: str) -> str:
    t = re.sub(r"\s+", "", text.strip().lower())
    units = vocab().units
    if t in units:
        return units[t]
    return "count" if re.search(r"10\^?\d|/[a-zµ]*l$", t) else ""


def _expand(words: list[str], abbreviations: dict[str, str]) -> list[str]:
    """'f u' -> 'follow up', 'tx' -> 'treatment'; a word keeps its trailing '.' when cut short ('resp.')."""
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = f"{words[i].strip('.')} {words[i + 1].strip('.')}" if i + 1 < len(words) else ""
        if pair in abbreviations:
            out.extend(abbreviations[pair].split())
            i += 2
            continue
        w = words[i].strip(".") if words[i].strip(".") in abbreviations else words[i]
        out.extend(abbreviations[w].split() if w in abbreviations else [w])
        i += 1
    return out


def _side(low: str, words: list[str]) -> str:
    """pre | post from side words, or a day after day 0 ("day 28", "d28"), which is after treatment."""
    sides = vocab().sides
    for w in re.split(r"[^a-z0-9]+", low):
        if w in sides:
            return sides[w]
    m = re.search(TIMEPOINT, low)
    if m:
        return "post" if int(m.group(1)) > 0 else "pre"
    return ""


# -- cells -------------------------------------------------------------------------------------
def cell_kinds(text: str) -> frozenset[str]:
    """What a cell can be by its look alone: response code, vital status, yes/no, gene, HLA pair, number."""
    t = strip(text)
    low = t.lower()
    if not t or is_dash(t):
        return frozenset()
    vm = value_map()
    out = {k for k in ("response", "vital", "yn", "status") if (k, low) in vm}
    if re.fullmatch(r"\d{1,2}/\d{1,2}", t):
        out.add("hla")
    if re.fullmatch(r"[A-Z0-9]{2,}(?:[-:/]+[A-Z0-9]{2,})+", t, re.I) and not re.fullmatch(r"[\d/.\-]+", t):
        out.add("gene")
    if low in ("negative", "neg", "positive", "wt", "none"):
        out.add("gene")
    num = re.fullmatch(r"[+<>≤≥~]?(\d+(?:[.,·]\d+)?)%?", t)
    if num:
        out.add("num")
        if float(num.group(1).replace(",", ".").replace("·", ".")) <= 100:
            out.add("pct")
    return frozenset(out)


class CellKinds:
    """Cell kinds for one table; text cells are asked of the normalizer once each."""

    def __init__(self, terms: Terms | None) -> None:
        self.terms = terms
        self.seen: dict[str, frozenset[str]] = {}

    def __call__(self, text: str) -> frozenset[str]:
        if text not in self.seen:
            kinds = cell_kinds(text)
            if not kinds and self.terms is not None and re.search(r"[A-Za-z]{2}", text):
                with probing(self.terms.normalizer):  # "is this cell a donor?": a "no" is no unmapped term
                    kinds = frozenset(_text_kinds(strip(text), self.terms))
            self.seen[text] = kinds
        return self.seen[text]

    def shares(self, values: list[str]) -> dict[str, float]:
        """Share of a column's filled cells (dashes aside) of each kind."""
        kinds = [self(v) for v in values[:SAMPLE] if v.strip() and not is_dash(strip(v))]
        out: dict[str, float] = {}
        for k in kinds:
            for kind in k:
                out[kind] = out.get(kind, 0.0) + 1 / len(kinds)
        return out


def _text_kinds(text: str, terms: Terms) -> set[str]:
    out = set()
    parts = split_plus(text)
    if parts and all(terms.one("therapy", p, "therapy")[0] for p in parts):
        out.add("therapy")
    if terms.one("donor", re.sub(r"\bdonors?\b", "", text, flags=re.I).strip(), "donor")[0]:
        out.add("donor")
    if parts and all(terms.one("graft_source", p, "graft_source")[0] for p in parts):
        out.add("graft")
    pieces = [p for p in re.split(r"\s*[+/]\s*", text) if p.strip()]
    if pieces and all(terms.regimen("conditioning", p)[0] for p in pieces):
        out.add("regimen")
    return out


# -- scores and assignment ---------------------------------------------------------------------
def header_score(h: Header, old: Column | None, field: str) -> float:
    """What the header says for ``field``: a known phrase, else its known word pieces; its unit; its side."""
    v = vocab()
    pf, ps = h.phrase
    if old is not None and old.field and old.score > ps:
        pf, ps = old.field, old.score
    phrase = (PHRASE if ps >= 100 else FUZZY if ps >= 88 else PREFIX if ps > 0 else 0.0) if pf == field else 0.0
    votes = sum(v.word_votes(w.strip("."), cut=w.endswith(".")).get(field, 0.0) for w in h.words)
    score = max(phrase, min(WORD_CAP, WORD_WEIGHT * votes))
    if h.unit:
        # a unit that does not fit counts against, mildly: a header cell may carry its neighbour's unit
        score += (2.0 if h.unit == "months" else 1.0) if field in UNIT_FIT[h.unit] else -1.0
    if field in ("prior_therapy", "post_therapy"):
        want = "pre" if field == "prior_therapy" else "post"
        score += 0.0 if not h.side else 1.0 if h.side == want else -1.0
    return score


def value_score(field: str, share: dict[str, float]) -> float:
    """What the cells say for ``field``: +2 when all are of its kind, -2 when none is."""
    if not share:
        return 0.0
    kind = VALUES[field]
    s = share.get(kind, 0.0)
    if field in ("cr", "alive"):  # a Y/N column may be either: it neither names nor rules out
        s = max(s, 0.5 * share.get("yn", 0.0))
    if kind in ("num", "pct"):  # numbers alone name no column; a header that does, they confirm
        return 2.5 * s - 2.0
    return 4.0 * s - 2.0


@dataclass
class Mapped:
    kind: str | None
    cols: list[Column]
    benefit: float


def assign(cols: list[Column], values: list[list[str]], terms: Terms | None, raws: list[str] | None = None) -> Mapped:
    """Fields for columns 1.. (column 0 is the patient): the best joint choice, patient or transplant listing."""
    kinds = CellKinds(terms)
    heads = [parse_header(raws[j] if raws and j < len(raws) and raws[j] else c.text) for j, c in enumerate(cols)]
    share = [kinds.shares(values[j]) if j < len(values) else {} for j in range(len(cols))]
    best: Mapped | None = None
    for kind, slots in (("patients", PATIENT_SLOTS), ("transplants", TRANSPLANT_SLOTS)):
        got = _solve(cols, heads, share, slots, kind)
        if best is None or got.benefit > best.benefit:
            best = got
    assert best is not None
    return best if best.benefit > 0 else Mapped(None, [_own(c, h) for c, h in zip(cols, heads, strict=True)], 0.0)


def _scores(
    cols: list[Column], heads: list[Header], share: list[dict[str, float]], slots: tuple[str, ...]
) -> np.ndarray:
    m = np.zeros((len(cols), len(slots)))
    for j in range(1, len(cols)):
        for k, f in enumerate(slots):
            m[j, k] = header_score(heads[j], cols[j], f) + value_score(f, share[j])
    anchor = _anchor(m, slots)
    if anchor is not None:  # a therapy column with no side word: before the response is prior, after it is post
        for j in range(1, len(cols)):
            if not heads[j].side and j != anchor:
                for k, f in enumerate(slots):
                    if f in ("prior_therapy", "post_therapy"):
                        m[j, k] += 0.5 if (f == "prior_therapy") == (j < anchor) else -0.5
    return m


def _anchor(m: np.ndarray, slots: tuple[str, ...]) -> int | None:
    """The first column that is surely a response, blast or MRD column: the treatment's place in the table."""
    ks = [k for k, f in enumerate(slots) if f in ("cr", "blasts", "mrd")]
    return next((j for j in range(1, m.shape[0]) if ks and float(m[j, ks].max()) >= THRESHOLD), None)


def _solve(
    cols: list[Column], heads: list[Header], share: list[dict[str, float]], slots: tuple[str, ...], kind: str
) -> Mapped:
    m = _scores(cols, heads, share, slots)
    gain = np.clip(m - THRESHOLD, 0.0, None)
    gain[0, :] = 0.0
    rows, picks = linear_sum_assignment(gain, maximize=True)
    field: dict[int, str] = {}
    total = 0.0
    for j, k in zip(rows, picks, strict=True):
        if gain[j, k] > 0:
            field[j] = slots[k]
            total += gain[j, k]
    out = [Column(cols[0].text or "number", "patient", 100.0)]
    for j in range(1, len(cols)):
        f = field.get(j)
        if f:  # the old reading's side counts only where it read the same field (a group header above it)
            side = heads[j].side or (cols[j].side if cols[j].field == f else "")
            out.append(Column(heads[j].label, f, round(25 * float(m[j, slots.index(f)]), 1), side))
        else:
            out.append(_own(cols[j], heads[j]))
    _sides(out)
    return Mapped(kind, out, total if len({c.field for c in out if c.field and c.field != "patient"}) >= 2 else 0.0)


def _own(col: Column, h: Header) -> Column:
    """A column no field fits: named after its header words, its unit left out."""
    return Column(h.label, None, 0.0, h.side)


def _sides(cols: list[Column]) -> None:
    """A field printed twice is before, then after treatment, unless both side words say the other way round;
    alone, it is before unless its side word says after. (Side words of a pair are often misplaced when the
    extractor spreads a group header over the wrong columns, so one side word alone does not reorder a pair.)"""
    for f in SIDED:
        same = [c for c in cols if c.field == f]
        if len(same) == 1:
            same[0].side = same[0].side or "pre"
        elif len(same) == 2 and (same[0].side, same[1].side) != ("post", "pre"):
            same[0].side, same[1].side = "pre", "post"
