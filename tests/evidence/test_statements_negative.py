"""Sentences that report no result of this study give no rows: background, design, dosing, eligibility,
sample size and power, and other studies' results. Invented sentences, none from a real paper."""

from __future__ import annotations

import pytest

from evidex.evidence import statements
from tests.evidence.conftest import corpus_document

NEGATIVE = [
    ("introduction", "Approximately 30% to 50% of adults with ALL in first remission have detectable MRD."),
    ("abstract", "Background: Relapsed leukemia remains a leading cause of death, with 5-year survival below 20%."),
    ("methods", "The sample size of 120 patients gave a power of 80% to detect a difference of 35% vs 15% at a "
                "two-sided alpha of 0.05."),
    ("methods", "Patients received blinatumomab 15 µg/m2 per day on days 1 to 28 every 6 weeks."),
    ("methods", "The primary end point was event-free survival at 2 years."),
    ("methods", "Patients aged 18 to 65 years were eligible if they had at least 5% blasts in the marrow."),
    ("discussion", "In the TOWER trial, Kantarjian et al reported a complete remission rate of 44% (12)."),
    ("discussion", "Previous studies have reported CRS rates of 70% to 90% after CD19 CAR-T cells."),
    ("methods", "A P value of less than 0.05 was considered statistically significant."),
]  # fmt: skip


@pytest.mark.parametrize(("section", "text"), NEGATIVE)
def test_no_rows_from_sentences_that_report_no_result(section: str, text: str, dict_normalizer) -> None:
    doc = corpus_document({"id": "neg", "title": "Blinatumomab in adults with B-ALL",
                           "blocks": [{"section": section, "text": text}]})  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    assert rows == [], [(r.outcome, r.value, r.events) for r in rows]


def test_a_result_sentence_beside_them_still_gives_its_rows(dict_normalizer) -> None:
    doc = corpus_document({"id": "pos", "title": "Blinatumomab in adults with B-ALL", "blocks": [
        {"section": "methods", "text": "The primary end point was complete remission."},
        {"section": "results", "text": "Eighty-eight (78%) of 113 evaluable patients achieved complete remission."},
    ]})  # fmt: skip
    rows, _ = statements.extract(doc, dict_normalizer)
    cr = [r for r in rows if r.outcome == "CR"]
    assert [(r.events, r.total, r.value) for r in cr] == [(88, 113, 78.0)]
