"""One root for every error crosscheck raises on purpose, and the marks that say what to do.

Every stage's root error (IngestError, NormalizeError, ChecksError, ReconcileError,
WarehouseError) and the orchestration's errors subclass :class:`CrosscheckError`, so a caller
catches one class. :class:`TransientError` marks a failure worth retrying later (a timeout, a
busy warehouse); :class:`TerminalError` one that will fail the same way again (a bad config,
a broken contract). Errors cross process boundaries (worker pools), so every one pickles.
"""

from __future__ import annotations

from typing import Any


class CrosscheckError(Exception):
    """Root of every error crosscheck raises on purpose; picklable whatever its constructor."""

    def __reduce__(self) -> Any:
        # A subclass with keyword-only or extra constructor arguments still pickles: rebuild
        # the bare instance and restore its attributes instead of calling __init__ again.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[CrosscheckError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class TransientError(CrosscheckError):
    """Mark: the same call may succeed later (network, a busy warehouse); schedulers retry."""


class TerminalError(CrosscheckError):
    """Mark: the same call will fail again until the input or the configuration changes."""


class ContractError(TerminalError):
    """A whole frame breaks its stage contract (a programming error, not bad input)."""


class StepFailed(CrosscheckError):
    """A pipeline step failed; names the step and keeps the cause (dlt's PipelineStepFailed)."""

    def __init__(self, step: str, cause: BaseException, step_info: Any = None) -> None:
        super().__init__(f"{step} failed: {type(cause).__name__}: {cause}")
        self.step = step
        self.cause = cause
        self.step_info = step_info

    @property
    def is_transient(self) -> bool:
        """True when the cause is marked transient (a retry may succeed)."""
        return isinstance(self.cause, TransientError)
