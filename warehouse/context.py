"""The current facts of the sources a run did not read: consensus and reliability are computed
over everything the warehouse knows, so a run over one page does not recompute Flask's GitHub
stars from that page alone (issue 18). All their facts, not only those of the entities the
run touched: a source's reliability rests on all its figures, and a partial view would move
the confidence of keys the run never saw."""

from __future__ import annotations

import duckdb
import pandas as pd

from crosscheck.common.contracts import CLAIM_COLUMNS, FACT_COLUMNS, FindingKind

# Kinds whose finding says a figure itself is wrong (reconcile.FLAGGING_KINDS; kept in step
# by tests/warehouse/test_context.py, as the warehouse imports no stage).
FLAGGING_KINDS = frozenset(
    k.value
    for k in (FindingKind.IDENTICAL_COLUMNS, FindingKind.MISATTRIBUTION, FindingKind.UNIT_SCALE)
)

# The latest loaded version of each source (by the run that last saw it), read or unchanged,
# of the sources this run did not read: they are left out before the window, so a run that
# read every source ranks no page (ranking every page cost a one-changed-page re-run ~0.05 s
# at 1,000 pages for an empty answer).
_CURRENT_PAGES = """
SELECT source, page_sha256 FROM (
    SELECT p.source, p.page_sha256,
           row_number() OVER (PARTITION BY p.source ORDER BY r.started_at DESC, p.page_sha256) AS n
    FROM pages AS p JOIN runs AS r ON r.run_id = p.last_seen_run
    WHERE p.status IN ('fetched', 'not_modified') AND r.status = 'completed'
      AND p.source NOT IN (SELECT source FROM _cc_read_sources)
) WHERE n = 1
"""


def current_context(
    con: duckdb.DuckDBPyConnection, read_sources: set[str], entities: set[str]
) -> tuple[pd.DataFrame, frozenset[str]]:
    """`current_facts`, and the ids among them that an open finding flags as a wrong figure
    (its kind in `flagging_kinds`), which the consensus leaves out as it does this run's."""
    facts = current_facts(con, read_sources, entities)
    if facts.empty:
        return facts, frozenset()
    con.register("_cc_context_claims", facts[["claim_id"]])
    try:
        rows = con.execute(
            """SELECT DISTINCT fc.claim_id FROM findings AS f
            JOIN finding_claims AS fc USING (finding_id)
            WHERE f.status = 'open' AND f.kind IN (SELECT unnest(CAST($kinds AS VARCHAR[])))
              AND fc.claim_id IN (SELECT claim_id FROM _cc_context_claims)""",
            {"kinds": sorted(FLAGGING_KINDS)},
        ).fetchall()
    finally:
        con.unregister("_cc_context_claims")
    return facts, frozenset(r[0] for r in rows)


def current_facts(
    con: duckdb.DuckDBPyConnection, read_sources: set[str], entities: set[str]
) -> pd.DataFrame:
    """Facts (FACT_COLUMNS) of the current page of every source not in `read_sources`, when
    the run touched any entity (`entities`); empty when there are none (the usual case: a
    scheduled run reads every source)."""
    if not entities:
        return pd.DataFrame(columns=FACT_COLUMNS)
    columns = ", ".join(("c." + c if c in CLAIM_COLUMNS else "f." + c) for c in FACT_COLUMNS)
    con.register("_cc_read_sources", pd.DataFrame({"source": sorted(read_sources)}, dtype=object))
    try:
        return con.execute(
            f"""SELECT {columns} FROM facts AS f JOIN claims AS c USING (claim_id)
            JOIN ({_CURRENT_PAGES}) AS cur
              ON cur.source = c.source AND cur.page_sha256 = c.page_sha256
            ORDER BY c.claim_id"""
        ).df()
    finally:
        con.unregister("_cc_read_sources")
