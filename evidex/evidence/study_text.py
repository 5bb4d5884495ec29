"""What the title, abstract, methods and results say about a study's groups: the study model's text sources.

- group-defining sentences, read by several small readers and scored by how many sized groups they name:
  "randomly assigned to X (n = 40) or Y (n = 38)", "received either X (ide-cel; n = 266) or Y (n = 77)",
  "(n = 218 haploidentical sibling; n = 218 offspring)", "(ALL, n = 255; NHL, n = 155)",
  "90 patients underwent MSD-HSCT, 116 underwent URD-HSCT", "61 cases of X and 59 cases of Y",
  "(38 without InO [cohort 1] and 37 with InO [cohort 2])", "20 subjects were randomly assigned to X 1,000 mg
  daily, 19 to Y" (a thousands comma is no list comma), "In group I (120 people) ..." (a size in words counts
  when the sentence assigns the groups or the group is lettered), "180 and 128 patients received A or B,
  respectively", "randomized into two groups: X and Y", and groups a paragraph names one sentence at a
  time ("The X group (n = 74) received ... The Y group (n = 40) received ...");
- a group named by a patient trait ("pts < 26 y (n = 12)", "patients with CR (n = 31)") is a subgroup,
  not an arm: labels that start with a population noun are dropped;
- the title's "X versus Y";
- abbreviations the paper defines: "standard of care (SOC)" (Schwartz & Hearst 2003: the short form's
  letters appear, in order, at word starts of the long form), and a group's other names printed beside
  it ("axicabtagene ciloleucel [axi-cel; ...]", "(MUDs, n = 549)", "(Group A, n=12)", "[cohort 1]");
- the population: "A total of 208 patients were randomized".
"""

from __future__ import annotations

import re

from evidex.evidence import short_forms
from evidex.evidence.text import lexicon
from evidex.evidence.text.numbers import NUM, parse_number
from evidex.models import Document, TextBlock

Group = tuple[str, int | None, int | None, str]  # label, n, page, quote
Item = tuple[str, int | None, list[str]]  # label, n, other names

# "(A) X, (B) Y, & (C) Z", "1) X; 2) Y and 3) Z": markers in sequence from the first letter or number
_MARKER = re.compile(r"(?:\(|(?:^|(?<=[,;:]))\s*|(?<=[,;:&]\s)|(?<=\band\s)|(?<=\bor\s))\(?(?P<m>[A-Fa-f]|[1-6])\)\s+")
_JOIN = re.compile(r"^(?:[,;:]|\s|&|\band\b|\bor\b)+|(?:[,;:]|\s|&|\band\b|\bor\b)+$", re.I)


def _enumerated(rest: str) -> list[str]:
    """The items of a list whose groups carry markers, split at the markers only: "(A) distilled and deionized
    water, (B) laser" is two groups, not three. [] unless 2+ markers run in order from "A"/"a"/"1"."""
    marks = list(_MARKER.finditer(rest))
    if len(marks) < 2 or rest[: marks[0].start()].strip(" ,") and not rest[: marks[0].start()].rstrip().endswith(":"):
        return []  # the first marker opens the list ("X (A) or Y (B)" names its groups after them)
    order = "ABCDEF" if marks[0]["m"].upper() == "A" else "123456" if marks[0]["m"] == "1" else ""
    if not order or [m["m"].upper() for m in marks] != list(order[: len(marks)]):
        return []
    ends = [m.start() for m in marks[1:]] + [len(rest)]
    parts = [rest[m.end() : e] for m, e in zip(marks, ends, strict=True)]
    stop = _STOP_CLAUSE.search(parts[-1])
    parts[-1] = parts[-1][: stop.start()] if stop else parts[-1]
    return [_JOIN.sub("", p) for p in parts]

_N_EQ = r"(?:[nN]|_N_)\s*(?:=|:|\s5\s)\s*"  # "n = 40", "N: 40", "_N_ = 7"; "n 5 323" is a font-damaged "="
_RANDOMIZED = re.compile(
    r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|distributed)|allocated|assigned|divided)\b"
    r"(?:\s+(?:in|at)\s+(?:a|an)\s+\d+\s*:\s*\d+(?:\s*:\s*\d+)?\s+ratio)?(?:\s*\(?\s*\d+\s*:\s*\d+\s*\)?)?"
    r"(?:\s+[\w,-]+){0,25}?\s+(?:to|into|between)\s+(?:(?:receive|either|one of|the following|two|three|four|"
    r"treatment with|groups?|arms?)\s*:?\s+){0,3}",
    re.I,
)
_GROUP_CUE = re.compile(r"randomi[sz]|allocat|assign|divided|received|receiving|underwent|treated|compared|"
                        r"cohort|group|\barms?\b|\bn\s*=|respectively", re.I)  # fmt: skip
_STOP_CLAUSE = re.compile(
    r"(?:\.\s|;|\bfor\s+(?:\d|a|an|the|up|at)\b|\bduring\b|\bover\b|\bwith\s+a\s+\d|\bin\s+a\s+\d|\bin\s+\d+-|"
    r"\bafter\b|\bstratified\b|\busing\b|\bby\s+(?:a|an|computer|block|sealed)\b|\bat\s+(?:a|\d)|\bwho\b|"
    r"\bwhich\b|\brespectively\b|\bbased on\b|\baccording to\b|\bfrom\b|\bthen\b|\bunder\b|\buntil\b|\.$)",
    re.I,
)
_SPLIT_OR = re.compile(r"\s*,\s*(?:or\s+)?|\s+(?:or|versus|vs\.?)\s+|\s+/\s+", re.I)
_SPLIT_AND = re.compile(r"\s*,\s*(?:and|or)\s+|\s*,(?!\d{3}\b)\s*|\s+(?:and|or|versus|vs\.?)\s+|\s+/\s+", re.I)
_VERB = re.compile(r"(?<![-–‐])\b(?:receiv\w*|did|provided|returned|was|were|is|are|had|has|have|exposed|removed|"
                   r"treated|included|completed|withdrew|underwent|followed|according|using|based|showed|achieved|"
                   r"experienced|developed|confirmed|assessed|administered)\b", re.I)  # fmt: skip
_LEAD = re.compile(r"^(?:(?:the|a|an|either|receive|receiving|received|treatment with|treated with|with|to|"
                   r"combination of|\d+\s+to)\s+)+", re.I)  # fmt: skip
_TAIL = re.compile(rf"(?:\s+(?:treatment\s+)?{lexicon.alternation('group_nouns')}|\s+conditions?)+$", re.I)
_POP_HEAD = re.compile(rf"^(?:all\s+|the\s+|treated\s+|evaluable\s+)*{lexicon.alternation('population_nouns')}\b",
                       re.I)  # fmt: skip
_VERSUS = re.compile(r"\s+(?:versus|vs\.?|compared (?:with|to))\s+", re.I)  # not "or": "refractory or relapsed ALL"
_WITH_TRAIT = re.compile(rf"\b{lexicon.alternation('population_nouns')}\s+with\s+[^()\[\];,]{{1,60}}$", re.I)
_TRAIT = re.compile(r"\b(?:prior|previous(?:ly)?|before|lines?\s+of)\b", re.I)  # "1 prior therapy" is a trait
_TITLE_TAIL = re.compile(r"\s+(?:in|for|as|among|on|after|before|at|during|to)\s.*$|\s*[:;.?].*$|\s*\(.*$", re.I)
_POPULATION = re.compile(
    rf"\b(?:a total of|overall,?|in total,?)?\s*(?P<n>{NUM})\s+(?:\w+\s+){{0,3}}?(?:patients|participants|subjects|"
    r"women|men|children|adults|infants|individuals|people)\s+(?:\w+\s+){0,3}?(?:were|was)\s+(?:randomly\s+)?"
    r"(?:randomi[sz]ed|enrolled|allocated|assigned|included)",
    re.I,
)
_BRACKET = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")


def _sources(doc: Document) -> list[TextBlock]:
    keep = ("title", "abstract", "methods", "results", "other")
    return [b for b in doc.blocks if b.kind in ("paragraph", "heading") and b.section in keep]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s*(?=[A-Z(])(?<!\d\.)|(?<=[.!?])\s+(?=[A-Z(])", text) if s]


def _int(text: str | None) -> int | None:
    if not text:
        return None
    v = parse_number(text.replace(",", ""))
    return int(v) if v is not None and v == int(v) else None


# ---- labels -------------------------------------------------------------------------------------


_DOSE_TAIL = re.compile(r"\s+(?:with|using|containing)\s+\d[\d.,]*\s*(?:%|mg|ml|mL|µg|μg|mcg|g|IU)(?![\w/]).*$")


def _label(text: str) -> str:
    """A group's name, cleaned ("the daratumumab group" -> "daratumumab"); "" when the text is not a name."""
    s = re.sub(r"^\s*\(?[A-Da-d1-4]\)\s*", "", text.strip(" ,;:."))
    s = re.sub(r"\bwith or without\b", "±", s, flags=re.I)
    s = _LEAD.sub("", s)
    s = _DOSE_TAIL.sub("", s)  # "TAP blocks with 0.375% ropivacaine": the dose of what the group received
    s = _TAIL.sub("", s.strip(" ,;:.")).strip()
    s = re.sub(rf"\s+(?!donors?$){lexicon.alternation('population_nouns')}$", "", s, flags=re.I)  # donors name grafts
    s = re.sub(r"\s+", " ", s).strip(" ,;:.")
    if s.count("(") != s.count(")") or s.count("[") != s.count("]") or s.count('"') % 2 or _VERB.search(s):
        return ""
    if _POP_HEAD.match(s) or re.match(r"(?:those|these|all|overall|total)\b(?<!ALL)", s, re.I) or _TRAIT.search(s):
        return ""  # "pts < 26 y (n = 12)": a subgroup by a trait, not a treatment group
    if re.fullmatch(r"\d+/\d+", s):
        return s  # "10/10 (n = 1959)": an HLA match named by its fraction
    if re.match(r"\d", s) and (
        not re.match(r"\d+(?:/\d+)?[- ]?[A-Za-z]", s)
        or re.match(r"[\d.]+\s*(?:days?|weeks?|months?|years?|hours?|h|cycles?|courses?|mg|g|ml|µg|μg|%)\b", s, re.I)
    ):
        return ""  # "3 to 4 weeks" is a time, not a group
    return s if 1 <= len(s.split()) <= 7 and re.search(r"[A-Za-z]{2}", s) else ""


def _names(text: str) -> tuple[str, list[str]]:
    """Text with its bracketed asides removed, and the short names those asides give:
    "axicabtagene ciloleucel [axi-cel; autologous ...]" -> ("axicabtagene ciloleucel", ["axi-cel"])."""
    aliases: list[str] = []
    for m in _BRACKET.finditer(text):
        inner = (m.group(1) or m.group(2) or "").strip()
        head = re.split(r"\s*[;,]\s*", inner)[0].strip()
        head = re.sub(rf"^{_N_EQ}\d[\d,]*$", "", head)
        if head and len(head.split()) <= 3 and not re.match(rf"{_N_EQ}|\d|\s*$", head) and not _VERB.search(head):
            aliases.append(head)
    return re.sub(r"\s+", " ", _BRACKET.sub(" ", text)).strip(), aliases


# ---- readers: one sentence -> its groups ----------------------------------------------------------

_SIZED = re.compile(rf"[(\[](?P<inner>[^()\[\]]*?){_N_EQ}(?P<n>\d[\d,]*)\s*(?:,[^()\[\]]*)?[)\]]")
_SIZED_WORDS = re.compile(rf"[(\[](?P<inner>)(?P<n>\d[\d,]*)\s+{lexicon.alternation('population_nouns')}[)\]]", re.I)
_LETTERED = re.compile(r"^(?:group|arm|cohort)\s+(?:[A-F]|[IVX]{1,4}|\d{1,2})$", re.I)
_DIVIDING = re.compile(r"\brandomi[sz]|\brandomly\b|\ballocated\b|\bassigned\b|\bdivided\b", re.I)
_BEFORE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:or|and|vs\.?|versus|either|to|receive|received|receiving|underwent|using|after|"
    r"including|between|with|in|of|on)\s+)(?P<label>(?:(?!\b(?:or|and|vs|versus|either|to|receive|received|receiving|"
    r"underwent|using|after|including|between|with|in|of|on)\b)(?:[^,;:()\[\]]|,(?=\d{3}\b)))+?)\s*$",
    re.I,
)


def _sized(sent: str) -> list[Item]:
    """ "X (n = 40) or Y (n = 38)", "X (ide-cel; n = 266)", "(ALL, n = 255; NHL, n = 155)"; not "adults with
    ketoacidosis (n = 28) and severe hyperglycemia (n = 32)": conditions patients have are traits."""
    first = _SIZED.search(sent)
    if first and _WITH_TRAIT.search(sent[: first.start()]) and not _ASSIGNING.search(sent):
        return []
    items: list[Item] = []
    lists = [b for b in _BRACKET.finditer(sent) if len(re.findall(rf"{_N_EQ}\d", b.group())) >= 2]
    for bl in lists:  # "(n = 218 haploidentical sibling; n = 218 offspring)": one bracket lists the groups
        items.extend(_inside(bl.group()[1:-1]))
    worded = _SIZED_WORDS.finditer(sent)  # "group I (120 people)": a size in words, a group's when the sentence
    last = 0
    for m in sorted([*_SIZED.finditer(sent), *worded], key=lambda m: m.start()):  # assigns or the group is lettered
        inner = m["inner"].strip(" ;,")
        if any(bl.start() <= m.start() < bl.end() for bl in lists):
            continue
        before = re.sub(r"\bwith or without\b", "±", sent[: m.start()], flags=re.I)
        before, _ = _names(_drop_unclosed(before))
        b = _BEFORE.search(before)
        label = _label(b["label"]) if b else ""
        if m.re is _SIZED_WORDS and not (_DIVIDING.search(sent) or _LETTERED.match(label)):
            continue  # "in the cooling group (12 patients)": a count of events, not the group's size
        alias = inner if inner and len(inner.split()) <= 3 and not re.search(r"\d\s*%|=", inner) else ""
        named = _GROUP_GIVEN.search(sent[last : m.start()])
        if named and (g := _label(named["g"])):  # "patients in the TAP group received X of Y (n = 21)": the group
            given = re.sub(r"\s+", " ", sent[last + named.end() : m.start()]).strip(" ,;:")  # is named before what
            label, alias = g, given if len(given.split()) <= 10 else label or alias  # it received
        last = m.end()
        if label:
            items.append((label, _int(m["n"]), [alias] if alias else []))
    return items


_GROUP_GIVEN = re.compile(
    rf"\bin\s+(?:the\s+)?(?P<g>[\w+/-]+(?:\s+[\w+/-]+){{0,3}}?)\s+{lexicon.alternation('group_nouns')}\s+"
    r"(?:received|underwent|(?:was|were)\s+given|got)\b",
    re.I,
)


def _drop_unclosed(text: str) -> str:
    """The text before a bracket may hold an earlier aside: keep only what follows the last closed one."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in ")]":
            depth += 1
        elif text[i] in "([":
            if depth == 0:
                return text[i + 1 :]
            depth -= 1
    return text


_INSIDE = re.compile(rf"^\s*(?:{_N_EQ}(?P<n1>\d[\d,]*)\s+(?P<l1>[^;,]+?)|(?P<l2>[^;,]+?)\s*[,:]\s*{_N_EQ}"
                     r"(?P<n2>\d[\d,]*))\s*$")  # fmt: skip


def _inside(inner: str) -> list[Item]:
    """ "n = 218 haploidentical sibling; n = 218 offspring" or "ALL, n = 255; NHL, n = 155"."""
    out: list[Item] = []
    for part in inner.split(";"):
        m = _INSIDE.match(part)
        if m:
            label = _label(m["l1"] or m["l2"])
            if label:
                out.append((label, _int(m["n1"] or m["n2"]), []))
    return out


_COUNTED = re.compile(
    rf"(?<![\w.])(?P<n>{NUM})\s+(?:{lexicon.alternation('population_nouns')}\s+)?(?:(?:were|had)\s+)?"
    rf"(?P<link>{lexicon.alternation('group_links')})\s+(?P<label>(?:[^,;.()\[\]]|,(?=\d{{3}}\b))+?)(?P<alias>\s*[(\[][^()\[\]]{{1,30}}[)\]])?"
    rf"(?=\s*,(?!\d{{3}}\b)|\s*;|\s+and\s+(?:{NUM})\b|\s*\)|\s*\]|\.\s|\.$|$|\s+(?:using|who|for|with|after|from|in|were|was|are|is|had|have)\b)",
    re.I,
)


def _counted(sent: str) -> list[Item]:
    """ "90 patients underwent MSD-HSCT, 116 underwent URD-HSCT", "(38 without InO [cohort 1] and 37 with InO)"."""
    out: list[Item] = []
    for m in _COUNTED.finditer(sent):
        link = m["link"].lower()
        raw = m["label"]
        if re.search(r"\bhad\b", m.group()[: m.start("link") - m.start()]) or re.search(
            r"\b(?:before|prior|previous(?:ly)?)\b", raw, re.I
        ):
            continue  # "27 had received chemotherapy before treatment": a prior therapy, not a group
        if link in ("with", "without") and not m["alias"]:
            continue  # "11 patients with refractory disease": a trait, unless the paper names it a group
        label = _label(raw)
        if link in ("with", "without") and label:
            label = f"{link} {label}"  # "37 with InO [cohort 2]": the preposition tells the groups apart
        n = _int(m["n"])
        if n is not None and 1900 <= n <= 2100:
            continue  # "from March 2021 to June 2023": years, not group sizes
        if label and n:
            alias = _names(m["alias"] or "")[1] if m["alias"] else []
            alias = alias or ([m["alias"].strip(" ()[]")] if m["alias"] else [])
            out.append((label, n, [a for a in alias if a and not re.search(r"\d\s*%|=", a)]))
    return out if len(out) >= 2 else []


_RESPECTIVELY = re.compile(
    rf"(?P<ns>(?:{NUM}\s*,\s*)*{NUM},?\s+(?:and|or)\s+{NUM})\s+[^.;]{{0,60}}?"
    r"(?:randomi[sz]ed|assigned|allocated|received|underwent|were included|were treated)\s+(?:\w+\s+){0,3}?"
    r"(?:to|in|into|with)?\s*(?P<labels>[^.;]+?),?\s+respectively",
    re.I,
)


def _respectively(sent: str) -> list[Item]:
    plain, aliases = _names(sent)
    m = _RESPECTIVELY.search(plain)
    if m is None:
        return []
    ns = [_int(x) for x in re.findall(NUM, m["ns"], re.I)]
    labels = [_label(x) for x in _SPLIT_AND.split(m["labels"])]
    labels = [x for x in labels if x]
    return [(lab, n, []) for lab, n in zip(labels, ns, strict=True)] if len(labels) == len(ns) >= 2 else []


def _listed(sent: str) -> list[Item]:
    """ "randomized to receive X or Y", "divided into two groups: X and Y"."""
    m = _RANDOMIZED.search(sent)
    if m is None:
        return []
    rest = sent[m.end() :]
    named = {}  # "X (daratumumab group) or Y (control group)": the bracket names the group
    for b in _BRACKET.finditer(rest):
        inner = (b.group(1) or b.group(2) or "").strip()
        if re.fullmatch(rf"[\w+/ -]{{2,40}}\s+{lexicon.alternation('group_nouns')}", inner, re.I):
            named[b.start()] = inner
    parts = _enumerated(rest)
    if not parts:
        plain = re.sub(r"\bwith or without\b", "±", _BRACKET.sub(" ", rest), flags=re.I)
        stop = _STOP_CLAUSE.search(plain)
        plain = plain[: stop.start()] if stop else plain
        split = _SPLIT_OR if re.search(r"\bor\b|\bversus\b|\bvs\b", plain, re.I) else _SPLIT_AND
        parts = [p for p in split.split(plain.strip(" .")) if p.strip()]
    items: list[Item] = []
    for part in parts:
        nm = re.search(rf"{_N_EQ}(\d[\d,]*)", part)
        label = _label(re.sub(rf"{_N_EQ}\d[\d,]*", " ", part))
        if not label:
            return []  # one part is not a group name: the sentence is not a clean list of groups
        items.append((label, _int(nm.group(1)) if nm else None, []))
    if len(named) == len(items) >= 2:
        items = [(_label(name) or lab, n, [lab]) for (lab, n, _), name in zip(items, named.values(), strict=True)]
    return items if 2 <= len(items) <= 5 else []


def _worth(items: list[Item]) -> int:
    return 2 * sum(1 for g in items if g[1] is not None) + len(items) if len(items) >= 2 else 0


def _dedupe(items: list[Item]) -> list[Item]:
    seen: dict[str, Item] = {}
    for g in items:
        key = g[0].lower()
        if key not in seen or (seen[key][1] is None and g[1] is not None):
            seen[key] = g
    return list(seen.values())


def _sentence_groups(sent: str) -> list[Item]:
    if not _GROUP_CUE.search(sent):
        return []
    found = [_respectively(sent), _sized(sent), _counted(sent), _listed(sent)]
    found = [_dedupe(f) for f in found]
    return max(found, key=_worth)


def _paragraph_groups(sents: list[str]) -> list[Item]:
    """Groups a paragraph introduces one sentence at a time: "The X group (n = 74) ... The Y group (n = 40) ..."."""
    items = []
    for sent in sents:
        for lab, n, alias in _sized(sent):
            if re.search(rf"{lexicon.alternation('group_nouns')}\s*[(\[]", sent, re.I):
                items.append((lab, n, alias))
    return _dedupe(items)


def _all_groups(doc: Document) -> list[tuple[list[Item], TextBlock, str]]:
    out = []
    for block in _sources(doc):
        sents = sentences(block.text)
        for sent in sents:
            out.append((_sentence_groups(sent), block, sent))
        out.append((_paragraph_groups(sents), block, block.text))
    return out


_ASSIGNING = re.compile(r"\brandomi[sz]ed\b|\brandomly\b|\ballocated\b|\bassigned\b", re.I)
_ATTRITION = re.compile(rf"\b{lexicon.alternation('attrition_cues')}\b", re.I)


_N_ONLY = re.compile(r"\b[nN]\s*=")
_OF_PEOPLE = re.compile(rf"\b(?:{lexicon.alternation('population_nouns')}|{lexicon.alternation('enrolment_cues')}|"
                        rf"{lexicon.alternation('people_words')})\b", re.I)  # fmt: skip


def _rank(items: list[Item], quote: str) -> int:
    """A sentence that assigns patients to groups beats one that counts them afterwards (completers, dropouts,
    adverse events) or sorts them by a trait; more than five groups is a list of something else, and sizes in a
    sentence that names no people and no assignment count things, not groups."""
    if len(items) > 5 or not _OF_PEOPLE.search(quote) and not _GROUP_CUE.search(_N_ONLY.sub(" ", quote)):
        return 0  # "bread (n=9), cheese (n=4)", "an old browser (n=3), a lost password (n=1)": counts of no group
    worth = _worth(items)
    if worth and _ASSIGNING.search(quote):
        worth += 20
    if worth and any(_ATTRITION.search(s) for s in sentences(quote) if any(g[0] in s for g in items)):
        worth -= 10  # in the sentences naming the groups: a paragraph's later "prevented" says nothing of them
    return worth


def randomized_groups(doc: Document) -> list[Group]:
    """The groups of the sentence (or paragraph) that names them best: one that assigns them, most sizes,
    then first."""
    return randomized_named(doc)[0]


def randomized_named(doc: Document) -> tuple[list[Group], dict[str, list[str]]]:
    """The randomized groups and each one's other names ("X (daratumumab group)", "the TAP group received
    bilateral TAP blocks"): label -> names."""
    best: list[Item] = []
    where: tuple[TextBlock | None, str] = (None, "")
    block: TextBlock | None
    top = 0
    for items, block, quote in _all_groups(doc):
        if _rank(items, quote) > top:
            best, where, top = items, (block, quote), _rank(items, quote)
    block, quote = where
    return [(lab, n, block.page if block else None, quote) for lab, n, _ in best], {lab: al for lab, _, al in best}


def sized_lists(doc: Document) -> list[list[tuple[str, int]]]:
    """Every list of two or more groups, each with its size, that a sentence or paragraph names (the same groups
    may be named again by other names: "the TAP group (n = 21)" after "randomized to receive TAP blocks or ...")."""
    out = []
    for items, _, quote in _all_groups(doc):
        if len(items) >= 2 and _rank(items, quote) > 0 and all(n is not None for _, n, _ in items):
            out.append([(label, n) for label, n, _ in items if n is not None])
    return out


def title_groups(title: str) -> list[str]:
    """ "X versus Y" -> [X, Y]; "X with or without Y" (X ± Y) -> [X, X + Y]."""
    pm = re.search(r"(?:^|\b(?:of|with|on|for)\s+)(?P<base>[^:;,]+?)\s*(?:±|\bwith or without\b)\s*(?P<add>[^\s:;,]+)",
                   title, re.I)  # fmt: skip
    if pm:
        base = _label(re.split(r"\b(?:of|with|on)\s+", pm["base"], flags=re.I)[-1])
        add = _label(pm["add"])
        return [base, f"{base} + {add}"] if base and add else []
    parts = _VERSUS.split(title)
    if len(parts) < 2:
        return []
    first = re.split(r"\b(?:of|effects? of|efficacy of|comparison of|trial of|study of)\s+", parts[0], flags=re.I)[-1]
    groups = [_label(first)] + [_label(_TITLE_TAIL.sub("", p)) for p in parts[1:]]
    return [g for g in groups if g]


def abbreviations(doc: Document) -> dict[str, str]:
    """Short forms the paper defines, lower case -> long form: "(SOC)" after its long form, and the other
    names a group-defining sentence prints beside a group ("(ide-cel; n = 266)", "[cohort 1]")."""
    out: dict[str, str] = {}
    for block in _sources(doc):
        for short, long in short_forms.defined(block.text):
            out.setdefault(short.lower(), long)
    for items, _, _ in _all_groups(doc):
        if _worth(items) == 0:
            continue
        for label, _, aliases in items:
            for alias in aliases:
                key = _key(alias)
                if key and key != _key(label):
                    out.setdefault(key, label)
    return out


def _key(text: str) -> str:
    """An alias as the single token the study model's matcher sees ("Group A" -> "group_a")."""
    s = re.sub(r"\b(group|arm|cohort)\s+([a-z0-9]{1,3})\b", r"\1_\2", text.lower().strip())
    return s if re.fullmatch(r"[a-z0-9_]+(?:[./+-][a-z0-9]+)*%?", s) else ""


def population(doc: Document) -> int | None:
    for block in _sources(doc):
        m = _POPULATION.search(block.text)
        if m:
            return _int(m["n"])
    return None
