"""Score evidex's evidence rows on the real heme abstracts against the hand-written gold.

usage: python -m benchmarks.score_heme OUTDIR [--gold tests/evidence/gold/heme] [--show]

A gold row is found when one evidence row of that text has its numbers (every number the gold
states, none the gold lacks unless evidex marks it derived), its arm, its outcome, its statistic,
its grade and its landmark. Rows are paired one to one. Precision is over every row evidex wrote
for the scored texts: the gold lists every result of each text, so a row that pairs with none is wrong.
Ratios and differences (hazard_ratio, odds_ratio, risk_ratio, difference) are contrasts: their arm is
not compared.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

GOLD = Path(__file__).resolve().parents[1] / "tests" / "evidence" / "gold" / "heme"
NUMBERS = ("events", "total", "value", "low", "high", "spread_value")
CONTRASTS = ("hazard_ratio", "odds_ratio", "risk_ratio", "difference")


def _num(x: object) -> float | None:
    if x is None or x == "":
        return None
    try:
        return float(str(x))
    except ValueError:
        return None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.051, 0.005 * abs(b))


@dataclass
class TextScore:
    file: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    missed: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)


def load_gold(folder: Path = GOLD) -> dict[str, dict]:
    out = {}
    for f in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        out[doc["file"]] = doc
    return out


def _arm_ok(g: dict, p: dict, doc: dict) -> bool:
    if g.get("statistic") in CONTRASTS:
        return True
    arms = {a["id"]: a for a in doc.get("arms") or []}
    single = len(arms) == 1
    pred_all = (p.get("arm") or "all") == "all" and not p.get("arm_id")
    if g["arm"] == "all":
        return pred_all
    arm = arms.get(g["arm"])
    if arm is None:
        return False
    if single and pred_all:
        return True
    label = f"{p.get('arm_label') or ''} {p.get('arm') or ''}".lower()
    if any(str(m).lower() in label for m in arm.get("match") or []):
        return True
    same_canonical = [a for a in arms.values() if str(a.get("arm", "")).lower() == str(arm.get("arm", "")).lower()]
    return len(same_canonical) == 1 and (p.get("arm") or "").lower() == str(arm.get("arm", "")).lower()


def _outcome_ok(g: dict, p: dict) -> bool:
    code = (g.get("outcome") or "").strip()
    if code:
        return (p.get("outcome") or "").strip().lower() == code.lower()
    if (p.get("outcome") or "").strip():
        return False
    raw = (p.get("outcome_raw") or "").lower()
    return any(str(w).lower() in raw for w in g.get("raw") or [])


def _numbers_ok(g: dict, p: dict) -> bool:
    derived = bool(p.get("derived")) or str(p.get("total_derived")).lower() == "true"
    for k in NUMBERS:
        gv, pv = _num(g.get(k)), _num(p.get(k))
        if gv is not None and (pv is None or not _close(pv, gv)):
            return False
        if gv is None and pv is not None and not (derived and k in ("events", "total", "value")):
            return False
    return True


def _grade_ok(g: dict, p: dict) -> bool:
    gg, pg = str(g.get("grade") or "").replace("≥", ">="), str(p.get("grade") or "")
    if gg in ("", "any"):
        return pg in ("", "any")
    return gg == pg


def _time_ok(g: dict, p: dict) -> bool:
    gt, pt = _num(g.get("timepoint_months")), _num(p.get("timepoint_months"))
    if gt is None:
        return pt is None
    return pt is not None and abs(gt - pt) <= max(0.1, 0.02 * gt)


def matches(g: dict, p: dict, doc: dict) -> bool:
    return (
        (p.get("statistic") or "") == g.get("statistic")
        and _numbers_ok(g, p)
        and _outcome_ok(g, p)
        and _grade_ok(g, p)
        and _time_ok(g, p)
        and _arm_ok(g, p, doc)
    )


def score_text(doc: dict, predicted: list[dict]) -> TextScore:
    s = TextScore(doc["file"], gold=len(doc.get("rows") or []), predicted=len(predicted))
    free = list(range(len(predicted)))
    for g in doc.get("rows") or []:
        hit = next((i for i in free if matches(g, predicted[i], doc)), None)
        if hit is None:
            s.missed.append(g)
        else:
            free.remove(hit)
            s.matched += 1
    s.wrong = [predicted[i] for i in free]
    return s


def predictions(outdir: Path) -> dict[str, list[dict]]:
    with open(outdir / "studies.csv", encoding="utf-8") as fh:
        studies = {r["study_id"]: Path(r["source"]).name for r in csv.DictReader(fh)}
    out: dict[str, list[dict]] = {name: [] for name in studies.values()}
    with open(outdir / "evidence.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(studies.get(r["study_id"], ""), []).append(r)
    return out


def score(outdir: Path, gold: Path = GOLD) -> list[TextScore]:
    preds = predictions(outdir)
    return [score_text(doc, preds.get(name, [])) for name, doc in load_gold(gold).items() if name in preds]


def summary(scores: list[TextScore]) -> tuple[float, float, int, int, int]:
    g = sum(s.gold for s in scores)
    p = sum(s.predicted for s in scores)
    m = sum(s.matched for s in scores)
    return m / max(g, 1), m / max(p, 1), m, g, p


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--show", action="store_true", help="list missed gold rows and unpaired evidex rows")
    args = ap.parse_args(argv)
    scores = score(args.outdir, args.gold)
    for s in scores:
        print(f"{s.file[:50]:50s} gold {s.gold:3d} evidex {s.predicted:3d} matched {s.matched:3d}")
        if args.show:
            for g in s.missed:
                print("   missed:", {k: v for k, v in g.items() if v not in (None, "")})
            for p in s.wrong:
                keep = ("arm", "arm_label", "outcome", "outcome_raw", "statistic", "grade", "timepoint_months",
                        *NUMBERS)
                print("   wrong: ", {k: p[k] for k in keep if p.get(k)}, "|", (p.get("quote") or "")[:100])
    r, pr, m, g, p = summary(scores)
    print(f"heme recall {r:.3f} ({m}/{g}) precision {pr:.3f} ({m}/{p}) over {len(scores)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
