"""The interventions a study's title (or, without one, its objective) names, for studies whose groups no
sentence sizes: one for a single-arm study ("Blinatumomab in children with relapsed B-ALL"), two or more for
"efficacy of X and Y in ...". "X combined with Y" is X; a title that compares ("versus", "randomized") names
no single arm here (the title's "X versus Y" is read by study_text.title_groups)."""

from __future__ import annotations

import re

from evidex.evidence.study_text import Group, population, sentences
from evidex.models import Document, Normalizer

_COMBINED = re.compile(r"\b(?:combined with|plus|in combination with|followed by|bridging(?: to)?|with)\b|\+", re.I)
_COMPARATIVE = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|randomi[sz]ed|randomly)\b", re.I)
_ARM_KINDS = ("drug", "therapy", "regimen")
_NOT_ARMS = frozenset({"HSCT"})  # a transplant is a subgroup of an arm unless the study is about nothing else


_OBJECTIVE = re.compile(r"\b(?:objectives?|aims?|purpose|to (?:evaluate|compare|assess|investigate|observe|"
                        r"determine|explore|analy[sz]e)|we (?:evaluated|compared|assessed|investigated|report))\b",
                        re.I)  # fmt: skip


def single_arm(doc: Document, normalizer: Normalizer) -> Group | None:
    """The one intervention of a single-group study, named in the title (or the abstract's first sentences,
    when there is no title): "Blinatumomab in children with relapsed B-ALL". "X combined with Y" is X;
    a title or opening that compares ("versus", "randomized") names no single arm."""
    found = interventions(doc, normalizer)
    return found[0] if len(found) == 1 else None


def interventions(doc: Document, normalizer: Normalizer) -> list[Group]:
    """The interventions the title (or, without one, the abstract's objective) names: one for a single-arm
    study, two or more for a study of groups that no sentence sizes ("efficacy of X and Y in ...")."""
    texts = [doc.title] if doc.title and len(doc.title.split()) >= 2 else []
    if not texts:
        first = [b for b in doc.blocks if b.kind == "paragraph" and b.section in ("abstract", "methods", "results")]
        head = sentences(first[0].text)[:2] if first else []
        texts = [" ".join(head)] if head and _OBJECTIVE.search(" ".join(head)) else []
    if not texts or _COMPARATIVE.search(texts[0]):
        return []
    text = texts[0]
    if doc.title and text == doc.title:  # "X in adults in remission after chemotherapy": the head names the arm
        lead = re.split(r"\s+(?:in|for|among|after|following|before|as)\s+(?!combination)", text, maxsplit=1)[0]
        named = _named(lead, normalizer)
        # "Outcomes of transplantation after CAR-T cells": a head that names no treatment (or only the
        # transplant) leaves the arm to the rest of the title
        if [c for c, _ in named if c not in _NOT_ARMS]:
            return _as_groups(doc, named, lead)
    return _as_groups(doc, _named(text, normalizer), text)


def _named(text: str, normalizer: Normalizer) -> list[tuple[str, str]]:
    """The treatments a text names (canonical, as written), one per treatment; "X combined with Y" is X."""
    found: list[tuple[str, str]] = []
    previous_end = None
    for m in normalizer.mentions(text, _ARM_KINDS):
        canon = m.term.canonical
        joined = previous_end is not None and _COMBINED.search(text[previous_end : m.start])
        previous_end = m.end
        if canon and not joined and canon not in [c for c, _ in found]:
            found.append((canon, text[m.start : m.end]))
    return found


def _as_groups(doc: Document, found: list[tuple[str, str]], quote: str) -> list[Group]:
    kept = [f for f in found if f[0] not in _NOT_ARMS] or found
    n = population(doc) if len(kept) == 1 else None
    return [(label, n, None, quote) for _, label in kept]
