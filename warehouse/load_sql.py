"""The SQL of a load: the run's frames exposed as _cc_<name> and one statement per table.

Each statement is one set-based INSERT/UPDATE over a registered frame (no row-by-row SQL, no
scraped text in SQL strings); :func:`warehouse.load.load_run` runs them in one transaction.
Claims and facts are not registered: DuckDB keeps a view's frame (its string arrays) until
the transaction ends, so the statements that read them take the frame and DuckDB finds it
as a local variable of that name (a replacement scan, let go when the statement ends); with
a lake, `_cc_claims`/`_cc_facts` are views of its files and the frame argument is None.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

import duckdb
import pandas as pd

from crosscheck.contracts import CLAIM_COLUMNS


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> Iterator[None]:
    """Expose the frames to SQL as _cc_<name> for the duration of the load."""
    for name, df in frames.items():
        con.register(f"_cc_{name}", df)
    try:
        yield
    finally:
        for name in frames:  # a frame the load released early is no longer in `frames`
            con.unregister(f"_cc_{name}")


@contextmanager
def scanned_by_name(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Let a statement find a frame held by a local variable of any caller, not only the
    function that calls DuckDB (a wrapper of the connection stands between them)."""
    con.execute("SET python_scan_all_frames = true")
    try:
        yield
    finally:  # an aborted transaction refuses it: the error that aborted it must surface
        with suppress(duckdb.Error):
            con.execute("SET python_scan_all_frames = false")


def _casts(spec: str) -> str:
    """`name TYPE, ...` -> `CAST(name AS TYPE) AS name, ...` (frames may hold any dtype)."""
    pairs = [item.split() for item in spec.split(",")]
    return ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in pairs)


def _names(spec: str) -> list[str]:
    """The column names of a `name TYPE, ...` spec."""
    return [item.split()[0] for item in spec.split(",")]


def _assigned(spec: str) -> str:
    """`name = s.name, ...` for an UPDATE ... FROM a subquery aliased `s`."""
    return ", ".join(f"{name} = s.{name}" for name in _names(spec))


_PAGE_VALUES = """title VARCHAR, content_type VARCHAR, fetched_at TIMESTAMP, status VARCHAR,
    http_status INTEGER, error VARCHAR, claim_count INTEGER, repairs INTEGER,
    repair_kinds VARCHAR"""
_CLAIM_SPEC = ", ".join(
    f"{c} {'INTEGER' if c == 'value_start' else 'VARCHAR'}" for c in CLAIM_COLUMNS
)
_FACT_VALUES = """entity VARCHAR, entity_qualifier VARCHAR, metric VARCHAR, qualifier VARCHAR,
    value_type VARCHAR, low DOUBLE, high DOUBLE, bound VARCHAR, unit VARCHAR, dimension VARCHAR,
    text_value VARCHAR, note VARCHAR, alt_low DOUBLE, alt_high DOUBLE, repairs INTEGER"""
_FACT_NAMES = _names(_FACT_VALUES)
_QUARANTINE_VALUES = "reason VARCHAR, message VARCHAR, raw_value VARCHAR, source VARCHAR"
_FINDING_VALUES = """kind VARCHAR, scope VARCHAR, severity VARCHAR, entity VARCHAR, metric VARCHAR,
    qualifier VARCHAR, explanation VARCHAR, root_cause VARCHAR"""
_FINDING_NAMES = _names(_FINDING_VALUES)
_RECONCILED_VALUES = """low DOUBLE, high DOUBLE, value DOUBLE, unit VARCHAR, support INTEGER,
    dissent INTEGER, confidence DOUBLE, sources VARCHAR[]"""
_READ_STATUSES = ("fetched", "not_modified")  # page statuses that re-read a source


def insert_sources(
    con: duckdb.DuckDBPyConnection, run_id: str, claims: pd.DataFrame | None
) -> None:
    """Sources read again take the run as last seen; new ones are inserted (an anti-join:
    `sources` has no key index since migration 037)."""
    _cc_claims = claims  # read by name (see the module docstring)
    read = """(SELECT DISTINCT source FROM (SELECT CAST(source AS VARCHAR) AS source
        FROM _cc_pages UNION ALL SELECT CAST(source AS VARCHAR) FROM _cc_claims)
        WHERE source IS NOT NULL) AS s"""
    con.execute(
        f"""UPDATE sources SET last_seen_run = $run FROM {read}
        WHERE sources.source = s.source""",
        {"run": run_id},
    )
    con.execute(
        f"""INSERT INTO sources SELECT s.source,
            CASE WHEN regexp_matches(s.source, '^[A-Za-z][A-Za-z0-9+.-]*://')
            THEN 'url' ELSE 'file' END, $run, $run FROM {read}
        WHERE NOT EXISTS (SELECT 1 FROM sources AS x WHERE x.source = s.source)""",
        {"run": run_id},
    )


def insert_pages(con: duckdb.DuckDBPyConnection, run_id: str, _: object = None) -> None:
    """Pages stored in this version are refreshed, the others inserted."""
    _refresh_or_insert(
        con, run_id, "pages", "_cc_pages", "source VARCHAR, page_sha256 VARCHAR", _PAGE_VALUES
    )


def _refresh_or_insert(
    con: duckdb.DuckDBPyConnection, run_id: str, table: str, frame: str, keys: str, values: str
) -> None:
    """Rows whose key `table` holds take the frame's values and the run as last seen; the
    others are inserted (an anti-join: the table has no key index since migration 037, and
    the frame holds each key once: `load._prepare`). Names are the code's own, not data."""
    fixed = f"(SELECT {_casts(keys + ', ' + values)} FROM {frame}) AS s"
    same = " AND ".join(f"t.{name} = s.{name}" for name in _names(keys))
    con.execute(
        f"""UPDATE {table} AS t SET {_assigned(values)}, last_seen_run = $run
        FROM {fixed} WHERE {same}""",
        {"run": run_id},
    )
    con.execute(
        f"""INSERT INTO {table} SELECT s.*, $run, $run FROM {fixed}
        WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {same})""",
        {"run": run_id},
    )


def insert_claims(con: duckdb.DuckDBPyConnection, run_id: str, claims: pd.DataFrame | None) -> None:
    """New claims only (an anti-join: far cheaper than ON CONFLICT when most rows exist)."""
    _cc_claims = claims  # read by name (see the module docstring)
    con.execute(
        f"""INSERT INTO claims ({", ".join(CLAIM_COLUMNS)}, first_seen_run) SELECT s.*, $run
        FROM (SELECT {_casts(_CLAIM_SPEC)} FROM _cc_claims) AS s
        WHERE NOT EXISTS (SELECT 1 FROM claims AS c WHERE c.claim_id = s.claim_id)""",
        {"run": run_id},
    )


def insert_facts(con: duckdb.DuckDBPyConnection, run_id: str, facts: pd.DataFrame | None) -> None:
    """Insert new facts; update existing ones only where this run normalized them differently."""
    _cc_facts = facts  # read by name (see the module docstring)
    fixed = f"(SELECT {_casts('claim_id VARCHAR, ' + _FACT_VALUES)} FROM _cc_facts) AS s"
    con.execute(
        f"""UPDATE facts SET {_assigned(_FACT_VALUES)}, updated_run = $run
        FROM {fixed} WHERE facts.claim_id = s.claim_id
        AND ({", ".join("facts." + n for n in _FACT_NAMES)})
            IS DISTINCT FROM ({", ".join("s." + n for n in _FACT_NAMES)})""",
        {"run": run_id},
    )
    con.execute(
        f"""INSERT INTO facts SELECT s.*, $run, $run FROM {fixed}
        WHERE NOT EXISTS (SELECT 1 FROM facts AS x WHERE x.claim_id = s.claim_id)""",
        {"run": run_id},
    )


def insert_quarantine(con: duckdb.DuckDBPyConnection, run_id: str, _: object = None) -> None:
    """Quarantined claims seen again are refreshed, the others inserted."""
    _refresh_or_insert(
        con,
        run_id,
        "quarantine",
        "_cc_quarantine",
        "claim_id VARCHAR, stage VARCHAR",
        _QUARANTINE_VALUES,
    )


def reopen_findings(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Mark resolved findings that this run detected again; returns how many."""
    rows = con.execute(
        """UPDATE findings SET reopened_run = $run WHERE status = 'resolved'
        AND finding_id IN (SELECT CAST(finding_id AS VARCHAR) FROM _cc_findings)""",
        {"run": run_id},
    ).fetchall()
    return int(rows[0][0]) if rows else 0


def insert_findings(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Refresh the findings seen again, then insert the new ones (an anti-join: `findings` has
    no key index since migration 036, so no ON CONFLICT; `_cc_findings` holds each id once)."""
    fixed = f"""(SELECT CAST(finding_id AS VARCHAR) AS finding_id, {_casts(_FINDING_VALUES)}
        FROM _cc_findings) AS s"""
    con.execute(
        f"""UPDATE findings SET {_assigned(_FINDING_VALUES)},
            last_seen_run = $run, status = 'open', resolved_run = NULL
        FROM {fixed} WHERE findings.finding_id = s.finding_id""",
        {"run": run_id},
    )
    con.execute(
        f"""INSERT INTO findings BY NAME SELECT s.*, $run AS first_seen_run,
            $run AS last_seen_run, 'open' AS status, NULL AS resolved_run,
            NULL AS reopened_run FROM {fixed}
        WHERE NOT EXISTS (SELECT 1 FROM findings AS f WHERE f.finding_id = s.finding_id)""",
        {"run": run_id},
    )


#: Findings per pass of the finding-claim links: a pass's hash tables are a batch's, whatever
#: the run's size. Not the cure of the 50,000-page lake load's out-of-memory at this step
#: (issue 19): with the passes it failed there all the same, so something else fills the
#: limit by then (docs/benchmarks.md, fifteenth session's close).
FINDING_CLAIM_BATCH = 10_000


def insert_finding_claims(con: duckdb.DuckDBPyConnection) -> None:
    """Link this run's findings to the claims they cite, by passes over buckets of finding ids
    (a finding's links are all in its bucket, so each pass is the whole statement's answer
    for its findings)."""
    count = con.execute("SELECT count(*) FROM _cc_findings").fetchall()[0][0]
    buckets = max(1, -(-int(count) // FINDING_CLAIM_BATCH))
    for bucket in range(buckets):
        # both integers of the code's own: formatted, not bound (a bucket is no scraped text)
        mine = f"hash(CAST(finding_id AS VARCHAR)) % {buckets} = {bucket}"
        # A finding seen again rests on this run's claims only: links to the claims of an
        # older revision of a page (same evidence, other snapshot) are replaced, not kept.
        con.execute(
            f"""DELETE FROM finding_claims AS fc
            WHERE hash(fc.finding_id) % {buckets} = {bucket}
            AND fc.finding_id IN (SELECT CAST(finding_id AS VARCHAR) FROM _cc_findings
                                  WHERE {mine})
            AND NOT EXISTS (SELECT 1 FROM (SELECT CAST(finding_id AS VARCHAR) AS finding_id,
                                                  unnest(CAST(claim_ids AS VARCHAR[])) AS claim_id
                                           FROM _cc_findings WHERE {mine}) AS s
                            WHERE s.finding_id = fc.finding_id AND s.claim_id = fc.claim_id)"""
        )
        con.execute(
            f"""INSERT INTO finding_claims SELECT s.finding_id, s.claim_id, min(s.position)
            FROM (SELECT CAST(finding_id AS VARCHAR) AS finding_id,
                    unnest(CAST(claim_ids AS VARCHAR[])) AS claim_id,
                    generate_subscripts(CAST(claim_ids AS VARCHAR[]), 1) AS position
                  FROM _cc_findings WHERE {mine}) AS s
            WHERE NOT EXISTS (SELECT 1 FROM finding_claims AS fc
                              WHERE hash(fc.finding_id) % {buckets} = {bucket}
                              AND fc.finding_id = s.finding_id AND fc.claim_id = s.claim_id)
            GROUP BY s.finding_id, s.claim_id"""
        )
    _check_cited_claims(con)


#: Cited claim ids (links) per pass of the cited-claims check: a pass's hash tables hold a
#: bucket's ids, whatever the run's size. Whole, the check's DISTINCT and semi join hashed
#: every cited id (HASH_TABLE 30-36 MiB at 50,000 pages' worth) and failed the lake load at
#: this step under a lower limit, as the real 50,000-page run did (issue 19, "dask22").
CITED_BATCH = 100_000


def _check_cited_claims(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse findings citing a claim the warehouse does not hold: the check the foreign key
    to claims made before claims lost their key index (migration 035). By passes over
    buckets of claim ids (a claim id and its stored row are in one bucket): each pass counts
    its bucket's distinct cited ids and those `claims` holds; the missing are listed only
    when the counts differ."""
    links = con.execute("SELECT coalesce(sum(len(claim_ids)), 0) FROM _cc_findings").fetchall()
    buckets = max(1, -(-int(links[0][0]) // CITED_BATCH))
    for bucket in range(buckets):
        # both integers of the code's own: formatted, not bound (a bucket is no scraped text)
        cited = f"""SELECT DISTINCT claim_id FROM (SELECT unnest(CAST(claim_ids AS VARCHAR[]))
            AS claim_id FROM _cc_findings) WHERE hash(claim_id) % {buckets} = {bucket}"""
        counts = con.execute(
            f"""SELECT (SELECT count(*) FROM ({cited})),
                (SELECT count(DISTINCT claim_id) FROM claims
                 WHERE hash(claim_id) % {buckets} = {bucket} AND claim_id IN ({cited}))"""
        ).fetchall()[0]
        if counts[0] == counts[1]:
            continue
        missing = con.execute(
            f"""SELECT s.claim_id FROM ({cited}) AS s WHERE NOT EXISTS (SELECT 1 FROM claims
            AS c WHERE hash(c.claim_id) % {buckets} = {bucket} AND c.claim_id = s.claim_id)
            LIMIT 3"""
        ).fetchall()
        cited_ids = ", ".join(str(row[0]) for row in missing)
        raise duckdb.ConstraintException(f"findings cite claims the warehouse lacks: {cited_ids}")


def resolve_findings(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Resolve open findings not seen again although this run re-read every source they rest on.
    None open from an earlier run (a first run, a run that saw every open finding again): no
    statement, so no join of their evidence with every claim (65 MiB of hash table at 60,000
    pages' worth, which failed the lake load under its 128MB: issue 19, "dask21")."""
    candidates = con.execute(
        "SELECT count(*) FROM findings WHERE status = 'open' AND last_seen_run <> ?", [run_id]
    ).fetchall()
    if not candidates[0][0]:
        return 0
    rows = con.execute(
        """WITH read AS (SELECT DISTINCT CAST(source AS VARCHAR) AS source FROM _cc_pages
                      WHERE CAST(status AS VARCHAR) IN (?, ?) AND source IS NOT NULL),
        evidence AS (SELECT fc.finding_id, c.source
                     FROM finding_claims AS fc JOIN claims AS c USING (claim_id))
        UPDATE findings SET status = 'resolved', resolved_run = ?
        WHERE status = 'open' AND last_seen_run <> ?
        AND finding_id IN (SELECT finding_id FROM evidence
                           WHERE source IN (SELECT source FROM read))
        AND finding_id NOT IN (SELECT finding_id FROM evidence WHERE NOT EXISTS
                               (SELECT 1 FROM read WHERE read.source = evidence.source))""",
        [*_READ_STATUSES, run_id, run_id],
    ).fetchall()
    return int(rows[0][0]) if rows else 0


def insert_reconciled(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Update the consensus rows whose values changed and insert the new ones; the others only
    take this run's id (a re-run after one changed page rewrote every row's values and lists:
    twice the time). No ON CONFLICT: `reconciled_facts` has no key index (migration 036)."""
    names = [item.split()[0] for item in _RECONCILED_VALUES.split(",")]
    fixed = f"""(SELECT CAST(entity AS VARCHAR) AS entity, CAST(metric AS VARCHAR) AS metric,
            CAST(qualifier AS VARCHAR) AS qualifier, {_casts(_RECONCILED_VALUES)}
        FROM _cc_reconciled) AS s"""
    same_key = "r.entity = s.entity AND r.metric = s.metric AND r.qualifier = s.qualifier"
    con.execute(
        f"""UPDATE reconciled_facts AS r SET {", ".join(f"{n} = s.{n}" for n in names)},
            run_id = $run FROM {fixed} WHERE {same_key}
        AND ({", ".join("r." + n for n in names)})
            IS DISTINCT FROM ({", ".join("s." + n for n in names)})""",
        {"run": run_id},
    )
    con.execute(
        f"""INSERT INTO reconciled_facts SELECT s.*, $run FROM {fixed}
        WHERE NOT EXISTS (SELECT 1 FROM reconciled_facts AS r WHERE {same_key})""",
        {"run": run_id},
    )
    con.execute(
        """UPDATE reconciled_facts SET run_id = $run WHERE run_id <> $run
        AND (entity, metric, qualifier) IN (SELECT (CAST(entity AS VARCHAR),
            CAST(metric AS VARCHAR), CAST(qualifier AS VARCHAR)) FROM _cc_reconciled)""",
        {"run": run_id},
    )
