"""Errors raised by the normalize stage; catch :class:`NormalizeError`."""

from __future__ import annotations

from crosscheck.contracts import QuarantineReason


class NormalizeError(Exception):
    """Root of every error the normalize stage raises on purpose."""


class QuantityError(NormalizeError):
    """A value text could not be read as a quantity; `reason` says why, for the quarantine row."""

    def __init__(self, reason: QuarantineReason, message: str, text: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.text = text

    def __reduce__(self) -> tuple[type[QuantityError], tuple[QuarantineReason, str, str]]:
        # keep the error picklable (multiprocessing workers send it back to the parent)
        return (type(self), (self.reason, self.message, self.text))


class VocabularyError(NormalizeError):
    """A vocabulary data file (metrics or entities) is unreadable or invalid; names file and key."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")
        self.path = path
        self.key = key
        self.problem = problem

    def __reduce__(self) -> tuple[type[VocabularyError], tuple[str, str, str]]:
        return (type(self), (self.path, self.key, self.problem))
