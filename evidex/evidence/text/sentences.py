"""Sentences and clause segments with character offsets into their block.

Machine-translated abstracts drop the space after a period ("included.The") and
lose text mid-sentence ("a 12-month OS The median PFS"); both are split here so
that a lost number becomes a visible gap rather than a value borrowed from the
next statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

_ABBREV = re.compile(r"(?:\bet al|\bvs|\bi\.e|\be\.g|\bFig|\bNo|\bapprox|\bca|\bDr|\bSt|\bref|\bcf)\.$", re.I)
_END = re.compile(r"[.!?](?=\s*[\"'(\[]?[A-Z])|[.!?]$|;(?=\s*(?:among|for)\b)", re.I)
# A capitalised function word after a lower-case word with no punctuation: a sentence lost its end.
_CUT = re.compile(r"(?<=[A-Za-z0-9)%] )(?=(?:The|In|Among|Of|For|There|A total|No|All)\s)")
_PREPOSITION_END = re.compile(r"\b(?:at|of|from|in|to|by|with|for|on)\s$", re.I)
_CITATION = re.compile(r"\(\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\)|\[\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\]")
_OTHER_STUDY = re.compile(
    r"\bet al\b|\b(?:one|another|previous|prior|other|earlier|a recent)\s+(?:\w+\s+){0,2}(?:study|studies|trial|report)"
    r"|\b(?:in|of|by) the [A-Z][A-Za-z0-9-]{2,}(?: \w+)? (?:study|trial)\b|\bstudies (?:have )?reported\b"
    r"|\bliterature\b",
    re.I,
)
_OURS = re.compile(r"\b(?:this|the present|the current|our) (?:study|cohort|series|analysis)\b|\bwe\b|\bour\b", re.I)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int  # offset in the block text
    end: int
    cut: bool = False  # the sentence ends without punctuation because text was lost


def sentences(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        piece = text[start:end]
        if _ABBREV.search(piece) or _decimal_point(text, m.start()):
            continue
        out.extend(_cut_spans(text, start, end))
        start = end
    if text[start:].strip():
        out.extend(_cut_spans(text, start, len(text)))
    return [s for s in out if s.text.strip()]


def _decimal_point(text: str, i: int) -> bool:
    return text[i] == "." and i > 0 and text[i - 1].isdigit() and i + 1 < len(text) and text[i + 1].isdigit()


def _cut_spans(text: str, start: int, end: int) -> list[Span]:
    spans, s = [], start
    for m in _CUT.finditer(text, start, end):
        if _PREPOSITION_END.search(text, start, m.start()):
            continue  # "from 2021 to 2022 at The First Affiliated Hospital": a name, no lost sentence end
        spans.append(_span(text, s, m.start(), cut=True))
        s = m.start()
    spans.append(_span(text, s, end))
    return spans


def _span(text: str, start: int, end: int, cut: bool = False) -> Span:
    while start < end and text[start] in " \t\n|":
        start += 1
    while end > start and text[end - 1] in " \t\n|":
        end -= 1
    return Span(text[start:end], start, end, cut)


_HARD = re.compile(r"[;,]")
_SOFT = re.compile(r"\s(?:and|while|whereas|but)(?=\s|\d)|\band(?=\d)")


def segments(sentence: str, has_stat: Callable[[str], bool] = lambda _: True) -> list[tuple[int, int]]:
    """Top-level clause pieces (outside brackets) as (start, end) offsets in the sentence.

    Commas and semicolons always cut; "and"/"while" cut only between two statistics,
    so "the 15 children who achieved CR and underwent HSCT was 93.3%" stays whole.
    """
    out: list[tuple[int, int]] = []
    for a, b in _cut(sentence, 0, len(sentence), _HARD):
        soft = _cut(sentence, a, b, _SOFT)
        merged: list[tuple[int, int]] = []
        for piece in soft:
            left, right = sentence[merged[-1][0] : merged[-1][1]] if merged else "", sentence[piece[0] : piece[1]]
            if merged and not (has_stat(left) and has_stat(right)):
                merged[-1] = (merged[-1][0], piece[1])
            else:
                merged.append(piece)
        out.extend(merged)
    return [(a, b) for a, b in out if sentence[a:b].strip()]


def _cut(sentence: str, start: int, end: int, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    inside = bracketed(sentence)
    pieces, s, i = [], start, start
    while i < end:
        m = None if inside[i] else rx.match(sentence, i)
        if m and m.end() <= end and not _thousands(sentence, i):
            pieces.append((s, i))
            s = m.end() if rx is _HARD else i
            i = max(m.end(), i + 1) if rx is _HARD else i + 1
            continue
        i += 1
    pieces.append((s, end))
    return [(a, b) for a, b in pieces if b > a]


@lru_cache(maxsize=512)
def bracketed(text: str) -> tuple[bool, ...]:
    """Which characters sit inside a matched bracket pair; an unclosed "(" (lost text) is ignored."""
    inside = [False] * (len(text) + 1)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            j = stack.pop()
            for k in range(j + 1, i):
                inside[k] = True
    return tuple(inside)


def enclosing(text: str, pos: int) -> tuple[int, int] | None:
    """The innermost matched bracket pair around ``pos`` as (open, close), or None."""
    inside = bracketed(text)
    if not inside[pos]:
        return None
    depth, i = 0, pos - 1
    while i >= 0:
        if text[i] in ")]":
            depth += 1
        elif text[i] in "([":
            if depth == 0:
                break
            depth -= 1
        i -= 1
    depth, j = 0, pos
    while j < len(text):
        if text[j] in "([":
            depth += 1
        elif text[j] in ")]":
            if depth == 0:
                break
            depth -= 1
        j += 1
    return (i, j)


def _thousands(s: str, i: int) -> bool:
    return s[i] == "," and 0 < i < len(s) - 3 and s[i - 1].isdigit() and s[i + 1 : i + 4].isdigit()


_VERSUS_OTHERS = re.compile(
    r"\b(?:compar\w+\s+(?:\w+\s+)?(?:with|to)|than (?:that|those)|similar to|consistent with|in line with)\b", re.I
)


def own_part(sentence: str, section: str) -> str | None:
    """The part of a sentence that reports this study's results; None when it reports only other studies.

    "Our CR rate of 83% compares favorably with the 60% reported in the X study (18)" keeps its first half.
    """
    if section in ("introduction", "references"):
        return None
    ours = bool(_OURS.search(sentence))
    other = bool(_OTHER_STUDY.search(sentence)) or _cites(sentence)
    if ours and other:
        cut = _VERSUS_OTHERS.search(sentence)
        head = sentence[: cut.start()].rstrip(" ,;") if cut else ""
        if head and _OURS.search(head) and not (_OTHER_STUDY.search(head) or _cites(head)):
            return head
        in_ours = re.search(r"\b(?:in|among) (?:this|the present|our)\b", sentence, re.I)
        return sentence if in_ours else None
    if section == "discussion":
        return sentence if ours else None
    return None if other else sentence


def _cites(sentence: str) -> bool:
    """A bracketed reference number ("(24)", "[27-30]"), not an interval after a value ("12 (10-15) days")."""
    for m in _CITATION.finditer(sentence):
        before, after = sentence[: m.start()], sentence[m.end() :]
        if re.search(r"\d\s*%?\s*$", before) or re.match(r"\s*(?:%|days?|months?|years?|weeks?)", after):
            continue
        if re.search(r"(?:^|[.;:])\s*$", before) and re.match(r"\s*(?:[A-Z]|$)", after):
            continue  # "(2) The incidence of GVHD ...": a numbered point of a list, no reference
        return True
    return False


def has_statistic(text: str) -> bool:
    from evidex.evidence.text import cues, stats

    if cues.NOT_REACHED.search(text):
        return True
    from evidex.evidence.text.numbers import NUM_RE

    written = re.search(r"[\d%]", text) or NUM_RE.search(text)  # "Twelve patients achieved CR and 5 had PR"
    return bool(written) and any(x.rule != "count.v1" for x in stats.find(text))


@lru_cache(maxsize=512)
def clauses(text: str) -> tuple[tuple[int, int], ...]:
    """Segments cut at commas and semicolons, and at "and" only between two statistics."""
    return tuple(segments(text, has_statistic))
