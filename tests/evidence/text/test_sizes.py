"""A count of one arm in a "respectively" list is no size of the whole study. Invented sentences."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc


def test_the_last_count_of_a_respectively_list_is_no_denominator_of_all_patients(norm) -> None:
    doc = abstract_doc("Forty-four and 61 patients older than 70 years were randomized to tisa-cel and SOC, "
                       "respectively. No grade 5 cytokine release syndrome occurred.")  # fmt: skip
    rows, _ = statements.extract(doc, norm)
    (crs,) = [r for r in rows if r.outcome == "CRS"]
    assert crs.events == 0 and crs.total != 61

