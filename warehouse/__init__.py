"""The DuckDB warehouse: schema, transactional loads, exports and read-only queries.

Imports only :mod:`crosscheck.contracts` (never another stage). Tables are the analysts' API;
see docs/warehouse.md. Note: the name `warehouse.export` is the export *function* here; reach
the module with `from warehouse.export import ...` (not `import warehouse.export as m`).
"""

from typing import TYPE_CHECKING, Any

from crosscheck.warehouse.connection import open_warehouse
from crosscheck.warehouse.errors import (
    ExportError,
    LoadFailed,
    QueryError,
    RunAlreadyLoaded,
    SchemaError,
    WarehouseError,
    WarehouseLocked,
    WarehouseNotFound,
)
from crosscheck.warehouse.export import EXPORTABLE, FORMATS, export, export_all_parquet
from crosscheck.warehouse.query import QueryResult, format_csv, format_table, run_query
from crosscheck.warehouse.schema import apply_migrations, describe_schema, latest_version

if TYPE_CHECKING:
    from crosscheck.warehouse.load import LoadResult, RunBundle, load_run, record_failed_run
    from crosscheck.warehouse.load_lake import LakeFiles

#: The load imports pandas (~0.4 s): it is imported when first asked for, so the commands that
#: only read the warehouse (`query`, `export`, reviews) start without it.
_LAZY = {
    "LoadResult": "crosscheck.warehouse.load",
    "RunBundle": "crosscheck.warehouse.load",
    "load_run": "crosscheck.warehouse.load",
    "record_failed_run": "crosscheck.warehouse.load",
    "LakeFiles": "crosscheck.warehouse.load_lake",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "EXPORTABLE",
    "FORMATS",
    "ExportError",
    "LakeFiles",
    "LoadFailed",
    "LoadResult",
    "QueryError",
    "QueryResult",
    "RunAlreadyLoaded",
    "RunBundle",
    "SchemaError",
    "WarehouseError",
    "WarehouseLocked",
    "WarehouseNotFound",
    "apply_migrations",
    "describe_schema",
    "export",
    "export_all_parquet",
    "format_csv",
    "format_table",
    "latest_version",
    "load_run",
    "open_warehouse",
    "record_failed_run",
    "run_query",
]
