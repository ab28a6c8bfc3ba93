"""Source specs (URLs, files, folders, sources files) to Snapshots.

The specs are expanded up front (:mod:`ingest.source_specs`, re-exported here), so a typo fails
the run before any page is read; this module reads and fetches the pages, where one bad page
only fails that page.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import time
from collections.abc import Collection, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosscheck.ingest.decode import sniff_content_type
from crosscheck.ingest.errors import FetchError, SnapshotError
from crosscheck.ingest.snapshots import Arrival, SnapshotStore, failed_snapshot, utc_now
from crosscheck.ingest.source_specs import OPTION_FIELDS as OPTION_FIELDS
from crosscheck.ingest.source_specs import SourceSpec as SourceSpec
from crosscheck.ingest.source_specs import apply_options as apply_options
from crosscheck.ingest.source_specs import count_sources as count_sources
from crosscheck.ingest.source_specs import expand_sources as expand_sources
from crosscheck.ingest.source_specs import is_url as is_url
from crosscheck.ingest.source_specs import iter_sources as iter_sources
from crosscheck.ingest.transport import FetchConfig, cap_message

from crosscheck.common.contracts import PageStatus, Snapshot

if TYPE_CHECKING:  # requests (~0.05-0.09 CPU-s to import) only when a run has a URL
    from crosscheck.ingest.fetch import Fetcher

# A file modified this recently may change again within the same mtime tick without its
# size or mtime moving: its stat signature is not remembered, so the next run hashes it.
_SETTLED_NS = 2_000_000_000


def display_source(path: str) -> str:
    """The path as stored text: a file name that is not valid UTF-8 (kept by Python as surrogate
    escapes) is written with backslash escapes, so it can be stored, shown and compared."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def _outside(path: str, root: str | None) -> str | None:
    """Why a symlink at ``path`` may not be read (it leads out of ``root``), else None."""
    if root is None or not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    base = os.path.realpath(root)
    if os.path.commonpath([target, base]) != base:
        return "refused: symlink leads outside the source folder"
    return None


class _NotRegular(OSError):
    """A path that is a FIFO, device, socket or folder: never read as a page."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a folder" if stat.S_ISDIR(mode) else "a special file"


def _read_regular(path: str, max_bytes: int | None) -> bytes:
    """The bytes of a regular file; _NotRegular for anything else (a FIFO would block forever,
    so it is opened non-blocking and looked at before any read)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegular(f"refused: {_kind(mode)}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    finally:
        os.close(fd)


def _signature(path: str) -> tuple[int, int, int] | None:
    """(size, mtime_ns, inode) of a regular file whose mtime has settled, else None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or time.time_ns() - info.st_mtime_ns < _SETTLED_NS:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


@dataclass(frozen=True)
class FileRead:
    """A local page a worker reads itself (:func:`read_page`): the main process hands out
    paths, not page bodies. `known` holds the sha256 the warehouse already has for this source:
    a body that hashes to one of them is set aside unparsed (its stored facts are reused)."""

    path: str  # as given: the page's source
    root: str | None = None
    max_bytes: int | None = None
    known: frozenset[str] = frozenset()
    # where to open it: the path made absolute by the client, so a worker whose working
    # folder differs (another host with the same mounts) opens the same file
    where: str | None = None

    @property
    def source(self) -> str:
        return display_source(self.path)


def unchanged_file(
    path: str, store: SnapshotStore, known: Container[tuple[str, str]]
) -> Snapshot | None:
    """The NOT_MODIFIED Snapshot (empty text) of a local file whose size, mtime and inode are
    those recorded when it was last read and whose stored body the warehouse holds (`known`:
    its (source, sha256) pairs), else None: the file must be read."""
    signature = _signature(path)
    if signature is None:
        return None
    source = display_source(path)
    last = store.unchanged(source, signature)
    if last is None or (source, last.sha256) not in known:
        return None
    return Snapshot(
        source,
        last.sha256,
        "",
        last.content_type,
        utc_now(),
        PageStatus.NOT_MODIFIED,
        note=last.note,
    )


def read_file(
    path: str,
    store: SnapshotStore,
    *,
    max_bytes: int | None = None,
    root: str | None = None,
    known: Container[tuple[str, str]] | None = None,
    source: str | None = None,
) -> Snapshot:
    """Snapshot of a local page (source = the path as given, or `source`); FAILED rather than
    raising.

    Only regular files are read; a file found in folder ``root`` that is a symlink must lead to
    a file inside that folder. With `known` (the (source, sha256) pairs the warehouse already
    holds), a file whose size, mtime and inode are those recorded when it was last read, and
    whose stored body is known, is not read at all: its Snapshot is NOT_MODIFIED with an empty
    text (the caller reuses the stored facts of a known page instead of parsing it).
    """
    source = display_source(path) if source is None else source
    refused = _outside(path, root)
    if refused:
        return failed_snapshot(source, FetchError(refused))
    if known is not None:
        unchanged = unchanged_file(path, store, known)
        if unchanged is not None:
            return unchanged
    signature = _signature(path)
    try:
        body = _read_regular(path, max_bytes)
    except _NotRegular as exc:
        return failed_snapshot(source, FetchError(str(exc)))
    except OSError as exc:
        return failed_snapshot(source, FetchError(f"cannot read file: {exc.strerror or exc}"))
    if max_bytes is not None and len(body) > max_bytes:
        return failed_snapshot(source, FetchError(cap_message(max_bytes)))
    content_type = sniff_content_type(source, None)
    try:
        # The file itself is the original: the store's copy needs no fsync.
        return store.record(
            source,
            body,
            declared_type=None,
            content_type=content_type,
            durable=False,
            stat=signature if signature is not None and signature[0] == len(body) else None,
        )
    except (OSError, SnapshotError) as exc:
        return failed_snapshot(source, FetchError(f"snapshot store error: {exc}"))


def read_page(item: Snapshot | FileRead | Arrival, store: SnapshotStore) -> Snapshot:
    """The Snapshot of one work item in a worker: a page the main process already holds, a
    fetched body to decode and keep, or a local file to read, decode and keep; FAILED rather
    than raising."""
    if isinstance(item, Snapshot):
        return item
    if isinstance(item, FileRead):
        return read_file(
            item.where or item.path,
            store,
            max_bytes=item.max_bytes,
            root=item.root,
            source=item.source,
        )
    try:
        return item.keep(store)
    except (OSError, SnapshotError) as exc:  # as Fetcher.fetch words it
        return failed_snapshot(item.source, FetchError(f"snapshot store error: {exc}"))


def _fetcher(config: FetchConfig, store: SnapshotStore) -> Fetcher:
    """A Fetcher, made when a run's first URL comes: a run of local files never imports
    requests or opens a session."""
    from crosscheck.ingest.fetch import Fetcher

    return Fetcher(config, store)


def iter_snapshots(
    expanded: Iterable[SourceSpec],
    config: FetchConfig,
    store: SnapshotStore,
    *,
    fetcher: Fetcher | None = None,
    known: Container[tuple[str, str]] | None = None,
) -> Iterator[Snapshot]:
    """Snapshots of already expanded sources, one at a time, so a large run can parse and
    drop each batch's text before reading the next; a bad page fails alone. `known`: see
    :func:`read_file` (files whose stat says they are unchanged are not read)."""
    own = fetcher is None
    active = fetcher
    try:
        for spec in expanded:
            cfg = apply_options(config, spec.options)
            if spec.kind == "url":
                active = active if active is not None else _fetcher(config, store)
                yield active.fetch(spec.location, cfg)
            else:
                yield read_file(
                    spec.location, store, max_bytes=cfg.max_bytes, root=spec.root, known=known
                )
    finally:
        if own and active is not None:
            active.close()


def plan_pages(
    expanded: Iterable[SourceSpec],
    config: FetchConfig,
    store: SnapshotStore,
    *,
    fetcher: Fetcher | None = None,
    known: Collection[tuple[str, str]] | None = None,
) -> Iterator[Snapshot | FileRead | Arrival]:
    """The run's pages as work items, in order: URLs are fetched here (politeness and robots
    are per host, so one process paces them) and a new body comes as an :class:`Arrival` its
    worker decodes and keeps (a 304 or a failure as a Snapshot); a local file comes as a
    :class:`FileRead` its worker reads, or, with `known`, as the NOT_MODIFIED Snapshot of a
    file whose stat says it is unchanged (see :func:`read_file`), which nobody reads."""
    own = fetcher is None
    active = fetcher
    shas: dict[str, set[str]] = {}
    for source, sha in known or ():
        shas.setdefault(source, set()).add(sha)
    try:
        for spec in expanded:
            cfg = apply_options(config, spec.options)
            if spec.kind == "url":
                active = active if active is not None else _fetcher(config, store)
                fetched = active.fetch_deferred(spec.location, cfg)
                if isinstance(fetched, Arrival) and fetched.source in shas:
                    fetched = dataclasses.replace(fetched, known=frozenset(shas[fetched.source]))
                yield fetched
                continue
            if known is not None and _outside(spec.location, spec.root) is None:
                unchanged = unchanged_file(spec.location, store, known)
                if unchanged is not None:
                    yield unchanged
                    continue
            source = display_source(spec.location)
            held = frozenset(shas.get(source, ()))
            root = os.path.abspath(spec.root) if spec.root is not None else None
            where = os.path.abspath(spec.location)
            yield FileRead(spec.location, root, cfg.max_bytes, held, where)
    finally:
        if own and active is not None:
            active.close()


def collect_snapshots(
    specs: Sequence[str],
    config: FetchConfig,
    store: SnapshotStore,
    *,
    fetcher: Fetcher | None = None,
) -> list[Snapshot]:
    """Every source of a run as a Snapshot, in order; a bad page fails alone, the rest go on.

    Raises SourceError (before any fetch) when a spec itself is wrong.
    """
    return list(iter_snapshots(expand_sources(specs), config, store, fetcher=fetcher))
