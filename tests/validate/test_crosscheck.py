from __future__ import annotations

from evidex.validate import crosscheck
from tests.validate.helpers import ev, study_frames


def _checks(*rows) -> list:
    return crosscheck.check(study_frames(evidence=rows)["evidence"])


def test_abstract_count_differs_from_results() -> None:
    [x] = _checks(
        ev("OS", section="abstract", events=29, total=33, value=87.9, quote="OS 87.9% (29/33)", page=1),
        ev("OS", events=28, total=33, value=87.9, quote="OS was 87.9% (28/33)", page=5),
    )
    assert (x.check, x.severity, x.page, x.column) == ("abstract_body_mismatch", "error", 1, "events")
    assert "29/33" in x.message and "28/33" in x.message and "page 5" in x.message


def test_follow_up_median_restated_differently_in_discussion() -> None:
    rows = (
        ev("FOLLOW_UP", statistic="median", value=10.7, unit="months", low=7.2, high=14.3, spread="IQR"),
        ev(
            "FOLLOW_UP",
            statistic="median",
            value=6.2,
            unit="months",
            section="discussion",
            quote="In our cohort, after a median follow-up of 6.2 months, all but one patient lived",
        ),
    )
    [x] = _checks(*rows)
    assert "6.2 months" in x.message and "10.7 months" in x.message and "discussion" in x.message
    assert x.column == "value"


def test_restatements_at_other_precision_and_cited_studies_pass() -> None:
    assert (
        _checks(
            ev("OS", section="abstract", value=96.1, subgroup="CR", quote="96.1%"),
            ev("OS", events=25, total=26, value=96.15, subgroup="CR", quote="96.15% (25/26)"),
            ev("FOLLOW_UP", statistic="median", value=10.7, unit="months"),
            ev(
                "FOLLOW_UP",
                statistic="median",
                value=19.5,
                unit="months",
                section="discussion",
                quote="Smith et al. followed 90 adults for a median of 19.5 months (12).",
            ),
            ev("OS", section="abstract", value=90.2, timepoint_months=6.0),
            ev("OS", value=82.2, timepoint_months=12.0),
        )
        == []
    )


def test_different_groups_are_not_compared() -> None:
    assert (
        _checks(
            ev("CR", section="abstract", events=10, total=11, value=90.9, subgroup="refractory"),
            ev("CR", events=16, total=22, value=72.7, subgroup="relapsed"),
        )
        == []
    )


def test_a_cited_figure_in_our_own_sentence_is_skipped_but_our_figure_is_not() -> None:
    quote = "In our series the CR rate was 81.3% (39/48), above the 70.2% reported by Lee et al. (8)."
    rows = (
        ev("CR", events=39, total=48, value=81.3, section="discussion", quote=quote),
        ev("CR", value=70.2, section="discussion", quote=quote),
        ev("CR", events=38, total=48, value=79.2, quote="CR was reached in 38 of 48 patients (79.2%)."),
    )
    found = _checks(*rows)
    assert [x.ref.split(";")[0][-2:] for x in found] == ["e1"]
    assert "39/48" in found[0].message and "38/48" in found[0].message


def test_rows_that_cannot_be_the_statistic_are_not_compared() -> None:
    # A follow-up cannot be a proportion: such a row is a misread and the schema reports it instead.
    assert _checks(ev("FOLLOW_UP", section="abstract", events=36, total=48, value=75.0),
                   ev("FOLLOW_UP", section="discussion", events=39, total=48, value=81.3)) == []  # fmt: skip
