"""The scorer: an output that reproduces the truth scores 1.0; damaged cells lower the score by exactly their count."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from fixtures.score import score
from fixtures.synthetic import render


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_score_counts_matching_cells(tmp_path: Path) -> None:
    fx, out = tmp_path / "fx", tmp_path / "out"
    fx.mkdir()
    out.mkdir()
    truth = render("patients_ruled", 3, fx / "synth_a.pdf")
    (fx / "synth_a.truth.json").write_text(json.dumps(truth), encoding="utf-8")
    t = truth["tables"][0]
    cells = [{"study_id": "s1", "table_id": "p1-t1", "row": i, "col": j, "text": v}
             for i, row in enumerate(t["cells"]) for j, v in enumerate(row)]
    cells[5]["text"] = "wrong"
    cells[9]["text"] = f"  {cells[9]['text']}  "  # whitespace differences do not count
    _write(out / "studies.csv", [{"study_id": "s1", "source": "synth_a.pdf"}])
    _write(out / "tables.csv", [{"study_id": "s1", "table_id": "p1-t1", "page": str(t["page"])},
                                {"study_id": "s1", "table_id": "p9-t1", "page": "9"}])
    _write(out / "cells.csv", cells)
    (s,) = score(out, fx)
    assert s.table_id == "p1-t1" and s.total == len(cells)
    assert s.correct == len(cells) - 1
