"""Build one study's frames from records the way the pipeline does (evidex.frames), for the checks to read."""

from __future__ import annotations

from typing import Any

import pandas as pd

from evidex import frames
from evidex.models import Evidence, EvidenceBundle, Patient, Provenance, Repair, Study, StudyResult, Term, Transplant

SID = "0123456789ab"


def ev(outcome: str, section: str = "results", quote: str = "", page: int | None = 3, **kw: Any) -> Evidence:
    kw.setdefault("arm", "blinatumomab")
    kw.setdefault("statistic", "proportion")
    return Evidence(study_id=SID, outcome=outcome, section=section, quote=quote, prov=Provenance(page=page), **kw)


def study_frames(
    evidence: tuple[Evidence, ...] = (),
    aggregates: tuple[Evidence, ...] = (),
    patients: tuple[Patient, ...] = (),
    transplants: tuple[Transplant, ...] = (),
    repairs: tuple[Repair, ...] = (),
    terms: tuple[Term, ...] = (),
) -> dict[str, pd.DataFrame]:
    bundle = EvidenceBundle(evidence=evidence, aggregates=aggregates, patients=patients, transplants=transplants,
                            repairs=repairs)  # fmt: skip
    result = StudyResult(study=Study(study_id=SID, source="invented.txt"), bundle=bundle, terms=terms)
    return frames.study_frames(result)
