"""Errors of the orchestration layer (configuration and run control)."""

from typing import Any


class CrosscheckError(Exception):
    """Root of the orchestration errors; the CLI maps them to exit codes. Raised by
    crosscheck.run(check=True), they carry the run's RunResult as `result`."""

    result: Any = None


class ConfigError(CrosscheckError):
    """The configuration or the command line is invalid (exit code 2)."""


class RunFailed(CrosscheckError):
    """The run failed and nothing was loaded (exit code 3)."""


class RunLocked(CrosscheckError):
    """Another run holds the warehouse's run lock (exit code 3)."""


class FailOnReached(CrosscheckError):
    """The run completed and loaded, but found what fail_on / fail_on_fetch_error forbid
    (exit code 1; raised only by crosscheck.run(check=True))."""
