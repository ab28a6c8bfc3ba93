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
