"""The run lock: a file beside the warehouse that one run holds from its start to its end.

DuckDB's own lock guards the file only while a connection is open; a run opens the warehouse
for writing only to start its row and to load, so two runs are kept apart by this lock instead
(taken before anything heavy is imported: a second run is refused at once). It is a POSIX
record lock (`lockf`): the kernel drops it when the process dies however it dies, and forked
workers do not inherit it. The file holds the run's pid, so a refused command can name it
(warehouse.connection reads it for the same purpose: keep the file name in step).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from pathlib import Path
from types import TracebackType

from crosscheck.errors import RunLocked

POLL_S = 0.1
_HELD: set[str] = set()  # lockf locks belong to the process: refuse a second run in it too


def run_lock_path(db: Path | str) -> Path:
    """`crosscheck.duckdb` → `crosscheck.duckdb.lock`, in the same folder (of the real file,
    so a symlink or another spelling of the path finds the same lock)."""
    db = Path(db).resolve()
    return db.with_name(db.name + ".lock")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def run_holder(db: Path | str) -> int | None:
    """The pid of the live run holding `db`'s run lock, or None when no run holds it."""
    path = run_lock_path(db)
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text.isdigit():
        return None
    pid = int(text)
    if pid == os.getpid():
        return pid if str(path.resolve()) in _HELD else None
    return pid if _pid_alive(pid) else None


class RunLock:
    """Exclusive run lock on one warehouse (a context manager; see :meth:`acquire`)."""

    def __init__(self, db: Path | str) -> None:
        self.db = Path(db)
        self.path = run_lock_path(self.db)
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> RunLock:
        """Take the lock, polling up to `wait` seconds; RunLocked names the holder."""
        deadline = time.monotonic() + max(wait, 0.0)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        key = str(self.path.resolve())
        told = False
        while True:
            if key not in _HELD and self._try_lock():
                _HELD.add(key)
                return self
            holder = run_holder(self.db)
            who = f"a crosscheck run with pid {holder}" if holder else "another crosscheck run"
            if time.monotonic() >= deadline:
                raise RunLocked(
                    f"warehouse {self.db} is in use by {who} (lock file {self.path}); "
                    "try again when it finishes, or pass --wait SECONDS to wait for it"
                )
            if not told:  # say once why the run seems to hang
                logging.getLogger("crosscheck").warning(
                    "waiting up to %.0f s for %s to finish with %s", wait, who, self.db
                )
                told = True
            time.sleep(POLL_S)

    def _try_lock(self) -> bool:
        for _ in range(3):  # a holder that unlinked the file under us: open the new one
            locked = self._lock_current_file()
            if locked is not None:
                return locked
        return False

    def _lock_current_file(self) -> bool | None:
        """True when locked, False when held by another, None when the file changed under us."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        # The holder before us may have unlinked the file after we opened it: the lock must be
        # on the file the path names now, or a third run could lock a fresh file beside ours.
        try:
            same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            return None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return True

    def release(self) -> None:
        """Remove the file and drop the lock (in that order, so no one locks a removed file)."""
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        os.close(self._fd)  # closing drops the lockf lock
        self._fd = None
        _HELD.discard(str(self.path.resolve()))

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> RunLock:
        return self if self.held else self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
