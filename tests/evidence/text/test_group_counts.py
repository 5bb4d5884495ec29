"""Counts of events per arm written before the verb ("45 patients in the A group compared to 58 patients in the B
group had died", "four in A and two in B had pancreatitis"), and an event outside the vocabulary after its grade
("four patients had a grade 3 hemorrhage"). Invented sentences, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements, study
from tests.evidence.conftest import abstract_doc

_DESIGN = ("A total of 240 patients were randomized to the telemonitoring group (n = 121) or the usual care group "
           "(n = 119).")  # fmt: skip


def _counts(*texts: str, norm) -> set[tuple[str, str, int | None, str]]:
    doc = abstract_doc(_DESIGN, *texts)
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    out = set()
    for r in rows:
        if r.statistic != "count" or r.outcome == "ENROLLED":
            continue
        arm = model.by_id(r.arm_id)
        out.add((arm.label if arm else "all", r.outcome or r.outcome_raw, r.events, r.grade))
    return out


def test_counts_per_arm_set_against_each_other_before_the_verb(norm) -> None:
    got = _counts("By 24 months, 31 patients in the telemonitoring group compared to 47 patients in the usual care "
                  "group had died (p = 0.04).", norm=norm)  # fmt: skip
    assert {(a, o, n) for a, o, n, _ in got} == {("telemonitoring", "DEATH", 31), ("usual care", "DEATH", 47)}


def test_counts_per_arm_of_the_term_after_had(norm) -> None:
    got = _counts("Three patients in the telemonitoring group and five in the usual care group had pancreatitis.",
                  norm=norm)  # fmt: skip
    assert {(a, o, n) for a, o, n, _ in got} == {("telemonitoring", "Pancreatitis", 3),
                                                  ("usual care", "Pancreatitis", 5)}  # fmt: skip
    graded = _counts("Three patients in the telemonitoring group and five in the usual care group had pancreatitis "
                     "requiring surgery.", norm=norm)  # fmt: skip
    assert not any(o == "Pancreatitis" for _, o, _, _ in graded)


def test_an_event_outside_the_vocabulary_after_its_grade(norm) -> None:
    got = _counts("In the telemonitoring group, three patients had a grade 3 lead dislodgement and one had a grade 4 "
                  "lead dislodgement.", norm=norm)  # fmt: skip
    assert ("telemonitoring", "lead dislodgement", 3, "3") in got
    assert ("telemonitoring", "lead dislodgement", 1, "4") in got
