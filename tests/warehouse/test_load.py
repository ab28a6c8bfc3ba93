"""Loading: one transaction per run, idempotent by natural keys, and the findings lifecycle."""

from __future__ import annotations

import math
from pathlib import Path

import crosscheck.warehouse.load as load_module
import duckdb
import pytest
from crosscheck.warehouse import (
    LoadFailed,
    RunAlreadyLoaded,
    load_run,
    open_warehouse,
    record_failed_run,
)

from tests.warehouse.test_support import (
    C_STARS,
    F_TABLE,
    FILE_SOURCE,
    FIND_CROSS,
    FIND_SAME_PAGE,
    FIND_STARS,
    URL_SOURCE,
    bundle_with_new_claim,
    counts,
    file_only_bundle,
    finding,
    loaded,
    make_bundle,
    snapshot,
)


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    return con.execute(sql, params or []).fetchall()[0][0]


def test_first_load_inserts_every_table(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    result = load_run(con, make_bundle("r1"))
    assert (result.runs, result.sources, result.pages, result.claims, result.facts) == (
        1, 2, 2, 6, 5,
    )  # fmt: skip
    assert (result.quarantine, result.findings, result.finding_claims) == (1, 3, 6)
    assert result.reconciled_facts == 2
    assert counts(con) | {"schema_version": 0, "check_runs": 0} == {
        "runs": 1, "sources": 2, "pages": 2, "claims": 6, "facts": 5, "quarantine": 1,
        "findings": 3, "finding_claims": 6, "reconciled_facts": 2, "check_runs": 0,
        "source_reliability": 0, "copy_groups": 0, "reconciled_categories": 0,
        "schema_version": 0, "reviews": 0, "relations": 0, "page_passages": 0,
    }  # fmt: skip
    run = con.execute(
        "SELECT status, sources, page_count, claim_count, fact_count, quarantine_count,"
        " finding_count, new_claim_count, new_finding_count, duration_s, vocabulary_version"
        " FROM runs"
    ).fetchall()
    assert run == [
        ("completed", sorted([FILE_SOURCE, URL_SOURCE]), 2, 6, 5, 1, 3, 6, 3, 12.5, "v1")
    ]
    kinds = dict(con.execute("SELECT source, kind FROM sources").fetchall())
    assert kinds == {FILE_SOURCE: "file", URL_SOURCE: "url"}


def test_loading_the_same_input_again_adds_nothing(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    before = counts(con)
    claims_before = con.execute("SELECT * FROM claims ORDER BY ALL").fetchall()
    result = load_run(con, make_bundle("r2", minutes=10))
    after = counts(con)
    assert after == before | {"runs": before["runs"] + 1}
    assert (result.sources, result.pages, result.claims, result.facts, result.quarantine) == (
        0, 0, 0, 0, 0,
    )  # fmt: skip
    assert (result.findings, result.finding_claims, result.reconciled_facts) == (0, 0, 0)
    assert con.execute("SELECT * FROM claims ORDER BY ALL").fetchall() == claims_before
    assert _one(con, "SELECT new_claim_count FROM runs WHERE run_id = 'r2'") == 0
    # what was seen again says so
    assert {r[0] for r in con.execute("SELECT last_seen_run FROM pages").fetchall()} == {"r2"}
    assert {r[0] for r in con.execute("SELECT last_seen_run FROM findings").fetchall()} == {"r2"}
    assert {r[0] for r in con.execute("SELECT first_seen_run FROM claims").fetchall()} == {"r1"}


def test_the_same_run_id_twice_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    before = snapshot(con)
    with pytest.raises(RunAlreadyLoaded, match="run r1 is already in the warehouse"):
        load_run(con, make_bundle("r1"))
    assert snapshot(con) == before


def test_a_failure_mid_load_rolls_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    bundle = bundle_with_new_claim("r2", minutes=10)
    before = snapshot(con)

    def broken(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(load_module, "_insert_findings", broken)
    with pytest.raises(LoadFailed, match="run r2 failed and was rolled back: disk on fire") as err:
        load_run(con, bundle)
    assert str(err.value).endswith("(at findings)")  # the step it failed in
    assert isinstance(err.value.__cause__, RuntimeError)
    assert snapshot(con) == before  # claims inserted before the failure are gone too
    monkeypatch.undo()
    assert load_run(con, bundle).claims == 1  # and the connection is usable afterwards


def test_a_database_error_mid_load_is_wrapped(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    before = snapshot(con)
    orphan = finding("logic", ["no-such-claim"])  # violates finding_claims -> claims
    with pytest.raises(LoadFailed) as err:
        load_run(con, make_bundle("r2", findings=[orphan], minutes=5))
    assert isinstance(err.value.__cause__, duckdb.Error)
    assert snapshot(con) == before


def test_missing_contract_columns_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    bundle = make_bundle("r1")
    bundle.claims = bundle.claims.drop(columns=["locator"])
    with pytest.raises(LoadFailed, match=r"claims lacks contract columns \['locator'\]"):
        load_run(con, bundle)
    assert counts(con)["runs"] == 0


def test_infinite_interval_ends_are_stored_as_double_infinity(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    high, is_inf, kind = con.execute(
        "SELECT high, isinf(high), typeof(high) FROM facts WHERE claim_id = ?",
        [C_STARS["claim_id"]],
    ).fetchall()[0]
    assert math.isinf(high) and high > 0 and is_inf and kind == "DOUBLE"
    stars_high = _one(con, "SELECT high FROM reconciled_facts WHERE metric = 'github_stars'")
    assert stars_high == math.inf


def test_a_new_normalization_updates_the_fact_in_place(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    bundle = make_bundle("r2", minutes=10)
    row = bundle.facts["claim_id"] == F_TABLE["claim_id"]
    bundle.facts.loc[row, "metric"] = "throughput_rps"
    result = load_run(con, bundle)
    assert result.facts == 0
    changed = con.execute(
        "SELECT metric, first_seen_run, updated_run FROM facts WHERE claim_id = ?",
        [F_TABLE["claim_id"]],
    ).fetchall()
    assert changed == [("throughput_rps", "r1", "r2")]
    assert _one(con, "SELECT count(*) FROM facts WHERE updated_run = 'r2'") == 1


def test_findings_resolve_only_when_all_their_sources_were_read_again(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    # r2 reads only the local file and finds only the same-page conflict again
    result = load_run(con, file_only_bundle("r2", [FIND_SAME_PAGE], minutes=10))
    assert result.resolved_findings == 1
    state = dict(
        (fid, (status, last, resolved))
        for fid, status, last, resolved in con.execute(
            "SELECT finding_id, status, last_seen_run, resolved_run FROM findings"
        ).fetchall()
    )
    assert state[FIND_SAME_PAGE["finding_id"]] == ("open", "r2", None)
    assert state[FIND_STARS["finding_id"]] == ("resolved", "r1", "r2")  # its page was re-read
    assert state[FIND_CROSS["finding_id"]] == ("open", "r1", None)  # the URL was not re-read
    assert _one(con, "SELECT resolved_finding_count FROM runs WHERE run_id = 'r2'") == 1


def test_a_failed_fetch_does_not_resolve_findings(tmp_path: Path) -> None:
    from tests.warehouse.test_support import SHA_FILE, page

    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    failed = make_bundle(
        "r2", pages=[page(FILE_SOURCE, SHA_FILE, 0, status="failed")], claims=[], facts=[],
        quarantine=[], findings=[], reconciled=[], minutes=10,
    )  # fmt: skip
    assert load_run(con, failed).resolved_findings == 0
    assert _one(con, "SELECT count(*) FROM findings WHERE status = 'open'") == 3


def test_a_resolved_finding_that_reappears_is_reopened(tmp_path: Path) -> None:
    con = loaded(
        tmp_path / "w.duckdb",
        make_bundle("r1"),
        file_only_bundle("r2", [FIND_SAME_PAGE], minutes=10),
    )
    result = load_run(con, file_only_bundle("r3", [FIND_SAME_PAGE, FIND_STARS], minutes=20))
    assert (result.reopened_findings, result.findings) == (1, 0)
    row = con.execute(
        "SELECT status, first_seen_run, last_seen_run, resolved_run, reopened_run"
        " FROM findings WHERE finding_id = ?",
        [FIND_STARS["finding_id"]],
    ).fetchall()
    assert row == [("open", "r1", "r3", None, "r3")]


def test_record_failed_run_writes_only_the_run(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    assert record_failed_run(
        con, "r9", "2026-11-21T06:00:00+00:00", ["seeds/"], "RunFailed: parser crashed",
        finished_at="2026-11-21T06:00:03Z", crosscheck_version="0.1.0",
    )  # fmt: skip
    rows = con.execute("SELECT run_id, status, sources, error, duration_s FROM runs").fetchall()
    assert rows == [("r9", "failed", ["seeds/"], "RunFailed: parser crashed", 3.0)]
    assert counts(con)["claims"] == 0
    # recording it again, or recording over a completed run, changes nothing
    assert not record_failed_run(con, "r9", "2026-11-21T06:00:00Z", [], "again")
    load_run(con, make_bundle("r1"))
    assert not record_failed_run(con, "r1", "2026-11-21T06:00:00Z", [], "late failure")
    assert _one(con, "SELECT status FROM runs WHERE run_id = 'r1'") == "completed"


def test_duplicate_keys_within_a_bundle_keep_the_first_row(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    bundle = make_bundle("r1")
    bundle.claims = bundle.claims.iloc[[0, 0, 1, 2, 3, 4, 5]].reset_index(drop=True)
    assert load_run(con, bundle).claims == 6


def test_timestamps_are_stored_in_utc(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    bundle = make_bundle("r1")
    bundle.started_at = "2026-11-21T08:00:00+02:00"
    bundle.finished_at = "2026-11-21T06:00:01Z"
    bundle.pages["fetched_at"] = "2026-11-21T07:30:00+01:00"
    load_run(con, bundle)
    started, duration = con.execute("SELECT started_at, duration_s FROM runs").fetchall()[0]
    assert (started.hour, duration) == (6, 1.0)
    assert {r[0].hour for r in con.execute("SELECT fetched_at FROM pages").fetchall()} == {6}


def test_list_columns_may_be_tuples_or_arrays(tmp_path: Path) -> None:
    import numpy as np

    con = open_warehouse(tmp_path / "w.duckdb")
    bundle = make_bundle("r1")
    bundle.findings["claim_ids"] = [tuple(ids) for ids in bundle.findings["claim_ids"]]
    bundle.reconciled["sources"] = [np.array(s) for s in bundle.reconciled["sources"]]
    result = load_run(con, bundle)
    assert (result.finding_claims, result.reconciled_facts) == (6, 2)
    sources = con.execute("SELECT sources FROM reconciled_facts ORDER BY metric").fetchall()
    assert sources == [([FILE_SOURCE],), ([FILE_SOURCE, URL_SOURCE],)]


def test_a_releasing_load_writes_the_same_rows_and_empties_the_bundle(tmp_path: Path) -> None:
    kept, released = make_bundle("r1"), make_bundle("r1")
    con_kept = open_warehouse(tmp_path / "kept.duckdb")
    con_released = open_warehouse(tmp_path / "released.duckdb")
    assert load_run(con_kept, kept) == load_run(con_released, released, release=True)
    for table in ("sources", "pages", "claims", "facts", "findings", "finding_claims"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert con_kept.execute(sql).fetchall() == con_released.execute(sql).fetchall() != []
    assert counts(con_kept) == counts(con_released)
    sql = "SELECT page_count, claim_count, fact_count, finding_count, new_claim_count FROM runs"
    assert con_kept.execute(sql).fetchall() == con_released.execute(sql).fetchall()
    assert con_released.execute(sql).fetchall()[0][1:3] == (6, 5)  # the rows it was given
    assert (len(kept.claims), len(kept.facts)) == (6, 5)  # a load that may be retried keeps them
    assert (len(released.claims), len(released.facts)) == (0, 0)
    assert list(released.claims.columns) == list(kept.claims.columns)


def test_the_error_that_aborts_the_load_transaction_is_the_one_raised() -> None:
    """A statement failing inside the load (a full memory limit, a broken key) aborts the
    transaction; the setting reset after it must not replace that error by DuckDB's
    "transaction is aborted", which names no cause (a 50,000-page Dask load did)."""
    from crosscheck.warehouse.load_sql import scanned_by_name

    con = duckdb.connect()
    con.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO t VALUES (1)")
    con.execute("BEGIN")
    with pytest.raises(duckdb.ConstraintException), scanned_by_name(con):
        con.execute("INSERT INTO t VALUES (1)")


def test_a_failed_load_names_the_error_that_aborted_it_not_the_abort() -> None:
    """Any statement after the first failure (a view dropped in a `finally`) raises "transaction
    is aborted"; the load's message takes the first error from the context chain."""
    from crosscheck.warehouse.load import first_cause

    con = duckdb.connect()
    con.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO t VALUES (1)")
    con.execute("BEGIN")
    with pytest.raises(duckdb.TransactionException) as raised:
        try:
            con.execute("INSERT INTO t VALUES (1)")
        finally:
            con.execute("DROP VIEW IF EXISTS nothing_here")
    assert isinstance(first_cause(raised.value), duckdb.ConstraintException)
    assert first_cause(ValueError("plain")).args == ("plain",)


def test_finding_links_load_alike_in_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Passes of one finding each (the lake load's bound on the step's memory) link what one
    pass links, on a first load and on a second that sees the findings again."""
    from crosscheck.warehouse import load_sql

    stored = []
    for batch, name in ((1, "one"), (10_000, "all")):
        monkeypatch.setattr(load_sql, "FINDING_CLAIM_BATCH", batch)
        con = loaded(tmp_path / f"{name}.duckdb", make_bundle("r1"))
        load_run(con, make_bundle("r2", minutes=5))
        stored.append(con.execute("SELECT * FROM finding_claims ORDER BY ALL").fetchall())
    assert len(stored[0]) >= 2 and len({row[0] for row in stored[0]}) >= 2
    assert stored[0] == stored[1]
