"""Errors of the orchestration layer (configuration and run control)."""

from crosscheck.common.errors import CrosscheckError, StepFailed, TerminalError

__all__ = ["ConfigError", "CrosscheckError", "RunFailed", "StepFailed"]


class ConfigError(TerminalError):
    """The configuration or the command line is invalid (exit code 2)."""


class RunFailed(CrosscheckError):
    """The run failed and nothing was loaded (exit code 3)."""
