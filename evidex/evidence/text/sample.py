"""Rows that tell who the sample is, not what treatment did: the participant flow and the sample's make-up.

"391 (75.2%) completed a phone screening", "276 completed the 24 week study period", "Follow-up was completed for
98%": counts of the flow through the trial, left out (``flow``). "Participants were 79.7% White", "mean ± SD age
was 60 ± 16 years", "University-educated women were overrepresented": the make-up of the sample, a baseline
characteristic (``describes_sample``). The cue words are data (``evidence/data/lexicon.yaml``).
"""

from __future__ import annotations

import re

from evidex.evidence.text import lexicon
from evidex.evidence.text.rows import Draft

_FLOW = lexicon.pattern("flow_outcomes")
_MAKE_UP = lexicon.pattern("sample_words")
_REPRESENTS = lexicon.pattern("representation_cues")
_FOLLOWED = lexicon.pattern("follow_up_flow")
_SEXES = {k: re.compile(rf"(?<![\w-])(?:{'|'.join(v)})(?![\w-])", re.I) for k, v in lexicon.data()["sex_words"].items()}
_ACTING = re.compile(rf"(?<![\w-]){lexicon.alternation('sex_plurals')}\s*(?:\([^()]*\)\s*)?"
                     rf"(?:{lexicon.alternation('sex_plurals')}\s+)?{lexicon.alternation('people_did')}\b", re.I)


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


def sex_as_people(text: str) -> bool:
    """A sentence naming one sex only, whose plural is the subject of what those people did ("4 women (10%) used
    the tool for 12 weeks", "Forty women received treatment as allocated"), or of a follow-up count ("no losses to
    follow-up: outcomes for all 640 (100%) women"): "women" names the participants, so a count of them is no sex
    split."""
    named = [k for k, rx in _SEXES.items() if rx.search(text)]
    return len(named) == 1 and bool(_ACTING.search(text) or _FOLLOWED.search(text))
