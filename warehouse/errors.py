"""Errors raised by the warehouse stage; catch :class:`WarehouseError` to handle all."""

from crosscheck.common.errors import CrosscheckError, TerminalError, TransientError


class WarehouseError(CrosscheckError):
    """Root of every error the warehouse stage raises on purpose."""


class WarehouseLocked(WarehouseError, TransientError):
    """Another process holds the warehouse open for writing."""


class WarehouseNotFound(WarehouseError, TerminalError):
    """The warehouse file does not exist (read-only commands need one)."""


class SchemaError(WarehouseError, TerminalError):
    """The file is not a crosscheck warehouse, or its schema version does not match this code."""


class LoadFailed(WarehouseError):
    """A run could not be loaded; the transaction was rolled back and the cause is chained."""


class RunAlreadyLoaded(LoadFailed):
    """A completed run with this run_id is already in the warehouse (nothing was changed)."""


class ExportError(WarehouseError):
    """An export was asked for something it cannot produce (e.g. Parquet without a file)."""


class QueryError(WarehouseError):
    """An analyst query failed; the message is DuckDB's own (e.g. a write on a read-only file)."""


class UnknownRun(WarehouseError):
    """The run named by `diff --since` is not in the warehouse."""
