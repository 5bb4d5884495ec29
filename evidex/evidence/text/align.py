"""Lists that pair up in order: outcomes with values, groups with values.

- "OS, EFS and RFS at 3 years were 69%, 55%, and 62%, respectively": the i-th value is the i-th outcome;
  "Survival and relapse rates were 91% and 15% in A, 59% and 35% in B" cycles the outcomes per group;
- "(21.5 vs. 2.5 months)" after "with axi-cel versus SOC", "57% vs 59%" for "single-dose and weekly dose",
  "48% and 13% for venetoclax plus LDAC and LDAC alone, respectively": the i-th value of one outcome is the
  i-th arm the sentence names; a sentence that names one arm of a two-arm study ("more common with
  cilta-cel (25% vs 15%)") puts the other arm second.
Rows of one outcome that end up in two or more arms form one contrast: they share a provisional
comparison id, with the effect row (HR, OR, RR, difference) of that outcome in the same sentence.
"""

from __future__ import annotations

import re

from evidex.evidence.text import sentences as sent
from evidex.evidence.text.context import DocContext
from evidex.evidence.text.mentions import Hit, Named
from evidex.evidence.text.rows import Draft, Sentence

_LIST_GAP = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:and|or)?|and|or|/|&)\s*(?:the\s+)?$", re.I)
_CONTRAST = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:with|to)|than|respectively|between)\b", re.I)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_FAMILY = {"proportion": "binary", "count": "binary"}


def outcome_lists(s: Sentence, named: Named) -> None:
    """Values after a list of outcomes take the outcomes in order (cycling when groups repeat the list)."""
    for chain in _chains(s.text, named.outcomes):
        run = _run_after(s, chain)
        k = len(chain)
        if len(run) < k or len(run) % k:
            continue
        for i, d in enumerate(run):
            d.outcome = chain[i % k].outcome


def _chains(text: str, hits: list[Hit]) -> list[list[Hit]]:
    chains: list[list[Hit]] = []
    for h in hits:
        if chains and h.outcome == chains[-1][-1].outcome and text[chains[-1][-1].end : h.start].strip() == "(":
            continue  # "overall survival (OS)": the abbreviation repeats the outcome
        if chains and _LIST_GAP.match(text[chains[-1][-1].end : h.start]) and h.outcome != chains[-1][-1].outcome:
            chains[-1].append(h)
        else:
            chains.append([h])
    return [c for c in chains if len(c) >= 2 and len({h.outcome.code for h in c}) == len(c)]


def _run_after(s: Sentence, chain: list[Hit]) -> list[Draft]:
    codes = {h.outcome.code for h in chain}
    run = []
    for d in s.drafts:
        if d.stat is None or d.stat.start < chain[-1].end or d.stat.hr:
            continue
        if d.outcome.code not in codes:
            break  # the next statistic is of something else: the list is over
        run.append(d)
    return run


def arms_in_order(s: Sentence, named: Named, ctx: DocContext) -> None:
    """A run of one outcome's values pairs with the arms in the order the sentence names them; a
    "respectively" that names no group pairs with the study's arms in the order the paper introduced them
    ("The 12-month PFS rate was 64.3% and 50.0%, respectively")."""
    order = list(dict.fromkeys(a.arm for a in named.arms))
    if len(order) == 1 and len(ctx.arms) == 2 and _CONTRAST.search(s.text):
        order.append(next(a for a in ctx.arms if a != order[0]))  # "more common with cilta-cel (25% vs 15%)"
    study_order = not order and len(ctx.arms) >= 2 and _RESPECTIVELY.search(s.text) is not None
    if study_order:
        order = list(ctx.arms)
    if len(order) < 2:
        return
    for run in _runs(s):
        if len(run) != len(order) or _own_arms(s, run, named):
            continue
        if study_order and any(d.arm != "all" or d.quals != run[0].quals for d in run):
            continue  # the values already belong to groups ("93% and 100% in MRD- and MRD+, respectively")
        for d, arm in zip(run, order, strict=True):
            d.arm = arm
            d.arm_label = next((a.label for a in named.arms if a.arm == arm), d.arm_label)


def _runs(s: Sentence) -> list[list[Draft]]:
    runs: list[list[Draft]] = []
    for d in s.drafts:
        if d.stat is None or d.stat.hr:
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and _same(last, d):
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def _same(a: Draft, b: Draft) -> bool:
    fam = _FAMILY.get
    return (a.outcome, a.timepoint, a.grade, fam(a.statistic, a.statistic)) == (
        b.outcome, b.timepoint, b.grade, fam(b.statistic, b.statistic))  # fmt: skip


def _own_arms(s: Sentence, run: list[Draft], named: Named) -> bool:
    """Every value of the run sits in a clause that names its own, different arm ("94% of axi-cel and 82% of SOC")."""
    pieces = sent.clauses(s.text)
    own = []
    for d in run:
        at = d.stat.start if d.stat else 0
        a, b = next(((a, b) for a, b in pieces if a <= at < b), (0, len(s.text)))
        arms = [h.arm for h in named.arms if a <= h.start < b]
        own.append(arms[0] if arms else None)
    return None not in own and len(set(own)) == len(own)


def contrasts(s: Sentence) -> None:
    """Rows of one outcome in two or more arms share a provisional comparison id (local to the sentence)."""
    groups: dict[tuple, list[Draft]] = {}
    for d in s.drafts:
        if d.stat is None or d.stat.hr or d.arm == "all":
            continue
        key = (d.outcome.code, d.outcome.raw if not d.outcome.code else "", d.timepoint, d.grade,
               _FAMILY.get(d.statistic, d.statistic), frozenset(d.quals))  # fmt: skip
        groups.setdefault(key, []).append(d)
    k = 0
    for key, rows in groups.items():
        if len({d.arm for d in rows}) < 2:
            continue
        k += 1
        for d in rows:
            d.contrast = str(k)
        for e in s.drafts:
            if e.stat is not None and e.stat.hr and not e.contrast and e.outcome.code == key[0]:
                e.contrast = str(k)


_DESCRIPTIVE = frozenset({"FOLLOW_UP", "AGE", "ENROLLED", "SEX_MALE", "SEX_FEMALE"})


def effect_outcomes(s: Sentence, named: Named) -> None:
    """An effect measure is of the outcome the sentence compares, never of a follow-up time or an age
    printed beside it ("21.5 vs. 2.5 months; median follow-up: 24.3 months; HR, 0.276")."""
    for d in s.drafts:
        if d.stat is None or not d.stat.hr or d.outcome.code not in _DESCRIPTIVE:
            continue
        before = [e for e in s.drafts if e.stat is not None and not e.stat.hr and e.stat.start < d.stat.start
                  and e.outcome.code not in _DESCRIPTIVE]  # fmt: skip
        hits = [h for h in named.outcomes if h.outcome.code not in _DESCRIPTIVE]
        if before:
            d.outcome = before[-1].outcome
        elif hits:
            d.outcome = hits[0].outcome
