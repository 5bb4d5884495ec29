# ruff: noqa: E501
"""Groups the methods name by a letter or numeral and define by what they received, with no table to name them
otherwise, and the result sentences that then name them by that treatment ("in the dexmedetomidine group") or
as "the control group"; invented text in the style of small anaesthesia and procedure trials."""

from __future__ import annotations

from evidex.evidence import statements, study
from tests.evidence.conftest import abstract_doc as _doc

_METHODS = (
    "Eighty adults were randomly allotted to two groups of 40 each: Group A: 20 ml 0.5% bupivacaine + 2 ml saline. "
    "Group B: 20 ml 0.5% bupivacaine + 50 mcg dexmedetomidine made up to 2 ml with saline."
)


def _rows(*paragraphs: str, norm) -> set[tuple[str, str, float]]:
    doc = _doc(*paragraphs)
    rows, _ = statements.extract(doc, norm)
    return {(r.arm_label and r.arm_id or "all", r.outcome_raw, r.value) for r in rows if r.value is not None}


def test_what_a_lettered_group_received_names_it_and_the_base_arm_is_the_control(norm) -> None:
    model = study.build(_doc(_METHODS), norm, [])
    a, b = model.arms
    assert (a.label, a.role, a.role_basis) == ("Group A", "control", "base")  # all of B's treatment less the add-on
    assert (b.label, b.role) == ("Group B", "experimental")
    assert model.resolve("the dexmedetomidine group") is b
    assert model.resolve("control group") is a
    assert model.resolve("bupivacaine group") is None  # both groups received it: it names neither


def test_groups_described_alike_get_no_other_names(norm) -> None:
    model = study.build(_doc("Forty adults were randomly allotted to two groups of 20 each: Group A: 10 ml saline. Group B: 10 ml saline."), norm, [])
    assert all(a.spellings == [a.label] for a in model.arms)


def test_values_placed_by_the_treatment_each_lettered_group_received(norm) -> None:
    rows = _rows(
        _METHODS,
        "The duration of analgesia was 512.4 ± 40.3 min in dexmedetomidine group and 402.8 ± 35.1 min in control group. "
        "The mean time to first rescue analgesia in control group was 380.5 ± 30.2 min and in dexmedetomidine group was 470.9 ± 33.6 min.",
        norm=norm,
    )
    assert ("a2", "duration of analgesia", 512.4) in rows
    assert ("a1", "duration of analgesia", 402.8) in rows
    assert ("a1", "time to first rescue analgesia", 380.5) in rows
    assert ("a2", "time to first rescue analgesia", 470.9) in rows


def test_a_value_with_its_unit_alone_in_the_groups_bracket(norm) -> None:
    rows = _rows(_METHODS, "The onset of motor block was faster in Group B (8.1 ± 1.2 min) than in Group A (10.4 ± 1.5 min).", norm=norm)
    assert {("a2", "onset of motor block", 8.1), ("a1", "onset of motor block", 10.4)} <= rows


def test_a_bare_word_for_the_numbers_is_no_outcome(norm) -> None:
    rows = _rows(_METHODS, "The percentages for the control group were 31%, 19% and 6%, respectively.", norm=norm)
    assert not any(outcome == "percentages" for _, outcome, _ in rows)
