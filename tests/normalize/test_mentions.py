"""Terms in running text: offsets, longest match, unknown drug variants next to a treatment cue.

The texts are invented, written in the style of machine-translated abstracts.
"""

from __future__ import annotations

import time

from evidex.normalize.matcher import Matcher

TEXT = (
    "Methods: 40 patients received Dashatini combined with chemotherapy, and 18 patients in the berintuo-treated "
    "group were compared with the CAR-T treatment group. The incidence of cytokine release syndrome (CRS) was 22.2%; "
    "neurotoxicity occurred in 1 case. Decreased serum potassium levels and leucopenia were common. "
    "The 2-year OS was 61.0% in ALL patients, the MRD conversion rate was 88.9% and haemorrhagic cystitis occurred "
    "after HSCT with CCNU + FLAG + BuCy conditioning. Patients were treated in Berlin."
)


def test_mentions_offsets_point_at_the_text(matcher: Matcher) -> None:
    for m in matcher.mentions(TEXT):
        assert 0 <= m.start < m.end <= len(TEXT)
        assert TEXT[m.start : m.end].strip() == TEXT[m.start : m.end]


def test_mentions_are_non_overlapping_and_ordered(matcher: Matcher) -> None:
    found = matcher.mentions(TEXT)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_drug_mentions_include_transliterated_names(matcher: Matcher) -> None:
    found = {TEXT[m.start : m.end]: m.term.canonical for m in matcher.mentions(TEXT, kinds=("drug",))}
    assert found["berintuo"] == "blinatumomab"
    assert found["Dashatini"] == "dasatinib"
    assert found["CCNU"] == "lomustine"
    assert "Berlin" not in found and "Methods" not in found


def test_longest_match_first(matcher: Matcher) -> None:
    found = {TEXT[m.start : m.end]: m.term for m in matcher.mentions(TEXT)}
    assert found["cytokine release syndrome"].canonical == "CRS"
    assert found["MRD conversion rate"].canonical == "MRD_NEG"
    assert found["CAR-T"].canonical == "CAR-T"


def test_kinds_filter(matcher: Matcher) -> None:
    found = matcher.mentions(TEXT, kinds=("ae",))
    assert {m.term.kind for m in found} == {"ae"}
    assert {m.term.canonical for m in found} >= {"White blood cell decreased", "Cystitis noninfective",
                                                  "Cytokine release syndrome"}


def test_disease_all_is_not_the_subgroup_all(matcher: Matcher) -> None:
    assert not [m for m in matcher.mentions(TEXT, kinds=("subgroup",)) if m.term.canonical == "all"]


def test_mt_tail_is_part_of_the_mention(matcher: Matcher) -> None:
    text = "a comparison between Beilintuo Euro monoclonal antibody and CAR-T cells"
    (drug,) = matcher.mentions(text, kinds=("drug",))
    assert text[drug.start : drug.end] == "Beilintuo Euro monoclonal antibody"


def test_mentions_speed_on_a_paper_sized_text(matcher: Matcher) -> None:
    text = (TEXT + "\n") * (30_000 // len(TEXT) + 1)
    matcher.mentions(text)  # first call fills per-word caches
    # CPU time, not wall time: the 2-core test machine is shared, and waiting for a core is not our cost.
    cpu = []
    for _ in range(3):
        start = time.process_time()
        matcher.mentions(text)
        cpu.append(time.process_time() - start)
    assert min(cpu) < 0.05


def test_chinese_names_inside_chinese_text(matcher: Matcher) -> None:
    text = "采用贝林妥欧单抗治疗的患者12例，联合环磷酰胺"
    found = {text[m.start : m.end]: m.term.canonical for m in matcher.mentions(text, kinds=("drug",))}
    assert found == {"贝林妥欧单抗": "blinatumomab", "环磷酰胺": "cyclophosphamide"}


def test_words_broken_at_line_ends(matcher: Matcher) -> None:
    text = "Eight patients received blinatu-\nmomab; leuko-\npenia was frequent."
    found = {text[m.start : m.end]: m.term.canonical for m in matcher.mentions(text)}
    assert found["blinatu-\nmomab"] == "blinatumomab"
    assert found["leuko-\npenia"] == "White blood cell decreased"


def test_graft_sources_only_when_asked(matcher: Matcher) -> None:
    text = "bone marrow remission was assessed; grafts were bone marrow + peripheral blood"
    assert not [m for m in matcher.mentions(text) if m.term.kind == "graft_source"]
    asked = [m.term.canonical for m in matcher.mentions(text, kinds=("graft_source",))]
    assert asked == ["BM", "BM", "PB"]
