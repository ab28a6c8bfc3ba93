"""What earlier runs loaded, read back for incremental runs: unchanged pages reuse their
stored claims and facts instead of being parsed and normalized again."""

from __future__ import annotations

import duckdb
import pandas as pd

from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS, PAGE_COLUMNS


def known_pages(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(source, page_sha256) of every page an earlier run loaded with content."""
    rows = con.execute(
        "SELECT source, page_sha256 FROM pages WHERE status IN ('fetched', 'not_modified')"
    ).fetchall()
    return {(source, sha) for source, sha in rows}


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
        fact_columns = ", ".join(
            ("c." + c if c in CLAIM_COLUMNS else "f." + c) for c in FACT_COLUMNS
        )
        facts = con.execute(
            f"SELECT {fact_columns} FROM facts f JOIN claims c USING (claim_id) "
            "JOIN wanted_pages w ON c.source = w.source AND c.page_sha256 = w.page_sha256 "
            "ORDER BY c.claim_id"
        ).df()
    finally:
        con.unregister("wanted_pages")
    return page_frame, claims, facts
