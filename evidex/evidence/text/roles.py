"""Which sentences report this study's results, and in which section they stand.

A text input keeps its section labels inside the paragraphs ("RESULTS Ninety patients ...",
"...B-ALL.Methods: A total of 19 ...", a paragraph "Results:" alone); a label holds until the next
one or until the extract stage's own section changes. Sentences that state what was known before
(background), what was planned, given or assumed (design, dosing, eligibility, sample size and
power), or what other studies found are read for no rows. The cue words are data
(``evidence/data/lexicon.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from evidex.evidence.text import lexicon, links
from evidex.models import TextBlock

SKIPPED = ("introduction", "references")


@dataclass
class Sections:
    """The section in force while reading a document's paragraphs in order."""

    block_section: str = ""
    inline: str = ""

    def start(self, block: TextBlock) -> None:
        if block.section != self.block_section:
            self.block_section, self.inline = block.section, ""

    def label(self, text: str) -> int:
        """Apply a label at the start of ``text``; return how many characters the label takes."""
        found = lexicon.section_label(text)
        if found is None:
            return 0
        self.inline = found[0]
        return found[1]

    @property
    def current(self) -> str:
        return self.inline or self.block_section


def is_result(text: str, section: str) -> bool:
    """False for background, design/methods, eligibility, dosing, sample-size and other-study sentences."""
    if section in SKIPPED:
        return False
    if lexicon.pattern("background_cues").search(text) or lexicon.pattern("design_cues").search(text):
        return False
    if lexicon.pattern("other_study_cues").search(text):
        return bool(lexicon.pattern("own_study_cues").search(text))
    return True


def counts_enrolment(text: str, section: str) -> bool:
    """A design sentence that also says who was enrolled ("Patients (N = 211) were randomized 2:1 to A (n = 143) or B
    (n = 68) in 28-day cycles, on days 1 to 10"; "In phase 1, patients received 1.2 (n = 3), 1.6 (n = 12), or 1.8
    (n = 9) mg/m2 per cycle on days 1, 8, and 15": the size of each dose level) gives its enrolment counts, never a
    planned sample size."""
    if section in SKIPPED or lexicon.pattern("background_cues").search(text):
        return False
    if lexicon.pattern("other_study_cues").search(text) or lexicon.pattern("planning_cues").search(text):
        return False
    if lexicon.pattern("enrolment_cues").search(text) or lexicon.pattern("division_cues").search(text):
        return True
    # "... 1.6 (n = 12), or 1.8 (n = 9) mg/m2": group sizes; but not "Assessed for eligibility (n=520)"
    return bool(links.N_IS.search(text)) and not links.NOT_ENROLLED.search(text)
