"""The Great Expectations suite that guards the loaded warehouse and renders Data Docs.

GX's DuckDB SQL datasource is broken in 1.x (GX issues #10738, #11579), so each table is read
from DuckDB into a pandas DataFrame (only the columns the rules need, plus derived ones) and the
frames are validated. great_expectations is imported inside :func:`validate_frames` only: the
import costs ~3.6 s and `import checks` must stay cheap. Usage analytics are always off. The same
expectations also run as SQL inside DuckDB (:mod:`checks.suite_sql`), which is what `crosscheck
run` uses unless Data Docs are asked for (docs/suite.md, "Two engines").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from crosscheck.checks.suite_expectations import (
    TABLE_CHECKS,
    Expect,
    SuiteScope,
    TableCheck,
)
from crosscheck.checks.suite_results import (
    DETAIL_ROWS,
    SUITE_NAME,
    SUITE_VERSION,
    ExpectationRecord,
    SuiteEngine,
    SuiteError,
    SuiteResult,
    jsonable,
)

__all__ = [
    "SUITE_NAME",
    "SUITE_VERSION",
    "ExpectationRecord",
    "SuiteError",
    "SuiteResult",
    "read_frames",
    "run_suite",
    "validate_frames",
]
DOCS_SITE = "crosscheck"


def read_frames(
    con: duckdb.DuckDBPyConnection, run_id: str | None = None, scope: SuiteScope = "warehouse"
) -> dict[str, pd.DataFrame]:
    """One DataFrame per checked table, with only the columns the expectations need: every
    row, or (scope "run") only the rows run `run_id` loaded or changed."""
    params = _scope_params(run_id, scope)
    frames: dict[str, pd.DataFrame] = {}
    for check in TABLE_CHECKS:
        try:
            frames[check.table] = con.execute(check.query(scope), params).df()
        except duckdb.Error as exc:
            raise SuiteError(f"cannot read {check.table} for the suite: {exc}") from exc
    return frames


def _scope_params(run_id: str | None, scope: SuiteScope) -> dict[str, str]:
    if scope == "warehouse":
        return {}
    if run_id is None:
        raise SuiteError("validating one run's rows needs its run id")
    return {"run_id": run_id}


def latest_run_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The latest completed run, which a suite run validates unless told otherwise."""
    try:
        row = con.execute(
            "SELECT run_id FROM runs WHERE status = 'completed' "
            "ORDER BY started_at DESC, run_id DESC LIMIT 1"
        ).fetchone()
    except duckdb.Error as exc:
        raise SuiteError(f"not a crosscheck warehouse: {exc}") from exc
    return None if row is None else str(row[0])


def run_suite(
    con: duckdb.DuckDBPyConnection,
    docs_dir: Path | None = None,
    run_id: str | None = None,
    *,
    scope: SuiteScope = "warehouse",
    engine: SuiteEngine = "great_expectations",
) -> SuiteResult:
    """Validate the warehouse behind `con` (read-only is fine): every row, or with scope "run"
    only the rows run `run_id` (default: the latest completed run) loaded or changed. Data Docs
    go to `docs_dir` and need the Great Expectations engine."""
    run_id = run_id or latest_run_id(con)
    if engine == "duckdb":
        if docs_dir is not None:
            raise SuiteError("Data Docs are rendered by Great Expectations, not the DuckDB engine")
        from crosscheck.checks.suite_sql import validate_in_duckdb

        return validate_in_duckdb(con, run_id, scope)
    result = validate_frames(read_frames(con, run_id, scope), docs_dir=docs_dir, run_id=run_id)
    return replace(result, scope=scope)


def validate_frames(
    frames: Mapping[str, pd.DataFrame], docs_dir: Path | None = None, run_id: str | None = None
) -> SuiteResult:
    """Validate frames shaped like :func:`read_frames` output (for callers holding DataFrames)."""
    missing = [c.table for c in TABLE_CHECKS if c.table not in frames]
    if missing:
        raise SuiteError(f"frames missing for tables: {', '.join(missing)}")
    if docs_dir is not None:
        _check_docs_dir(docs_dir)
    started = datetime.now(UTC)
    os.environ["GX_ANALYTICS_ENABLED"] = "false"  # before the import: GX reads it then
    try:
        records = _run_gx(frames, docs_dir, run_id, started)
    except SuiteError:
        raise
    except Exception as exc:  # GX raises many unrelated types; name the stage in one error
        raise SuiteError(f"Great Expectations failed: {type(exc).__name__}: {exc}") from exc
    return SuiteResult.of(
        records,
        docs_path=(docs_dir / "index.html").resolve() if docs_dir is not None else None,
        run_id=run_id,
        duration_s=round((datetime.now(UTC) - started).total_seconds(), 3),
        engine="great_expectations",
        rows={table: len(frame) for table, frame in frames.items()},
    )


def _check_docs_dir(docs_dir: Path) -> None:
    """Refuse a non-empty folder that is not a Data Docs site: GX rebuilds the site by deleting
    stale pages under expectations/ and validations/, which would take the user's files too."""
    if docs_dir.exists() and not docs_dir.is_dir():
        raise SuiteError(f"Data Docs folder {docs_dir} is a file")
    if docs_dir.is_dir() and any(docs_dir.iterdir()) and not (docs_dir / "index.html").is_file():
        raise SuiteError(
            f"Data Docs folder {docs_dir} is not empty and holds no Data Docs site; "
            "give an empty or new folder"
        )


def _run_gx(
    frames: Mapping[str, pd.DataFrame],
    docs_dir: Path | None,
    run_id: str | None,
    started: datetime,
) -> list[ExpectationRecord]:
    """Build an ephemeral context, validate every table's frame, and render Data Docs if asked."""
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites: dict[str, Any] = {}
    if docs_dir is not None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        sites[DOCS_SITE] = {
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir.resolve()),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        data_docs_sites=sites,
    )
    context = gx.get_context(project_config=config, mode="ephemeral")
    datasource = context.data_sources.add_pandas(SUITE_NAME)
    gx_run = RunIdentifier(run_name=run_id or "adhoc", run_time=started)
    records: list[ExpectationRecord] = []
    for check in TABLE_CHECKS:
        batch = datasource.add_dataframe_asset(check.table).add_batch_definition_whole_dataframe(
            check.table
        )
        suite = gx.ExpectationSuite(
            name=f"{SUITE_NAME}.{check.table}",
            meta={"suite_version": SUITE_VERSION, "table": check.table},
        )
        for expect in check.expectations:
            suite.add_expectation(_gx_expectation(gxe, expect))
        suite = context.suites.add(suite)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=suite)
        )
        outcome = definition.run(
            batch_parameters={"dataframe": frames[check.table]},
            result_format={
                "result_format": "SUMMARY",
                "partial_unexpected_count": DETAIL_ROWS,
                "unexpected_index_column_names": list(check.id_columns),
            },
            run_id=gx_run,
        )
        records.extend(_records(check, outcome.results))
    if docs_dir is not None:
        context.build_data_docs(site_names=[DOCS_SITE])
    return records


def _gx_expectation(gxe: Any, expect: Expect) -> Any:
    """Instantiate the GX class named by `expect`, carrying its why and name into Data Docs."""
    cls = getattr(gxe, expect.gx_type)
    return cls(
        **expect.kwargs,
        notes=f"{expect.name}: {expect.why}",
        meta={"name": expect.name},
        severity=expect.severity,
    )


def _records(check: TableCheck, results: list[Any]) -> list[ExpectationRecord]:
    """Map GX results back to our expectations by the name carried in meta."""
    by_name = {e.name: e for e in check.expectations}
    records: list[ExpectationRecord] = []
    for res in results:
        config = res.expectation_config
        expect = by_name[(config.meta or {})["name"]]
        result = dict(res.result or {})
        details = {
            key: jsonable(result[key])
            for key in (
                "element_count",
                "missing_count",
                "unexpected_percent",
                "observed_value",
                "partial_unexpected_list",
                "partial_unexpected_index_list",
            )
            if key in result
        }
        info = res.exception_info or {}
        if info.get("raised_exception"):
            details["exception"] = str(info.get("exception_message"))
        unexpected = result.get("unexpected_count")
        records.append(
            ExpectationRecord(
                table=check.table,
                name=expect.name,
                expectation=str(config.type),
                column=expect.column,
                success=bool(res.success),
                unexpected_count=None if unexpected is None else int(unexpected),
                severity=expect.severity,
                details=details,
            )
        )
    return records
