"""Errors raised by the ingest stage; catch :class:`IngestError`."""

from __future__ import annotations

from crosscheck.common.contracts import PageStatus
from crosscheck.common.errors import CrosscheckError, TerminalError, TransientError


class IngestError(CrosscheckError):
    """Root of every error the ingest stage raises on purpose."""


class SourceError(IngestError, TerminalError):
    """A source spec (path, folder, URL or sources file) is invalid; the message names it."""


class SnapshotError(IngestError):
    """The snapshot store is missing a body or holds a corrupt one."""


class FetchError(IngestError, TransientError):
    """One URL could not be fetched; the fetcher turns it into a FAILED or SKIPPED Snapshot.

    It carries what the Snapshot needs so the outcome is reported, not raised to the user.
    """

    def __init__(
        self,
        message: str,
        *,
        status: PageStatus = PageStatus.FAILED,
        http_status: int | None = None,
        content_type: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.http_status = http_status
        self.content_type = content_type


class FetchConfigError(IngestError, TerminalError):
    """A FetchConfig value is out of range (a negative timeout, a zero size cap...)."""
