"""Normalize stage: what papers write -> canonical concepts with codes.

``load()`` gives the process-wide matcher; ``Recorder`` wraps it for one study
so that every decision the other stages ask for becomes a row of terms.csv.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache

from evidex.models import Mention, Normalizer, Term
from evidex.normalize.matcher import Matcher

__all__ = ["Matcher", "Recorder", "explain", "load"]


@lru_cache(maxsize=1)
def load() -> Matcher:
    return Matcher.from_package()


def explain(term: str, context: str = "") -> tuple[Term, ...]:
    """The rows ``evidex normalize TERM`` prints: a regimen -> one row per component; anything else -> one row;
    unknown -> one row with ``canonical`` empty."""
    return load().explain(term, context)


class Recorder:
    """A ``Normalizer`` that remembers each decision, stamped with the study and page."""

    def __init__(self, base: Normalizer, study_id: str) -> None:
        self.base, self.study_id = base, study_id
        self._seen: dict[tuple[str, str, int | None], Term] = {}
        self._probing = 0

    @contextmanager
    def probing(self) -> Iterator[None]:
        """Questions asked to find out what a string is (is this cell a donor? is "CHEMOTHETAPY" an OCR form of a
        known word?): an answer that names something is a decision and is kept; "not that" is not one, and would
        otherwise reach the reviewer as an unmapped term the paper never printed."""
        self._probing += 1
        try:
            yield
        finally:
            self._probing -= 1

    def _keep(self, term: Term, page: int | None) -> Term:
        term = replace(term, study_id=self.study_id, page=page)
        if self._probing and not term.canonical:
            return term
        self._seen.setdefault((term.raw, term.canonical or "", page), term)
        return term

    def normalize(self, raw: str, kind: str | None = None, context: str = "", page: int | None = None) -> Term:
        return self._keep(self.base.normalize(raw, kind, context, page), page)

    def components(self, raw: str, context: str = "", page: int | None = None,
                   kind: str | None = None) -> tuple[Term, ...]:
        if kind is None:
            found = self.base.components(raw, context, page)
        else:  # the packaged Matcher can narrow what a part may be; other Normalizers cannot
            found = self.base.components(raw, context, page, kind=kind)  # type: ignore[call-arg]
        return tuple(self._keep(t, page) for t in found)

    def mentions(self, text: str, kinds: tuple[str, ...] = (), page: int | None = None) -> tuple[Mention, ...]:
        found = self.base.mentions(text, kinds, page)
        return tuple(Mention(m.start, m.end, self._keep(m.term, page)) for m in found)

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(self._seen.values())
