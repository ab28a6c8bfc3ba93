"""The floors of a benchmark measurement (bench.run): what the same bytes cost with the plainest
tools (a read, an lxml parse or a line split, a regex figure scan, a pandas groupby, a DuckDB
CREATE TABLE AS, pandera vs Great Expectations on the facts), so each stage has a bound.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

# --- floors --------------------------------------------------------------------------------------
_FIGURE = re.compile(r"[~<>]?\s?\d[\d,]*(?:\.\d+)?\+?")


def measure_floors(
    corpus: Path,
    facts: Any,
    which: tuple[str, ...],
    db_path: Path | None = None,
) -> dict[str, Any]:
    """The least work each stage must do, on the same bytes and frames."""
    import pandas as pd

    out: dict[str, Any] = {}
    paths = sorted(p for p in corpus.rglob("*") if p.suffix in (".html", ".htm", ".txt", ".md"))
    if "read" in which:
        t = time.perf_counter()
        size = 0
        for path in paths:
            with open(path, "rb") as fh:
                size += len(fh.read())
        out["read"] = time.perf_counter() - t
        out["bytes"] = size
    if "lxml_parse" in which:
        from lxml import html

        spent = 0.0
        for path in paths:  # one page in memory at a time; decoding is not part of the floor
            text = path.read_bytes().decode("utf-8", errors="replace")
            t = time.perf_counter()
            if path.suffix in (".html", ".htm"):
                html.document_fromstring(text)
            else:
                text.splitlines()
            spent += time.perf_counter() - t
        out["lxml_parse"] = spent
    if "figure_regex" in which:
        raws = facts["raw_value"].astype(str).tolist()
        t = time.perf_counter()
        for raw in raws:
            _FIGURE.search(raw)
        out["figure_regex"] = time.perf_counter() - t
    if "pandas_groupby" in which or "pandas_median" in which:
        numeric = facts[facts["low"].notna()]
        keys = ["source", "entity", "metric", "qualifier", "unit"]
        t = time.perf_counter()
        g = numeric.groupby(keys, dropna=False).agg(lo=("low", "max"), hi=("high", "min"))
        int((g["lo"] > g["hi"]).sum())
        out["pandas_groupby"] = time.perf_counter() - t
        t = time.perf_counter()
        numeric.groupby(keys[1:], dropna=False)["low"].median()
        out["pandas_median"] = time.perf_counter() - t
    if "duckdb_ctas" in which:
        import duckdb

        db = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-ctas-{os.getpid()}.duckdb"
        db.unlink(missing_ok=True)
        con = duckdb.connect(str(db))
        frame = facts.copy()
        t = time.perf_counter()
        con.register("facts_frame", frame)
        con.execute("CREATE TABLE facts AS SELECT * FROM facts_frame")
        con.execute("CHECKPOINT")
        out["duckdb_ctas"] = time.perf_counter() - t
        con.close()
        db.unlink(missing_ok=True)
    if "pandera" in which:
        from crosscheck.contracts import FactModel

        t = time.perf_counter()
        FactModel.validate(facts, lazy=True)
        out["pandera"] = time.perf_counter() - t
    if "gx" in which:
        out.update(_gx_validate(facts, db_path))
    out["facts_rows"] = len(facts)
    del pd
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def _gx_validate(facts: Any, db_path: Path | None) -> dict[str, Any]:
    """Great Expectations on the same facts frame (a minimal suite of six expectations, the
    same rules FactModel checks), and the warehouse suite (checks.suite) when it exists."""
    out: dict[str, Any] = {}
    t = time.perf_counter()
    import great_expectations as gx

    out["gx_import_s"] = time.perf_counter() - t
    context = gx.get_context(mode="ephemeral")
    asset = context.data_sources.add_pandas("bench").add_dataframe_asset("facts")
    batch_def = asset.add_batch_definition_whole_dataframe("all")
    expectations = gx.ExpectationSuite(name="facts")
    e = gx.expectations
    units = ["B", "s", "req/s", "count", "percent", "year", "version", "x"]
    for expectation in (
        e.ExpectColumnValuesToNotBeNull(column="claim_id"),
        e.ExpectColumnValuesToBeUnique(column="claim_id"),
        e.ExpectColumnValuesToNotBeNull(column="metric"),
        e.ExpectColumnValuesToBeInSet(column="value_type", value_set=["numeric", "categorical"]),
        e.ExpectColumnValuesToBeInSet(column="unit", value_set=units),
        e.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="high", column_B="low", or_equal=True, ignore_row_if="either_value_is_missing"
        ),
    ):
        expectations.add_expectation(expectation)
    expectations = context.suites.add(expectations)
    frame = facts.copy()
    t = time.perf_counter()
    batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(expectations)
    out["gx"] = time.perf_counter() - t
    out["gx_success"] = bool(result.success)
    try:
        from crosscheck.checks.suite import read_frames, validate_frames
    except ImportError:
        return out
    if db_path is None:
        return out
    from crosscheck.warehouse import open_warehouse

    con = open_warehouse(db_path, read_only=True)
    try:
        t = time.perf_counter()
        frames = read_frames(con)
        out["gx_suite_read_s"] = time.perf_counter() - t
    finally:
        con.close()
    t = time.perf_counter()
    suite = validate_frames(frames)
    out["gx_warehouse_suite"] = time.perf_counter() - t
    out["gx_warehouse_suite_expectations"] = suite.evaluated
    out["gx_warehouse_suite_rows"] = sum(len(f) for f in frames.values())
    return out
