"""The Matcher: evidex's ``Normalizer`` over the packaged vocabulary.

    m = Matcher.from_package()
    m.normalize("Bellinto", "drug")          # blinatumomab, method phonetic
    m.components("CCNU + FLAG + BuCy")      # lomustine, fludarabine, cytarabine, G-CSF, busulfan, ...
    m.mentions("... the berintuo-treated group ...", kinds=("drug",))
"""

from __future__ import annotations

from functools import cached_property

from evidex.models import Mention, Term
from evidex.normalize.cascade import Cascade
from evidex.normalize.mentions import Scanner
from evidex.normalize.regimens import Components, split
from evidex.normalize.vocab import Vocabulary, load_vocabulary

_MEMO_LIMIT = 200_000


class Matcher:
    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.cascade = Cascade(vocab)
        self._components = Components(self.cascade)
        self._memo: dict[tuple[str, str | None, str], Term] = {}

    @classmethod
    def from_package(cls) -> Matcher:
        return cls(load_vocabulary())

    @property
    def version(self) -> str:
        return self.vocab.version

    @cached_property
    def _scanner(self) -> Scanner:
        return Scanner(self.vocab, self.cascade, self._resolve)

    def _resolve(self, raw: str, kind: str | None, context: str) -> Term:
        memo_key = (raw, kind, context)
        if memo_key not in self._memo:
            if len(self._memo) > _MEMO_LIMIT:  # a long batch in one worker must not grow without bound
                self._memo.clear()
            self._memo[memo_key] = self.cascade.resolve(raw, kind, context)
        return self._memo[memo_key]

    def normalize(self, raw: str, kind: str | None = None, context: str = "", page: int | None = None) -> Term:
        return self._resolve(raw, kind, context)

    def components(self, raw: str, context: str = "", page: int | None = None,
                   kind: str | None = None) -> tuple[Term, ...]:
        """One Term per component of a regimen or therapy string; ``kind`` narrows what a part may be."""
        return self._components.expand(raw, context, kind)

    def mentions(self, text: str, kinds: tuple[str, ...] = (), page: int | None = None) -> tuple[Mention, ...]:
        return self._scanner.scan(text, tuple(kinds))

    def explain(self, term: str, context: str = "") -> tuple[Term, ...]:
        """What ``evidex normalize TERM`` prints: a regimen -> one row per component, else one row."""
        single = self.normalize(term, None, context)
        is_regimen = single.kind == "regimen" or self._components.regimen(term) is not None
        if is_regimen or (len(split(term)) > 1 and not single.mapped):
            return self.components(term, context)
        return (single,)
