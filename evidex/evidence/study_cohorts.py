"""Groups a study reports its results by although no sentence assigns patients to them: the study model's
fallback text sources, asked only when the randomization readers (``study_text``) found no groups.

- groups the paper letters or numbers: "1) 23 adults with ... (group A), 2) 19 adults ... (group B)",
  "randomly recruited to two groups of 30 each: Group I: 30 ml ropivacaine ... Group II: ...";
- sequential cohorts of one treatment: "The first 49 patients received single-dose inotuzumab ... In the
  next 41 patients, the schedule was modified to inotuzumab weekly" -> "single-dose inotuzumab" (n = 49)
  and "weekly inotuzumab" (n = 41): the schedule words tell the cohorts apart, the shared drug names both;
- cohorts compared by their study names: "we compared SCHOLAR-1 with the 2-year outcomes of ZUMA-1";
- groups counted one sentence at a time: "Seven CR patients received no further treatment ... Eleven CR
  patients were promptly bridged to transplantation";
- strata a sentence names as groups: "in chemotherapy and HSCT groups", "the allo-HSCT and non-allo-HSCT
  groups", "in the ibrutinib plus obinutuzumab and chlorambucil plus obinutuzumab arms". A stratum is a
  treatment the normalizer knows, or a treatment and its negation ("X and non-X"); groups named by a
  response, a risk or a trait ("CR and non-CR groups", "MRD-positive and MRD-negative groups") are
  subgroups, not arms.

The cue words live in ``data/study_cues.yaml``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from evidex.evidence import study_text
from evidex.evidence.tables import cues
from evidex.evidence.text import lexicon
from evidex.evidence.text.numbers import NUM
from evidex.models import Document, Normalizer, TextBlock

Group = study_text.Group
ARM_KINDS = ("drug", "therapy", "regimen")
_DATA = Path(__file__).parent / "data" / "study_cues.yaml"


@cache
def _cues() -> dict[str, Any]:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


def _alt(name: str) -> str:
    return "(?:" + "|".join(sorted(_cues()[name], key=len, reverse=True)) + ")"


def alternation(name: str) -> str:
    """One cue list of ``data/study_cues.yaml`` as a regular-expression alternation (longest first)."""
    return _alt(name)


def groups(doc: Document, normalizer: Normalizer) -> list[Group]:
    """The first reader that finds two or more groups: sequential cohorts, named cohorts, then strata."""
    for reader in (_lettered, _sequential, _named_cohorts, _strata, _successive):
        found = reader(doc, normalizer)
        if len(found) >= 2:
            return found
    return []


def _paragraphs(doc: Document) -> list[tuple[TextBlock, list[str]]]:
    return [(b, study_text.sentences(b.text)) for b in study_text._sources(doc) if b.kind == "paragraph"]


def _treats(text: str, normalizer: Normalizer) -> list[str]:
    """The treatments a text names: the normalizer's, else the generic ones the cue file lists ("transplantation")."""
    found = [m.term.canonical for m in normalizer.mentions(text, ARM_KINDS) if m.term.canonical]
    generic = re.search(rf"(?<![\w-]){_alt('treatment_words')}(?![\w-])", text, re.I)
    return found or ([generic.group().lower()] if generic else [])


# ---- sequential cohorts ---------------------------------------------------------------------------


@cache
def _sequence_rx() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    pop = lexicon.alternation("population_nouns")
    first = re.compile(rf"\b{_alt('sequence_first')}\s+(?P<n>{NUM})\s+(?:\w+\s+)?{pop}\b", re.I)
    later = re.compile(rf"\b{_alt('sequence_next')}\s+(?P<n>{NUM})\s+(?:(?:\w+\s+)?{pop}\b)?", re.I)
    verb = re.compile(rf"\b{_alt('treatment_verbs')}\s+(?P<t>[^.;]+)", re.I)
    schedule = re.compile(rf"(?<![\w-]){_alt('schedule_words')}(?![\w-])", re.I)
    return first, later, verb, schedule


def _sequential(doc: Document, normalizer: Normalizer) -> list[Group]:
    """ "The first 49 patients received single-dose X ..." and, later in the paragraph, "the next 41 ... Y"."""
    first_rx, later_rx, _, _ = _sequence_rx()
    for block, sents in _paragraphs(doc):
        for i, s in enumerate(sents):
            m1 = first_rx.search(s)
            if m1 is None:
                continue
            for s2 in sents[i + 1 : i + 3]:
                m2 = later_rx.search(s2)
                found = _cohort_pair(s, s2, m1, m2, normalizer) if m2 else []
                if found:
                    return [(label, n, block.page, f"{s} {s2}") for label, n in found]
    return []


def _cohort_pair(s1: str, s2: str, m1: re.Match[str], m2: re.Match[str], normalizer: Normalizer
                 ) -> list[tuple[str, int | None]]:  # fmt: skip
    _, _, verb_rx, schedule_rx = _sequence_rx()
    t1, t2 = verb_rx.search(s1, m1.end()), verb_rx.search(s2)
    if t1 is None or t2 is None:
        return []
    d1, d2 = _treats(s1, normalizer), _treats(s2, normalizer)
    w1, w2 = schedule_rx.search(t1["t"]), schedule_rx.search(t2["t"])
    if not (d1 and d1[:1] == d2[:1] and w1 and w2) or w1.group().lower() == w2.group().lower():
        return []  # two cohorts of one drug told apart by their schedules; anything else is no pair
    drug = next(m for m in normalizer.mentions(s1, ARM_KINDS) if m.term.canonical == d1[0])
    name = s1[drug.start : drug.end]
    return [(f"{w1.group()} {name}", study_text._int(m1["n"])), (f"{w2.group()} {name}", study_text._int(m2["n"]))]


@cache
def compare_verb() -> re.Pattern[str]:
    """ "compared", "versus", "vs." ... (study_cues.yaml compare_verbs), followed by a space."""
    return re.compile(rf"\b{_alt('compare_verbs')}\s", re.I)


# ---- cohorts compared by study name ---------------------------------------------------------------

_STUDY_NAME = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,})-?\d{1,4}[a-z]?(?![\w-])")


def _named_cohorts(doc: Document, normalizer: Normalizer) -> list[Group]:
    """Two studies the paper sets against each other by name ("compared SCHOLAR-1 with ZUMA-1")."""
    for block, sents in _paragraphs(doc):
        for s in sents:
            m = compare_verb().search(s)
            if m is None:
                continue
            names = list(dict.fromkeys(x.group() for x in _STUDY_NAME.finditer(s[max(0, m.start() - 40) :])))
            names = [x for x in names if not _treats(x, normalizer)]
            if len(names) == 2:
                return [(x, None, block.page, s) for x in names]
    return []


# ---- strata named as groups -----------------------------------------------------------------------

_WORD = r"[^\s,;:()\[\]]+"
_CUT = re.compile(r"^.*\b(?:in|of|for|the|between|both|to|after|with|among|on|and|or|at|from|were|was)\s+|^.*\d%?\s+",
                  re.I)  # fmt: skip
_NEGATED = re.compile(r"^(?:non|no|without|not)[\s-]*", re.I)


@cache
def _strata_rx() -> re.Pattern[str]:
    pair = rf"(?P<a>{_WORD}(?:\s+{_WORD}){{0,4}}?)\s+(?:and|or|vs\.?|versus)\s+(?P<b>{_WORD}(?:\s+{_WORD}){{0,3}}?)"
    return re.compile(rf"{pair}\s+{_alt('strata_nouns')}\b", re.I)


def _strata(doc: Document, normalizer: Normalizer) -> list[Group]:
    for block, sents in _paragraphs(doc):
        for s in sents:
            for m in _strata_rx().finditer(s):
                labels = [study_text._label(_CUT.sub("", m["a"])), study_text._label(m["b"])]
                if all(labels) and _are_strata(labels[0], labels[1], normalizer):
                    return [(label, None, block.page, s) for label in labels]
    return []


@cache
def _beside_rx() -> re.Pattern[str]:
    a = rf"(?P<a>{_WORD}(?:\s+{_WORD}){{0,3}}?)"
    b = rf"(?P<b>{_WORD}(?:\s+{_WORD}){{0,2}}?)"
    return re.compile(rf"{a}\s+(?:and|or|vs\.?|versus)\s+(?:the\s+)?{b}\s+(?:group|arm)s?\b", re.I)


def beside_control(doc: Document, normalizer: Normalizer) -> list[Group]:
    """Two groups a sentence names together, one of them a control: "between the intervention and TAU groups",
    "in the exercise or the control group"; groups named by a response or a trait are none."""
    for block, sents in _paragraphs(doc):
        for s in sents:
            for m in _beside_rx().finditer(s):
                labels = [study_text._label(_CUT.sub("", m["a"])), study_text._label(m["b"])]
                if not all(labels) or labels[0].lower() == labels[1].lower():
                    continue
                traits = re.compile(rf"(?<![\w]){_alt('response_words')}(?![\w])", re.I)
                if any(traits.search(x) for x in labels) or sum(1 for x in labels if cues.is_control(x)) != 1:
                    continue
                return [(label, None, block.page, s) for label in labels]
    return []


def _are_strata(a: str, b: str, normalizer: Normalizer) -> bool:
    """Two treatments, or a treatment and its negation; never groups named by a response, a risk or a trait."""
    traits = re.compile(rf"(?<![\w]){_alt('response_words')}(?![\w])", re.I)
    if a.lower() == b.lower() or traits.search(a) or traits.search(b):
        return False
    both = f"{a} ; {b}"
    if {m.term.canonical for m in normalizer.mentions(both, ("outcome", "ae"))} - set(_treats(both, normalizer)):
        return False  # "relapse and non-relapse groups"; a transplant is both an outcome and a treatment
    if _treats(a, normalizer) or _treats(b, normalizer):
        return True
    base_a, base_b = _NEGATED.sub("", a), _NEGATED.sub("", b)
    return (base_a != a) != (base_b != b) and base_a.lower() == base_b.lower()


# ---- groups counted one sentence at a time ----------------------------------------------------------


@cache
def _successive_rx() -> re.Pattern[str]:
    pop = lexicon.alternation("population_nouns")
    verb = (r"(?:received|underwent|were\s+(?:\w+\s+)?(?:bridged|referred|transferred)\s+to|proceeded\s+to|"
            r"went\s+on\s+to)")
    return re.compile(rf"^\s*(?P<n>{NUM})\s+(?P<q>(?:[\w-]+\s+){{1,2}}?){pop}\s+(?:\w+\s+)?{verb}\s+(?P<t>[^,;.()]+)",
                      re.I)  # fmt: skip


def _successive(doc: Document, normalizer: Normalizer) -> list[Group]:
    """Two or more sentences in a row, each counting the patients of one kind ("CR patients", "responders") who
    went on to one treatment."""
    for block, sents in _paragraphs(doc):
        found: list[Group] = []
        kind = ""
        for s in sents:
            m = _successive_rx().match(s)
            label = study_text._label(re.split(r"\s+(?:and|after|at|for|with|in)\s", m["t"])[0]) if m else ""
            if m and label and _treats(label, normalizer) and (not found or m["q"].lower() == kind):
                found.append((label, study_text._int(m["n"]), block.page, s))
                kind = m["q"].lower()
            elif len(found) >= 2:
                break
            else:
                found = []
        if len({g[0].lower() for g in found}) >= 2:
            return found
    return []


# ---- groups the paper letters or numbers ------------------------------------------------------------

_LETTER = r"(?:group|arm|cohort)\s+(?:[A-F]|[IVX]{1,4}|\d{1,2})"
_DEFINED = re.compile(rf"(?<![\w-])(?P<g>{_LETTER})\s*(?:\((?:n\s*=\s*)?(?P<n>\d+)\))?\s*[:=]", re.I)
_EACH_N = re.compile(rf"\bgroups?\s+of\s+(?P<n>{NUM})\s+(?:patients\s+)?each\b", re.I)


@cache
def _counted_letter() -> re.Pattern[str]:
    pop = lexicon.alternation("population_nouns")
    return re.compile(rf"(?<![\w.])(?P<n>{NUM})\s+{pop}\b[^()]{{0,200}}?\((?P<g>{_LETTER})\)", re.I)


def _lettered(doc: Document, normalizer: Normalizer) -> list[Group]:
    """Groups named by a letter or number, with their sizes: counted in one sentence ("23 adults ... (group A)"),
    or defined one after another in a paragraph ("Group I: ... Group II: ...", "two groups of 30 each")."""
    for block, sents in _paragraphs(doc):
        for s in sents:
            found = [(_letter_label(m["g"]), study_text._int(m["n"])) for m in _counted_letter().finditer(s)]
            if len({g for g, _ in found}) >= 2:
                return [(g, n, block.page, s) for g, n in dict(found).items()]
        defined = list(_DEFINED.finditer(block.text))
        labels = list(dict.fromkeys(_letter_label(m["g"]) for m in defined))
        if len(labels) >= 2:
            each = _EACH_N.search(block.text)
            sizes = {_letter_label(m["g"]): study_text._int(m["n"]) for m in defined if m["n"]}
            n_each = study_text._int(each["n"]) if each else None
            return [(g, sizes.get(g, n_each), block.page, block.text) for g in labels]
    return []


def letter_definitions(doc: Document) -> list[tuple[str, str]]:
    """Lettered groups and what each received, from the first paragraph defining two or more one after another
    ("Group I: 30 ml ropivacaine + saline. Group II: ropivacaine + clonidine ..."): (label, description), the
    description running to the next definition or the end of its sentence."""
    for block, _ in _paragraphs(doc):
        defined = list(_DEFINED.finditer(block.text))
        if len({_letter_label(m["g"]) for m in defined}) < 2:
            continue
        out = []
        for m, nxt in zip(defined, [*defined[1:], None], strict=True):
            text = block.text[m.end() : nxt.start() if nxt else len(block.text)]
            out.append((_letter_label(m["g"]), re.split(r"\.\s+(?=[A-Z])", text, maxsplit=1)[0]))
        return out
    return []


def _letter_label(text: str) -> str:
    word, mark = text.split()
    return f"{word.capitalize()} {mark.upper() if len(mark) <= 4 else mark}"
