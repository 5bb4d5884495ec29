"""What the title, abstract and methods say about a study's groups: the study model's text sources.

- randomization sentences: "randomly assigned to X (n = 40) or Y (n = 38)", "randomized into two
  groups: X and Y", "17 were randomly assigned to A, 16 to B, and 15 to C", "23, 16 and 21 patients
  were randomized to A, B and C respectively", "(N = 357 for placebo, N = 353 for etoricoxib)",
  "40 in the clonidine group and 40 in the midazolam group";
- the title's "X versus Y";
- abbreviations the paper defines: "standard of care (SOC)" (Schwartz & Hearst 2003: the short form's
  letters appear, in order, at word starts of the long form);
- the population: "A total of 208 patients were randomized".
"""

from __future__ import annotations

import re

from evidex.evidence.text.numbers import NUM, parse_number
from evidex.models import Document, TextBlock

Group = tuple[str, int | None, int | None, str]  # label, n, page, quote

_RANDOMIZED = re.compile(
    r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|distributed)|allocated|assigned|divided)\b"
    r"(?:\s+(?:in|at)\s+(?:a|an)\s+\d+\s*:\s*\d+(?:\s*:\s*\d+)?\s+ratio)?(?:\s*\(\s*\d+\s*:\s*\d+\s*\))?"
    r"(?:\s+[\w-]+){0,10}?\s+(?:to|into|between)\s+(?:(?:receive|either|one of|the following|two|three|four|"
    r"treatment with|groups?|arms?)\s*:?\s+){0,3}",
    re.I,
)
_N = re.compile(r"[(\[]\s*(?:[nN]\s*[=:]\s*)?(?P<n>\d[\d,]*)(?:\s*(?:patients|participants|subjects|cases|women|"
                r"men|children|pts))?\s*[)\]]|\b[nN]\s*[=:]\s*(?P<m>\d[\d,]*)")  # fmt: skip
_STOP_CLAUSE = re.compile(
    r"(?:\.\s|;|\bfor\s+(?:\d|a|an|the|up|at)\b|\bduring\b|\bover\b|\bwith\s+a\s+\d|\bin\s+a\s+\d|\bafter\b|"
    r"\bstratified\b|\busing\b|\bby\s+(?:a|an|computer|block|sealed)\b|\bat\s+(?:a|\d)|\bwho\b|\bwhich\b|"
    r"\brespectively\b|\bbased on\b|\baccording to\b|\bfrom\b|\bthen\b|\bunder\b|\buntil\b|\.$)",
    re.I,
)
_SPLIT = re.compile(r"\s*,\s*(?:and|or)\s+|\s*,(?!\d{3}\b)\s*|\s+(?:and|or|versus|vs\.?)\s+|\s+/\s+", re.I)
_VERB = re.compile(r"\b(?:receiv\w*|did|provided|returned|was|were|is|are|had|exposed|removed|treated|included|"
                   r"completed|withdrew|underwent|followed|according|using|based)\b", re.I)
_LEAD = re.compile(r"^(?:(?:the|a|an|either|receive|receiving|treatment with|\d+\s+to)\s+)+", re.I)
_TAIL = re.compile(r"\s+(?:groups?|arms?|treatment groups?|conditions?|cohorts?)$", re.I)
_VERSUS = re.compile(r"\s+(?:versus|vs\.?|compared (?:with|to)|or)\s+", re.I)
_TITLE_TAIL = re.compile(
    r"\s+(?:in|for|as|among|on|after|before|at|during|to)\s.*$|\s*[:;.?].*$|\s*\(.*$", re.I
)
_COUNT_TO = re.compile(
    rf"(?P<n>{NUM})\s+(?:\w+\s+){{0,2}}?(?:were\s+)?(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)?"
    r"\s*to\s+(?:the\s+|receive\s+)?(?P<label>(?:[^,;.]|,\d{3}|\.\d)+?)"
    r"(?=,(?!\d{3})|;|\.(?!\d)|\s+and\s+\d|$)",
    re.I,
)
_IN_GROUP = re.compile(rf"(?P<n>{NUM})\s+(?:\w+\s+)?(?:were\s+)?in\s+the\s+(?P<label>[\w+/.,' -]{{2,50}}?)\s+"
                       r"(?:group|arm)\b", re.I)  # fmt: skip
_N_FOR = re.compile(r"\b[nN]\s*=\s*(?P<n>\d[\d,]*)\s+(?:for|in)\s+(?:the\s+)?(?P<label>[\w+/.' -]{2,40}?)"
                    r"(?:\s+(?:group|arm))?(?=\s*[,;)]|\s+and\b)")  # fmt: skip
_RESPECTIVELY = re.compile(rf"(?P<ns>(?:{NUM}\s*,\s*)*{NUM},?\s+(?:and|or)\s+{NUM})\s+(?:\w+\s+){{0,4}}?"
                           r"(?:randomi[sz]ed|assigned|allocated|received|were included)\s+(?:\w+\s+){0,3}?"
                           r"(?:to|in|into|with)?\s*(?P<labels>[^.;]+?),?\s+respectively", re.I)  # fmt: skip
_ABBREV = re.compile(r"(?P<long>(?:[A-Za-z][\w-]*\s+){0,7}[A-Za-z][\w-]*)\s+\((?P<short>[A-Za-z][A-Za-z0-9-]{1,9})\)")
_POPULATION = re.compile(
    rf"\b(?:a total of|overall,?|in total,?)?\s*(?P<n>{NUM})\s+(?:\w+\s+){{0,3}}?(?:patients|participants|subjects|"
    r"women|men|children|adults|infants|individuals|people)\s+(?:\w+\s+){0,3}?(?:were|was)\s+(?:randomly\s+)?"
    r"(?:randomi[sz]ed|enrolled|allocated|assigned|included)",
    re.I,
)


def _sources(doc: Document) -> list[TextBlock]:
    keep = ("title", "abstract", "methods", "results")
    return [b for b in doc.blocks if b.kind in ("paragraph", "heading") and b.section in keep]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", text) if s]


def randomized_groups(doc: Document) -> list[Group]:
    """The groups of the randomization (or allocation) sentence that names them best: most sizes, then first."""
    best: list[Group] = []
    for block in _sources(doc):
        for sent in _sentences(block.text):
            if not re.search(r"randomi[sz]|allocat|assign|divided", sent, re.I):
                continue
            got = _respectively(sent) or _count_to(sent) or _listed(sent) or _n_for(sent) or _in_group(sent)
            groups = _dedupe([(label, n, block.page, sent) for label, n in got])
            if _worth(groups) > _worth(best):
                best = groups
    return best


def _worth(groups: list[Group]) -> int:
    return 2 * sum(1 for g in groups if g[1] is not None) + len(groups) if len(groups) >= 2 else 0


def _dedupe(groups: list[Group]) -> list[Group]:
    seen: dict[str, Group] = {}
    for g in groups:
        key = g[0].lower()
        if key not in seen or (seen[key][1] is None and g[1] is not None):
            seen[key] = g
    return list(seen.values())


def _int(text: str | None) -> int | None:
    if not text:
        return None
    v = parse_number(text.replace(",", ""))
    return int(v) if v is not None and v == int(v) else None


def _label(text: str) -> str:
    s = re.sub(r"^\s*\(?[A-Da-d1-4]\)\s*", "", text.strip(" ,;:."))
    s = _LEAD.sub("", s)
    s = _TAIL.sub("", s.strip(" ,;:."))
    s = re.sub(r"\s+", " ", s).strip(" ,;:.")
    if s.count("(") != s.count(")") or s.count('"') % 2 or _VERB.search(s):
        return ""
    return s if 1 <= len(s.split()) <= 6 and re.search(r"[A-Za-z]{2}", s) else ""


def _listed(sent: str) -> list[tuple[str, int | None]]:
    m = _RANDOMIZED.search(sent)
    if m is None:
        return []
    rest = sent[m.end() :]
    stop = _STOP_CLAUSE.search(rest)
    rest = rest[: stop.start()] if stop else rest
    items = []
    for part in _SPLIT.split(rest.strip(" .")):
        nm = _N.search(part)
        label = _label(_N.sub(" ", part))
        if not label:
            return []  # one part is not a group name: the sentence is not a clean list of groups
        items.append((label, _int(nm["n"] or nm["m"]) if nm else None))
    return items if 2 <= len(items) <= 5 else []


def _count_to(sent: str) -> list[tuple[str, int | None]]:
    found = [(_label(m["label"]), _int(m["n"])) for m in _COUNT_TO.finditer(sent)]
    found = [(lab, n) for lab, n in found if lab and n is not None]
    return found if len(found) >= 2 else []


def _in_group(sent: str) -> list[tuple[str, int | None]]:
    found = [(_label(m["label"]), _int(m["n"])) for m in _IN_GROUP.finditer(sent)]
    return [(lab, n) for lab, n in found if lab] if len(found) >= 2 else []


def _n_for(sent: str) -> list[tuple[str, int | None]]:
    found = [(_label(m["label"]), _int(m["n"])) for m in _N_FOR.finditer(sent)]
    return [(lab, n) for lab, n in found if lab] if len(found) >= 2 else []


def _respectively(sent: str) -> list[tuple[str, int | None]]:
    m = _RESPECTIVELY.search(sent)
    if m is None:
        return []
    ns = [_int(x) for x in re.findall(NUM, m["ns"], re.I)]
    labels = [_label(x) for x in _SPLIT.split(m["labels"])]
    labels = [x for x in labels if x]
    return list(zip(labels, ns, strict=True)) if len(labels) == len(ns) >= 2 else []


def title_groups(title: str) -> list[str]:
    parts = _VERSUS.split(title)
    if len(parts) < 2:
        return []
    first = re.split(r"\b(?:of|effects? of|efficacy of|comparison of|trial of|study of)\s+", parts[0], flags=re.I)[-1]
    groups = [_label(first)] + [_label(_TITLE_TAIL.sub("", p)) for p in parts[1:]]
    return [g for g in groups if g]


def abbreviations(doc: Document) -> dict[str, str]:
    """Short forms the paper defines, lower case -> long form (its last words whose initials spell it)."""
    out: dict[str, str] = {}
    for block in _sources(doc):
        for m in _ABBREV.finditer(block.text):
            long = _long_form(m["long"], m["short"])
            if long:
                out.setdefault(m["short"].lower(), long)
    return out


def _long_form(words_text: str, short: str) -> str:
    letters = [c.lower() for c in short if c.isalpha()]
    words = words_text.split()
    if not letters or len(letters) > len(words) + 2:
        return ""
    for k in range(1, min(len(words), len(letters) + 3) + 1):
        cand = words[-k:]
        if _initials_fit(cand, letters):
            return " ".join(cand)
    return ""


def _initials_fit(words: list[str], letters: list[str]) -> bool:
    """The short form's first letter starts the first word, and its letters appear in order in the long form."""
    text = " ".join(words).lower()
    if not text or text[0] != letters[0]:
        return False
    pos = 0
    for ch in letters:
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def population(doc: Document) -> int | None:
    for block in _sources(doc):
        m = _POPULATION.search(block.text)
        if m:
            return _int(m["n"])
    return None
