from __future__ import annotations

from evidex.models import Provenance
from evidex.validate import tabletext
from tests.validate.helpers import SID, Evidence, study_frames
from tests.validate.helpers import ev as text_row


def agg(outcome: str, events: int, total: int, subgroup: str = "all", statistic: str = "count") -> Evidence:
    return Evidence(
        SID,
        "blinatumomab",
        outcome,
        statistic,
        subgroup=subgroup,
        events=events,
        total=total,
        section="table",
        prov=Provenance(table="Table 2", page=7),
    )


def _checks(text: tuple, aggs: tuple) -> list:
    f = study_frames(evidence=text, aggregates=aggs)
    return tabletext.check(f["evidence"], f["aggregates"])


def test_agreement_is_recorded_and_disagreement_is_an_error() -> None:
    text = (
        text_row("CR", events=26, total=33, value=78.8, page=2),
        text_row("OS", section="abstract", events=29, total=33, value=87.9, page=1),
        text_row("OS", events=28, total=33, value=87.9, page=5),
    )
    found = _checks(text, (agg("CR", 26, 33), agg("OS", 29, 33)))
    agree = [f for f in found if f.check == "table_text_agreement"]
    wrong = [f for f in found if f.check == "table_text_mismatch"]
    assert {(f.severity, f.page) for f in agree} == {("info", 2), ("info", 1)}
    assert "26/33 in the text" in agree[0].message and "= 26/33 in Table 2" in agree[0].message
    [w] = wrong
    assert (w.severity, w.page) == ("error", 5) and "28/33" in w.message and "29/33" in w.message


def test_graft_counts_by_source_and_percent_only_statements() -> None:
    text = (
        text_row("GRAFT_CB", statistic="count", events=2, subgroup="CR;HSCT"),
        text_row("GRAFT_PB", statistic="count", events=8, subgroup="HSCT"),
        text_row("OS", value=96.1, subgroup="CR"),
        text_row("OS", value=80.0, subgroup="non-CR"),
    )
    aggs = (
        agg("GRAFT_CB", 4, 16, "HSCT"),
        agg("GRAFT_PB", 8, 16, "HSCT"),
        agg("OS", 25, 26, "CR"),
        agg("OS", 4, 7, "non-CR"),
    )
    found = {(f.check, f.severity, f.message.split(":")[0]) for f in _checks(text, aggs)}
    assert ("table_text_mismatch", "error", "GRAFT_CB for the blinatumomab arm (CR, HSCT)") in found
    assert ("table_text_agreement", "info", "GRAFT_PB for the blinatumomab arm (HSCT)") in found
    assert ("table_text_agreement", "info", "OS for the blinatumomab arm (CR)") in found
    assert ("table_text_mismatch", "warning", "OS for the blinatumomab arm (non-CR)") in found


def test_no_aggregates_no_findings() -> None:
    assert _checks((text_row("CR", events=26, total=33, value=78.8),), ()) == []


def test_unreadable_table_rows_make_a_difference_inconclusive_not_wrong() -> None:
    # 28 alive among 32 readable rows, 1 row unreadable: the text's 29/33 may be right, 31/33 cannot be.
    found = _checks((text_row("OS", events=29, total=33, value=87.9), text_row("OS", events=31, total=33, value=93.9)),
                    (agg("OS", 28, 32),))  # fmt: skip
    assert [(f.check, f.ref.split(";")[0][-2:]) for f in found] == [("table_text_mismatch", "e2")]
    assert "(1 unreadable)" in found[0].message


def test_table_group_size_reveals_unreadable_rows_for_a_percent() -> None:
    # The table counts 26 responders elsewhere but knows survival for only 25 of them.
    aggs = (agg("OS", 24, 25, "CR"), agg("HSCT", 15, 26, "CR"))
    assert _checks((text_row("OS", value=96.2, subgroup="CR"),), aggs) == []  # 25/26 if the unread one lived
    [x] = _checks((text_row("OS", value=80.0, subgroup="CR"),), aggs)
    assert (x.check, x.severity) == ("table_text_mismatch", "warning") and "(1 unreadable)" in x.message
