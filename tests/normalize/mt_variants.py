"""Machine-translation renderings of Chinese drug names, generated from their pinyin by the rules MT
systems and authors follow (syllables run together, English spelling of pinyin finals, r/l and b/p
confusion, doubled consonants, 欧 -> "Euro", 单抗 -> "monoclonal antibody").

Deterministic: the same variants every run, for the robustness figures and a regression test.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

VOCAB = Path(__file__).resolve().parents[2] / "evidex" / "normalize" / "vocab" / "chinese_names.csv"

# English-style spellings MT uses for pinyin finals/initials (left: pinyin, right: rendering).
_SPELLINGS = (("uo", "o"), ("ei", "e"), ("ou", "o"), ("x", "s"), ("zh", "j"), ("q", "ch"), ("ui", "ui"),
              ("ai", "ai"), ("ao", "ao"))
_SWAPS = (("l", "r"), ("b", "p"), ("t", "d"))


def _stem(syllables: list[str]) -> list[str]:
    return syllables[:-2] if syllables[-2:] == ["dan", "kang"] else syllables


def _respell(word: str, rules: tuple[tuple[str, str], ...]) -> str:
    for a, b in rules:
        word = word.replace(a, b)
    return word


def variants_of(pinyin: str) -> Iterator[str]:
    syllables = pinyin.split()
    stem = _stem(syllables)
    antibody = len(stem) < len(syllables)
    joined = "".join(stem)
    yield joined.capitalize()
    yield _respell(joined, _SPELLINGS).capitalize()
    for a, b in _SWAPS:
        if a in joined[1:]:
            yield (joined[0] + joined[1:].replace(a, b, 1)).capitalize()
    if len(stem) > 3:
        yield "".join(stem[:3]).capitalize()
    for i, syl in enumerate(stem[1:], start=1):
        if syl[0] in "lnmt" and len(stem) > 2:
            yield ("".join(stem[:i]) + syl[0] + "".join(stem[i:])).capitalize()
            break
    if antibody:
        yield joined.capitalize() + " monoclonal antibody"
        if "ou" in stem:
            cut = stem.index("ou")
            yield "".join(stem[:cut]).capitalize() + " Euro monoclonal"


def generated() -> list[tuple[str, str]]:
    with VOCAB.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out: list[tuple[str, str]] = []
    for row in rows:
        for variant in dict.fromkeys(variants_of(row["pinyin"])):
            out.append((variant, row["canonical"]))
    return out


if __name__ == "__main__":
    from collections import Counter

    from evidex.normalize import load

    matcher = load()
    verdicts: Counter[str] = Counter()
    for raw, expected in generated():
        got = matcher.normalize(raw, "drug").canonical
        verdict = "correct" if got == expected else ("unmapped" if got is None else "wrong")
        verdicts[verdict] += 1
        if verdict != "correct":
            print(f"  {verdict:8} {raw!r} expected {expected!r} got {got!r}")
    print(dict(verdicts), "of", sum(verdicts.values()))
