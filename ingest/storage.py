"""Where the snapshot store keeps its files: a local folder, or an fsspec URL (``s3://…``).

Workers write snapshots themselves, so the store must be storage every worker sees; a store
is a small picklable object (its location, never an open connection) that each process opens
for itself. Writes are atomic either way: readers never see half a file.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import uuid
from pathlib import Path
from typing import Any, Protocol

# fsspec protocols whose single PUT replaces an object atomically: no temporary name needed.
OBJECT_STORES = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "memory"})


def is_store_url(location: str | os.PathLike[str]) -> bool:
    """Whether a snapshot store location is an fsspec URL (``scheme://…``) rather than a path."""
    head, sep, _ = str(location).partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").isalnum() and len(head) > 1


class Files(Protocol):
    """The few file operations the snapshot store needs, on paths relative to its root."""

    def read(self, relative: str) -> bytes:
        """The file's bytes; FileNotFoundError when absent, OSError when unreadable."""
        ...

    def exists(self, relative: str) -> bool: ...

    def write(self, relative: str, data: bytes, *, durable: bool) -> None:
        """Replace the file atomically (`durable`: on disk before it is visible, where the
        storage allows)."""
        ...

    def delete(self, relative: str) -> None: ...

    def describe(self) -> str:
        """The root, for messages."""
        ...


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
_TEMP_SERIAL = itertools.count()
_TEMP_ATTEMPTS = 100
_temp_tag: tuple[int, str] = (0, "")


def _process_tag() -> str:
    """This process's id and a random word, drawn again after a fork (workers on other hosts
    sharing the store's mount may have the same id)."""
    global _temp_tag
    pid = os.getpid()
    if _temp_tag[0] != pid:
        _temp_tag = (pid, f"{pid}-{uuid.uuid4().hex[:8]}")
    return _temp_tag[1]


def _open_temp(folder: str, name: str) -> tuple[int, str]:
    """A new temp file beside `name` (mode 0o600, opened exclusively, as mkstemp makes it),
    named by a process tag and a serial number: a worker writes three files a page, and
    tempfile's random names, its folder check and a buffered file object took ~40 % of that
    (bench/lap_anatomy.py). The folder is created when missing."""
    for _ in range(_TEMP_ATTEMPTS):
        tmp = f"{folder}/.{name}.{_process_tag()}-{next(_TEMP_SERIAL)}.tmp"
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:  # left by an earlier process that had this id: next number
            continue
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
    raise FileExistsError(f"no free temporary name for {name} in {folder}")


class LocalFiles:
    """A folder on this host (or on a shared mount every worker sees at the same path)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, relative: str) -> bytes:
        with open(os.path.join(self.root, relative), "rb") as fh:  # no pathlib round trip
            return fh.read()

    def exists(self, relative: str) -> bool:
        return os.path.isfile(os.path.join(self.root, relative))  # no pathlib round trip

    def write(self, relative: str, data: bytes, *, durable: bool) -> None:
        """Write via a temp file in the same folder and os.replace; `durable` also waits for
        the disk (fsync) before the rename."""
        path = os.path.join(self.root, relative)
        folder, name = os.path.split(path)
        fd, tmp = _open_temp(folder, name)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
            os.close(fd)
            fd = -1
            os.replace(tmp, path)
        except BaseException:
            if fd >= 0:
                os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def delete(self, relative: str) -> None:
        (self.root / relative).unlink()

    def describe(self) -> str:
        return str(self.root)


class FsspecFiles:
    """A store behind an fsspec URL. Credentials and endpoints come from fsspec's own
    configuration (``FSSPEC_S3_ENDPOINT_URL``-style variables, ``~/.config/fsspec``) or the
    backend's (AWS variables for s3fs), never from crosscheck's settings. The filesystem is
    opened lazily in each process: pickling a store ships only its URL."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._fs: Any = None
        self._base = ""
        self._protocol = ""

    def __getstate__(self) -> dict[str, Any]:
        return {"url": self.url}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["url"])  # type: ignore[misc]

    def _open(self) -> Any:
        if self._fs is None:
            import fsspec

            fs, base = fsspec.core.url_to_fs(self.url)
            protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
            self._fs, self._base, self._protocol = fs, base.rstrip("/"), protocol
        return self._fs

    def _path(self, relative: str) -> str:
        self._open()
        return f"{self._base}/{relative}"

    def read(self, relative: str) -> bytes:
        data: bytes = self._open().cat_file(self._path(relative))
        return data

    def exists(self, relative: str) -> bool:
        return bool(self._open().isfile(self._path(relative)))

    def write(self, relative: str, data: bytes, *, durable: bool) -> None:
        """One PUT on an object store (atomic there); elsewhere a temporary name beside the
        file, then a rename. `durable` is the storage's own guarantee (no fsync here)."""
        fs, path = self._open(), self._path(relative)
        if self._protocol in OBJECT_STORES:
            fs.pipe_file(path, data)
            return
        parent, _, name = path.rpartition("/")
        fs.makedirs(parent, exist_ok=True)
        tmp = f"{parent}/.{name}.{uuid.uuid4().hex[:12]}.tmp"
        try:
            fs.pipe_file(tmp, data)
            fs.mv(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError, FileNotFoundError):
                fs.rm_file(tmp)
            raise

    def delete(self, relative: str) -> None:
        self._open().rm_file(self._path(relative))

    def describe(self) -> str:
        return self.url


def open_files(location: str | os.PathLike[str]) -> LocalFiles | FsspecFiles:
    """The storage of a snapshot store location: an fsspec URL, else a local folder."""
    if is_store_url(location):
        return FsspecFiles(str(location))
    # absolute: a worker whose working folder differs (another host, same mounts) finds it
    return LocalFiles(Path(location).absolute())
