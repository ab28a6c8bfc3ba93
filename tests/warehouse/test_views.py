"""The analysts' views return exactly the rows their comments promise."""

from __future__ import annotations

import math
from pathlib import Path

from tests.warehouse.test_support import (
    C_DASH,
    C_PROSE,
    C_STARS,
    C_TABLE,
    C_URL,
    FILE_SOURCE,
    FIND_CROSS,
    FIND_SAME_PAGE,
    FIND_STARS,
    URL_SOURCE,
    file_only_bundle,
    finding,
    loaded,
    make_bundle,
)


def test_open_findings_has_one_row_per_finding_and_evidence_claim(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    rows = con.execute(
        "SELECT finding_id, position, claim_id, source, locator, raw_value, low, high, unit"
        " FROM open_findings ORDER BY finding_id, position"
    ).fetchall()
    expected = {
        (FIND_SAME_PAGE["finding_id"], 1, C_TABLE["claim_id"], FILE_SOURCE, 2250.0, 2750.0),
        (FIND_SAME_PAGE["finding_id"], 2, C_PROSE["claim_id"], FILE_SOURCE, 10800.0, 13200.0),
        (FIND_CROSS["finding_id"], 1, C_TABLE["claim_id"], FILE_SOURCE, 2250.0, 2750.0),
        (FIND_CROSS["finding_id"], 2, C_URL["claim_id"], URL_SOURCE, 8000.0, 12000.0),
        (FIND_STARS["finding_id"], 1, C_STARS["claim_id"], FILE_SOURCE, 400000.0, math.inf),
        (FIND_STARS["finding_id"], 2, C_DASH["claim_id"], FILE_SOURCE, None, None),
    }
    assert {(r[0], r[1], r[2], r[3], r[6], r[7]) for r in rows} == expected
    dash = next(r for r in rows if r[2] == C_DASH["claim_id"])
    assert (dash[4], dash[5], dash[8]) == (C_DASH["locator"], "—", None)  # quarantined: no fact


def test_open_findings_drops_resolved_findings(tmp_path: Path) -> None:
    con = loaded(
        tmp_path / "w.duckdb", make_bundle("r1"), file_only_bundle("r2", [FIND_SAME_PAGE], 10)
    )
    ids = {r[0] for r in con.execute("SELECT finding_id FROM open_findings").fetchall()}
    assert ids == {FIND_SAME_PAGE["finding_id"], FIND_CROSS["finding_id"]}


def test_reconciled_matrix_rows(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    rows = con.execute(
        "SELECT entity, metric, qualifier, metric_label, value, low, high, unit, confidence"
        " FROM reconciled_matrix ORDER BY metric"
    ).fetchall()
    assert rows == [
        ("Flask", "github_stars", "", "github_stars", 400000.0, 400000.0, math.inf, "count", 0.3),
        ("Flask", "throughput", "", "throughput", 10000.0, 8000.0, 12000.0, "req/s", 0.66),
    ]
    pivot = con.execute(
        "PIVOT (SELECT entity, metric_label, value FROM reconciled_matrix)"
        " ON metric_label USING first(value)"
    ).fetchall()
    assert pivot == [("Flask", 400000.0, 10000.0)]


def test_reconciled_matrix_labels_qualified_metrics(tmp_path: Path) -> None:
    from tests.warehouse.test_support import R_THROUGHPUT

    qualified = dict(R_THROUGHPUT, qualifier="concurrent load")
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1", reconciled=[qualified]))
    label = con.execute("SELECT metric_label FROM reconciled_matrix").fetchall()
    assert label == [("throughput (concurrent load)",)]


def test_changes_after_the_first_run_are_all_new(tmp_path: Path) -> None:
    con = loaded(tmp_path / "w.duckdb", make_bundle("r1"))
    rows = con.execute(
        "SELECT change, run_id, previous_run_id, finding_id FROM changes_since_previous_run"
    ).fetchall()
    assert sorted(rows) == sorted(
        ("new", "r1", None, f["finding_id"]) for f in (FIND_SAME_PAGE, FIND_CROSS, FIND_STARS)
    )


def test_changes_since_previous_run_lists_new_and_resolved(tmp_path: Path) -> None:
    fresh = finding("logic", [C_TABLE["claim_id"]], severity="info")
    con = loaded(
        tmp_path / "w.duckdb",
        make_bundle("r1"),
        file_only_bundle("r2", [FIND_SAME_PAGE, fresh], minutes=10),
    )
    rows = con.execute(
        "SELECT change, run_id, previous_run_id, finding_id, first_seen_run, last_seen_run, status"
        " FROM changes_since_previous_run ORDER BY change"
    ).fetchall()
    assert rows == [
        ("new", "r2", "r1", fresh["finding_id"], "r2", "r2", "open"),
        ("resolved", "r2", "r1", FIND_STARS["finding_id"], "r1", "r1", "resolved"),
    ]


def test_changes_ignore_failed_runs_and_report_reopened(tmp_path: Path) -> None:
    from crosscheck.warehouse import record_failed_run

    con = loaded(
        tmp_path / "w.duckdb",
        make_bundle("r1"),
        file_only_bundle("r2", [FIND_SAME_PAGE], minutes=10),
        file_only_bundle("r3", [FIND_SAME_PAGE, FIND_STARS], minutes=20),
    )
    record_failed_run(con, "r4", "2026-11-21T07:00:00Z", [FILE_SOURCE], "boom")
    rows = con.execute(
        "SELECT change, run_id, previous_run_id, finding_id FROM changes_since_previous_run"
    ).fetchall()
    assert rows == [("reopened", "r3", "r2", FIND_STARS["finding_id"])]
