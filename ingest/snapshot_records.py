"""What the snapshot store records of a fetch, apart from the store itself.

Why: a source's last fetch (StoredFetch, its validators and file signature), a body's address,
the headers fit to keep on disk, the timestamp and a failed source's Snapshot are plain records
and pure functions the fetchers use too; ingest.snapshots keeps only the store's reads and writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crosscheck.ingest.errors import FetchError

from crosscheck.common.contracts import Snapshot

# Headers worth nothing to a parser that may carry session secrets; never written to disk.
_DROPPED_HEADERS = frozenset({"set-cookie", "set-cookie2", "authorization", "cookie"})


@dataclass(frozen=True)
class StoredFetch:
    """What the last successful fetch of one source left: its body hash and HTTP validators."""

    source: str
    sha256: str
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    encoding: str | None = None
    note: str = ""  # the decoder's doubt about the declared charset, kept for reuse
    # (size, mtime_ns, inode) of a local file when it was read, once its mtime was old enough
    # to trust: a re-run whose file still has it takes the stored sha256 without reading it.
    stat: tuple[int, int, int] | None = None


def _stat_tuple(value: Any) -> tuple[int, int, int] | None:
    """A stored stat signature back from JSON (a list), None when absent or malformed."""
    whole = isinstance(value, list | tuple) and len(value) == 3
    if whole and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return (int(value[0]), int(value[1]), int(value[2]))
    return None


def utc_now() -> str:
    """ISO-8601 UTC timestamp, second precision, as Snapshots carry it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def failed_snapshot(source: str, exc: FetchError) -> Snapshot:
    """The Snapshot of a source that yielded no body: FAILED or SKIPPED with the reason."""
    return Snapshot(
        source=source,
        sha256="",
        text="",
        content_type=exc.content_type,
        fetched_at=utc_now(),
        status=exc.status,
        http_status=exc.http_status,
        error=exc.message,
    )


def sha256_hex(body: bytes) -> str:
    """The store's address of a body."""
    return hashlib.sha256(body).hexdigest()


def storable_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Response headers minus cookies and credentials, as plain strings."""
    return {str(k): str(v) for k, v in headers.items() if str(k).lower() not in _DROPPED_HEADERS}
