"""Content-addressed store of fetched bodies, plus the validators of each source's last fetch.

Keeping every body by sha256 lets any run be re-parsed without the network, and the per-source
validators make the next scheduled run a cheap conditional GET.

Layout under ``root`` (a folder, or an fsspec URL such as ``s3://bucket/prefix``)::

    objects/ab/<sha256>.body   the bytes exactly as received (after transfer decoding)
    objects/ab/<sha256>.json   metadata of the first fetch that produced them
    sources/<sha256(source)>.json   the latest StoredFetch of one source (URL or path)
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from crosscheck.ingest.decode import decode_page
from crosscheck.ingest.errors import SnapshotError
from crosscheck.ingest.snapshot_records import (
    StoredFetch,
    _stat_tuple,
    sha256_hex,
    storable_headers,
    utc_now,
)
from crosscheck.ingest.snapshot_records import failed_snapshot as failed_snapshot
from crosscheck.ingest.storage import LocalFiles, open_files

from crosscheck.common.contracts import PageStatus, Snapshot

log = logging.getLogger(__name__)

_SHA_RE = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Arrival:
    """A fetched body not yet kept: the process that parses it decodes it and writes it to the
    store (:meth:`keep`), so the fetching process only fetches. `known`: the sha256 the
    warehouse already holds for this source (a body hashing to one is set aside unparsed)."""

    source: str
    body: bytes
    declared_type: str | None
    content_type: str
    http_status: int | None = None
    headers: Mapping[str, str] | None = None
    etag: str | None = None
    last_modified: str | None = None
    known: frozenset[str] = frozenset()

    def keep(self, store: SnapshotStore) -> Snapshot:
        """The body's Snapshot, once it is in `store` (see :meth:`SnapshotStore.record`)."""
        return store.record(
            self.source,
            self.body,
            declared_type=self.declared_type,
            content_type=self.content_type,
            http_status=self.http_status,
            headers=self.headers,
            etag=self.etag,
            last_modified=self.last_modified,
        )


class SnapshotStore:
    """Bodies addressed by sha256; safe to share between runs and between the processes of a
    run (writes are atomic). `root` is a folder or an fsspec URL (`ingest.storage`); a store
    pickles as its location, so workers open it themselves."""

    def __init__(self, root: Path | str) -> None:
        self.files = open_files(root)
        # a folder as a Path (tests and tools look inside it), a URL as given
        self.root: Path | str = self.files.root if isinstance(self.files, LocalFiles) else root

    @property
    def location(self) -> str:
        """Where the store is, for messages and for workers (a path or a URL)."""
        return self.files.describe()

    # --- bodies -----------------------------------------------------------------------------
    @staticmethod
    def _object(sha: str, suffix: str) -> str:
        if not _SHA_RE.fullmatch(sha):
            raise SnapshotError(f"not a sha256 hex digest: {sha!r}")
        return f"objects/{sha[:2]}/{sha}{suffix}"

    def put(
        self,
        body: bytes,
        *,
        source: str,
        headers: Mapping[str, str],
        http_status: int | None,
        content_type: str,
        encoding: str | None = None,
        fetched_at: str | None = None,
        durable: bool = True,
    ) -> str:
        """Store a body (once per content) and its first-seen metadata; returns the sha256."""
        sha = sha256_hex(body)
        body_path = self._object(sha, ".body")
        if not self.files.exists(body_path) or not self._intact(body_path, sha):
            self.files.write(body_path, body, durable=durable)  # a corrupt copy is replaced
        meta_path = self._object(sha, ".json")
        if not self.files.exists(meta_path):
            meta = {
                "sha256": sha,
                "size": len(body),
                "source": source,
                "headers": storable_headers(headers),
                "fetched_at": fetched_at or utc_now(),
                "http_status": http_status,
                "content_type": content_type,
                "encoding": encoding,
            }
            payload = json.dumps(meta, indent=2, sort_keys=True).encode("utf-8")
            self.files.write(meta_path, payload, durable=durable)
        return sha

    def _intact(self, path: str, sha: str) -> bool:
        """Whether the stored file still hashes to its name."""
        try:
            return sha256_hex(self.files.read(path)) == sha
        except OSError:
            return False

    def discard_if_corrupt(self, sha: str) -> bool:
        """Delete a stored body that no longer matches its hash; True when one was deleted."""
        path = self._object(sha, ".body")
        if not self.files.exists(path) or self._intact(path, sha):
            return False
        with contextlib.suppress(OSError):
            self.files.delete(path)
        return True

    def has(self, sha: str) -> bool:
        """Whether the body with this hash is stored."""
        return _SHA_RE.fullmatch(sha or "") is not None and self.files.exists(
            self._object(sha, ".body")
        )

    def get_body(self, sha: str) -> bytes:
        """The stored bytes; SnapshotError when missing or when they no longer match the hash."""
        path = self._object(sha, ".body")
        try:
            body = self.files.read(path)
        except FileNotFoundError:
            raise SnapshotError(f"no snapshot {sha} in {self.location}") from None
        except OSError as exc:
            raise SnapshotError(f"cannot read snapshot {sha}: {exc}") from exc
        if sha256_hex(body) != sha:
            raise SnapshotError(f"snapshot {sha} is corrupt (its bytes no longer match the hash)")
        return body

    def get_meta(self, sha: str) -> dict[str, Any]:
        """The metadata written with a body (source, headers, fetched_at, status, encoding)."""
        path = self._object(sha, ".json")
        try:
            data = json.loads(self.files.read(path).decode("utf-8"))
        except FileNotFoundError:
            raise SnapshotError(f"no metadata for snapshot {sha} in {self.location}") from None
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"unreadable metadata for snapshot {sha}: {exc}") from exc
        if not isinstance(data, dict):
            raise SnapshotError(f"unreadable metadata for snapshot {sha}: not an object")
        return data

    # --- per-source index -------------------------------------------------------------------
    @staticmethod
    def _index(source: str) -> str:
        return f"sources/{sha256_hex(source.encode('utf-8'))}.json"

    def last_for(self, source: str) -> StoredFetch | None:
        """The latest remembered fetch of a source, or None (also when the entry is unreadable)."""
        path = self._index(source)
        try:
            data = json.loads(self.files.read(path))
            data["stat"] = _stat_tuple(data.get("stat"))
            entry = StoredFetch(**data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as exc:
            log.warning("ignoring unreadable snapshot index %s/%s: %s", self.location, path, exc)
            return None
        return entry if entry.source == source else None

    def remember(
        self,
        source: str,
        *,
        sha256: str,
        fetched_at: str,
        etag: str | None = None,
        last_modified: str | None = None,
        content_type: str = "",
        encoding: str | None = None,
        durable: bool = True,
        note: str = "",
        stat: tuple[int, int, int] | None = None,
    ) -> StoredFetch:
        """Record a source's latest body and validators for the next conditional GET."""
        entry = StoredFetch(
            source=source,
            sha256=sha256,
            fetched_at=fetched_at,
            etag=etag,
            last_modified=last_modified,
            content_type=content_type,
            encoding=encoding,
            note=note,
            stat=stat,
        )
        payload = json.dumps(asdict(entry), indent=2, sort_keys=True).encode("utf-8")
        self.files.write(self._index(source), payload, durable=durable)
        return entry

    # --- bodies as Snapshots ----------------------------------------------------------------
    def record(
        self,
        source: str,
        body: bytes,
        *,
        declared_type: str | None,
        content_type: str,
        http_status: int | None = None,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        durable: bool = True,
        stat: tuple[int, int, int] | None = None,
    ) -> Snapshot:
        """Keep a body that just arrived and return its Snapshot (FETCHED, or NOT_MODIFIED when
        it is byte-for-byte the source's last body), remembering the validators.

        ``declared_type`` is the raw Content-Type (charset included) used for decoding;
        ``content_type`` the page type the parsers get. ``durable=False`` skips the fsyncs:
        for a local file, whose own copy on disk is the original, the store is only a cache.
        ``stat`` is a local file's (size, mtime_ns, inode) to remember (see :meth:`unchanged`).
        """
        last = self.last_for(source)
        if last is not None and last.sha256 == sha256_hex(body) and self.has(last.sha256):
            return self.reuse(
                last,
                http_status=http_status,
                headers=headers or {},
                etag=etag,
                last_modified=last_modified,
                body=body,
                durable=durable,
                stat=stat,
            )
        now = utc_now()
        decoded = decode_page(body, declared_type)
        text, encoding = decoded.text, decoded.encoding
        kept = storable_headers(headers or {})
        sha = self.put(
            body,
            source=source,
            headers=kept,
            http_status=http_status,
            content_type=content_type,
            encoding=encoding,
            fetched_at=now,
            durable=durable,
        )
        self.remember(
            source,
            sha256=sha,
            fetched_at=now,
            etag=etag,
            last_modified=last_modified,
            content_type=content_type,
            encoding=encoding,
            durable=durable,
            note=decoded.note,
            stat=stat,
        )
        return Snapshot(
            source,
            sha,
            text,
            content_type,
            now,
            PageStatus.FETCHED,
            http_status,
            None,
            kept,
            decoded.note,
        )

    def reuse(
        self,
        last: StoredFetch,
        *,
        http_status: int | None,
        headers: Mapping[str, str],
        etag: str | None,
        last_modified: str | None,
        body: bytes | None = None,
        durable: bool = True,
        stat: tuple[int, int, int] | None = None,
    ) -> Snapshot:
        """A NOT_MODIFIED Snapshot of the stored body (same text and sha), validators refreshed.

        `body` is given when the caller already holds the very bytes (it hashed them), which
        spares reading them back. Raises SnapshotError when the body is gone or corrupt.
        """
        body = self.get_body(last.sha256) if body is None else body
        declared = f"{last.content_type}; charset={last.encoding}" if last.encoding else None
        decoded = decode_page(body, declared)
        try:
            stored = dict(self.get_meta(last.sha256).get("headers") or {})
        except SnapshotError:
            stored = {}
        kept = {**stored, **storable_headers(headers)}
        now = utc_now()
        if durable or (etag, last_modified, stat) != (last.etag, last.last_modified, last.stat):
            # A local file's entry keeps the time its content was first read: rewriting it
            # for a new fetched_at alone was half the cost of re-reading an unchanged folder.
            self.remember(
                last.source,
                sha256=last.sha256,
                fetched_at=now,
                etag=etag,
                last_modified=last_modified,
                content_type=last.content_type,
                encoding=last.encoding,
                durable=durable,
                note=last.note,
                stat=stat,
            )
        return Snapshot(
            last.source,
            last.sha256,
            decoded.text,
            last.content_type,
            now,
            PageStatus.NOT_MODIFIED,
            http_status,
            None,
            kept,
            last.note or decoded.note,
        )

    def unchanged(self, source: str, stat: tuple[int, int, int]) -> StoredFetch | None:
        """The source's stored entry when a local file still has the (size, mtime_ns, inode)
        recorded when it was last read: the file need not be read or hashed again (its body
        is not needed either when the caller reuses the page's stored facts). None: read it."""
        last = self.last_for(source)
        if last is None or last.stat is None or last.stat != stat:
            return None
        return last
