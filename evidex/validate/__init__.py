"""Validate stage: pandera schemas and reviewer checks over one study's frames -> findings."""

from __future__ import annotations

import pandas as pd

from evidex.models import Finding


def validate(frames: dict[str, pd.DataFrame]) -> list[Finding]:
    """Findings for one study; ``frames`` are evidex.frames tables (studies, evidence, aggregates, patients, ...)."""
    return []
