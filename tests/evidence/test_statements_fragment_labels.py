# ruff: noqa: E501
"""A row whose outcome phrase names nothing (read-through of text rows on real trial PDFs): an arm's numeral ("than
group I"), a number or number word ("27 (26.5%) two"), an ordinal ("the 10th and 90th percentiles"), a figure's
loose axis letters. Such a value is of nothing a meta-analyst can use: no row. Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements
from evidex.evidence.text.finish import _no_label
from tests.evidence.conftest import abstract_doc as _doc


def _raw(norm, *texts: str) -> set[str]:
    rows, _ = statements.extract(_doc(*texts), norm)
    return {r.outcome_raw for r in rows if r.outcome != "ENROLLED"}


def test_an_arm_numeral_is_no_outcome(norm) -> None:
    got = _raw(norm, "Patients were randomized to group I (open surgery) or group II (laparoscopy).",
               "Reoperation was needed more often in group II than in group I (18% vs 2%, respectively).")
    assert "I" not in got and "II" not in got


def test_a_number_word_or_an_ordinal_is_no_outcome(norm) -> None:
    assert "two" not in _raw(norm, "In the coaching arm, 44 (51.2%) came to four sessions, 21 (24.4%) two and 6 (7.0%) one.")
    assert "10th" not in _raw(norm, "The 10th and 90th percentiles were 31 and 58 years, respectively.")


def test_loose_letters_are_no_outcome_but_short_names_are() -> None:
    assert _no_label("c n") and _no_label("y 40") and _no_label("II") and _no_label("113")
    assert not any(_no_label(x) for x in ("CR", "TLR", "HIZ", "pain", "ORR", "pH 7"))


def test_a_number_inside_a_name_is_no_count(norm) -> None:
    rows, _ = statements.extract(_doc("Patients with HCV-3 infection have lower response rates than patients with other genotypes."), norm)
    assert not [r for r in rows if r.statistic == "count" and r.events == 3]
    rows, _ = statements.extract(_doc("Patients were randomized to placebo, celecoxib or ibuprofen.",
                                      "An ACR50 responder criteria response was seen in 21.4% in the placebo group, 35.2% in the celecoxib group and 33.9% in the ibuprofen group."), norm)
    assert not [r for r in rows if r.statistic == "count" and r.events == 50]
    assert {r.value for r in rows if r.statistic == "proportion"} >= {21.4, 35.2, 33.9}


def test_a_count_of_people_stays(norm) -> None:
    rows, _ = statements.extract(_doc("Patients were randomized to celecoxib or placebo.",
                                      "Diarrhea was reported in 4 patients on placebo and 6 patients on celecoxib."), norm)
    assert {r.events for r in rows if r.statistic == "count"} >= {4}
