"""Bibliographic metadata of a paper: title, authors, year, journal, DOI and trial registration ids.

A PDF's info dictionary is often junk (a typesetter's file name as the title, "Unknown" or a
production account as the author, the date a repository re-rendered the file), so its fields are
checked before they are used. The first page decides: the title is the largest type at the top
(publishers' banners set aside), the authors are the lines under it, and the year, journal and
first author are cross-checked against the running header and the citation line most publishers
print ("Smith et al. BMC Res Notes (2015) 8:202", "How to cite this: Smith J, ...").
A text input has no type sizes: its title is its first heading and the rest comes from its head.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from evidex.extract.words import Word
from evidex.models import Bibliography

# trial registries of the WHO ICTRP network; each id as the registry prints it
REGISTRATION = (
    re.compile(r"\bNCT\s?\d{8}\b"),
    re.compile(r"\bISRCTN\s?\d{8}\b"),
    re.compile(r"\bChiCTR[-A-Za-z]*\d{6,}\b"),
    re.compile(r"\bEudraCT(?:\s*(?:No\.?|number|Number|:))*\s*(\d{4}-\d{6}-\d{2})\b"),
    re.compile(r"\bACTRN\s?\d{14}\b"),
    re.compile(r"\bDRKS\s?\d{8}\b"),
    re.compile(r"\bCTRI/\d{4}/\d{2,3}/\d{6}\b"),
    re.compile(r"\bIRCT\d{8,}N\d+\b"),
    re.compile(r"\b(?:JPRN-)?UMIN\d{9}\b"),
    re.compile(r"\bNTR\d{3,5}\b"),
)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>|]+)")
_BANNER = re.compile(
    r"^(original|research|clinical|review|brief|short|editors?'?|study|rapid|full|regular|open|special)?\s*"
    r"(article|research|paper|contribution|science|report|communication|choice|protocol|access|investigation|"
    r"trial|study)?\s*(article|open access)?$", re.I)  # fmt: skip
_NOT_TITLE = re.compile(r"(?i)\b(vol\.?|volume|issn|doi|https?:|www\.|©|copyright|page \d+ of|published|received|"
                        r"licensee|citation|editor|article id|public access|author manuscript)\b|@")  # fmt: skip
_JUNK_TITLE = re.compile(r"(?i)^(untitled|microsoft word|document\d*|title)\b|\.(fm|docx?|pdf|indd|tex|qxd)\b|"
                         r"^\S*\d{4,}\S*( \d+\.\.\d+)?$|\d+\.\.\d+$")  # fmt: skip
_AFFILIATION = re.compile(r"(?i)\b(department|university|universidad|universit|hospital|institute|school|college|"
                          r"faculty|centre|center|clinic|division|laborator|address|correspond|abstract|received|"
                          r"background|objectives?|e-?mail|unit of)\b|@")  # fmt: skip
_DEGREE = re.compile(r"(?<![\w.])(M\.?D\.?|Ph\.?D\.?|M\.?Sc\.?|B\.?Sc\.?|M\.?S\.?|B\.?A\.?|R\.?N\.?|MPhil|MPH|MBBS|"
                     r"DrPH|MDiet|BCom|FRCPC?|FRACP|Hons|MA|DO|PharmD|DDS|DMD|MBA|BS|MSN|BSN|Dr\.?|Prof\.?)"
                     r"(?![\w])")  # fmt: skip
_PARTICLES = frozenset({"and", "de", "da", "van", "von", "der", "del", "dos", "le", "la", "den", "ten"})
_NOT_NAME = frozenset(
    {
        "and",
        "design",
        "methods",
        "research",
        "results",
        "objective",
        "objectives",
        "background",
        "conclusions",
        "abstract",
        "article",
        "open",
        "access",
        "original",
        "group",
        "study",
        "trial",
        "investigators",
        "university",
        "hospital",
        "department",
        "keywords",
        "introduction",
        "inc.",
        "inc",
        "ltd",
        "ltd.",
        "pharmaceuticals",
        "sons",
    }
)
_MARKS = "*†‡§¶#☯⁎✉⊥‖∗♦♣☆★"
_CITE = re.compile(r"(?i)(how to cite( this( article)?)?|cite this article( as)?|suggested citation[^:]*|citation)\s*:?"
                   r"\s*([A-Z][\w'’\- ]{1,40}?)\s+[A-Z]{1,3}(?:-[A-Z])?\s*[,.]")  # fmt: skip
_ETAL = re.compile(r"(?m)^\s*([A-Z][\w'’\-]+(?: [a-z]{1,3})?(?: [A-Z][\w'’\-]+)?)(?: et al\.?| and [A-Z][\w'’\-]+)\s+"
                   r"([A-Z][A-Za-z.&:\- ]{2,60}?)\s*\(?((?:19|20)\d{2})\)?\s*[,;:]?\s*\d")  # fmt: skip
_VANCOUVER = re.compile(
    r"(?m)^\s*([A-Z][\w'’\-]+(?: [a-z]{1,3})?(?: [A-Z][\w'’\-]+)?) [A-Z]{1,3}, "
    r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)? [A-Z]{1,3}[,.]"
)  # "French JA, Baroldi P, ..."
_YEAR = re.compile(r"(?<!\d)((?:19[5-9]|20[0-4])\d)(?!\d)")
_YEAR_CUES = ((re.compile(r"(?i)published|available online|epub"), 4.0), (re.compile(r"(?i)©|copyright"), 2.0),
              (re.compile(r"(?i)\bvol(ume)?\b\.?"), 2.0), (re.compile(r"(?i)accepted"), 1.5),
              (re.compile(r"(?i)received|submitted|revised|returned|modified"), 0.8))  # fmt: skip


@dataclass
class Line:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.x0))

    @property
    def size(self) -> float:
        """The type size most of the line's letters are set in (superscripts do not count)."""
        sizes = sorted((w.size for w in self.words for _ in w.text), reverse=True)
        return sizes[len(sizes) // 2] if sizes else 0.0

    @property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > sum(len(w.text) for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)


# ---- PDF ------------------------------------------------------------------------------------------------


def from_pdf(info: Mapping[str, str], words: Sequence[Word], height: float, text: str = "") -> Bibliography:
    """Metadata from a PDF's info dictionary, its first page's words and (for registration ids) its text."""
    lines = lines_of(words)
    page_text = "\n".join(line.text for line in lines)
    body = _body_size(words)
    block, confident = _title_block(lines, height, body)
    title = _choose_title(" ".join(_join(block)) if block else "", confident, info.get("Title", ""), page_text)
    authors = _authors_under(lines, block) if block else []
    first = _first_author(page_text, authors, info.get("Author", ""))
    year = _year(page_text, info)
    journal = _journal(page_text, info)
    doi = _doi(" ".join(str(info.get(k, "")) for k in ("Subject", "Keywords")) + "\n" + page_text)
    return Bibliography(title=title, first_author=first, authors=tuple(authors), year=year, journal=journal, doi=doi,
                        registration=registrations(text or page_text))  # fmt: skip


def lines_of(words: Sequence[Word]) -> list[Line]:
    """Words grouped into rows (superscripts join the row they touch); a wide gap starts a new line (columns)."""
    lines: list[Line] = []
    right: list[float] = []  # each line's right edge, kept as it grows (it was recomputed for every word)
    for w in sorted(words, key=lambda w: (w.x0, w.top)):  # left to right: each line grows at its right end
        for k, line in enumerate(lines):
            last = line.words[-1]
            overlap = min(last.bottom, w.bottom) - max(last.top, w.top)
            gap = w.x0 - right[k]
            if overlap > 0.3 * min(last.bottom - last.top, w.bottom - w.top) and gap < 2.5 * max(w.size, 1.0):
                line.words.append(w)
                right[k] = max(right[k], w.x1)
                break
        else:
            lines.append(Line([w]))
            right.append(w.x1)
    return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))


def _body_size(words: Sequence[Word]) -> float:
    counts: dict[float, int] = defaultdict(int)
    for w in words:
        counts[round(w.size)] += len(w.text)
    return max(counts, key=lambda s: counts[s]) if counts else 10.0


def _title_block(lines: list[Line], height: float, body: float) -> tuple[list[Line], bool]:
    """The largest-type block of text in the top part of the page that is not a banner or a running header."""
    candidates = [ln for ln in lines if ln.top < 0.45 * height and _title_like(ln.text)]
    blocks: list[list[Line]] = []
    for ln in sorted(candidates, key=lambda x: x.top):
        for block in blocks:
            prev = block[-1]
            close = -0.6 * ln.size <= ln.top - prev.bottom < 1.2 * ln.size
            if abs(prev.size - ln.size) <= 0.1 * ln.size and close and prev.bold == ln.bold:
                block.append(ln)
                break
        else:
            blocks.append([ln])
    blocks = sorted((b for b in blocks if _title_sized(b) and b[0].top < 0.4 * height),
                    key=lambda b: (-round(max(x.size for x in b)), b[0].top))  # fmt: skip
    if not blocks:
        return [], False
    # a journal's name in big type has no authors under it; the title has
    best = next((b for b in blocks[:3] if _names_right_under(lines, b)), blocks[0])
    return best, best[0].size >= 1.2 * body


def _names_right_under(lines: list[Line], block: list[Line]) -> bool:
    last = block[-1]
    below = sorted((ln for ln in lines if ln.top >= last.bottom - 1 and sum(ch.isalpha() for ch in ln.text) >= 3),
                   key=lambda ln: (round(ln.top), ln.x0))  # fmt: skip
    return bool(below) and _name_line(below[0].text) and len(parse_names(below[0].text)) >= 2


def _title_like(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    squeezed = re.sub(r"\s+", " ", text).strip()
    spaced = re.fullmatch(r"(\S ){3,}\S.*", squeezed) is not None  # "R E S EAR CH"
    return letters >= 3 and not _BANNER.match(squeezed) and not _NOT_TITLE.search(squeezed) and not spaced


def _title_sized(block: list[Line]) -> bool:
    text = " ".join(ln.text for ln in block)
    if _name_line(text) and len(parse_names(text)) >= 3:
        return False  # an authors line set in large type
    return len(text.split()) >= 3 and sum(ch.isalpha() for ch in text) >= 15 and len(block) <= 7 and len(text) < 400


def _join(block: list[Line]) -> list[str]:
    out: list[str] = []
    for ln in block:
        t = ln.text.strip()
        if out and out[-1].endswith("-") and t[:1].isalpha():
            out[-1] = out[-1] + t
        else:
            out.append(t)
    return out


def _choose_title(page_title: str, confident: bool, info_title: str, page_text: str) -> str:
    page_title = _clean_title(page_title)
    info_title = _clean_title(info_title) if _plausible_title(info_title) else ""
    if page_title and (confident or not info_title):
        return page_title
    if info_title and _words_on_page(info_title, page_text) >= 0.6:
        return info_title
    return page_title or info_title


def _plausible_title(title: str) -> bool:
    t = title.strip()
    return len(t.split()) >= 3 and sum(ch.isalpha() for ch in t) >= 15 and not _JUNK_TITLE.search(t)


def _clean_title(title: str) -> str:
    t = re.sub(r"\s+", " ", title).strip().strip(_MARKS).strip()
    t = re.sub(r"^(OPEN ACCESS|OPEN|ORIGINAL ARTICLE|RESEARCH ARTICLE)\s+(?=[A-Z])", "", t)
    return t.rstrip(":;,").strip()


def _words_on_page(title: str, page_text: str) -> float:
    words = re.findall(r"[a-z]{4,}", title.lower())
    hay = page_text.lower()
    return sum(w in hay for w in words) / len(words) if words else 0.0


# ---- authors ------------------------------------------------------------------------------------------


def _authors_under(lines: list[Line], block: list[Line]) -> list[str]:
    """Names in the first lines under the title that hold names, as "Family Initials"."""
    last = block[-1]
    below = [
        ln for ln in lines if ln.top >= last.bottom - 1 and ln not in block and ln.top - last.bottom < 14 * last.size
    ]
    below.sort(key=lambda ln: (round(ln.top), ln.x0))
    names: list[str] = []
    below = [ln for ln in below if sum(ch.isalpha() for ch in ln.text) > 2]
    for i, ln in enumerate(below[:25]):
        text = ln.text.strip()
        found = parse_names(text) if _name_line(text) and not _AFFILIATION.search(text) else []
        if found:
            names.extend(found)
        elif names or i >= 4:
            break
    return names


def _name_line(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.\-]*", _strip_marks(text))
    caps = sum(1 for w in words if w[:1].isupper() or w in _PARTICLES)
    return bool(words) and caps / len(words) >= 0.75 and not text.rstrip().endswith(".")


def _strip_marks(text: str) -> str:
    t = re.sub(rf"[{re.escape(_MARKS)}]", " ", text)
    t = re.sub(r"(?<=[A-Za-z\u00C0-\u024F.])\d+(?:\s*,\s*\d+)*", " ", t)  # affiliation numbers: Smith1,2
    t = re.sub(r"(?:(?<=\s)|^)(?:[\dIVX]+|[a-h])(?:,\d+)*(?=\s|,|$)", " ", t)  # free-standing marks: 1 | II | a
    t = _DEGREE.sub(" ", t)
    return re.sub(r"\s+", " ", t).strip()


def parse_names(text: str) -> list[str]:
    """Names as "Family Initials": "Eduardo Collantes1, Sean P Curtis*2 and the X Group" -> Collantes E, Curtis SP."""
    cleaned = _strip_marks(text)
    parts = re.split(r"\s*(?:,|;|\||·|\band\b|&)\s*", cleaned)
    names = []
    for part in parts:
        tokens = [t for t in part.split() if t not in ("Jr.", "Jr", "Sr.", "III", "II")]
        if not tokens or part.lower().startswith(("for ", "the ", "on behalf")) or len(tokens) > 6:
            continue
        if any(not (t[:1].isupper() or t in _PARTICLES) for t in tokens) or any(t.lower() in _NOT_NAME for t in tokens):
            continue
        if sum(1 for t in tokens if t.isupper() and len(t) >= 3) > 1:
            continue
        if len(tokens) == 1:
            continue
        if re.fullmatch(r"[A-Z]{1,3}", tokens[-1]) and len(tokens) >= 2:  # "French JA": family first
            family, initials = " ".join(tokens[:-1]), tokens[-1]
        else:
            family, initials = tokens[-1], "".join(t[0] for t in tokens[:-1] if t[:1].isupper())
        family = family.title() if family.isupper() and len(family) > 3 else family  # "MORALES"
        names.append(f"{family} {initials}".strip())
    return _drop_letter_marks(names)


def _drop_letter_marks(names: list[str]) -> list[str]:
    """Elsevier sets affiliation letters right after names ("Popovaa"): when every family name ends in one, drop it."""
    families = [n.split(" ")[0] for n in names]
    marked = all(re.search(r"[a-z][a-h]$", f) for f in families) and any(re.search(r"([a-h])\1$", f) for f in families)
    if len(names) >= 3 and marked:
        return [f"{f[:-1]} {n.split(' ', 1)[1]}" if " " in n else f[:-1] for f, n in zip(families, names, strict=True)]
    return names


def _first_author(page_text: str, authors: list[str], info_author: str) -> str:
    """The family name of the first author: citation line, running header, authors line, then the info dictionary."""
    m = _CITE.search(page_text)
    if m:
        return _family(m.group(5))
    m = _ETAL.search(page_text)
    if m and not _AFFILIATION.search(m.group(1)):
        return _family(m.group(1))
    if authors:
        return authors[0].rsplit(" ", 1)[0] if re.search(r" [A-Z]+$", authors[0]) else authors[0]
    m = _VANCOUVER.search(page_text)
    if m:
        return m.group(1)
    return _info_author(info_author, page_text)


def _family(name: str) -> str:
    return name.strip().split(" ")[-1] if " " in name.strip() and name.strip()[0].isupper() else name.strip()


def _info_author(author: str, page_text: str) -> str:
    first = re.split(r"[,;]|\{et al", author)[0].strip()
    tokens = first.split()
    if not (2 <= len(tokens) <= 5) or any(ch.isdigit() or ch in "@_" for ch in first) or first.lower() == "unknown":
        return ""
    family = tokens[-1]
    return family if _fold(family) in _fold(page_text) else ""


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


# ---- year, journal, DOI, registration -------------------------------------------------------------------


def _year(page_text: str, info: Mapping[str, str]) -> int | None:
    scores: dict[int, float] = defaultdict(float)
    for line in page_text.splitlines():
        best: dict[int, float] = defaultdict(float)
        for m in _YEAR.finditer(line):
            best[int(m.group(1))] = max(best[int(m.group(1))], _year_score(line, m.start(), m.end()))
        for y, sc in best.items():
            scores[y] += sc
    subject = str(info.get("Subject", ""))
    for m in _YEAR.finditer(subject):
        scores[int(m.group(1))] += 3.0
    scores = {y: s for y, s in scores.items() if s > 0}
    if scores:
        return max(scores, key=lambda y: (scores[y], y))
    created = re.match(r"D:((?:19|20)\d{2})", str(info.get("CreationDate", "")))
    return int(created.group(1)) if created else None


def _year_score(line: str, start: int, end: int) -> float:
    before, after = line[max(0, start - 45) : start], line[end : end + 6]
    score = 0.0
    hits = [(m.end(), w) for cue, w in _YEAR_CUES for m in cue.finditer(before)]
    if hits:
        score += max(hits)[1]  # the cue nearest the year
    after = line[end : end + 12]
    if re.match(r"\s*[;:,]\s*\d", after) or re.match(r"\)\s*\d+[:(]", after) or re.match(r"\s*[|;]\s*vol", after, re.I):
        score += 5.0  # a citation: "2012;9:120015", "(2015) 8:202", "2014: 129", "2015 | vol. 17"
    if re.search(r"et al\.?\s*\($", before) or re.search(r"\(\s*$", before) and re.match(r"\)\s+[A-Z]", after):
        score += 2.0  # "Smith J, et al. (2015) Title"
    return score


def _journal(page_text: str, info: Mapping[str, str]) -> str:
    m = _ETAL.search(page_text)
    if m:
        return m.group(2).strip(" .,")
    subject = str(info.get("Subject", ""))
    m2 = re.match(r"\s*([A-Z][A-Za-z&:\- ]{3,80}?),\s*(?:(?:19|20)\d{2}|doi)", subject)
    if m2:
        return m2.group(1).strip()
    m3 = re.search(r"(?m)^\s*([A-Z][A-Za-z.&\- ]{2,60}?)\.?\s+(?:19|20)\d{2}\s*[;:]\s*\d+", page_text)
    return m3.group(1).strip(" .") if m3 else ""


def _doi(text: str) -> str:
    m = DOI.search(text)
    return m.group(1).rstrip(".,;)]") if m else ""


def registrations(text: str) -> tuple[str, ...]:
    """Trial registration ids in ``text``, normalized (no inner spaces; EudraCT as "EudraCT 2010-012345-12")."""
    found: list[str] = []
    for pattern in REGISTRATION:
        for m in pattern.finditer(text):
            rid = f"EudraCT {m.group(1)}" if m.groups() else m.group(0).replace(" ", "")
            if rid not in found:
                found.append(rid)
    return tuple(found)


# ---- text input ---------------------------------------------------------------------------------------


def from_text(text: str, title: str | None) -> Bibliography:
    """Metadata from the head of a pasted paper: its title line, an authors line under it, DOI and ids anywhere."""
    head = text[:3000]
    clean = _clean_title(title or "")
    clean = clean if _plausible_title(clean) and len(clean) < 300 and not clean.startswith(("•", "-", "|")) else ""
    authors: list[str] = []
    if clean:
        after = head[head.find(title or "") + len(title or "") :].lstrip("\n").split("\n", 2)
        line = after[0].strip() if after else ""
        if line and _name_line(line) and ("," in line or " and " in line) and not _AFFILIATION.search(line):
            authors = parse_names(line)
    first = _first_author(head, authors, "")
    year_scores = {y: s for y, s in ((int(m.group(1)), _year_score(ln, m.start(), m.end()))
                                     for ln in head.splitlines() for m in _YEAR.finditer(ln)) if s >= 3}  # fmt: skip
    year = max(year_scores, key=lambda y: (year_scores[y], y)) if year_scores else None
    return Bibliography(title=clean, first_author=first, authors=tuple(authors), year=year, doi=_doi(head),
                        journal=_journal(head, {}), registration=registrations(text))  # fmt: skip
