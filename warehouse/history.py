"""What earlier runs loaded, read back for incremental runs: unchanged pages reuse their
stored claims and facts instead of being parsed and normalized again, and a run that reads
exactly the latest run's pages under the same code and settings reuses its findings."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    COPY_GROUP_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    RELATION_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)


def known_pages(
    con: duckdb.DuckDBPyConnection,
    crosscheck_version: str | None = None,
    vocabulary_version: str | None = None,
) -> set[tuple[str, str]]:
    """(source, page_sha256) of every page an earlier run loaded with content; with versions,
    only pages whose latest load ran under both (other code or vocabulary must normalize the
    page again, and the facts it changes are updated)."""
    query = """SELECT p.source, p.page_sha256 FROM pages p JOIN runs r ON r.run_id = p.last_seen_run
        WHERE p.status IN ('fetched', 'not_modified')"""
    parameters: list[str] = []
    if crosscheck_version is not None:
        query += " AND r.crosscheck_version = ?"
        parameters.append(crosscheck_version)
    if vocabulary_version is not None:
        query += " AND r.vocabulary_version = ?"
        parameters.append(vocabulary_version)
    return {(source, sha) for source, sha in con.execute(query, parameters).fetchall()}


def stored_frames(
    con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(pages, claims, facts) stored for the given (source, sha) pairs, in contract columns."""
    wanted = pd.DataFrame(pages, columns=["source", "page_sha256"])
    con.register("wanted_pages", wanted)
    try:
        page_frame = con.execute(
            f"SELECT {', '.join('p.' + c for c in PAGE_COLUMNS)} FROM pages p "
            "JOIN wanted_pages w USING (source, page_sha256) ORDER BY p.source"
        ).df()
        claims = con.execute(
            f"SELECT {', '.join('c.' + c for c in CLAIM_COLUMNS)} FROM claims c "
            "JOIN wanted_pages w USING (source, page_sha256) ORDER BY c.claim_id"
        ).df()
        # A fact's claim columns are taken from `claims` (already read): reading the claims'
        # text a second time through a join cost twice what this merge does.
        own = ", ".join("f." + c for c in FACT_COLUMNS if c not in CLAIM_COLUMNS)
        normalized = con.execute(
            f"SELECT f.claim_id, {own} FROM facts f JOIN claims c USING (claim_id) "
            "JOIN wanted_pages w ON c.source = w.source AND c.page_sha256 = w.page_sha256 "
            "ORDER BY f.claim_id"
        ).df()
    finally:
        con.unregister("wanted_pages")
    facts = claims.merge(normalized, on="claim_id", how="inner", sort=False)[FACT_COLUMNS]
    return page_frame, claims, facts


def stored_relations(con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]]) -> pd.DataFrame:
    """The relations (RELATION_COLUMNS) read from the claims of the given (source, sha) pages."""
    con.register("_cc_relation_pages", pd.DataFrame(pages, columns=["source", "page_sha256"]))
    try:
        frame = con.execute(
            f"""SELECT {", ".join("r." + c for c in RELATION_COLUMNS)} FROM relations AS r
            JOIN claims AS c USING (claim_id)
            JOIN _cc_relation_pages AS w
              ON c.source = w.source AND c.page_sha256 = w.page_sha256
            ORDER BY r.relation_id"""
        ).df()
    finally:
        con.unregister("_cc_relation_pages")
    return frame.astype({c: object for c in RELATION_COLUMNS if c not in ("low", "high")})


def stored_entities(con: duckdb.DuckDBPyConnection, pages: pd.DataFrame) -> set[str]:
    """Entities of the stored facts of the given (source, page_sha256) pages."""
    con.register("_cc_entity_pages", pages[["source", "page_sha256"]])
    try:
        rows = con.execute(
            """SELECT DISTINCT f.entity FROM facts AS f JOIN claims AS c USING (claim_id)
            JOIN _cc_entity_pages AS w ON c.source = w.source AND c.page_sha256 = w.page_sha256
            WHERE f.entity IS NOT NULL"""
        ).fetchall()
    finally:
        con.unregister("_cc_entity_pages")
    return {str(row[0]) for row in rows}


@dataclass(frozen=True)
class PreviousRun:
    """The latest completed run: what it read and what decided its findings. `results_run`
    is the run whose rows hold its results: itself, or for a run that changed nothing the
    run it points at (runs.results_run)."""

    run_id: str
    crosscheck_version: str | None
    vocabulary_version: str | None
    settings_digest: str | None
    pages: frozenset[tuple[str, str, str]]  # (source, page_sha256, status)
    results_run: str = ""


def results_run_of(con: duckdb.DuckDBPyConnection, run_id: str) -> str:
    """The run whose rows hold `run_id`'s findings, pages and consensus (itself unless it
    changed nothing and points at an earlier run)."""
    row = con.execute(
        "SELECT coalesce(results_run, run_id) FROM runs WHERE run_id = ?", [run_id]
    ).fetchone()
    return str(row[0]) if row else run_id


def latest_run(con: duckdb.DuckDBPyConnection, with_pages: bool = True) -> PreviousRun | None:
    """The latest completed run and (with `with_pages`) the pages it read, or None on a fresh
    warehouse."""
    row = con.execute(
        """SELECT run_id, crosscheck_version, vocabulary_version, settings_digest,
            coalesce(results_run, run_id) FROM runs
        WHERE status = 'completed' ORDER BY started_at DESC, run_id DESC LIMIT 1"""
    ).fetchone()
    if row is None:
        return None
    pages = (
        con.execute(
            "SELECT source, page_sha256, status FROM pages WHERE last_seen_run = ?", [row[4]]
        ).fetchall()
        if with_pages
        else []
    )
    return PreviousRun(row[0], row[1], row[2], row[3], frozenset(map(tuple, pages)), row[4])


@dataclass(frozen=True)
class CarriedRun:
    """What a run that changed nothing reports from the run whose results it shares: the
    counts of its row, its findings by kind and severity and its pages without a claim."""

    results_run: str
    counts: dict[str, int]  # page_count, claim_count, fact_count, quarantine_count, ...
    findings_by_kind: dict[str, int]
    findings_by_severity: dict[str, int]
    empty_pages: list[tuple[str, str]]


_COUNTS = ("page_count", "claim_count", "fact_count", "quarantine_count", "finding_count")


def carried_run(con: duckdb.DuckDBPyConnection, results_run: str) -> CarriedRun:
    """The summary figures of `results_run`, read from its rows (no finding or fact is read)."""
    row = con.execute(
        f"SELECT {', '.join(_COUNTS)} FROM runs WHERE run_id = ?", [results_run]
    ).fetchone()
    counts = {name: int(value or 0) for name, value in zip(_COUNTS, row or (), strict=False)}
    by = {
        column: dict(
            con.execute(
                f"SELECT {column}, count(*) FROM findings WHERE last_seen_run = ? "
                f"GROUP BY {column} ORDER BY {column}",
                [results_run],
            ).fetchall()
        )
        for column in ("kind", "severity")
    }
    empty = con.execute(
        """SELECT source, coalesce(error, 'no claim found') FROM pages
        WHERE last_seen_run = ? AND claim_count = 0 AND status IN ('fetched', 'not_modified')
        ORDER BY source""",
        [results_run],
    ).fetchall()
    return CarriedRun(
        results_run,
        counts,
        {str(k): int(v) for k, v in by["kind"].items()},
        {str(k): int(v) for k, v in by["severity"].items()},
        [(str(source), str(reason)) for source, reason in empty],
    )


@dataclass(frozen=True)
class StoredResults:
    """A run's findings and consensus, read back in the contract columns."""

    findings: pd.DataFrame
    reconciled: pd.DataFrame
    reconciled_categories: pd.DataFrame
    source_reliability: pd.DataFrame
    copy_groups: pd.DataFrame


def stored_results(con: duckdb.DuckDBPyConnection, run_id: str) -> StoredResults:
    """The findings `run_id` detected (evidence in position order) and the consensus rows,
    reliabilities and copy groups it wrote, as that run's analysis had them."""
    run_id = results_run_of(con, run_id)
    values = [c for c in FINDING_COLUMNS if c != "claim_ids"]
    findings = con.execute(
        f"""SELECT {", ".join("f." + c for c in values)},
            list(fc.claim_id ORDER BY fc.position) AS claim_ids
        FROM findings f JOIN finding_claims fc USING (finding_id)
        WHERE f.last_seen_run = ? GROUP BY ALL ORDER BY f.finding_id""",
        [run_id],
    ).df()
    frames = {  # table: (contract columns, key)
        "reconciled_facts": (RECONCILED_COLUMNS, "entity, metric, qualifier"),
        "reconciled_categories": (RECONCILED_CATEGORY_COLUMNS, "entity, metric, qualifier"),
        "source_reliability": (SOURCE_RELIABILITY_COLUMNS, "source"),
        "copy_groups": (COPY_GROUP_COLUMNS, "source"),
    }
    read = {
        table: con.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE run_id = ? ORDER BY {key}", [run_id]
        ).df()
        for table, (columns, key) in frames.items()
    }
    # DuckDB gives each list as a numpy array of str: `tolist` makes the same list ~3x faster
    findings["claim_ids"] = [ids.tolist() for ids in findings["claim_ids"]]
    for table in ("reconciled_facts", "reconciled_categories"):
        read[table]["sources"] = [s.tolist() for s in read[table]["sources"]]
    return StoredResults(
        findings[FINDING_COLUMNS],
        read["reconciled_facts"],
        read["reconciled_categories"],
        read["source_reliability"],
        read["copy_groups"],
    )
