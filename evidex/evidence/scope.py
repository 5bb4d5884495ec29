"""Which sentence rows report this study's results.

Methods and discussion sentences carry many numbers that are not results: doses and concentrations, assay
settings, sample-size assumptions, eligibility thresholds, and other studies' figures. There a number is kept
only when its outcome is one the vocabulary knows (enrolment, age, sex, follow-up, a coded outcome or adverse
event); an outcome named only by the paper's own words ("fetal bovine serum", "000 Hz frequencies") is left
out. In the abstract and results, the paper's words stay (they are how unknown outcomes are reported). A text
whose rows come from no results section (an abstract under odd headings) has nowhere else to report results,
so its rows all stay.
"""

from __future__ import annotations

from evidex.models import Evidence

# Sections whose numbers are mostly not results.
_NOT_RESULTS = frozenset({"methods", "discussion", "introduction", "background", "other"})


def reported_here(rows: list[Evidence]) -> list[Evidence]:
    if not any((r.section or "").lower() == "results" for r in rows):
        return rows
    return [r for r in rows if not _uncoded_aside(r)]


def _uncoded_aside(r: Evidence) -> bool:
    text_row = r.prov.method.startswith("stmt.")
    return text_row and (r.section or "").lower() in _NOT_RESULTS and not r.outcome
