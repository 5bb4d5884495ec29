"""Values told arm by arm with a copula ("X in the A group was 8 and in the B group was 16"): the value belongs to
the arm named right before it, and a bare count is a count when the sentence counts people. Invented sentences in
the style of trial abstracts, real normalizer."""

from __future__ import annotations

from evidex.evidence import statements, study
from tests.evidence.conftest import abstract_doc

_DESIGN = ("Sixty patients were randomized to dexmedetomidine (dexmedetomidine group, n = 30) or saline "
           "(saline group, n = 30).")  # fmt: skip


def _rows(*texts: str, norm) -> list[tuple[str, str, str, int | None, float | None]]:
    doc = abstract_doc(_DESIGN, *texts)
    rows, _ = statements.extract(doc, norm)
    model = study.build(doc, norm, [])
    out = []
    for r in rows:
        if r.outcome == "ENROLLED":
            continue
        arm = model.by_id(r.arm_id)
        out.append((arm.label if arm else "all", r.outcome or r.outcome_raw, r.statistic, r.events, r.value))
    return out


def test_a_rate_after_its_arm_and_a_copula_is_that_arms(norm) -> None:
    got = _rows("The rate of nausea in the saline group was 40% and in the dexmedetomidine group was 13%.", norm=norm)
    assert ("saline", "Nausea", "proportion", None, 40.0) in got
    assert ("dexmedetomidine", "Nausea", "proportion", None, 13.0) in got


def test_a_mean_after_its_arm_and_a_copula_is_that_arms(norm) -> None:
    got = _rows("The mean duration of analgesia in the saline group was 412.5 ± 38.2 min and in the "
                "dexmedetomidine group was 655.0 ± 41.7 min.", norm=norm)  # fmt: skip
    assert {(a, v) for a, _, _, _, v in got} == {("saline", 412.5), ("dexmedetomidine", 655.0)}


def test_a_value_before_in_arm_still_takes_the_arm_after_it(norm) -> None:
    got = _rows("The rate of nausea was 40% in the saline group compared with 13% in the dexmedetomidine group.",
                norm=norm)  # fmt: skip
    assert {(a, v) for a, _, _, _, v in got} == {("saline", 40.0), ("dexmedetomidine", 13.0)}


def test_the_number_of_patients_per_arm_is_a_count_of_what_qualifies_them(norm) -> None:
    got = _rows("The number of patients requiring rescue antiemetics in the saline group was 11 and in the "
                "dexmedetomidine group was 4 (P = 0.04).", norm=norm)  # fmt: skip
    assert ("saline", "rescue antiemetics", "count", 11, None) in got
    assert ("dexmedetomidine", "rescue antiemetics", "count", 4, None) in got


def test_a_bare_number_after_a_copula_is_no_count_without_a_number_of_people(norm) -> None:
    got = _rows("The median number of doses in the saline group was 3 and the median age was 61 years.", norm=norm)
    assert not any(s == "count" for _, _, s, _, _ in got)
    got = _rows("The number of patients in the saline group was 30 and in the dexmedetomidine group was 30.",
                norm=norm)  # fmt: skip
    assert not any(s == "count" and o != "ENROLLED" for _, o, s, _, _ in got)


def test_a_list_of_arms_before_the_copula_pairs_values_in_order(norm) -> None:
    got = _rows("The 6-month rates of nausea of the saline and dexmedetomidine groups were 40.0% and 13.3%, "
                "respectively.", norm=norm)  # fmt: skip
    assert {(a, v) for a, _, _, _, v in got} == {("saline", 40.0), ("dexmedetomidine", 13.3)}
