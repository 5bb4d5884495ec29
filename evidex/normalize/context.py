"""Context tags: what the words around a term say about which reading is meant.

Gated aliases ("MP", "Cy", "PT") are accepted only when a tag opens their gate.
"""

from __future__ import annotations

import re

_CUES: dict[str, re.Pattern[str]] = {
    "conditioning": re.compile(
        r"condition|preparat|myeloablat|\b(?:MAC|RIC)\b|pre-?transplant|\bTBI\b|\bT8I\b|busulf|\bBU\b|\bBu\b|"
        r"\bATG\b|treosulf|thiotepa|\bTSPA\b",
        re.IGNORECASE,
    ),
    "maintenance": re.compile(r"maintenance|\boral\b|6-?MP\b|mercaptopurine|POMP", re.IGNORECASE),
    "gvhd": re.compile(r"GVHD|graft.{0,4}versus|prophyla|steroid|pulse", re.IGNORECASE),
    "regimen": re.compile(r"regimen|protocol|\+|condition|preparat|induction|consolidation|salvage", re.IGNORECASE),
    "graft": re.compile(r"graft|stem.?cell.?source|\bsource\b|donor|\bPBSC|\bBM\b|cord|\bPB\b", re.IGNORECASE),
    "therapy": re.compile(r"therap|treat|prior|\bpost\b|follow|next|bridg", re.IGNORECASE),
}

# Explicitly asked kinds open the gates that belong to them.
_KIND_TAGS = {"regimen": {"regimen"}, "component": {"regimen"}, "therapy": {"therapy"}, "graft_source": {"graft"}}

# Agents used almost only in conditioning: their presence in a regimen string makes it a conditioning regimen.
CONDITIONING_AGENTS = frozenset(
    {"busulfan", "total body irradiation", "anti-thymocyte globulin", "thiotepa", "treosulfan", "carmustine",
     "lomustine", "total lymphoid irradiation"}
)


def tags(context: str, kind: str | None = None) -> frozenset[str]:
    found = {tag for tag, cue in _CUES.items() if context and cue.search(context)}
    if "conditioning" in found:
        found.add("regimen")
    found |= _KIND_TAGS.get(kind or "", set())
    return frozenset(found)


def gate_open(gate: str, active: frozenset[str], alias_kind: str, asked_kind: str | None) -> bool:
    if not gate:
        return True
    if gate == "kind":
        return asked_kind == alias_kind
    if gate == "regimen":
        return bool(active & {"regimen", "conditioning"})
    return gate in active
