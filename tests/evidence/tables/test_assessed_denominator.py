"""A count (percent) under an arm's "(n = 300)" whose percent that n does not give counts fewer: those assessed.

"Frailty (n = 571)" over two arms of 300, "12 (4.2)": 12 of 300 is 4.0%, 12 of about 286 is 4.2%, so 300 is not
the row's denominator; the row keeps the one n its percent gives (or none). A percent that the group's n gives to
its last printed digit, or an n a patient or two from it (those analysed), or none at all (a misprint), keeps the
group's n. A table with the groups as rows takes each row's n from its "n" column.
Invented tables, real layouts.
"""

from __future__ import annotations

from dataclasses import replace

from evidex.evidence import build
from evidex.evidence.tables import cells
from evidex.models import TextBlock
from tests.evidence.conftest import trial_doc

ASSESSED = [["", "Geriatric team (n = 300)", "Usual care (n = 300)", "P"],
            ["Frailty (n = 571), n (%)", "", "", ""],
            ["Frail", "12 (4.2)", "17 (5.9)", "0.41"],
            ["Pre-frail", "64 (22.4)", "70 (24.6)", ""],
            ["Robust", "210 (73.4)", "198 (69.5)", ""],
            ["Cognitive screen < 24 (%)", "27 (9.0)", "30 (10.0)", "0.78"],
            ["Lives alone (%)", "59 (19.7)", "61 (20.3)", "0.92"]]  # fmt: skip


def _rows(normalizer):
    doc = trial_doc("Geriatric co-management versus usual care in older surgical patients",
                    ("Outcomes at discharge by group", ASSESSED))  # fmt: skip
    return build(doc, normalizer).evidence


def _one(rows, label: str, arm_word: str):
    return next(e for e in rows if e.outcome_raw.endswith(label) and arm_word in e.arm_label and e.events is not None)


def test_a_percent_of_fewer_assessed_drops_the_group_size(normalizer) -> None:
    rows = _rows(normalizer)
    frail = _one(rows, "Frail", "Geriatric")
    assert frail.events == 12 and frail.value == 4.2
    assert frail.total != 300
    robust = _one(rows, "Robust", "Usual")
    assert robust.total != 300  # 198 of 300 is 66.0%, not 69.5%


def test_a_percent_the_group_size_gives_keeps_it(normalizer) -> None:
    rows = _rows(normalizer)
    assert _one(rows, "Cognitive screen < 24 (%)", "Geriatric").total == 300
    assert _one(rows, "Lives alone (%)", "Usual").total == 300


def test_a_patient_or_two_fewer_or_a_misprint_keeps_the_group_size() -> None:
    assert cells.fits_printed(49, 120, 41.2)  # 49 of 119
    assert cells.fits_printed(1, 28, 3.9)  # 1 of 26
    assert cells.fits_printed(2, 3, 66.6)  # cut off, not rounded
    assert cells.fits_printed(3, 16, 18.6)  # no n gives 18.6%: a misprint of 18.8
    assert not cells.fits_printed(9, 326, 2.9)  # 9 of about 310
    assert not cells.fits_printed(32, 37, 91.4)  # 32 of 35: the percent is far from 32 of 37
    assert not cells.fits_printed(198, 300, 69.5)


GROUPS_AS_ROWS = [["", "", "Very much", "Much", ""],
                  ["Global improvement", "n", "improved (%)", "improved (%)", "p-value"],
                  ["Placebo", "96", "25.0", "37.5", "—"],
                  ["Sertraline", "94", "31.9", "46.8", "0.090"],
                  ["Fluoxetine", "97", "24.7", "44.3", "0.410"]]  # fmt: skip


def test_groups_as_rows_take_the_n_printed_in_the_row(normalizer) -> None:
    doc = trial_doc("Sertraline or fluoxetine versus placebo in adolescents with depression",
                    ("Global improvement at week 8", GROUPS_AS_ROWS))  # fmt: skip
    methods = TextBlock("Patients were randomised to sertraline (n = 110), fluoxetine (n = 108) or placebo "
                        "(n = 112).", "methods", "paragraph", page=2)  # fmt: skip
    rows = build(replace(doc, blocks=(*doc.blocks, methods)), normalizer).evidence
    table = [e for e in rows if e.prov.table]
    much = {e.arm: e for e in table if e.outcome_raw.startswith("Much")}
    assert much["placebo"].value == 37.5 and much["placebo"].total == 96 and much["placebo"].events == 36
    assert much["sertraline"].total == 94
    assert not {e.value for e in table} & {0.090, 0.410, 96.0, 94.0}  # no p value, no n read as a value
