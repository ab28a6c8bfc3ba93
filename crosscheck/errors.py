"""Errors of the orchestration layer (configuration and run control)."""


class CrosscheckError(Exception):
    """Root of the orchestration errors; the CLI maps them to exit codes."""


class ConfigError(CrosscheckError):
    """The configuration or the command line is invalid (exit code 2)."""


class RunFailed(CrosscheckError):
    """The run failed and nothing was loaded (exit code 3)."""
