"""Rows that tell who the sample is, not what treatment did: the participant flow and the sample's make-up.

"391 (75.2%) completed a phone screening", "276 completed the 24 week study period", "Follow-up was completed for
98%": counts of the flow through the trial, left out (``flow``). "Participants were 79.7% White", "mean ± SD age
was 60 ± 16 years", "University-educated women were overrepresented": the make-up of the sample, a baseline
characteristic (``describes_sample``). The cue words are data (``evidence/data/lexicon.yaml``).
"""

from __future__ import annotations

from evidex.evidence.text import lexicon
from evidex.evidence.text.rows import Draft

_FLOW = lexicon.pattern("flow_outcomes")
_MAKE_UP = lexicon.pattern("sample_words")
_REPRESENTS = lexicon.pattern("representation_cues")
_FOLLOWED = lexicon.pattern("follow_up_flow")


def flow(d: Draft, text: str) -> bool:
    """A row counting the participant flow: its phrase (nothing mapped) names a flow step, or it is the share of
    participants the sentence says were followed up or lost ("... continued the drug until the 6-month follow-up
    (86/125)" is no flow: an event by a follow-up visit)."""
    if d.outcome.code == "FOLLOW_UP":
        return d.statistic == "proportion" and bool(_FOLLOWED.search(text))
    return d.outcome.kind == "raw" and bool(_FLOW.search(d.outcome.raw))


def describes_sample(raw: str, text: str) -> bool:
    """A row whose phrase names a trait of the participants (age, ancestry, schooling, family, work), or whose
    sentence sets the sample against the population it came from."""
    return bool(_MAKE_UP.search(raw) or _REPRESENTS.search(text))
