"""One lookup for a piece cut out of a longer name (Cascade.open_alias), and one list of the verbs of going on to a
transplant that the normalizer and the text reader both read (evidex/data/procedure_verbs.yaml). Invented text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evidex.evidence.text import cues
from evidex.normalize import outcome_forms
from evidex.normalize.cascade import Query
from evidex.normalize.matcher import Matcher

VERBS_FILE = Path(outcome_forms.__file__).parents[1] / "data" / "procedure_verbs.yaml"


def _query(kinds: tuple[str, ...], context: str = "") -> Query:
    return Query("", "", None, kinds, context, frozenset())


def test_open_alias_names_the_concept_of_a_piece(matcher: Matcher) -> None:
    alias = matcher.cascade.open_alias(_query(("outcome",)), "overall survival")
    assert alias is not None and alias.concept.canonical == "OS"


def test_open_alias_refuses_an_unknown_piece(matcher: Matcher) -> None:
    assert matcher.cascade.open_alias(_query(("outcome",)), "quality of the hospital food") is None


def test_both_stages_read_the_same_verb_file() -> None:
    assert outcome_forms.PROCEDURE_VERBS.resolve() == cues.PROCEDURE_VERBS.resolve() == VERBS_FILE.resolve()


@pytest.mark.parametrize("verb", ["underwent", "undergoing", "proceeded to", "proceeding to", "bridged to",
                                  "went on to receive", "subsequently underwent"])
def test_every_verb_reaches_the_transplant_in_both_stages(matcher: Matcher, verb: str) -> None:
    assert verb.split()[0] in " ".join(yaml.safe_load(VERBS_FILE.read_text(encoding="utf-8"))["verbs"])
    term = matcher.normalize(f"Patients who {verb} allogeneic HSCT", "outcome")
    assert (term.kind, term.canonical) == ("outcome", "HSCT")
    found = cues.qualifiers(f"Among the 14 patients who {verb} allogeneic HSCT, 9 remained in remission.")
    assert [c.value for c in found] == ["HSCT"]
