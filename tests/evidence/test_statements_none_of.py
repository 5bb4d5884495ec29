# ruff: noqa: E501
""""None of the N patients had X" is 0 of N, not N events (invented sentences in the style of heme abstracts)."""

from __future__ import annotations

from evidex.evidence import statements
from tests.evidence.conftest import abstract_doc as _doc


def test_none_of_the_patients_is_zero_of_them(norm) -> None:
    doc = _doc("Thirty-two adults received the CD19 CAR product.", "None of the 14 transplanted patients had acute GVHD. Nine patients developed grade 3 CRS.")
    rows, _ = statements.extract(doc, norm)
    got = {(r.outcome, r.events, r.total) for r in rows if r.outcome in ("AGVHD", "CRS")}
    assert ("AGVHD", 0, 14) in got
    assert not any(o == "AGVHD" and e == 14 for o, e, _ in got)
    assert any(o == "CRS" and e == 9 for o, e, _ in got)  # a plain count stays a count


def test_all_of_the_patients_is_all_of_them(norm) -> None:
    doc = _doc("Eighteen children received the CD19 CAR product.", "All 11 children achieved complete remission. In all, 7 children relapsed.")
    rows, _ = statements.extract(doc, norm)
    got = {(r.outcome, r.events, r.total) for r in rows if r.outcome in ("CR", "RELAPSE")}
    assert ("CR", 11, 11) in got
    assert not any(o == "RELAPSE" and t == 7 for o, _, t in got)  # "in all" sums up; it is no "all of them"
