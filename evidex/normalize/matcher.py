"""The matching cascade (filled by the normalize issue)."""

from __future__ import annotations

from evidex.models import Mention, Term


class Matcher:
    @classmethod
    def from_package(cls) -> Matcher:
        return cls()

    def normalize(self, raw: str, kind: str | None = None, context: str = "", page: int | None = None) -> Term:
        return Term(raw=raw, canonical=None, kind=kind or "", note="no vocabulary loaded")

    def components(self, raw: str, context: str = "", page: int | None = None) -> tuple[Term, ...]:
        return (self.normalize(raw, "regimen", context, page),)

    def mentions(self, text: str, kinds: tuple[str, ...] = (), page: int | None = None) -> tuple[Mention, ...]:
        return ()
