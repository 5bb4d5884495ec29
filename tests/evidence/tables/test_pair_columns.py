"""Columns that compare two groups hold no arm's value, even when their header sits under or beside an arm's name.

A p value per pair of groups ("p control-diet"), a between-group difference labelled by its direction
("(placebo-active)"), an odds ratio whose footnote mark is glued on ("Adjusted odds ratioc"), the standard
deviation of the estimated difference (SDE). Invented tables, real layouts.
"""

from __future__ import annotations

from dataclasses import replace

from evidex.evidence import build
from evidex.models import TextBlock
from tests.evidence.conftest import trial_doc

PAIRS = [["", "Diet (N = 22)", "Metformin (N = 24)", "Control (N = 26)", "p", "p control-diet", "p control-metformin"],
         ["Weight gain, kg", "8.1 ± 4.2", "9.0 ± 5.1", "13.4 ± 6.9", "0.004", "0.011", "0.032"],
         ["Mean glucose, mmol/L", "5.5 ± 0.4", "5.8 ± 0.5", "6.1 ± 0.6", "0.002", "0.090", "0.640"]]  # fmt: skip

CHANGE = [["", "", "Adjusted mean change (SE)", "Difference in adjusted means", "", ""],
          ["CGI-S", "n", "from baseline", "(placebo-active)", "95% CI", "p"],
          ["Placebo", "101", "-1.60 (0.13)", "—", "—", "—"],
          ["Sertraline", "98", "-1.95 (0.12)", "0.35", "0.01 to 0.69", "0.047"],
          ["Fluoxetine", "100", "-1.82 (0.12)", "0.22", "-0.12 to 0.56", "0.204"]]  # fmt: skip

RESPONSE = [["", "Proportion", "", "Adjusted", "", ""],
            ["CGI-I response", "responders", "%", "odds ratioc", "Wald 95% CI", "p"],
            ["Placebo", "59/101", "58.4", "—", "—", "—"],
            ["Sertraline", "70/98", "71.4", "0.52", "0.28 to 0.95", "0.031"],
            ["Fluoxetine", "66/100", "66.0", "0.73", "0.41 to 1.30", "0.284"]]  # fmt: skip


def test_a_p_value_per_pair_of_groups_is_no_arm(normalizer) -> None:
    doc = trial_doc("Diet or metformin versus control in gestational diabetes", ("Glucose and weight gain", PAIRS))
    rows = build(doc, normalizer).evidence
    assert rows and all(e.value is None or e.value > 1 for e in rows if e.outcome_raw.startswith("Weight"))
    assert {e.arm_label for e in rows} <= {"Diet", "Metformin", "Control"}
    assert len([e for e in rows if e.outcome_raw.startswith("Weight")]) == 3


def test_a_contrast_or_odds_ratio_column_is_no_arm(normalizer) -> None:
    doc = trial_doc("Sertraline or fluoxetine versus placebo in adolescents with depression",
                    ("Secondary outcomes at week 8", CHANGE), ("Response at week 8", RESPONSE))  # fmt: skip
    methods = TextBlock("Patients were randomised to sertraline (n = 98), fluoxetine (n = 100) or placebo "
                        "(n = 101).", "methods", "paragraph", page=2)  # fmt: skip
    doc = replace(doc, blocks=(*doc.blocks, methods))
    rows = build(doc, normalizer).evidence
    values = {e.value for e in rows}
    assert {-1.95, -1.82, 71.4, 66.0} <= values  # the arms' own values are read
    assert not values & {0.35, 0.22, 0.52, 0.73, 0.047, 0.204, 0.031, 0.284}
