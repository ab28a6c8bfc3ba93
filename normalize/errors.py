"""Errors raised by the normalize stage; catch :class:`NormalizeError`."""

from __future__ import annotations

from crosscheck.common.contracts import QuarantineReason
from crosscheck.common.errors import CrosscheckError, TerminalError


class NormalizeError(CrosscheckError):
    """Root of every error the normalize stage raises on purpose."""


class QuantityError(NormalizeError):
    """A value text could not be read as a quantity; `reason` says why, for the quarantine row."""

    def __init__(self, reason: QuarantineReason, message: str, text: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.text = text


class VocabularyError(NormalizeError, TerminalError):
    """A vocabulary data file (metrics or entities) is unreadable or invalid; names file and key."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")
        self.path = path
        self.key = key
        self.problem = problem
