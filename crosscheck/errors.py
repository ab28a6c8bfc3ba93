"""Errors of the orchestration layer (configuration and run control). Those that
crosscheck.run(check=True) raises carry the run's RunResult as `result`."""

from typing import Any

from crosscheck.common.errors import CrosscheckError, StepFailed, TerminalError, TransientError

__all__ = [
    "ConfigError",
    "CrosscheckError",
    "FailOnReached",
    "RunFailed",
    "RunLocked",
    "StepFailed",
]


class ConfigError(TerminalError):
    """The configuration or the command line is invalid (exit code 2)."""

    result: Any = None


class RunFailed(CrosscheckError):
    """The run failed and nothing was loaded (exit code 3)."""

    result: Any = None


class RunLocked(TransientError):
    """Another run holds the warehouse's run lock (exit code 3); retry later or --wait."""


class FailOnReached(CrosscheckError):
    """The run completed and loaded, but found what fail_on / fail_on_fetch_error forbid
    (exit code 1; raised only by crosscheck.run(check=True))."""

    result: Any = None
