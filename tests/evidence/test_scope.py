"""Numbers in methods and discussion sentences are results only when their outcome is a known one."""

from __future__ import annotations

from pathlib import Path

from evidex.pipeline import run_one

PAPER = """Low-dose decitabine before transplantation in older adults with AML: a randomized trial

Methods

We randomized 120 patients to decitabine or observation. Blood samples were kept in 10% dimethyl sulfoxide
at -80 degrees, and the assay used a 1:200 dilution in 5% bovine albumin.

Results

Complete remission was achieved by 42 of 60 patients (70.0%) with decitabine and 30 of 60 (50.0%) with
observation. Febrile neutropenia occurred in 18 patients (30.0%) in the decitabine group.

Discussion

Earlier series treated 35% of their patients with hypomethylating agents before transplantation.
"""

ABSTRACT_ONLY = """Haploidentical transplantation in children with thalassemia

Methods

Thirty children were transplanted. The incidence of engraftment dysfunction was 6.7%, and the rate of
hepatic veno-occlusive disease was 3.3%.
"""


def _rows(tmp_path: Path, text: str):
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return run_one(path)["evidence"]


def test_uncoded_numbers_of_methods_and_discussion_are_no_results(tmp_path: Path) -> None:
    rows = _rows(tmp_path, PAPER)
    aside = rows[rows["section"].isin(["methods", "discussion"])]
    assert set(aside["outcome"].fillna("")) <= {"ENROLLED"}, aside[["outcome", "outcome_raw", "value"]]
    assert {35.0, 10.0, 5.0}.isdisjoint(set(rows["value"].dropna())), rows[["outcome_raw", "value"]]
    results = rows[rows["section"] == "results"]
    assert {(o, e, t) for o, e, t in zip(results["outcome"], results["events"], results["total"], strict=True)
            if o == "CR"} == {("CR", 42, 60), ("CR", 30, 60)}  # fmt: skip
    assert ((rows["outcome"] == "ENROLLED") & (rows["events"] == 120)).any()


def test_a_text_without_a_results_section_keeps_its_rows(tmp_path: Path) -> None:
    rows = _rows(tmp_path, ABSTRACT_ONLY)
    assert {6.7, 3.3} <= set(rows["value"].dropna()), rows[["outcome_raw", "value", "section"]]
