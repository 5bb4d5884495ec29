"""Groups a paper names by a letter or numeral ("Group I: 30 ml ropivacaine + saline. Group II: ropivacaine +
clonidine ..."), tied to what each group received, both ways:

- the tables name the arms by treatment ("Control", "Clonidine"): each letter becomes another name of the arm its
  description names (`letter_aliases`);
- the arms are the letters themselves (no table names them otherwise): each description becomes another name of
  its letter's arm (`letter_descriptions`), so "the clonidine group" of a results sentence finds Group II, and
  the description that is all of another's less an add-on is the add-on design's base (the control).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidex.evidence.study_keys import drug_words, keys

if TYPE_CHECKING:
    from evidex.evidence.study import StudyArm, StudyModel

_MAX_WORDS = 25  # a longer "description" is a paragraph, not the name of what a group received


def letter_aliases(model: StudyModel, defined: list[tuple[str, str]]) -> None:
    """ "Group II: ropivacaine + clonidine ..." beside table columns "Control" and "Clonidine": "Group II" is
    another name of the arm its description names (the arm whose every name word it holds, the most such
    words), and the one definition naming no arm is the one arm left ("Group I: ropivacaine + saline" is the
    control). Nothing when the letters already name arms, the counts differ or any step is ambiguous."""
    if len(defined) != len(model.arms) or len(model.arms) < 2:
        return
    if any(t.startswith("group_") for a in model.arms for k in a.key_sets for t in k):
        return
    found: dict[str, StudyArm] = {}
    for letter, text in defined:
        words = set(re.findall(r"[a-z0-9][a-z0-9+./-]*", text.lower()))
        named = [(len(w), a) for a in model.arms if (w := max((drug_words(k) for k in a.key_sets), key=len))
                 and w <= words]  # fmt: skip
        best = [a for size, a in named if size == max((x for x, _ in named), default=0)]
        if len(best) == 1:
            found[letter] = best[0]
    if len(set(map(id, found.values()))) != len(found):
        return
    left = [a for a in model.arms if a not in found.values()]
    unnamed = [letter for letter, _ in defined if letter not in found]
    if len(unnamed) == 1 and len(left) == 1:
        found[unnamed[0]] = left[0]
    if len(found) != len(defined):
        return
    for letter, arm in found.items():
        arm.spellings.append(letter)
        arm.key_sets.append(keys(letter))


def letter_descriptions(model: StudyModel, defined: list[tuple[str, str]]) -> None:
    """ "Group I" and "Group II" are the study's arms and the methods define each: each definition becomes another
    name of its arm. A word both descriptions hold ("ropivacaine") then names neither arm, a word one holds
    ("clonidine") names that one, and a description that is all of another's less an add-on makes its arm the
    add-on design's base. Nothing unless every arm is one defined letter, one to one, each described apart."""
    if len(defined) != len(model.arms) or len(model.arms) < 2:
        return
    found: dict[int, tuple[StudyArm, str]] = {}
    for letter, text in defined:
        key = keys(letter)
        arms = [a for a in model.arms if any(key <= k for k in a.key_sets)]
        text = _description(text)
        if len(arms) != 1 or not text:
            return
        found[id(arms[0])] = (arms[0], text)
    if len(found) != len(model.arms):
        return
    described = [(arm, text, keys(text)) for arm, text in found.values()]
    if len({k for _, _, k in described}) != len(described):
        return  # two groups described alike: the words tell nothing apart
    for arm, text, k in described:
        if drug_words(k) and text not in arm.spellings:
            arm.spellings.append(text)
            arm.key_sets.append(k)
            arm.sources.add("letters")


def _description(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    return text if text and len(text.split()) <= _MAX_WORDS else ""
