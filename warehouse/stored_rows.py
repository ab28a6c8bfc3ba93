"""Stored claims and facts of reused pages read by key: a run where one page changed reads back
the rows its limited checks need (a few entities, pages and metrics), not every page's rows
(the read-back of every fact was the largest part of such a run that grows with the corpus)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS, PAGE_COLUMNS

_PAGES = "_cc_rows_pages"
_OWN = [c for c in FACT_COLUMNS if c not in CLAIM_COLUMNS]  # a fact's own columns


@dataclass(frozen=True)
class RowKeys:
    """Which stored facts to read: those of these sources, entities, metrics, claim ids or
    (entity, metric) pairs (any of them); with the claims of those facts, every claim of
    these sources and the claims of these ids."""

    sources: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    metrics: frozenset[str] = frozenset()
    claim_ids: frozenset[str] = frozenset()
    pairs: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def empty(self) -> bool:
        """Whether no key is given (nothing to read)."""
        return not (self.sources or self.entities or self.metrics or self.claim_ids or self.pairs)


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> Iterator[None]:
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        yield
    finally:
        for name in frames:
            con.unregister(name)


def _pages(pages: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(pages, columns=["source", "page_sha256"], dtype=object)


def _values(values: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame({"v": sorted(values)}, dtype=object)


def stored_page_rows(con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]]) -> pd.DataFrame:
    """The stored page rows (PAGE_COLUMNS) of the given (source, sha) pages, by source."""
    with _registered(con, {_PAGES: _pages(pages)}):
        return con.execute(
            f"SELECT {', '.join('p.' + c for c in PAGE_COLUMNS)} FROM pages p "
            f"JOIN {_PAGES} w USING (source, page_sha256) ORDER BY p.source"
        ).df()


@dataclass(frozen=True)
class StoredCounts:
    """Rows reading every page gives, and which text columns hold a value in any of them:
    reading a text column gives `str` when it does, `object` (None) when every row is null,
    so rows read by key take the dtype reading every row gives (crosscheck.partial_read)."""

    claims: int
    facts: int
    valued_claims: frozenset[str]  # of CLAIM_COLUMNS, among every claim of the pages
    # of FACT_COLUMNS: a fact's claim columns come from the claims read (`stored_frames`
    # merges them), its own from the facts
    valued_facts: frozenset[str]


_CLAIM_TEXT = [c for c in CLAIM_COLUMNS if c != "value_start"]
_FACT_TEXT = [c for c in _OWN if c not in ("low", "high", "alt_low", "alt_high", "repairs")]


def stored_counts(con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]]) -> StoredCounts:
    """The StoredCounts of the given (source, sha) pages (one scan, no text read out)."""
    counted = [
        *(f"count(c.{c})" for c in _CLAIM_TEXT),
        *(f"count(f.{c})" for c in _FACT_TEXT),
    ]
    with _registered(con, {_PAGES: _pages(pages)}):
        rows = con.execute(
            f"""SELECT count(*), count(f.claim_id), {", ".join(counted)} FROM claims c
            JOIN {_PAGES} w USING (source, page_sha256)
            LEFT JOIN facts f USING (claim_id)"""
        ).fetchall()
    row = [int(v or 0) for v in rows[0]] if rows else [0] * (2 + len(counted))
    n = len(_CLAIM_TEXT)
    claims = [c for c, k in zip(_CLAIM_TEXT, row[2 : 2 + n], strict=True) if k]
    own = [c for c, k in zip(_FACT_TEXT, row[2 + n :], strict=True) if k]
    return StoredCounts(row[0], row[1], frozenset(claims), frozenset(claims + own))


def held_sources(
    con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]], claim_ids: Iterable[str]
) -> dict[str, str]:
    """Claim id → source of those of `claim_ids` that are claims of the given pages."""
    wanted = _values(claim_ids)
    if wanted.empty:
        return {}
    with _registered(con, {_PAGES: _pages(pages), "_cc_rows_ids": wanted}):
        rows = con.execute(
            f"""SELECT c.claim_id, c.source FROM claims c
            JOIN {_PAGES} w USING (source, page_sha256)
            WHERE c.claim_id IN (SELECT v FROM _cc_rows_ids)"""
        ).fetchall()
    return {str(c): str(s) for c, s in rows}


def stored_rows(
    con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]], keys: RowKeys
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claims, facts) of the given pages that `keys` selects, in contract columns and by
    claim id, as `history.stored_frames` reads every row (same queries, a WHERE added)."""
    frames = {
        _PAGES: _pages(pages),
        "_cc_rows_sources": _values(keys.sources),
        "_cc_rows_entities": _values(keys.entities),
        "_cc_rows_metrics": _values(keys.metrics),
        "_cc_rows_ids": _values(keys.claim_ids),
        "_cc_rows_pairs": pd.DataFrame(sorted(keys.pairs), columns=["e", "m"], dtype=object),
    }
    tests = [
        ("c.source", "_cc_rows_sources", keys.sources),
        ("f.entity", "_cc_rows_entities", keys.entities),
        ("f.metric", "_cc_rows_metrics", keys.metrics),
        ("f.claim_id", "_cc_rows_ids", keys.claim_ids),
    ]
    where = [f"{column} IN (SELECT v FROM {name})" for column, name, given in tests if given]
    if keys.pairs:
        where.append(
            "EXISTS (SELECT 1 FROM _cc_rows_pairs p WHERE p.e = f.entity AND p.m = f.metric)"
        )
    if not where:
        return pd.DataFrame(columns=CLAIM_COLUMNS), pd.DataFrame(columns=FACT_COLUMNS)
    with _registered(con, frames):
        normalized = con.execute(
            f"""SELECT f.claim_id, {", ".join("f." + c for c in _OWN)} FROM facts f
            JOIN claims c USING (claim_id)
            JOIN {_PAGES} w ON c.source = w.source AND c.page_sha256 = w.page_sha256
            WHERE {" OR ".join(where)} ORDER BY f.claim_id"""
        ).df()
        con.register("_cc_rows_found", normalized[["claim_id"]])
        try:
            claims = con.execute(
                f"""SELECT {", ".join("c." + c for c in CLAIM_COLUMNS)} FROM claims c
                JOIN {_PAGES} w USING (source, page_sha256)
                WHERE c.source IN (SELECT v FROM _cc_rows_sources)
                   OR c.claim_id IN (SELECT v FROM _cc_rows_ids)
                   OR c.claim_id IN (SELECT claim_id FROM _cc_rows_found)
                ORDER BY c.claim_id"""
            ).df()
        finally:
            con.unregister("_cc_rows_found")
    facts = claims.merge(normalized, on="claim_id", how="inner", sort=False)[FACT_COLUMNS]
    return claims, facts


def stored_columns(
    con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]], columns: list[str]
) -> pd.DataFrame:
    """`columns` (of FACT_COLUMNS) of every stored fact of the given pages, by claim id (the
    order `history.stored_frames` gives): the reconciliation reads a dozen of a fact's thirty
    columns, and the claims' text it does not read is most of what reading every row costs."""
    picked = ", ".join(("c." if c in CLAIM_COLUMNS else "f.") + c for c in columns)
    with _registered(con, {_PAGES: _pages(pages)}):
        return con.execute(
            f"""SELECT {picked} FROM facts f JOIN claims c USING (claim_id)
            JOIN {_PAGES} w ON c.source = w.source AND c.page_sha256 = w.page_sha256
            ORDER BY c.claim_id"""
        ).df()
