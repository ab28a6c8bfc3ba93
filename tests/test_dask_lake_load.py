"""With the Dask engine the warehouse load reads the run's facts and claims from the Parquet
files the workers wrote (crosscheck.dask_lake → warehouse.load_lake), not from frames the client
holds: the warehouse rows equal the local engine's, the temporary lake is gone after the run,
and a failed load leaves no partition behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from crosscheck.warehouse import (
    LakeFiles,
    LoadFailed,
    RunBundle,
    export,
    load_run,
    open_warehouse,
)

import crosscheck
import crosscheck.steps
from crosscheck.commands import UNMAPPED_SQL
from crosscheck.dask_lake import COMPACTED, TEMPORARY_PREFIX, lake_glob
from crosscheck.errors import RunFailed
from tests.conftest import EXAMPLES_DIR

#: Warehouse tables and the columns compared (ids of runs and timestamps differ by design).
TABLES = {
    "facts": "* EXCLUDE (first_seen_run, updated_run)",
    "claims": "* EXCLUDE (first_seen_run)",
    "findings": "* EXCLUDE (first_seen_run, last_seen_run)",
    "finding_claims": "*",
    "reconciled_facts": "* EXCLUDE (run_id)",
    "reconciled_categories": "* EXCLUDE (run_id)",
    "source_reliability": "* EXCLUDE (run_id)",
    "copy_groups": "* EXCLUDE (run_id)",
    "quarantine": "* EXCLUDE (first_seen_run, last_seen_run)",
    "relations": "* EXCLUDE (first_seen_run, last_seen_run)",
    # (a page's fetch time is its snapshot's: each run's store takes its own)
    "pages": "* EXCLUDE (fetched_at, first_seen_run, last_seen_run)",
    "sources": "* EXCLUDE (first_seen_run, last_seen_run)",
    "page_passages": "*",
}
COUNTS = "page_count, claim_count, fact_count, quarantine_count, finding_count, new_fact_count"


def _rows(db: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        out = {
            table: con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").df()
            for table, columns in TABLES.items()
            if table in have
        }
        out["runs"] = con.execute(f"SELECT {COUNTS} FROM runs").df()
        return out
    finally:
        con.close()


def _spy_on_loads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, LakeFiles | None]]:
    """Record, per load, the fact and claim rows the bundle held and its lake files."""
    seen: list[tuple[int, int, LakeFiles | None]] = []

    def spying(con: Any, bundle: RunBundle, **options: Any) -> Any:
        # the findings too stayed on the workers (crosscheck.dask_findings): none in the bundle
        if bundle.lake is not None and bundle.lake.findings is not None:
            assert bundle.findings.empty
        # and the statements of the pages parsed now (crosscheck.dask_statements)
        if bundle.lake is not None and bundle.lake.relations:
            assert bundle.relations is None or bundle.relations.empty
        # and the page rows and quarantine of the pages parsed now (crosscheck.dask_pages)
        if bundle.lake is not None and bundle.lake.pages:
            assert bundle.pages.empty and bundle.quarantine.empty
        # and the copy groups, which the task that grouped them wrote (crosscheck.dask_copies)
        if bundle.lake is not None and bundle.lake.copies is not None:
            assert bundle.copy_groups is None or bundle.copy_groups.empty
        # and the source reliability, which the task that summed its rounds wrote
        if bundle.lake is not None and bundle.lake.reliability is not None:
            assert bundle.source_reliability is None or bundle.source_reliability.empty
        seen.append((len(bundle.facts), len(bundle.claims), bundle.lake))
        return load_run(con, bundle, **options)

    monkeypatch.setattr(crosscheck.steps, "load_run", spying)
    return seen


def test_a_dask_run_loads_from_its_lake_the_rows_the_local_engine_loads(
    tmp_path: Path, seed_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a verbatim copy of a seed page: a copy group and a near_duplicate finding
    mirror = tmp_path / "pages" / "mirror-of-first.txt"
    mirror.parent.mkdir()
    mirror.write_bytes(seed_files[0].read_bytes())
    sources = [*map(str, seed_files), str(EXAMPLES_DIR), str(mirror)]
    environ = {"CROSSCHECK_WORKERS": "2"}
    local_db, dask_db = tmp_path / "local" / "w.duckdb", tmp_path / "dask" / "w.duckdb"
    local = crosscheck.run(sources, db=local_db, validate=False, check=False, environ=environ)
    seen = _spy_on_loads(monkeypatch)
    on_dask = crosscheck.run(
        sources, db=dask_db, engine="dask", validate=False, check=False, environ=environ
    )
    assert local.loaded and on_dask.loaded, on_dask.message
    # the client handed the load no fact and no claim: only the workers' files
    [(facts, claims, lake)] = seen
    assert (facts, claims) == (0, 0) and lake is not None
    assert lake.facts and lake.claims and lake.fact_rows > 100
    # the workers wrote the findings: the load read them from the lake, the client held none
    assert lake.findings and lake.finding_rows > 0
    # and the comparative statements, which the parse tasks kept: the client held none
    assert lake.relations and lake.relation_rows > 0
    expected, got = _rows(local_db), _rows(dask_db)
    assert set(expected) == set(got)
    for table, frame in expected.items():
        pd.testing.assert_frame_equal(frame, got[table], check_dtype=False, obj=table)
    assert len(expected["findings"]) > 0 and len(expected["reconciled_facts"]) > 0
    assert len(expected["relations"]) == lake.relation_rows
    # the copy groups: written by the task that grouped them, read by the load from the lake
    assert lake.copies is not None and lake.copy_rows == len(expected["copy_groups"]) > 0
    # and the source reliability, one row per source: the client held none of it
    assert lake.reliability is not None
    assert lake.reliability_rows == len(expected["source_reliability"]) > len(seed_files)
    assert on_dask.summary is not None
    assert on_dask.summary.findings_by_kind.get("near_duplicate", 0) > 0
    # the page rows and quarantine the parse tasks wrote, one file per bucket once compacted
    assert lake.pages and lake.page_rows == len(expected["pages"]) > len(seed_files)
    assert {Path(f).name for f in lake.pages} == {COMPACTED}
    assert lake.quarantine_rows == len(expected["quarantine"])
    # the summary is read back from the warehouse: the same figures as the local run's
    assert on_dask.summary is not None and local.summary is not None
    for name in ("pages", "claims", "facts", "quarantined", "findings", "root_causes"):
        assert getattr(on_dask.summary, name) == getattr(local.summary, name), name
    assert on_dask.summary.findings_by_kind == local.summary.findings_by_kind
    assert on_dask.summary.findings_by_severity == local.summary.findings_by_severity
    # the temporary lake beside the warehouse is removed once the load is over
    assert not list(dask_db.parent.glob(f"{TEMPORARY_PREFIX}*"))
    # what the report, the exports and the `crosscheck vocab` query read answers alike
    assert _answers(dask_db) == _answers(local_db)


def _answers(db: Path) -> dict[str, object]:
    """The readers' answers of one warehouse: exports (findings with their claims and facts,
    claims, facts) and the queries joining claims to facts."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, object] = {
            w: export(con, w, "json") for w in ("findings", "claims", "facts")
        }
        out["vocab"] = con.execute(UNMAPPED_SQL).fetchall()
        out["open_findings"] = con.execute(
            "SELECT * EXCLUDE (first_seen_run, last_seen_run) FROM open_findings ORDER BY ALL"
        ).fetchall()
        out["facts_display"] = con.execute("SELECT * FROM facts_display ORDER BY ALL").fetchall()
        assert out["findings"] != "[]" and out["vocab"]
        return out
    finally:
        con.close()


def test_a_failed_load_from_the_lake_loads_nothing_and_leaves_no_partition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosscheck.warehouse.load as load

    def broken(con: Any, run_id: str) -> None:
        raise duckdb.IOException("disk full while inserting the findings")

    monkeypatch.setattr(load, "_insert_findings", broken)
    db, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    environ = {"CROSSCHECK_WORKERS": "2"}
    for chosen in (lake, None):  # --lake, then the temporary lake of a LocalCluster run
        with pytest.raises(RunFailed, match="disk full") as raised:
            crosscheck.run(
                [EXAMPLES_DIR], db=db, engine="dask", lake=chosen, validate=False, environ=environ
            )
        assert raised.value.result.exit_code == 3
    assert not list(lake.rglob("*.parquet"))
    assert not list(tmp_path.glob(f"{TEMPORARY_PREFIX}*"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM facts").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (0,)
        assert {r[0] for r in con.execute("SELECT status FROM runs").fetchall()} == {"failed"}
    finally:
        con.close()


def test_a_lake_the_client_cannot_see_fails_the_load_with_a_clear_message(
    tmp_path: Path,
) -> None:
    """Workers on other hosts writing to a path that is not shared: the client finds fewer
    rows than were written, and the load stops before its transaction."""
    from datetime import UTC, datetime

    from crosscheck.contracts import (
        FACT_COLUMNS,
        FINDING_COLUMNS,
        PAGE_COLUMNS,
        QUARANTINE_COLUMNS,
        RECONCILED_COLUMNS,
    )

    con = open_warehouse(tmp_path / "w.duckdb")
    try:
        empty = {c: [] for c in FACT_COLUMNS}
        now = datetime.now(UTC)
        bundle = RunBundle(
            run_id="r1",
            started_at=now,
            finished_at=now,
            sources=[],
            crosscheck_version="t",
            vocabulary_version="t",
            pages=pd.DataFrame(columns=PAGE_COLUMNS),
            claims=pd.DataFrame(),
            facts=pd.DataFrame(empty),
            quarantine=pd.DataFrame(columns=QUARANTINE_COLUMNS),
            findings=pd.DataFrame(columns=FINDING_COLUMNS),
            reconciled=pd.DataFrame(columns=RECONCILED_COLUMNS),
            lake=LakeFiles((), (), fact_rows=12, claim_rows=0),
        )
        with pytest.raises(LoadFailed, match="the lake holds 0 of the run's 12 facts"):
            load_run(con, bundle)
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)
    finally:
        con.close()


def test_the_lake_files_a_dask_run_keeps_read_back_as_the_loaded_facts(tmp_path: Path) -> None:
    db, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    environ = {"CROSSCHECK_WORKERS": "2"}
    result = crosscheck.run(
        [EXAMPLES_DIR], db=db, engine="dask", lake=lake, validate=False, check=False,
        environ=environ,
    )  # fmt: skip
    assert result.loaded, result.message
    con = duckdb.connect()
    try:
        in_lake = con.execute(
            "SELECT claim_id, entity, low FROM read_parquet(?, hive_partitioning = true) "
            "ORDER BY ALL",
            [lake_glob(lake, "facts")],
        ).fetchall()
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        loaded = con.execute("SELECT claim_id, entity, low FROM facts ORDER BY ALL").fetchall()
    finally:
        con.close()
    assert in_lake == loaded and len(loaded) > 100
    # the claims never came back to the client: the parse tasks wrote them, one file per
    # chunk and bucket, and each bucket's files were compacted into one before the load
    parts = sorted(lake.glob(f"claims/run_id={result.run_id}/*/*.parquet"))
    assert parts and {p.name for p in parts} == {COMPACTED}
    assert len({p.parent for p in parts}) == len(parts) > 3
    con = duckdb.connect()
    try:
        in_parts = con.execute("SELECT count(*) FROM read_parquet(?)", [list(map(str, parts))])
        assert in_parts.fetchone() == (result.summary.claims if result.summary else -1,)
    finally:
        con.close()


def test_a_dask_rerun_with_one_changed_page_loads_what_the_local_engine_loads(
    tmp_path: Path,
) -> None:
    """The pages read back unchanged from the warehouse are in the lake (the consensus voted
    with them) but are not written again; the changed page's facts are new."""
    import shutil

    environ = {"CROSSCHECK_WORKERS": "2"}
    pages = tmp_path / "pages"  # the same sources for both engines (ids carry the paths)
    shutil.copytree(EXAMPLES_DIR, pages)
    page = next(p for p in sorted(pages.iterdir()) if p.suffix == ".md")
    original = page.read_text(encoding="utf-8")
    dbs = {}
    for engine in ("local", "dask"):
        page.write_text(original, encoding="utf-8")
        db = dbs[engine] = tmp_path / engine / "w.duckdb"
        options: dict[str, Any] = {"db": db, "validate": False, "environ": environ}
        first = crosscheck.run([pages], engine=engine, check=False, **options)
        page.write_text(original + "\nFlask has 70,000+ GitHub stars.\n", encoding="utf-8")
        second = crosscheck.run([pages], engine=engine, check=False, **options)
        assert first.loaded and second.loaded, second.message
        assert second.summary is not None and second.summary.pages_unchanged == 6
    expected, got = _rows(dbs["local"]), _rows(dbs["dask"])
    for table, frame in expected.items():
        pd.testing.assert_frame_equal(frame, got[table], check_dtype=False, obj=table)
