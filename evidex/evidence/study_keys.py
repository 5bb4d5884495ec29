"""The words of a group's name that tell it from other groups (the study model's matching keys), and what the
words say: its drug words, its doses, a negation ("no phone calls")."""

from __future__ import annotations

import re

STOP = frozenset({
    "the", "a", "an", "of", "in", "with", "and", "or", "to", "for", "on", "at", "by", "group", "groups", "arm",
    "arms", "cohort", "cohorts", "patients", "patient", "participants", "subjects", "treated", "treatment",
    "treatments", "receiving", "received", "receive", "who", "were", "was", "n", "vs", "versus", "alone", "only",
    "plus", "condition", "conditions", "randomized", "randomised", "allocated", "assigned", "pts",
})


def keys(text: str) -> frozenset[str]:
    """The words that tell one group from another: lower case, no stop words, "group A" kept as "group_a"."""
    s = re.sub(r"[*_`]", "", text.lower())
    s = re.sub(r"[(\[]?\s*\bn\s*[=:]\s*\d[\d,]*\s*[)\]]?", " ", s)
    s = re.sub(r"\b(group|arm|cohort)\s+([a-z0-9]{1,3})\b(?![./-]\d)(?!\s*(?:mg|g|mcg|µg|μg|ml|iu|units?|%)(?![a-z]))",
               r"\1_\2", s)  # "Group 64 mg" is the 64 mg group, not group 64
    s = s.replace(",", "")
    words = re.findall(r"[a-z0-9_]+(?:[./+-][a-z0-9]+)*%?", s)
    toks = {t for t in words if t not in STOP}
    if not toks and "plus" in words:  # a version named "Plus" ("Basic" / "Plus" / "Control" groups)
        toks = {"plus"}
    return frozenset(toks)


NEGATIONS = frozenset({"no", "without", "non", "not", "never", "nil"})


def numbers(k: frozenset[str]) -> set[str]:
    return {t for t in k if re.match(r"^\d", t)}


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two names with different numbers ("10 mg" and "20 mg", "Group 1" and "Group 2") are different groups."""
    na, nb = numbers(a), numbers(b)
    if bool(a & NEGATIONS) != bool(b & NEGATIONS):  # "no nelarabine" is not "nelarabine"
        return False
    return not (na and nb and not na & nb)


def doses(k: frozenset[str]) -> list[float]:
    out = []
    for t in k:
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:mg|g|mcg|µg|μg|ml|%)?", t.replace(",", ""))
        if m:
            out.append(float(m.group(1)))
    return out


UNITS = frozenset({"mg", "g", "mcg", "µg", "μg", "ml", "mg/day", "mg/d", "mg/kg", "g/day", "iu", "day", "daily",
                    "once", "twice", "d", "bid", "tid", "qd", "per", "dose", "doses"})  # fmt: skip


def drug_words(k: frozenset[str]) -> frozenset[str]:
    """The words of a name less its doses and schedule: "SPN-804 1200 mg" -> {"spn-804"}."""
    return frozenset(t for t in k if not re.match(r"^\d", t) and t not in UNITS and not t.startswith("("))
