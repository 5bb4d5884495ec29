"""The matching cascade: exact -> synonym/normalized -> abbreviation (context-gated) -> qualifiers
dropped ("2-year", "CD19", "mesylate") -> structured parsers (fusions, lab directions) -> "Name (Brand)"
-> several terms refused -> truncation (context only) -> OCR confusions -> phonetic/transliteration -> fuzzy.

Each step either decides (a mapped Term, or an unmapped Term saying why it refuses), or passes
(None) to the next. The last three steps only accept a candidate that is clearly better than the
best candidate of any other concept and that fits the context; a wrong drug is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from evidex.models import Term
from evidex.normalize import ocr, outcome_forms, phonetic
from evidex.normalize.context import gate_open, tags
from evidex.normalize.parsers import LabPhrases, parse_fusion
from evidex.normalize.phonetic import Form
from evidex.normalize.qualifiers import DRUG_TAIL, GRADING_TAIL, MODIFIERS, OUTCOME_LEAD, OUTCOME_TAIL, PARENS
from evidex.normalize.text import clean, compact, key, letters
from evidex.normalize.vocab import Alias, Concept, Vocabulary

# When no kind is asked, earlier kinds win a tie ("HSCT" is the therapy, "CRS" the outcome before the AE).
KIND_ORDER = ("drug", "regimen", "therapy", "outcome", "ae", "procedure", "fusion", "grading_system", "subgroup",
              "donor", "graft_source")
SEARCH: dict[str | None, tuple[str, ...]] = {
    None: KIND_ORDER,
    "": KIND_ORDER,
    "therapy": ("therapy", "drug"),
    "regimen": ("regimen", "drug", "procedure"),
    "drug": ("drug",),
    # one part of a regimen or therapy cell ("CCNU", "FLAG", "Chemotherapy", "BM")
    "component": ("regimen", "drug", "procedure", "therapy", "graft_source"),
}
# Kind names callers may use for the same thing; an unknown kind searches every kind rather than none.
KIND_ALIASES = {"graft": "graft_source", "source": "graft_source", "adverse_event": "ae", "aes": "ae",
                "grading": "grading_system", "gene": "fusion", "fusion_gene": "fusion", "conditioning": "regimen",
                "treatment": "therapy", "prior_therapy": "therapy", "post_therapy": "therapy"}
_SUFFIXES = (("mab", "mab"), ("tinib", "tinib"), ("nib", "tinib"), ("leucel", "leucel"), ("abine", "abine"),
             ("rubicin", "rubicin"))
# Words a machine translation adds to a transliterated antibody name (欧 -> "Euro", 单抗 -> "monoclonal").
MT_TAIL = re.compile(r"(?:[\s-]+(?:euro|ou|monoclonal|antibody|antibodies|single|anti|mab|mAb))+$", re.IGNORECASE)
MIN_PHONETIC, MIN_MARGIN = 0.78, 0.08


@dataclass(frozen=True, slots=True)
class Query:
    raw: str
    text: str
    kind: str | None
    kinds: tuple[str, ...]
    context: str
    active: frozenset[str]


class Cascade:
    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.labs = LabPhrases(vocab)
        self.forms = phonetic.build_forms(vocab)
        self._fuzzy_choices: dict[tuple[str, ...], tuple[list[str], list[Alias]]] = {}
        self._words: frozenset[str] | None = None
        self.steps: tuple[Callable[[Query], Term | None], ...] = (
            self.lookup, self.modifiers, self.parsers, self.parenthetical, self.slashed, self.several, self.truncation,
            self.unconfirmed_truncation, self.ocr, self.phonetic, self.fuzzy, self.fuzzy_outcome_form,
        )

    # -- entry point -------------------------------------------------------------------------
    def resolve(self, raw: str, kind: str | None = None, context: str = "") -> Term:
        text = clean(raw)
        kind = KIND_ALIASES.get(kind or "", kind)
        kinds = SEARCH.get(kind) or ((kind,) if kind in KIND_ORDER else KIND_ORDER)
        query = Query(raw, text, kind, kinds, context, tags(context, kind))
        if not re.search(r"[A-Za-z\u4e00-\u9fff]", text) and text not in {"-"}:
            return self.unmapped(query, "no letters to match")
        for step in self.steps:
            term = step(query)
            if term is not None:
                return term
        return self.unmapped(query, "no vocabulary entry, OCR, phonetic or fuzzy candidate")

    def guess_drug(self, raw: str) -> Term | None:
        """Only the transliteration and fuzzy steps, for unknown words in running text next to a treatment cue."""
        query = Query(raw, clean(raw), "drug", ("drug",), "", frozenset())
        return self.phonetic(query) or self.fuzzy(query)

    # -- terms -------------------------------------------------------------------------------
    def term(self, q: Query, concept: Concept, method: str, score: float, alias: str, note: str = "") -> Term:
        code_system, code = concept.code_system, concept.code
        if concept.kind == "outcome":
            code_system, code = "evidex", concept.canonical
        if concept.kind == "regimen" and not note:
            note = f"components: {concept.note}"
        return Term(raw=q.raw, canonical=concept.canonical, kind=concept.kind, code_system=code_system, code=code,
                    method=method, score=round(score, 3), alias=alias, other_codes=concept.other_codes,
                    vocab_version=self.vocab.version, note=note or concept.note)

    def unmapped(self, q: Query, note: str) -> Term:
        kind = q.kind if q.kind in KIND_ORDER else ""
        return Term(raw=q.raw, canonical=None, kind=kind or "", vocab_version=self.vocab.version, note=note)

    # -- step 1-3: exact, synonym, abbreviation ---------------------------------------------
    def hits(self, q: Query, text: str) -> tuple[list[Alias], list[Alias]]:
        """Aliases of the searched kinds whose key equals the text's key: (gate open, gate closed)."""
        found = [a for a in self.vocab.by_key.get(key(text), []) if a.concept.kind in q.kinds]
        if not found:
            found = [a for a in self.vocab.by_compact.get(compact(text), []) if a.concept.kind in q.kinds]
        if len(text) <= 3 and text.isupper():
            # "ALL" is the disease, not the word "all": a short upper-case token never matches a lower-case word.
            found = [a for a in found if not a.text.islower()]
        is_open = [a for a in found if gate_open(a.gate, q.active, a.concept.kind, q.kind)]
        return is_open, [a for a in found if a not in is_open]

    def pick(self, q: Query, aliases: list[Alias]) -> tuple[Alias | None, str]:
        """The alias of the best-ranked kind; ambiguity inside one kind is refused."""
        rank = min(q.kinds.index(a.concept.kind) for a in aliases)
        best = [a for a in aliases if q.kinds.index(a.concept.kind) == rank]
        concepts = {a.concept.canonical for a in best}
        if len(concepts) > 1:
            return None, "ambiguous: " + " | ".join(sorted(concepts))
        best.sort(key=lambda a: (a.type != "canonical", bool(a.gate)))
        return best[0], ""

    def open_alias(self, q: Query, text: str) -> Alias | None:
        """The alias ``text`` names through an open gate, or None (no such alias, or a tie inside one kind): the
        lookup of a piece cut out of a longer text (qualifiers dropped, a time or a verb taken off)."""
        is_open, _ = self.hits(q, text)
        return self.pick(q, is_open)[0] if is_open else None

    def lookup(self, q: Query) -> Term | None:
        is_open, closed = self.hits(q, q.text)
        if not is_open:
            if closed and not self.truncation(q):
                readings = "; ".join(sorted({f"{a.concept.canonical} ({a.gate})" for a in closed}))
                return self.unmapped(q, f"abbreviation needs context: {readings}")
            return None
        alias, why = self.pick(q, is_open)
        if alias is None:
            return self.unmapped(q, why)
        return self.term(q, alias.concept, *self.method_for(q.text, alias), alias.text, alias.note)

    @staticmethod
    def method_for(text: str, alias: Alias) -> tuple[str, float]:
        if alias.type == "canonical" and text.lower() == alias.text.lower():
            return "exact", 1.0
        if alias.type == "abbreviation":
            return "abbreviation", 0.9 if alias.gate else 0.95
        return "synonym", 0.97

    def modifiers(self, q: Query) -> Term | None:
        """Drop counts, antigen targets and qualifiers ("one-time CD19/CD22 CAR-T" -> CAR-T), and for outcomes
        landmarks and summary words ("2-year overall survival" -> OS)."""
        candidates = [MODIFIERS.sub("", q.text)]
        if "drug" in q.kinds:
            candidates += [DRUG_TAIL.sub("", q.text), DRUG_TAIL.sub("", candidates[0])]
        if "grading_system" in q.kinds:
            candidates.append(GRADING_TAIL.sub("", q.text))
        if "outcome" in q.kinds:
            lead = OUTCOME_LEAD.sub("", q.text)
            candidates += [lead, OUTCOME_TAIL.sub("", q.text), OUTCOME_TAIL.sub("", lead)]
        for stripped in dict.fromkeys(candidates):
            if stripped == q.text or not stripped:
                continue
            alias = self.open_alias(q, stripped)
            if alias is not None:
                return self.term(q, alias.concept, "synonym", 0.93, alias.text, f"qualifiers dropped: {q.text!r}")
        return self.outcome_form(q) if "outcome" in q.kinds else None

    def outcome_form(self, q: Query) -> Term | None:
        """An outcome written with its time of measurement, its result word first, a verb of getting to a
        procedure or a glued footnote letter (``outcome_forms``); such a form may only name an outcome."""
        oq = replace(q, kinds=("outcome",))
        for form in outcome_forms.variants(q.text, self.known_word):
            for text in dict.fromkeys((form, OUTCOME_TAIL.sub("", OUTCOME_LEAD.sub("", form)))):
                alias = self.open_alias(oq, text)
                if alias is not None:
                    return self.term(q, alias.concept, "synonym", 0.93, alias.text, f"outcome written as {q.text!r}")
            concept = self._procedure_outcome(q, outcome_forms.procedure(form))
            if concept is not None:
                return self.term(q, concept, "synonym", 0.93, concept.canonical, f"procedure reached: {q.text!r}")
        return None

    def _procedure_outcome(self, q: Query, rest: str) -> Concept | None:
        """The outcome named like the therapy ``rest`` is ("HSCT" reached is the outcome HSCT)."""
        if not rest:
            return None
        tq = replace(q, kinds=("therapy",), active=q.active | {"therapy"})
        for text in dict.fromkeys((rest, MODIFIERS.sub("", rest))):
            alias = self.open_alias(tq, text)
            if alias is not None:
                return self.vocab.concept("outcome", alias.concept.canonical)
        return None

    def known_word(self, word: str) -> bool:
        """Whether ``word`` is a word of some vocabulary entry."""
        if self._words is None:
            self._words = frozenset(w for a in self.vocab.aliases for w in key(a.text).split())
        return key(word) in self._words

    # -- step 4: structured parsers ----------------------------------------------------------
    def parsers(self, q: Query) -> Term | None:
        parsed = None
        if "fusion" in q.kinds:
            parsed = parse_fusion(self.vocab, q.text)
        if parsed is None and "ae" in q.kinds:
            parsed = self.labs.parse(q.text)
        if parsed is None:
            return None
        return self.term(q, parsed.concept, parsed.method, parsed.score, parsed.alias, parsed.note)

    def parenthetical(self, q: Query) -> Term | None:
        """"Ponatinib (Iclusig)", "Inotuzumab Ozogamicin (InO)": the name outside decides; the part inside
        may confirm it but must not name another concept."""
        match = PARENS.match(q.text)
        if not match:
            return None
        outside = self.resolve(match.group("out"), q.kind, q.context)
        if not outside.mapped or outside.method in {"phonetic", "fuzzy"}:
            return None
        inside = self.resolve(match.group("in"), q.kind, q.context)
        if inside.mapped and inside.canonical != outside.canonical:
            return self.unmapped(q, f"name and parenthesis disagree: {outside.canonical} | {inside.canonical}")
        note = "confirmed by the parenthesis" if inside.mapped else "parenthesis ignored"
        return replace(outside, raw=q.raw, note=note)

    def slashed(self, q: Query) -> Term | None:
        """ "Sinusoidal obstruction syndrome/veno-occlusive disease", "VOD/SOS": two names of one concept joined by
        a slash are that concept; two concepts ("CRS/ICANS", "Flu/Mel") are left to the later steps."""
        parts = [p.strip() for p in q.text.split("/")]
        if len(parts) != 2 or any(len(letters(p)) < 2 for p in parts):
            return None
        terms = [self.resolve(p, q.kind, q.context) for p in parts]
        sure = all(t.mapped and t.method in ("exact", "synonym", "abbreviation") for t in terms)
        if not sure or len({(t.kind, t.canonical) for t in terms}) != 1:
            return None
        return replace(terms[0], raw=q.raw, method="synonym", score=min(0.95, *(t.score or 0.0 for t in terms)),
                       note=f"both names of {q.text!r} name it")

    @staticmethod
    def _several(text: str) -> bool:
        return bool(re.search(r"\s\+|\+\s|\w\+\w|;|,|\s(?:and|plus|with)\s", text))

    def several(self, q: Query) -> Term | None:
        """A cell holding several terms ("Chemotherapy + CAR-T") is not guessed at as one: components() splits it."""
        if self._several(q.text):
            return self.unmapped(q, "several terms in one string: use components()")
        return None

    # -- step 5: OCR confusions --------------------------------------------------------------
    def ocr(self, q: Query) -> Term | None:
        n = len(re.sub(r"[^a-z0-9]", "", q.text.lower()))
        if n < 3 or len(q.text) > 30:
            return None
        edits = 1 if n <= 4 or len(q.text) > 16 else 2
        found: dict[str, tuple[int, Alias, str]] = {}
        for variant, used in sorted(ocr.variants(q.text, edits).items(), key=lambda kv: kv[1]):
            is_open, _ = self.hits(q, variant)
            for alias in is_open:
                found.setdefault(alias.concept.canonical, (used, alias, variant))
        if not found:
            return None
        fewest = min(used for used, _, _ in found.values())
        best = [(alias, variant) for used, alias, variant in found.values() if used == fewest]
        if len(best) != 1:
            return None
        alias, variant = best[0]
        note = f"OCR confusion: read {q.text!r} as {alias.text!r}"
        return self.term(q, alias.concept, "ocr", 0.9 - 0.05 * (fewest - 1), alias.text, note)

    # -- step 6: truncation, only when the context names the completion --------------------
    def truncation(self, q: Query) -> Term | None:
        if not q.context or not 2 <= len(q.text) <= 12:
            return None
        candidates = self._context_concepts(q)
        stems = {letters(q.text), *(letters(v) for v in ocr.variants(q.text, 2))}
        matched = {
            c.canonical: (c, name)
            for c, names in candidates.items()
            for name in names
            for s in stems
            if len(s) >= 2 and len(name) > len(s) and name.startswith(s)
        }
        if len(matched) == 1:
            concept, name = next(iter(matched.values()))
            return self.term(q, concept, "ocr", 0.8, name, f"truncated {q.text!r} completed from context")
        return None

    def unconfirmed_truncation(self, q: Query) -> Term | None:
        """A stem of a regimen or therapy name that the context does not confirm is refused, not guessed at."""
        stem = letters(q.text)
        if len(stem) < 3 or not {"regimen", "therapy"} & set(q.kinds):
            return None
        names = {a.concept.canonical for a in self.vocab.aliases
                 if a.concept.kind in {"regimen", "therapy"} and len(letters(a.text)) > len(stem)
                 and letters(a.text).startswith(stem)}
        if not names:
            return None
        return self.unmapped(q, f"possible truncation of {' | '.join(sorted(names))}; context does not confirm")

    def _context_concepts(self, q: Query) -> dict[Concept, set[str]]:
        found: dict[Concept, set[str]] = {}
        for piece in re.split(r"[;,|\n+/]|\s{2,}", q.context):
            piece = piece.strip()
            if not piece or compact(piece) == compact(q.text):
                continue
            is_open, _ = self.hits(q, piece)
            for alias in is_open:
                found.setdefault(alias.concept, set()).update({letters(alias.text), letters(piece)})
        return found

    # -- step 7: phonetic / transliteration --------------------------------------------------
    def phonetic(self, q: Query) -> Term | None:
        if "drug" not in q.kinds:
            return None
        for stem in dict.fromkeys(self._stems(q.text)):
            term = self._phonetic_stem(q, stem)
            if term is not None:
                return term
        return None

    @staticmethod
    def _stems(text: str) -> list[str]:
        """The name without MT tails and usage words; a -mab glued to a transliteration is a tail too."""
        stem = DRUG_TAIL.sub("", MT_TAIL.sub("", text))
        return [stem, re.sub(r"(?i)(?<=[a-z]{5})-?mab$", "", stem)]

    def _phonetic_stem(self, q: Query, stem: str) -> Term | None:
        if len(letters(stem)) < 5 or len(stem.split()) > 2 or re.search(r"\d", stem):
            return None
        ranked = phonetic.ranked(stem, self.forms)
        best = ranked[0] if ranked else None
        # English names compete (any_score) but never win here: their misspellings are the fuzzy step's job.
        if best is None or best.form is None or best.score < MIN_PHONETIC or not self._sounds_alike(stem, best.form):
            return None
        runner = max((h.any_score for h in ranked[1:]), default=0.0)
        if best.score - runner < MIN_MARGIN or not self._fits(stem, best.concept):
            return None
        note = f"phonetic key of {stem!r} ~ {best.form.source!r}; runner-up score {runner:.2f}"
        return self.term(q, best.concept, "phonetic", best.score, best.form.source, note)

    @staticmethod
    def _sounds_alike(text: str, form: Form) -> bool:
        """Same first sound, and every consonant of the matched syllables present in order (so that a shorter
        word like "Bellini" does not stand for bei-lin-tuo)."""
        k = phonetic.phonetic_key(text)
        return bool(k) and k[0] == form.key[0] and phonetic.consonants(k).startswith(phonetic.consonants(form.key))

    def _fits(self, text: str, concept: Concept) -> bool:
        """Stem class must agree (a -mab never becomes a -tinib) and the text must not be the start of another drug."""
        word = letters(text)
        suffix = next((cls for end, cls in _SUFFIXES if word.endswith(end)), "")
        if suffix and suffix != concept.suffix_class:
            return False
        others = (c for c in self.vocab.kinds_of("drug") if c != concept)
        return not any(len(word) >= 4 and letters(c.canonical).startswith(word) for c in others)

    # -- step 8: fuzzy -----------------------------------------------------------------------
    def _choices(self, kinds: tuple[str, ...]) -> tuple[list[str], list[Alias]]:
        if kinds not in self._fuzzy_choices:
            pairs = [(key(a.text), a) for a in self.vocab.aliases
                     if a.concept.kind in kinds and not a.gate and len(key(a.text)) >= 5]
            self._fuzzy_choices[kinds] = ([k for k, _ in pairs], [a for _, a in pairs])
        return self._fuzzy_choices[kinds]

    def fuzzy_outcome_form(self, q: Query) -> Term | None:
        """A misspelled outcome inside one of its written forms ("I-II degree chonic GVHD"): the fuzzy step on the
        form without its grade or time, for outcomes only."""
        if "outcome" not in q.kinds:
            return None
        for form in outcome_forms.variants(q.text, self.known_word)[1:]:
            term = self.fuzzy(replace(q, text=form, kinds=("outcome",)))
            if term is not None:
                return replace(term, note=f"{term.note}; outcome written as {q.text!r}")
        return None

    def fuzzy(self, q: Query) -> Term | None:
        k = key(MT_TAIL.sub("", q.text) if "drug" in q.kinds else q.text)
        if len(k.replace(" ", "")) < 5:
            return None
        keys, aliases = self._choices(q.kinds)
        best: dict[str, tuple[float, Alias]] = {}
        for _, score, i in process.extract(k, keys, scorer=fuzz.ratio, limit=20, score_cutoff=60):
            name = aliases[i].concept.canonical
            if name not in best or score > best[name][0]:
                best[name] = (score, aliases[i])
        ranked = sorted(best.values(), key=lambda sa: -sa[0])
        if not ranked:
            return None
        score, alias = ranked[0]
        runner = ranked[1][0] if len(ranked) > 1 else 0.0
        threshold = 85 if len(k) >= 12 else (88 if len(k) >= 8 else 92)
        if score < threshold or score - runner < 6:
            return None
        if alias.concept.kind == "drug" and not self._fits(k, alias.concept):
            return None
        note = f"fuzzy ratio {score:.0f} to {alias.text!r}; runner-up {runner:.0f}"
        return self.term(q, alias.concept, "fuzzy", score / 100, alias.text, note)
