"""The cell grammar of trial tables: what a cell's text says, before we know what it means.

A cell is first read for its *shape* ("a (b)", "a ± b", "a (lo-hi)", "e/n (p%)", a lone number, a
p-value); the *meaning* ("12 (10.0)" is n (%) or mean (SD)) comes from cues in the row label, the
column header, the caption and the footnotes, and from arithmetic (12/120 = 10.0%), in ``interpret``.
Unicode minus signs, en dashes used as minus, middle-dot decimals and thousands separators are
normalized first. Cells a text layer damaged (a font that maps "±" to "6": "20.1 6 0.6") do not
match a shape and give no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"[-+]?\d+(?:\.\d+)?"
_DASH = r"\s*(?:-|–|—|to|,|;)\s*"
_OPEN, _CLOSE = r"[(\[]", r"[)\]]"
_PCT = r"\s*%?"
# footnote marks after a value: "12 (10.0)*", "0.03a", "41.9 (19.4) g,h,i", "23.1 bd", "5 (22.7%)†‡"
_NOTE = r"(?:\s*[*†‡§¶#]+|\s*[a-z](?:\s*,\s*[a-z])*|\s*[a-h]{2,3})?"

SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"^\s*{rx}{_NOTE}\s*$", re.I))
    for name, rx in (
        ("frac_pct", rf"(?P<a>\d+)\s*(?:/|of)\s*(?P<n>\d+)\s*{_OPEN}\s*(?P<b>{_NUM}){_PCT}\s*{_CLOSE}"),
        ("pct_frac", rf"(?P<b>{_NUM})\s*%\s*{_OPEN}\s*(?P<a>\d+)\s*/\s*(?P<n>\d+)\s*{_CLOSE}"),
        ("frac", r"(?P<a>\d+)\s*/\s*(?P<n>\d+)"),
        ("pm_ci", rf"(?P<a>{_NUM})\s*(?:±|\+/-|\+-)\s*(?P<b>{_NUM})\s*{_OPEN}\s*(?P<lo>{_NUM}){_DASH}(?P<hi>{_NUM})"
                  rf"\s*{_CLOSE}"),
        ("pm", rf"(?P<a>{_NUM})\s*(?:±|\+/-|\+-|[(\[]\s*(?:±|\+/-)(?=\s*{_NUM}\s*[)\]]))\s*(?P<b>{_NUM})\s*[)\]]?"
               rf"(?:\s*{_OPEN}\s*(?:n\s*=\s*)?(?P<n>\d+)\s*{_CLOSE})?"),
        ("interval", rf"(?P<a>{_NUM}){_PCT}\s*{_OPEN}\s*(?:95\s*%\s*CI[:,]?\s*|range[:,]?\s*|IQR[:,]?\s*)?"
                     rf"(?P<lo>{_NUM}){_PCT}{_DASH}(?P<hi>{_NUM}){_PCT}\s*{_CLOSE}"),
        ("paren", rf"(?P<a>{_NUM})\s*(?P<pa>%)?\s*{_OPEN}\s*(?P<b>{_NUM})\s*(?P<pb>%)?\s*{_CLOSE}"
                  rf"(?:\s*[\[(]\s*(?:n\s*=\s*)?(?P<n>\d+)\s*[\])])?"),
        ("bare_interval", rf"(?P<lo>{_NUM})\s*(?:–|—|to)\s*(?P<hi>{_NUM})"),
        ("ci_only", rf"{_OPEN}\s*(?:95\s*%\s*CI[:,]?\s*)?(?P<lo>{_NUM}){_PCT}{_DASH}(?P<hi>{_NUM}){_PCT}\s*{_CLOSE}"),
        ("pct", rf"(?P<a>{_NUM})\s*%"),
        ("number", rf"(?P<a>{_NUM})"),
    )
)  # fmt: skip

_P = re.compile(rf"^\s*(?:p\s*)?(?P<op>[<>≤≥=]|<=|>=)?\s*(?P<v>0?\.\d+|1(?:\.0+)?|0){_NOTE}\s*$", re.I)
_EMPTY = re.compile(r"^\s*(?:|-|–|—|NA|N/A|NR|NE|NS|n\.?a\.?|not (?:reached|estimable|available|done)|\.{1,3})\s*$",
                    re.I)  # fmt: skip
_NOT_REACHED = re.compile(r"^\s*(?:NR|not reached|NE|not estimable)\b", re.I)


FONT_EQ = re.compile(r"(?<=[nNpP])\s*¼\s*(?=[\d.])")  # a math font that maps "=" to "¼" ("n¼97", "P¼0.03")


_LOST_PM = re.compile(r"(?<=\d)\s*\ufffd\s*(?=\d)")


def clean(text: str) -> str:
    """One spelling of numbers: ASCII minus, '.' decimals, no thousands separators, no emphasis marks."""
    # fonts that print "=" as "¼" and "±" as "¡"
    s = FONT_EQ.sub("=", text).replace("\u2212", "-").replace("¡", "±").replace("\u2012", "-")
    s = s.replace("·", ".").replace("\u2009", " ")
    s = re.sub(r"(^|[(\[])\s*%\s*(\d+(?:[.,]\d+)?)", r"\1\2%", s)  # a percent sign written first: "20 (%66.7)"
    s = _LOST_PM.sub(" ± ", s)  # a glyph the font left unmapped between a value and its spread: "39.1 \ufffd 12.5"
    s = s.replace("*", "") if re.search(r"\d\s*\*+\s*$", s) is None else s
    s = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", s)  # 1,234 -> 1234
    s = re.sub(r"(?<![\d.])[–—](?=\s*\d)", "-", s) if re.match(r"^\s*[–—]\s*\d", s) else s  # "–0.5" leading minus
    s = re.sub(r"(?<=\d)\s*[–—]\s*(?=\d)", "–", s)
    s = re.sub(r"(?<![\d)%])-\s+(?=\d)", "-", s)  # "(− 0.08; 0.73)": a minus set apart from its number
    return re.sub(r"\s+", " ", s).strip()


@dataclass(frozen=True, slots=True)
class Shape:
    kind: str  # a name in SHAPES, "p", "empty", "not_reached" or "text"
    a: float | None = None
    b: float | None = None
    n: int | None = None
    lo: float | None = None
    hi: float | None = None
    pct_a: bool = False  # "a" was written with a % sign
    pct_b: bool = False
    raw: str = ""


def shape(text: str) -> Shape:
    s = clean(text)
    if _EMPTY.match(s):
        return Shape("not_reached" if _NOT_REACHED.match(s) else "empty", raw=text)
    for name, rx in SHAPES:
        m = rx.match(s)
        if m:
            return _shape(name, m, text)
    return Shape("text", raw=text)


def _shape(name: str, m: re.Match[str], raw: str) -> Shape:
    g = m.groupdict()

    def f(key: str) -> float | None:
        return float(g[key]) if g.get(key) is not None else None

    n = int(g["n"]) if g.get("n") is not None else None
    pct_a = bool(g.get("pa")) or name in ("pct", "pct_frac")
    pct_b = bool(g.get("pb")) or name in ("frac_pct",)
    return Shape(name, f("a"), f("b"), n, f("lo"), f("hi"), pct_a, pct_b, raw)


def p_value(text: str) -> tuple[float, str] | None:
    m = _P.match(clean(text))
    if m is None:
        return None
    op = {"≤": "<", "≥": ">", "<=": "<", ">=": ">"}.get(m["op"] or "=", m["op"] or "=")
    return float(m["v"]), op


def is_value(text: str) -> bool:
    """A cell that holds a statistic (any numeric shape), as opposed to a label or an empty cell."""
    return shape(text).kind not in ("text", "empty")
