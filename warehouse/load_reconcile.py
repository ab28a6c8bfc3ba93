"""Loading what reconciliation adds beyond numeric consensus (source reliability, copy groups,
categorical votes), inside the run's transaction; every value goes in through a registered
frame, never through SQL text."""

from __future__ import annotations

import duckdb
import pandas as pd

from crosscheck.contracts import (
    COPY_GROUP_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)


def _frame(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    if df is None or df.empty or not set(columns) <= set(df.columns):
        return pd.DataFrame(columns=columns)
    return df[columns]


def _prefixed(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


def load_reconciliation(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    read_sources: list[str],
    categories: pd.DataFrame | None,
    reliability: pd.DataFrame | None,
    copies: pd.DataFrame | None,
    *,
    categories_in_lake: bool = False,
    copies_in_lake: bool = False,
    reliability_in_lake: bool = False,
) -> None:
    """Upsert categorical consensus; replace reliability and copy groups of the sources read.
    `categories_in_lake`: the categorical consensus is the lake's view `_cc_categories`
    (warehouse.load_lake: the Dask workers wrote it) and `categories` is not read;
    `copies_in_lake`: the copy groups are the lake's view `_cc_copies`, `copies` not read;
    `reliability_in_lake`: the source reliability is the view `_cc_reliability`, the same way."""
    frames = {"_cc_read": pd.DataFrame({"source": list(read_sources)}, dtype=object)}
    if not reliability_in_lake:
        frames["_cc_reliability"] = _frame(reliability, SOURCE_RELIABILITY_COLUMNS)
    if not copies_in_lake:
        frames["_cc_copies"] = _frame(copies, COPY_GROUP_COLUMNS)
    if not categories_in_lake:
        cats = _frame(categories, RECONCILED_CATEGORY_COLUMNS).copy()
        cats["qualifier"] = cats["qualifier"].fillna("")
        cats["sources"] = cats["sources"].map(
            lambda v: [str(s) for s in v] if v is not None else []
        )
        frames["_cc_categories"] = cats
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        # Only the keys whose vote changed are written; the others take the run's id (a re-run
        # after one changed page rewrote every row: ~1 s at 10,000 pages).
        values = "value_text, support, dissent, confidence, sources"
        con.execute(
            f"""INSERT INTO reconciled_categories SELECT * FROM (
                SELECT entity, metric, qualifier, value_text, support, dissent, confidence,
                   CAST(sources AS VARCHAR[]) AS sources, $run AS run_id FROM _cc_categories) AS s
            WHERE NOT EXISTS (SELECT 1 FROM reconciled_categories AS r
                WHERE r.entity = s.entity AND r.metric = s.metric AND r.qualifier = s.qualifier
                AND ({_prefixed("r", values)}) IS NOT DISTINCT FROM ({_prefixed("s", values)}))
            ON CONFLICT (entity, metric, qualifier) DO UPDATE SET
                value_text = excluded.value_text, support = excluded.support,
                dissent = excluded.dissent, confidence = excluded.confidence,
                sources = excluded.sources, run_id = excluded.run_id""",
            {"run": run_id},
        )
        con.execute(
            """UPDATE reconciled_categories SET run_id = $run WHERE run_id <> $run
            AND (entity, metric, qualifier) IN (SELECT (CAST(entity AS VARCHAR),
                CAST(metric AS VARCHAR), CAST(qualifier AS VARCHAR)) FROM _cc_categories)""",
            {"run": run_id},
        )
        # The sources read, and those whose stored facts joined the consensus (their
        # reliability and copy groups were recomputed too: warehouse.context): their rows are
        # replaced where they differ, else take the run's id.
        for table, frame, columns in (
            ("source_reliability", "_cc_reliability", SOURCE_RELIABILITY_COLUMNS),
            ("copy_groups", "_cc_copies", COPY_GROUP_COLUMNS),
        ):
            kept = ", ".join(c for c in columns if c != "source")
            con.execute(
                f"""DELETE FROM {table} AS t WHERE (source IN (SELECT source FROM _cc_read)
                OR source IN (SELECT source FROM {frame}))
                AND NOT EXISTS (SELECT 1 FROM {frame} AS s WHERE s.source = t.source
                    AND ({_prefixed("t", kept)}) IS NOT DISTINCT FROM ({_prefixed("s", kept)}))"""
            )
            con.execute(
                f"""UPDATE {table} SET run_id = $run WHERE run_id <> $run
                AND source IN (SELECT source FROM {frame})""",
                {"run": run_id},
            )
        con.execute(
            """INSERT INTO source_reliability
            SELECT source, reliability, claims, agreeing, disagreeing, copy_group, $run
            FROM _cc_reliability AS s
            WHERE NOT EXISTS (SELECT 1 FROM source_reliability AS t WHERE t.source = s.source)""",
            {"run": run_id},
        )
        con.execute(
            """INSERT INTO copy_groups SELECT source, group_id, jaccard_to_group, size, $run
            FROM _cc_copies AS s
            WHERE NOT EXISTS (SELECT 1 FROM copy_groups AS t WHERE t.source = s.source)""",
            {"run": run_id},
        )
    finally:
        for name in frames:
            con.unregister(name)
