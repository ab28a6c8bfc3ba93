"""Reconciliation extras land with the run: categorical consensus upserted, reliability and
copy groups replaced for the sources the run read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.warehouse import load_run, open_warehouse

from crosscheck.contracts import (
    COPY_GROUP_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)
from tests.warehouse.test_support import FILE_SOURCE, make_bundle


def _extras(reliability: float) -> dict[str, pd.DataFrame]:
    return {
        "reconciled_categories": pd.DataFrame(
            [["Flask", "async_support", "", "third_party", 2, 1, 0.4, [FILE_SOURCE]]],
            columns=RECONCILED_CATEGORY_COLUMNS,
        ),
        "source_reliability": pd.DataFrame(
            [[FILE_SOURCE, reliability, 10, 8, 2, None]], columns=SOURCE_RELIABILITY_COLUMNS
        ),
        "copy_groups": pd.DataFrame(columns=COPY_GROUP_COLUMNS),
    }


def test_reconciliation_tables_are_loaded_and_replaced(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    first = make_bundle(run_id="r1")
    for name, frame in _extras(0.8).items():
        setattr(first, name, frame)
    load_run(con, first)
    second = make_bundle(run_id="r2")
    for name, frame in _extras(0.6).items():
        setattr(second, name, frame)
    load_run(con, second)
    rows = con.execute("SELECT source, reliability, run_id FROM source_reliability").fetchall()
    assert rows == [(FILE_SOURCE, 0.6, "r2")]
    cats = con.execute(
        "SELECT entity, metric, value_text, sources, run_id FROM reconciled_categories"
    ).fetchall()
    assert cats == [("Flask", "async_support", "third_party", [FILE_SOURCE], "r2")]
    con.close()


def test_unchanged_rows_take_the_run_id_and_changed_ones_are_replaced(tmp_path: Path) -> None:
    """A re-run writes only the rows whose values changed; the others keep their values and
    take its id (the latest run's rows are read back by run id)."""
    con = open_warehouse(tmp_path / "w.duckdb")
    groups = pd.DataFrame(
        [["copy-1", FILE_SOURCE, 1.0, 2], ["copy-1", "https://b.example/x", 0.9, 2]],
        columns=COPY_GROUP_COLUMNS,
    )
    for run_id, reliability, copies in (
        ("r1", 0.8, groups),
        ("r2", 0.8, groups),  # nothing changed
        ("r3", 0.7, groups.iloc[:1]),  # a reliability moved, a copy left its group
    ):
        bundle = make_bundle(run_id=run_id)
        for name, frame in _extras(reliability).items():
            setattr(bundle, name, frame)
        bundle.copy_groups = copies
        load_run(con, bundle)
        reliabilities = con.execute(
            "SELECT source, reliability, claims, run_id FROM source_reliability"
        ).fetchall()
        assert reliabilities == [(FILE_SOURCE, reliability, 10, run_id)]
        cats = con.execute("SELECT value_text, support, run_id FROM reconciled_categories")
        assert cats.fetchall() == [("third_party", 2, run_id)]
        stored = con.execute(
            "SELECT group_id, source, jaccard_to_group, size, run_id FROM copy_groups ORDER BY ALL"
        ).fetchall()
        expected = [(*tuple(r), run_id) for r in copies.itertuples(index=False)]
        # a copy from a source this run did not read keeps its row (and its run id)
        if run_id == "r3":
            expected.append(("copy-1", "https://b.example/x", 0.9, 2, "r2"))
        assert stored == sorted(expected)
    con.close()
