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


# ---- a two-arm trial whose methods name the groups by what they received, the results by short names ----------

_TWO = (
    "Forty-four adults undergoing laparoscopic hernia repair were randomized to receive either bilateral quadratus lumborum (QL) blocks with 0.25% bupivacaine or wound infiltration of the incision."
)


def test_a_dose_after_what_a_group_received_is_no_part_of_its_name(norm) -> None:
    model = study.build(_doc(_TWO), norm, [])
    assert [a.label for a in model.arms] == ["bilateral quadratus lumborum blocks", "wound infiltration of the incision"]
    assert model.resolve("QL group") is model.arms[0]  # the letters the paper defined, standing in the arm's name


def test_a_value_in_a_control_group_the_reader_cannot_tell_goes_to_no_other_arm(norm) -> None:
    """The methods list wound infiltration last: the control only by convention, so "the control group" names
    no arm (it could be a third group). Its values must not ride on the arm named before them."""
    rows = _rows(
        _TWO,
        "The number of patients requiring rescue fentanyl in the QL group was 5 and in the control group was 12. "
        "At 6 h, four patients (18.2%) in the QL group and 13 patients (59.1%) in the control group had moderate pain on movement.",
        norm=norm,
    )
    assert ("a1", "moderate pain on movement", 18.2) in rows  # the first item takes the verb after the last
    assert not any(v in (59.1, 12) and arm == "a1" for arm, _, v in rows)
    doc = _doc(_TWO, "The number of patients requiring rescue fentanyl in the QL group was 5 and in the control group was 12.")
    found, _ = statements.extract(doc, norm)
    assert {(r.arm_id, r.events) for r in found if r.outcome_raw == "rescue fentanyl"} == {("a1", 5)}


def test_groups_named_again_with_their_sizes_give_the_arms_their_n(norm) -> None:
    model = study.build(_doc(_TWO, "Patients in the QL group received bilateral blocks (n = 22) and patients in the control group received infiltration by the surgeon (n = 22)."), norm, [])
    assert [(a.label, a.n, a.role, a.role_basis) for a in model.arms] == [
        ("bilateral quadratus lumborum blocks", 22, "experimental", ""),
        ("wound infiltration of the incision", 22, "control", "named"),  # the methods call it the control group
    ]


def test_a_value_in_a_group_that_names_no_arm_is_left_out_beside_placed_ones(norm) -> None:
    doc = _doc(
        "Two hundred adults were randomly allocated to education (100 patients) or control (100 patients).",
        "At two months 81 patients (81%) in the reflux-coaching group and 90 patients (90%) in the control group had complete symptom relief.",
    )
    rows, findings = statements.extract(doc, norm)
    relief = {(r.arm_id, r.value) for r in rows if r.outcome_raw == "complete symptom relief"}
    assert relief == {("a2", 90)}  # not 81 under "all": it is the coaching group's, which is no arm
    assert any(f.check.value == "arm_not_resolved" for f in findings)


def test_a_value_in_the_groups_bracket_before_the_verb(norm) -> None:
    rows = _rows(_METHODS, "The mean ± SD of intraoperative remifentanil in the dexmedetomidine group (310 ± 42.5) was significantly lower than in the control group (455 ± 51.0) (P = 0.002).", norm=norm)
    assert {("a2", "intraoperative remifentanil", 310.0), ("a1", "intraoperative remifentanil", 455.0)} <= rows
