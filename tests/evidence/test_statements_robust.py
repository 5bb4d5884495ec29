"""Any text: no exception, every row quotes a sentence of the block it came from."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from evidex.evidence import statements
from evidex.models import Document, TextBlock

_PIECES = [
    "The CR rate was", "80.0%", "(16/20)", "(12 cases)", "in the CAR-T group", "(14 cases)", ",", ";", ".", " and ",
    "respectively", "p = 0.03", "median OS was", "not reached", "12.1 (3.4-20.0) months", "± 2.1", "grade 3 or higher",
    "For patients with positive MRD only,", "without CR", "HR = 0.5, 95% CI: 0.2-0.9", "(", ")", "Thirty-one", "no",
    "fever (5 cases, 10.0%)", "The 1-year EFS", "et al.", "(23)", "vs", "were(1.0-2.0)days", "in 7 of 30 patients",
]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30),
    st.sampled_from(["abstract", "results", "discussion"]),
)
@example(["in 7 of 30 patients", "respectively", "in 7 of 30 patients", "The CR rate was"], "abstract")  # arm sizes
def test_extract_never_fails_and_quotes_stay_in_place(pieces: list[str], section: str) -> None:
    from tests.evidence.conftest import DictNormalizer

    body = " ".join(pieces)
    title = "Blinatumomab versus CAR-T cells"
    doc = Document("f", "f.txt", "", "text", f"{title}\n\n{body}", title, (), (
        TextBlock(title, "title", "heading", None, None, 0, len(title)),
        TextBlock(body, section, "paragraph", None, None, len(title) + 2, len(title) + 2 + len(body)),
    ))  # fmt: skip
    rows, findings = statements.extract(doc, DictNormalizer())
    for r in rows:
        assert r.quote and doc.text[r.prov.char_start : r.prov.char_end] == r.quote
        assert r.statistic in ("proportion", "count", "median", "mean", "hazard_ratio")
        assert r.value is None or r.statistic != "proportion" or 0 <= r.value <= 100
    assert all(f.check in ("missing_value", "arm_not_resolved") for f in findings)
