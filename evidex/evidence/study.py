"""The study model: the study's arms (name, canonical intervention, role, n), decided once and first.

Text and tables resolve every group they name against these arms, so "the iodine group" in a sentence, "Iodine
(n = 41)" in a table header and "Iodine" in the next table are one arm (``a1``) everywhere. Arms come from the
tables' arm columns, from the randomization sentences of the abstract and methods ("randomly assigned to X (n
= 40) or Y (n = 38)"; ``study_text``) and from the title ("X versus Y"); a later source that names an arm
already known adds a spelling (and its n when the arm has none). Abbreviations the paper defines ("standard of
care (SOC)") become spellings too. A table column that names a visit ("3 months follow-up", "Randomization
visit") is no arm, and when the tables show one arm, a sentence naming it beside a control ("between the
intervention and TAU groups") gives the other. A table column printed with its n that no text group names is
the text arm of its drug that has no n ("Naproxen 1000 mg, N = 181" for "naproxen 500 mg twice daily"), a dose
arm the text's list missed, or a control group the randomization sentence left out; strata columns stay out.
Role: a group named like a control (placebo, usual care, ...) is the control; else an arm named as another's
negation ("No phone calls" beside "Phone calls"); else the title's or the randomization sentence's last-named
group; a study with one group is single.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from evidex.evidence import study_cohorts, study_letters, study_named, study_text
from evidex.evidence.study_keys import NEGATIONS, compatible, doses, drug_words, keys, numbers
from evidex.evidence.tables import cues
from evidex.evidence.text import lexicon
from evidex.models import Arm, Document, Normalizer

ARM_KINDS = ("drug", "therapy", "regimen")
_MIN_SCORE = 0.34
_MARGIN = 0.12


@dataclass
class StudyArm:
    arm_id: str
    arm: str  # canonical intervention
    label: str  # the best spelling (the first table header or sentence that named it)
    role: str = ""
    # why the arm has its role: "named" (a control word: placebo, usual care), "negated" ("No phone calls"
    # beside "Phone calls"), "base" (the arm an add-on adds to), "listed" (named last by the methods), "last"
    # (the convention when nothing says), "single"
    role_basis: str = ""
    n: int | None = None
    spellings: list[str] = field(default_factory=list)
    key_sets: list[frozenset[str]] = field(default_factory=list)
    page: int | None = None
    quote: str = ""
    method: str = ""
    sources: set[str] = field(default_factory=set)

    def record(self, study_id: str) -> Arm:
        return Arm(study_id, self.arm_id, self.arm, self.label, self.role, self.n, self.page, self.quote,
                   self.method, self.role_basis)  # fmt: skip


@dataclass
class StudyModel:
    arms: list[StudyArm] = field(default_factory=list)
    design: str = "unknown"  # rct | single | cohorts | unknown
    population: int | None = None
    abbreviations: dict[str, str] = field(default_factory=dict)  # "soc" -> "standard of care"
    normalizer: Normalizer | None = None
    title: str = ""
    _seen: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _resolved: dict[tuple, StudyArm | None] = field(default_factory=dict, repr=False)

    def single(self) -> StudyArm | None:
        return self.arms[0] if len(self.arms) == 1 else None

    def by_id(self, arm_id: str) -> StudyArm | None:
        return next((a for a in self.arms if a.arm_id == arm_id), None)

    def resolve(self, phrase: str) -> StudyArm | None:
        """The arm a group name points at, or None when it names none or is ambiguous.

        Remembered per phrase while the arms stay as they are (every sentence asks again for the same
        names and abbreviations: 25,000 calls on 12 papers); a new arm, spelling or name asks anew.
        """
        key = (phrase, len(self.abbreviations), tuple((a.arm, len(a.key_sets), a.role) for a in self.arms))
        if key not in self._resolved:
            self._resolved[key] = self._resolve(phrase)
        return self._resolved[key]

    def _resolve(self, phrase: str) -> StudyArm | None:
        scored = self.scores(phrase)
        if not scored:
            return None
        best, s1 = scored[0]
        s2 = scored[1][1] if len(scored) > 1 else 0.0
        if s1 >= _MIN_SCORE and s1 - s2 >= _MARGIN:
            return best
        return self._the_control(phrase) if s1 == 0.0 else None

    def _the_control(self, phrase: str) -> StudyArm | None:
        """ "the control group" where the tables name the control "No intervention" or "Usual care": the one arm
        whose role is control, when the phrase says nothing but control and the role rests on the arm's name (a
        control word, a negation) or on an add-on design (the arm all of another's treatment less the add-on)."""
        if keys(phrase) not in _CONTROL_KEYS:
            return None
        named = [a for a in self.arms if a.role == "control" and a.role_basis in ("named", "negated", "base")]
        return named[0] if len(named) == 1 and len(self.arms) >= 2 else None  # not a convention's pick

    def scores(self, phrase: str) -> list[tuple[StudyArm, float]]:
        raw = keys(phrase)
        pk = self._expand(raw)
        if not pk:
            return []
        canon = self._canonicals(phrase)
        out = []
        for a in self.arms:
            sets = [k for k in a.key_sets if k and compatible(pk, k)]
            if canon and a.arm not in canon and a.arm in self._canonicals(a.label):
                sets = []  # "Blinatumomab Any grade" names another drug than the CAR-T arm, whatever words they share
            if not sets:
                out.append((a, 0.0))
                continue
            s = max(len(pk & k) / len(pk | k) for k in sets)
            if any(k <= pk for k in sets):  # the phrase names the arm and more ("Placebo, mean change")
                s = max(s, 0.7)
            if any(pk <= k or raw and raw <= k for k in sets):  # the phrase is part of the arm's name ("iodine"
                s = max(s, 0.6)  # group; "TAP" of "TAP blocks", whatever long form the paper gave the letters)
            if canon and a.arm in canon and sum(1 for b in self.arms if b.arm == a.arm) == 1:
                s = max(s, 0.8)
            out.append((a, s))
        return sorted(out, key=lambda x: -x[1])

    def _expand(self, k: frozenset[str]) -> frozenset[str]:
        extra = {w for t in k if (full := self.abbreviations.get(t)) for w in keys(full)}
        return k | extra if extra else k

    def studied(self, first: StudyArm, second: StudyArm) -> StudyArm | None:
        """Of two active arms, the one a meta-analyst sets on the experimental side, when the names or the title
        say: the add-on arm over its base ("A + B" over "A"), the higher dose of one drug ("20 mg" over
        "10 mg"), else the arm the title names alone or names first before a comparison word ("X in
        rheumatoid arthritis" beside a Y reference arm; "X versus placebo in a Y-referenced study"). None when
        nothing says (the caller keeps its convention)."""
        if _is_base(first, second):
            return second
        if _is_base(second, first):
            return first
        higher = _higher_dose(first, second)
        if higher is not None:
            return higher
        p1, p2 = self._title_position(first), self._title_position(second)
        if p1 is None or p2 is None:
            return first if p2 is None and p1 is not None else second if p1 is None and p2 is not None else None
        lead, at, to = (first, p1, p2) if p1 < p2 else (second, p2, p1)
        return lead if study_cohorts.compare_verb().search(self.title, at, to) else None

    def _title_position(self, arm: StudyArm) -> int | None:
        if self.normalizer is None or not self.title:
            return None
        names = {c for sp in arm.spellings for c in self._canonicals(sp)}
        hits = [m.start for m in self.normalizer.mentions(self.title, ARM_KINDS) if m.term.canonical in names]
        words = {w for k in arm.key_sets for w in drug_words(k) if len(w) >= 4 and not w.startswith("group_")}
        hits += [m.start() for w in words for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", self.title, re.I)]
        return min(hits) if hits else None

    def _canonicals(self, phrase: str) -> set[str]:
        if self.normalizer is None:
            return set()
        if phrase not in self._seen:  # the matcher is asked once per phrase: sentences resolve the same names often
            self._seen[phrase] = {m.term.canonical for m in self.normalizer.mentions(phrase, ARM_KINDS)
                                  if m.term.canonical}  # fmt: skip
        return self._seen[phrase]

    def add(self, label: str, n: int | None = None, page: int | None = None, quote: str = "", method: str = "",
            source: str = "") -> StudyArm | None:  # fmt: skip
        """Register a group: a new arm, or a spelling (and n) of the arm it resolves to."""
        label = _clean_label(label)
        k = keys(label)
        if not k:
            return None
        found = self.resolve(label)
        if found is None and n is not None and source:
            same_n = [a for a in self.arms if a.n == n and source not in a.sources]
            found = same_n[0] if len(same_n) == 1 and _unique_n(self.arms, n) else None  # "SD48W, N = 94"
        same_sentence = quote and found is not None and found.quote == quote and method == found.method
        if same_sentence and label not in found.spellings:  # type: ignore[union-attr]
            found = None  # two groups one sentence names are two arms ("with InO" and "without InO")
        if found is not None:
            if label not in found.spellings:
                found.spellings.append(label)
                found.key_sets.append(k)
            found.n = found.n if found.n is not None else n
            found.sources.add(source)
            return found
        arm = StudyArm(f"a{len(self.arms) + 1}", self._canonical(label), label, n=n, spellings=[label], key_sets=[k],
                       page=page, quote=quote, method=method, sources={source})  # fmt: skip
        self.arms.append(arm)
        return arm

    def _canonical(self, label: str) -> str:
        canon = [c for c in self._canonicals(label) if c != "HSCT"]
        if len(canon) == 1 and not cues.is_control(label):
            return canon[0]
        if re.search(r"\bplacebo\b", label, re.I):
            return "placebo"
        words = [w for w in re.sub(r"[(\[].*?[)\]]", " ", label).split() if w.lower() not in ("group", "arm")]
        name = " ".join(words).strip(" ,;:")
        return name if name.lower() == "all" else name.lower() or label.lower()  # "ALL" (the disease) is no "all"


_CONTROL_KEYS = frozenset({frozenset({"control"}), frozenset({"controls"})})


def _unique_n(arms: list[StudyArm], n: int) -> bool:
    return sum(1 for a in arms if a.n == n) == 1



def _clean_label(label: str) -> str:
    s = re.sub(r"[*_`]", "", label)
    s = re.sub(r"[(\[]\s*\b[nN]\s*[=:]\s*\d[\d,]*\s*[)\]]|\b[nN]\s*[=:]\s*\d[\d,]*", " ", s)
    s = re.sub(r"^\s*(?:the|a|an)\s+", "", s, flags=re.I)
    return re.sub(r"\s+", " ", s).strip(" ,;:-–")


def build(doc: Document, normalizer: Normalizer, table_arms: Sequence[tuple[str, int | None, int | None, str]] = ()
          ) -> StudyModel:  # fmt: skip
    """Arms from table headers (label, n, page, quote), randomization sentences and the title; then roles."""
    model = StudyModel(normalizer=normalizer, title=doc.bibliography.title or doc.title or "")
    model.abbreviations = study_text.abbreviations(doc)
    text_groups, other_names = study_text.randomized_named(doc)
    title_groups = study_text.title_groups(doc.title or "")
    if not _agrees(text_groups, _table_set(table_arms), normalizer):
        text_groups = []  # the text's "groups" are not the groups the tables report: the tables are trusted
    for label, n, page, quote in text_groups:
        arm = model.add(label, n, page, quote, "study.randomization.v1", "text")
        if arm is not None:
            _other_names(model, arm, other_names.get(label, []))
    unplaced: list[tuple[str, int, int | None, str]] = []
    for label, n, page, quote in table_arms:
        if _believable(model, label, n, text_groups):
            model.add(label, n, page, quote, "study.table_header.v1", "table")
        elif n is not None and not time_column(label, bare=True):
            unplaced.append((label, n, page, quote))
    _sized_columns(model, unplaced)
    if len(model.arms) < 2:
        for label in title_groups:
            model.add(label, None, None, doc.title or "", "study.title.v1", "title")
    if len(model.arms) == 1:  # the tables name one arm; a sentence naming it beside a control names the other
        pair = study_cohorts.beside_control(doc, normalizer)
        if any(model.resolve(label) is model.arms[0] for label, *_ in pair):
            for label, n, page, quote in pair:
                model.add(label, n, page, quote, "study.named_groups.v1", "text")
    if not model.arms:  # no groups anywhere: the interventions the title or objective names
        named = study_cohorts.groups(doc, normalizer) or study_named.interventions(doc, normalizer)
        for label, n, page, quote in named:
            model.add(label, n, page, quote, "study.named_intervention.v1", "text")
    _sized_again(model, study_text.sized_lists(doc))
    _canonical_names(model, normalizer)
    defined = study_cohorts.letter_definitions(doc)
    study_letters.letter_aliases(model, defined)
    study_letters.letter_descriptions(model, defined)
    model.population = study_text.population(doc)
    model.design = _design(doc, model)
    _roles(model, [g[0] for g in text_groups] or title_groups)
    return model


def _sized_again(model: StudyModel, lists: list[list[tuple[str, int]]]) -> None:
    """The arms named again by other names, each with its size ("the TAP group (n = 21) ... the control group
    (n = 21)" after "randomized to receive TAP blocks or wound infiltration"): each name resolving to a different
    arm, or one control word to the one arm left, gives its arm the size it lacks and another name."""
    for groups in lists:
        if len(groups) != len(model.arms) or all(a.n is not None for a in model.arms):
            continue
        found = [model.resolve(label) for label, _ in groups]
        left = [a for a in model.arms if a not in found]
        if found.count(None) == 1 and len(left) == 1 and cues.is_control(groups[found.index(None)][0]):
            found[found.index(None)] = left[0]
        if None in found or len({id(a) for a in found}) != len(found):
            continue
        for (label, n), arm in zip(groups, found, strict=True):
            if arm is not None and (arm.n is None or arm.n == n):
                arm.n = n
                if label not in arm.spellings and keys(label):
                    arm.spellings.append(label)
                    arm.key_sets.append(keys(label))


def _table_set(table_arms: Sequence[tuple[str, int | None, int | None, str]]) -> list[tuple[str, int | None]]:
    """Groups the tables show firmly: a name heading values in two or more tables, or printed with its n."""
    table_arms = [t for t in table_arms if not time_column(t[0])]  # "3 months follow-up" is a visit, not a group
    counts = Counter(keys(label) for label, *_ in table_arms)
    firm = {keys(label): (label, n) for label, n, *_ in table_arms if counts[keys(label)] >= 2 or n is not None}
    return list(firm.values()) if len(firm) >= 2 else []


def _agrees(text_groups: list, firm: list[tuple[str, int | None]], normalizer: Normalizer) -> bool:
    """The text's groups name (or size) at least two of the tables' firm groups, or the tables have none."""
    if not firm or not text_groups:
        return True
    probe = StudyModel(normalizer=normalizer)
    for label, n, *_ in text_groups:
        probe.add(label, n, source="text")
    hit = {a.arm_id for label, n in firm
           if (a := probe.resolve(label)) is not None
           or (n is not None and len(same := [b for b in probe.arms if b.n == n]) == 1 and (a := same[0]))}  # fmt: skip
    return len(hit) >= 2


def _canonical_names(model: StudyModel, normalizer: Normalizer) -> None:
    """An arm whose name the matcher knows only as a whole term ("Bolinto") takes that term's canonical name."""
    for arm in model.arms:
        if arm.arm != arm.label.lower():
            continue
        for kind in ARM_KINDS:
            term = normalizer.normalize(arm.label, kind)
            if term.canonical and term.canonical != "HSCT":
                arm.arm = term.canonical
                break


@cache
def _place() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:the\s+)?{study_cohorts.alternation('place_words')}\s*", re.I)


@cache
def _visit() -> re.Pattern[str]:
    return re.compile(study_cohorts.alternation("visit_words"), re.I)


@cache
def _time_words() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){study_cohorts.alternation('time_column_words')}(?![\w-])", re.I)


def time_column(label: str, bare: bool = False) -> bool:
    """ "3 months follow-up", "Randomization Visit", "Baseline": a column of a visit, not of a group. Only words of
    time and a visit word; a duration alone ("48-week", "3 h group") may name a group and is kept, unless ``bare``
    (the text named the groups, and "3 months" is none of them)."""
    s = _clean_label(label)
    if not bare and not _visit().search(s):
        return False
    rest = _time_words().sub(" ", s)
    return not re.search(r"[A-Za-z]", re.sub(r"\b(?:and|to|of|the|a|an|\d+(?:\.\d+)?)\b", " ", rest, flags=re.I))


def _believable(model: StudyModel, label: str, n: int | None, text_groups: list) -> bool:
    """A table column is an arm when the text's groups include it; when the text named no groups, any
    arm-like column is (the header model already asked for an n, a group-like name or a repeat), unless it
    names a visit ("3 months follow-up")."""
    if model.resolve(label) is not None:
        return True
    if time_column(label, bare=len(text_groups) >= 2) or _place().fullmatch(_clean_label(label)):
        return False
    if n is not None and _unique_n(model.arms, n):  # "SD48W, N = 94" is the text's 48-week group of 94
        return True
    return len(text_groups) < 2


def _is_base(arm: StudyArm, other: StudyArm) -> bool:
    """ "Hot" beside "Hot + Cooling", "Chemotherapy" beside "Chemotherapy plus rituximab": an add-on design's
    base arm, whose name is all of the other arm's name less a further treatment (a dose alone is no add-on)."""
    parts = [_parts(k) for k in arm.key_sets]
    return other is not arm and any(k and k < kb and drug_words(kb - k) for k in parts
                                    for kb in map(_parts, other.key_sets))  # fmt: skip


def _parts(k: frozenset[str]) -> frozenset[str]:
    """A name's words with hyphenated compounds split ("provider-school" -> "provider", "school")."""
    return frozenset(p for t in k for p in t.split("-") if p)


def _base_of_another(arm: StudyArm, arms: list[StudyArm]) -> bool:
    return any(_is_base(arm, b) for b in arms)


def _higher_dose(a: StudyArm, b: StudyArm) -> StudyArm | None:
    """ "SPN-804 1200 mg" and "SPN-804 2400 mg": one drug at two doses, the higher dose (None unless the drug
    words are the same and each name has one dose)."""
    for ka in a.key_sets:
        for kb in b.key_sets:
            da, db = drug_words(ka), drug_words(kb)
            na, nb = doses(ka), doses(kb)
            if da and da == db and len(na) == len(nb) == 1 and na != nb:
                return a if na[0] > nb[0] else b
    return None





def _negates_another(arm: StudyArm, arms: list[StudyArm]) -> bool:
    """ "No phone calls", "without cooling", "non-intervention": another arm's name with a negation in front."""
    for k in arm.key_sets:
        if not k & NEGATIONS:
            continue
        rest = k - NEGATIONS
        if rest and any(rest in b.key_sets for b in arms if b is not arm):
            return True
    return False





def _other_names(model: StudyModel, arm: StudyArm, names: list[str]) -> None:
    """A group's other names from the sentence that assigns it ("bilateral TAP blocks" for the TAP group), each
    unless it points at another arm."""
    for other in names:
        if keys(other) and model.resolve(other) in (None, arm) and other not in arm.spellings:
            arm.spellings.append(other)
            arm.key_sets.append(keys(other))


def _sized_columns(model: StudyModel, columns: list[tuple[str, int, int | None, str]]) -> None:
    """Table columns printed with their n that no text group names. A column of the drug of exactly one text
    arm that has no n is that arm at its daily dose ("Naproxen 1000 mg, n = 181" for "naproxen 500 mg twice
    daily"); else a column of an arm's drug at another dose is a further dose arm the text's list missed
    ("mg/day 2400, n = 123" beside "1200 mg"), and a control column is the control group the randomization
    sentence left out (a healthy reference group beside two randomized groups). Strata and subgroups
    ("Uncomplicated, n = 179") stay out."""
    for label, n, page, quote in columns:
        if model.resolve(label) is not None:
            continue
        drug = drug_words(keys(label))
        same = [a for a in model.arms if drug and any(drug & drug_words(k) for k in a.key_sets)]
        if len(same) == 1 and same[0].n is None and not any(a.n == n for a in model.arms):
            same[0].n = n
            same[0].spellings.append(label)
            same[0].key_sets.append(keys(label))
            continue
        dose = bool(same) and all(a.n is not None and a.n != n for a in same) and bool(numbers(keys(label)))
        control = cues.is_control(label) and not any(cues.is_control(s) for a in model.arms for s in a.spellings)
        if (dose or control) and not any(a.n == n for a in model.arms):
            model.add(label, n, page, quote, "study.table_header.v1", "table")


def _design(doc: Document, model: StudyModel) -> str:
    head = " ".join([doc.title or ""] + [b.text for b in doc.blocks if b.section in ("abstract", "methods")])
    if len(model.arms) <= 1:
        return "single" if model.arms else "unknown"
    head = _not_randomized().sub(" ", head)
    if _RANDOMIZING.search(head):
        return "rct"  # "were randomly assigned", "randomized to": the act itself
    return "rct" if re.search(r"\brandomi[sz]", head, re.I) and not _nonrandom_design().search(head) else "cohorts"


_RANDOMIZING = re.compile(r"\brandomly\s+(?:assigned|allocated|allotted|divided|distributed|selected\s+to)|"
                          r"\brandomi[sz]ed\s+(?:to|into|in)\b|"
                          r"\bwere\s+randomi[sz]ed\b", re.I)  # fmt: skip


@cache
def _not_randomized() -> re.Pattern[str]:
    return re.compile(rf"\b{lexicon.alternation('not_randomized')}", re.I)


@cache
def _nonrandom_design() -> re.Pattern[str]:
    """ "A retrospective study of patients treated with A or B": groups compared, not randomized (unless the
    paper tells the randomizing act itself: a retrospective analysis of a randomized trial stays a trial)."""
    return re.compile(rf"\b{lexicon.alternation('nonrandom_designs')}\b", re.I)


def _roles(model: StudyModel, order: list[str]) -> None:
    if not model.arms:
        return
    if len(model.arms) == 1:
        model.arms[0].role, model.arms[0].role_basis = "single", "single"
        return
    controls, basis = _controls(model, order)
    if model.design == "cohorts" and basis in ("listed", "last"):
        controls = []  # cohorts compared with none named a control: no convention makes one (the first is the index)
    for a in model.arms:
        a.role = "control" if a in controls else "experimental"
        a.role_basis = basis if a in controls else ""


def _controls(model: StudyModel, order: list[str]) -> tuple[list[StudyArm], str]:
    """The control arms and why they are the control."""
    controls = [a for a in model.arms if any(cues.is_control(s) for s in a.spellings)]
    if len(controls) == len(model.arms) and len(controls) > 1:  # "active control" and "placebo control"
        controls = [a for a in controls if any(re.search(r"placebo|sham|usual|standard|no\b", s, re.I)
                                               for s in a.spellings)]  # fmt: skip
    if controls:
        return controls, "named"
    # "No phone calls" beside "Phone calls": the arm without the intervention is the control
    controls = [a for a in model.arms if _negates_another(a, model.arms)]
    if controls:
        return controls, "negated"
    bases = [a for a in model.arms if _base_of_another(a, model.arms)]
    if len(bases) == 1:  # an add-on design: the arm without the add-on is the control, when exactly one is
        return bases, "base"
    last = model.resolve(order[-1]) if order else None
    if last is not None:
        return [last], "listed"
    return [model.arms[-1]], "last"  # papers name the intervention first and the comparator last
