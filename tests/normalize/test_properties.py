"""Properties (hypothesis): normalization is idempotent, case-insensitive for names, total on any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evidex.normalize import load
from evidex.normalize.vocab import Alias

MATCHER = load()
NAMES: list[Alias] = [a for a in MATCHER.vocab.aliases
                      if a.type in {"canonical", "synonym", "brand"} and not a.gate and len(a.text) >= 5
                      and a.text.isascii()]
KINDS = st.sampled_from([None, "drug", "ae", "outcome", "therapy", "regimen", "fusion", "subgroup"])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES))
def test_every_name_maps_to_its_own_concept(alias: Alias) -> None:
    term = MATCHER.normalize(alias.text, alias.concept.kind)
    assert term.canonical == alias.concept.canonical


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from([str.upper, str.lower, str.title, str.swapcase]))
def test_names_are_case_insensitive(alias: Alias, change) -> None:  # noqa: ANN001
    assert MATCHER.normalize(change(alias.text), alias.concept.kind).canonical == alias.concept.canonical


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES))
def test_idempotent(alias: Alias) -> None:
    first = MATCHER.normalize(alias.text, alias.concept.kind)
    again = MATCHER.normalize(first.canonical or "", alias.concept.kind)
    assert again.canonical == first.canonical


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), KINDS)
def test_any_input_gives_one_term(raw: str, kind: str | None) -> None:
    term = MATCHER.normalize(raw, kind)
    assert term.raw == raw
    assert term.mapped == bool(term.method)
    if term.mapped:
        again = MATCHER.normalize(term.canonical or "", term.kind)
        assert again.canonical == term.canonical


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(NAMES + [Alias("berintuo", NAMES[0].concept)]), max_size=6),
       st.lists(st.sampled_from([" ", ", ", " and ", "; ", " with ", ". "]), min_size=6, max_size=6))
def test_mentions_are_well_formed(parts: list[Alias], seps: list[str]) -> None:
    text = "".join(p.text + s for p, s in zip(parts, seps, strict=False))
    found = MATCHER.mentions(text)
    assert all(0 <= m.start < m.end <= len(text) for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
