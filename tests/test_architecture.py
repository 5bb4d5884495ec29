"""The shape of the code, kept mechanically: stages do not import each other; modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "evidex"
STAGES = ("extract", "normalize", "evidence", "validate", "output")
MAX_LINES = 500


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("stage", STAGES)
def test_stage_imports_no_other_stage_nor_the_pipeline(stage: str) -> None:
    forbidden = {f"evidex.{s}" for s in STAGES if s != stage} | {"evidex.pipeline", "evidex.cli", "evidex.frames"}
    offenders = []
    for path in (PKG / stage).rglob("*.py"):
        for mod in imported_modules(path):
            if any(mod == f or mod.startswith(f + ".") for f in forbidden):
                offenders.append(f"{path.relative_to(PKG)} imports {mod}")
    assert not offenders


def test_models_import_nothing_from_evidex_but_codes() -> None:
    mods = imported_modules(PKG / "models.py") | imported_modules(PKG / "codes.py")
    assert {m for m in mods if m.startswith("evidex")} <= {"evidex.codes"}


def test_modules_stay_small() -> None:
    big = {str(p.relative_to(PKG)): n for p in PKG.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not big, f"split these modules: {big}"


def test_every_cli_command_is_documented_with_an_example() -> None:
    from evidex.cli import EXPORT_HELP, META_HELP, NORMALIZE_HELP, RUN_HELP

    readme = (PKG.parent / "README.md").read_text(encoding="utf-8")
    for command, helptext in (("run", RUN_HELP), ("normalize", NORMALIZE_HELP), ("meta", META_HELP),
                              ("export", EXPORT_HELP)):  # fmt: skip
        assert "Example:" in helptext
        assert f"evidex {command}" in readme
