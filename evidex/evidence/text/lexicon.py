"""The language cues of the text reader, from ``evidence/data/lexicon.yaml``: word lists become regexes here.

Grammar (how numbers, brackets and lists are written) stays in code; the words that signal a
background sentence, a group, a population or a citation live in the data file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parents[1] / "data" / "lexicon.yaml"


@cache
def data() -> dict[str, Any]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def words(name: str) -> list[str]:
    return list(data()[name])


def alternation(name: str) -> str:
    """The list as one non-capturing alternation, longest entries first."""
    return "(?:" + "|".join(sorted(words(name), key=len, reverse=True)) + ")"


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The list as a case-insensitive regex matching any entry at word boundaries."""
    return re.compile(rf"(?<![\w-]){alternation(name)}(?![\w])", re.I)


@cache
def _section_label() -> re.Pattern[str]:
    alts = [rf"(?P<{name}>{'|'.join(entries)})" for name, entries in data()["section_labels"].items()]
    return re.compile(rf"^\s*(?:{'|'.join(alts)})(?P<sep>\s*[:.]|\s*[-–]\s|\s+(?=\S)|\s*$)\s*", re.I)


def section_label(text: str) -> tuple[str, int] | None:
    """An inline section label at the start of a text piece ("RESULTS Ninety ...", "Methods: ..."):
    (section, where the text after it starts). A capitalised word that merely starts a sentence
    ("Results were similar") is no label: it is upper case, or followed by a colon, a full stop or a
    capitalised word ("Background The combination ...")."""
    m = _section_label().match(text)
    if m is None:
        return None
    name = next(k for k, v in m.groupdict().items() if v and k != "sep")
    word = m.group(name)
    rest = text[m.end() :]
    capital_next = bool(m["sep"]) and not m["sep"].strip() and rest[:1].isupper() or rest[:1].isdigit()
    if not (word.isupper() or m["sep"].strip() in (":", ".", "-", "–") or not rest.strip() or capital_next):
        return None
    return name, m.end()
