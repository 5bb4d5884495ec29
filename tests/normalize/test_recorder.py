"""The Recorder stamps every decision with the study and page and keeps one row per decision."""

from __future__ import annotations

from evidex.normalize import Recorder
from evidex.normalize.matcher import Matcher


def test_recorder_keeps_each_decision_once(matcher: Matcher) -> None:
    recorder = Recorder(matcher, "abc123")
    recorder.normalize("Bellinto", "drug", page=2)
    recorder.normalize("Bellinto", "drug", page=2)
    recorder.components("CCNU + FLAG", "conditioning", page=6)
    recorder.components("BM + PT", "graft source", page=6, kind="graft_source")
    recorder.mentions("patients in the berintuo-treated group", ("drug",), page=1)
    terms = recorder.terms
    assert all(t.study_id == "abc123" for t in terms)
    assert [(t.raw, t.canonical, t.page) for t in terms] == [
        ("Bellinto", "blinatumomab", 2), ("CCNU", "lomustine", 6), ("FLAG", "fludarabine", 6),
        ("FLAG", "cytarabine", 6), ("FLAG", "G-CSF", 6), ("BM", "BM", 6), ("PT", "PB", 6),
        ("berintuo", "blinatumomab", 1)]


def test_unmapped_terms_are_recorded_too(matcher: Matcher) -> None:
    recorder = Recorder(matcher, "abc123")
    recorder.normalize("MP", "drug")
    (term,) = recorder.terms
    assert term.canonical is None and term.kind == "drug" and "context" in term.note
