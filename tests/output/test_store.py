"""The output store: what goes in comes back out of CSV, Parquet and DuckDB alike."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidex import frames, output
from evidex.models import Evidence, EvidenceBundle, Provenance, Study, StudyResult

TEMPLATES = {t: frames.empty(t) for t in frames.TABLES}

finite = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@st.composite
def evidence(draw: st.DrawFn, sid: str) -> Evidence:
    return Evidence(
        study_id=sid,
        arm=draw(st.sampled_from(["blinatumomab", "CAR-T", "all"])),
        outcome=draw(st.sampled_from(["CR", "OS", "CRS", "Fever"])),
        statistic=draw(st.sampled_from(["proportion", "count", "median"])),
        events=draw(st.none() | st.integers(0, 500)),
        total=draw(st.none() | st.integers(0, 500)),
        value=draw(st.none() | finite),
        quote=draw(text),
        arm_label=draw(text),
        total_derived=draw(st.booleans()),
        prov=Provenance(page=draw(st.none() | st.integers(1, 40)), method="test.v1"),
    )


def missing_is_null(frame: pd.DataFrame) -> pd.DataFrame:
    """The one rule of Parquet and DuckDB: an empty text is missing, stored as NULL like a missing number."""
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype) == "string":
            out[col] = out[col].mask(out[col] == "")
    return out


def result(sid: str, rows: list[Evidence]) -> dict[str, pd.DataFrame]:
    study = Study(study_id=sid, source=f"{sid}.pdf", pages=3)
    return frames.study_frames(StudyResult(study=study, bundle=EvidenceBundle(evidence=tuple(rows))))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(evidence("aaaaaaaaaaaa"), max_size=6))
def test_round_trip_through_every_format(tmp_path_factory, rows: list[Evidence]) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("store")
    output.write(out, [result("aaaaaaaaaaaa", rows)], TEMPLATES)
    written = frames.study_frames(
        StudyResult(study=Study("aaaaaaaaaaaa", "aaaaaaaaaaaa.pdf", pages=3), bundle=EvidenceBundle(tuple(rows)))
    )["evidence"]
    parquet = pd.read_parquet(out / "evidence.parquet")
    pd.testing.assert_frame_equal(parquet, missing_is_null(written))
    con = duckdb.connect(str(out / "evidex.duckdb"), read_only=True)
    db = con.execute("SELECT * FROM evidence").df()
    con.close()
    assert len(db) == len(rows)
    assert db["events"].isna().sum() == sum(r.events is None for r in rows)
    csv = pd.read_csv(out / "evidence.csv", dtype=str, keep_default_na=False)
    assert set(csv["total_derived"]) <= {"true", "false"}
    assert list(csv["quote"]) == [r.quote for r in rows]


def test_empty_run_writes_every_table_with_its_columns(tmp_path: Path) -> None:
    output.write(tmp_path, [], TEMPLATES)
    for table in frames.TABLES:
        df = pd.read_parquet(tmp_path / f"{table}.parquet")
        assert list(df.columns) == [c for c, _ in frames.COLUMNS[table]]
        assert df.empty


def test_replacing_one_study_keeps_the_other(tmp_path: Path) -> None:
    a = [Evidence("aaaaaaaaaaaa", "all", "CR", "proportion", events=3, total=4, value=75.0)]
    b1 = [Evidence("bbbbbbbbbbbb", "all", "OS", "proportion", events=1, total=2, value=50.0)]
    b2 = [Evidence("bbbbbbbbbbbb", "all", "OS", "proportion", events=2, total=2, value=100.0)] * 2
    output.write(tmp_path, [result("aaaaaaaaaaaa", a), result("bbbbbbbbbbbb", b1)], TEMPLATES)
    output.write(tmp_path, [result("bbbbbbbbbbbb", b2)], TEMPLATES)
    ev = pd.read_parquet(tmp_path / "evidence.parquet")
    assert ev.groupby("study_id").size().to_dict() == {"aaaaaaaaaaaa": 1, "bbbbbbbbbbbb": 2}
    assert ev.loc[ev.study_id == "bbbbbbbbbbbb", "value"].tolist() == [100.0, 100.0]


def test_missing_values_are_null_for_every_type(tmp_path: Path) -> None:
    row = Evidence("aaaaaaaaaaaa", "all", "CR", "proportion", events=None, total=4, value=None, unit="", quote="q")
    output.write(tmp_path, [result("aaaaaaaaaaaa", [row])], TEMPLATES)
    con = duckdb.connect(str(tmp_path / "evidex.duckdb"), read_only=True)
    try:
        got = con.execute("SELECT events IS NULL, value IS NULL, unit IS NULL, grade IS NULL, quote, total "
                          "FROM evidence").fetchone()  # fmt: skip
        no_empty_text = con.execute(
            "SELECT count(*) FROM information_schema.columns c "
            "WHERE c.data_type = 'VARCHAR' AND c.table_name = 'studies'"
        ).fetchone()
        empties = con.execute("SELECT count(*) FROM studies WHERE title = '' OR journal = '' OR doi = ''").fetchone()
    finally:
        con.close()
    assert got == (True, True, True, True, "q", 4)
    assert no_empty_text is not None and no_empty_text[0] > 5
    assert empties == (0,)
    parquet = pd.read_parquet(tmp_path / "evidence.parquet")
    assert parquet["unit"].isna().all() and parquet["events"].isna().all()
    csv = (tmp_path / "evidence.csv").read_text(encoding="utf-8").splitlines()
    assert '""' not in csv[1]  # NULL is an empty cell in CSV, never a quoted empty string
