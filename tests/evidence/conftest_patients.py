"""A tiny dictionary-backed Normalizer for the per-patient table tests.

It knows exact spellings only (case-insensitive), like a vocabulary fixture:
the tests then see which repairs the table reader itself makes. Seed tests use
the real ``evidex.normalize.load()`` instead.
"""

from __future__ import annotations

from evidex.models import Mention, Term

VOCAB: dict[str, dict[str, tuple[str, ...]]] = {
    "therapy": {
        "chemotherapy": ("chemotherapy",), "car-t": ("CAR-T",), "cart": ("CAR-T",), "hsct": ("HSCT",),
        "blinatumomab": ("blinatumomab",), "inotuzumab": ("inotuzumab ozogamicin",),
    },
    "fusion": {
        "mll-af4": ("KMT2A::AFF1",), "bcr-abl": ("BCR::ABL1",), "bcr-abl1": ("BCR::ABL1",),
        "tel-aml1": ("ETV6::RUNX1",), "negative": ("negative",), "e2a-pbx1": ("TCF3::PBX1",),
    },
    "regimen": {
        "ccnu": ("lomustine",), "flag": ("fludarabine", "cytarabine", "G-CSF"),
        "clag": ("cladribine", "cytarabine", "G-CSF"), "bucy": ("busulfan", "cyclophosphamide"),
        "bu": ("busulfan",), "cy": ("cyclophosphamide",), "atg": ("anti-thymocyte globulin",),
        "flu": ("fludarabine",), "tbi": ("total body irradiation",), "mp": ("melphalan",),
        "tspa": ("thiotepa",), "thiotepa": ("thiotepa",), "mel": ("melphalan",), "ara-c": ("cytarabine",),
    },
    "donor": {
        "father": ("father",), "mother": ("mother",), "sister": ("sister",), "brother": ("brother",),
        "sibling": ("sibling",), "unrelated": ("unrelated",), "unrelated donor": ("unrelated",),
    },
    "graft_source": {"bm": ("BM",), "pb": ("PB",), "pt": ("PB",), "cb": ("CB",), "pbsc": ("PB",)},
}  # fmt: skip


class DictNormalizer:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def normalize(self, raw: str, kind: str | None = None, context: str = "", page: int | None = None) -> Term:
        self.calls.append((raw, kind or ""))
        hit = VOCAB.get(kind or "", {}).get(raw.strip().lower())
        if hit and len(hit) == 1:
            return Term(raw=raw, canonical=hit[0], kind=kind or "", method="exact", score=1.0, alias=raw)
        return Term(raw=raw, canonical=None, kind=kind or "")

    def components(self, raw: str, context: str = "", page: int | None = None) -> tuple[Term, ...]:
        hit = VOCAB["regimen"].get(raw.strip().lower())
        if not hit:
            return (Term(raw=raw, canonical=None, kind="regimen"),)
        return tuple(Term(raw=raw, canonical=c, kind="regimen", method="abbreviation", score=1.0, alias=raw)
                     for c in hit)  # fmt: skip

    def mentions(self, text: str, kinds: tuple[str, ...] = (), page: int | None = None) -> tuple[Mention, ...]:
        return ()


# --- invented per-patient tables with known truth, rendered the way OCR damages them -------------

PRIOR = (("Chemotherapy", "chemotherapy"), ("Chemotherapy + CAR-T", "chemotherapy;CAR-T"),
         ("Chemotherapy + HSCT", "chemotherapy;HSCT"))  # fmt: skip
NEXT = (("HSCT", "HSCT"), ("Chemotherapy", "chemotherapy"), ("CAR-T", "CAR-T"), ("Blinatumomab", "blinatumomab"))
FUSIONS = (("MLL-AF4", "KMT2A::AFF1"), ("BCR-ABL", "BCR::ABL1"), ("TEL-AML1", "ETV6::RUNX1"))
REGIMENS = ("CCNU", "FLAG", "CLAG", "BuCy", "ATG", "Flu", "TBI", "Cy", "MP", "TSPA")
DONORS = (("Father", "father"), ("Mother", "mother"), ("Sister", "sister"), ("Brother", "brother"),
          ("Unrelated donor", "unrelated"))  # fmt: skip
GRAFTS = (("BM + PB", "BM;PB"), ("PB", "PB"), ("CB", "CB"))
STATUS = (("CR", "CR"), ("death", "death"), ("relapse", "relapse"))

PATIENT_HEADERS = {
    "flat": ["No. | Prior therapy | Blasts before (%) | MRD before (%) | Fusion gene before | Blasts after (%) |"
             " MRD after (%) | Fusion gene after | CR | Subsequent therapy | Alive | Follow-up (months)"],
    "grouped": ["Case Prior therapy Before treatment After treatment CR | Next therapy Alive Follow-up",
                "Blasts % | MRD % Gene Blasts % | MRD % | Gene", "(months)"],
    "wrapped": ["Patient Previous Pre-treatment Post-treatment Response Further Vital Follow-up",
                "treatment blasts MRD fusion blasts MRD fusion treatment status time"],
}  # fmt: skip
TRANSPLANT_HEADERS = {
    "flat": ["Patient | Conditioning regimen | Donor | HLA match | Graft source | Time to HSCT |"
             " Neutrophil engraftment | Platelet engraftment | Final status"],
    "wrapped": ["Case Conditioning Donor HLA Stem cell Days to Neutrophil Platelet Final",
                "regimen matching source HSCT engraftment engraftment status"],
}  # fmt: skip


def _pct(rng, lo: float, hi: float) -> str:
    v = rng.uniform(lo, hi)
    return f"{v:.2f}" if v < 10 and rng.random() < 0.5 else f"{v:.1f}"


def synth_patients(rng, n: int) -> list[dict]:
    rows = []
    for i in range(1, n + 1):
        cr = rng.random() < 0.75
        fusion = rng.choice(FUSIONS) if rng.random() < 0.25 else None
        prior, nxt = rng.choice(PRIOR), rng.choice(NEXT)
        row = {
            "patient": str(i), "prior_therapy": prior, "blasts_pre_pct": str(rng.randint(6, 95)),
            "mrd_pre_pct": _pct(rng, 0.1, 99), "fusion_pre": (fusion[0], fusion[1]) if fusion else ("-", "negative"),
            "blasts_post_pct": str(rng.randint(0, 4) if cr else rng.randint(6, 95)),
            "mrd_post_pct": "0.01" if cr and rng.random() < 0.6 else _pct(rng, 0.02, 9.9 if cr else 99),
            "fusion_post": ("Negative", "negative") if fusion else ("-", "negative"),
            "cr": ("Y", True) if cr else ("N", False), "post_therapy": nxt,
            "alive": ("Y", True) if rng.random() < 0.85 else ("N", False),
            "follow_up_months": f"{rng.uniform(2, 24):.1f}",
        }  # fmt: skip
        rows.append(row)
    return rows


def synth_transplants(rng, n: int) -> list[dict]:
    rows = []
    for i in range(1, n + 1):
        for k in range(2 if rng.random() < 0.15 else 1):
            regimen = rng.sample(REGIMENS, rng.randint(2, 4))
            a = rng.choice((5, 5, 6, 8, 9, 10))
            rows.append({
                "patient": str(i), "transplant_no": k + 1, "conditioning": " + ".join(regimen),
                "donor": rng.choice(DONORS), "hla": f"{a}/10", "graft_source": rng.choice(GRAFTS),
                "days_to_hsct": str(rng.randint(10, 40)), "neutrophil_engraftment_day": f"+{rng.randint(9, 21)}",
                "platelet_engraftment_day": f"+{rng.randint(8, 40)}", "final_status": rng.choice(STATUS),
            })  # fmt: skip
    return rows


def _printed(v) -> str:
    return v[0] if isinstance(v, tuple) else str(v)


def damage(rng, column: str, text: str, rate: float) -> str:
    """What OCR makes of a printed cell, at ``rate`` per cell."""
    if rng.random() >= rate:
        return text
    if column in ("mrd_pre_pct", "mrd_post_pct", "follow_up_months") and "." in text:
        return text.replace(".", "")
    if text == "Y":
        return "¥"
    if text == "-":
        return rng.choice(("=", "&", "«"))
    if column == "hla":
        return text.replace("/", "")
    if text == "HSCT":
        return "HsCT"
    if column == "neutrophil_engraftment_day" and text.startswith("+"):
        return "<" + text[1:]
    return text


def render_lines(rows: list[dict], header: list[str], columns: list[str], rng, rate: float) -> list[str]:
    """Damaged text lines: cells joined by spaces, stray '|', marks fused to numbers, wrapped cells."""
    lines = list(header)
    last = ""
    for r in rows:
        cells = [damage(rng, c, _printed(r[c]), rate) for c in columns]
        num = r["patient"]
        if r.get("transplant_no", 1) > 1:
            num = ""
        elif rng.random() < rate / 3 and last and int(num) > 1:
            num = rng.choice(("»", num + "*", num + '"'))
        wrap = None
        if "+" in cells[0] and rng.random() < rate:
            head, _, tail = cells[0].rpartition("+")
            cells[0], wrap = head + "+", tail.strip()
        sep = [" | " if rng.random() < rate / 2 else " " for _ in cells]
        line = (num + " " if num else "") + "".join(c + s for c, s in zip(cells, sep, strict=True)).strip(" |")
        lines.append(line)
        if wrap:
            lines.append(wrap)
        last = num or last
    return lines


def truth_value(column: str, v):
    """The contract value a printed truth cell stands for."""
    if isinstance(v, tuple):
        return v[1]
    if column == "hla":
        a, b = v.split("/")
        return (int(a), int(b))
    if column in ("conditioning",):
        return v
    try:
        return float(str(v).lstrip("+"))
    except ValueError:
        return v


VOCAB["regimen"].update({"tt": ("thiotepa",), "vp16": ("etoposide",), "mel": ("melphalan",)})
VOCAB["fusion"].update({"p2ry8-crlf2": ("P2RY8::CRLF2",), "taf15-znf384": ("TAF15::ZNF384",)})
