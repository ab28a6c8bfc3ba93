"""pint's answers about unit words, kept between processes: a small run need not import pint.

Why: every label word the unit tables do not know is asked of pint (~600 questions on the 3
seed pages); importing pint and building its registry cost ~0.13 CPU-s before the first
answer. The answers (a unit, or none) are kept in the user's cache folder under a key made of
the code that asks (normalize/units.py: its definitions and filters; the canonical units),
pint's definition files and pint's install, so another pint or an edited question is asked
again. New answers are added when the process exits; a cache that cannot be read or written
only costs the asking.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import importlib.util
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from crosscheck.common.user_cache import cache_folder, keep_newest

T = TypeVar("T")

_PROTOCOL = 5
#: Answers kept at most (distinct unit spellings seen on this machine; a few KB each hundred)
MAX_ANSWERS = 50_000
#: Answer files kept (one per version of the asking code and of pint)
KEEP_FILES = 8
#: pint's files that decide its answers, beside its package
_PINT_FILES = ("default_en.txt", "constants_en.txt")


def _key(askers: tuple[str, ...]) -> str:
    """The key of the answers: the asking code's sources, pint's definitions and install."""
    spec = importlib.util.find_spec("pint")
    if spec is None or spec.origin is None:
        raise OSError("pint is not installed")
    init = Path(spec.origin)
    stat = init.stat()
    digest = hashlib.sha256(f"{sys.version}\x1f{init}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for name in _PINT_FILES:
        digest.update(b"\x1e" + init.with_name(name).read_bytes())
    for asker in askers:
        digest.update(b"\x1e" + Path(asker).read_bytes())
    return digest.hexdigest()


class Answers:
    """The kept answers of one asking code, and those this process added."""

    def __init__(self, askers: tuple[str, ...]) -> None:
        self.askers = askers
        self.known: dict[str, object] = {}
        self.added: dict[str, object] = {}
        try:
            self.path: Path | None = cache_folder("units") / f"{_key(askers)}.pickle"
        except OSError:  # pint's files or the asker not found as files: ask every time
            self.path = None
        self.known = self._read()

    def _read(self) -> dict[str, object]:
        if self.path is None:
            return {}
        try:
            kept = pickle.loads(self.path.read_bytes())
        except Exception:  # not made yet, unreadable or not ours: ask again
            return {}
        return kept if isinstance(kept, dict) else {}

    def answer(self, question: str, ask: Callable[[str], T]) -> T:
        """The kept answer to `question`, else `ask(question)` (kept at exit)."""
        if question in self.known:
            return self.known[question]  # type: ignore[return-value]
        found = ask(question)
        self.known[question] = found
        if self.path is not None and len(self.added) < MAX_ANSWERS:
            if not self.added:
                atexit.register(self.save)
            self.added[question] = found
        return found

    def save(self) -> None:
        """Add this process's answers to the kept ones (another process may have added
        some meanwhile: both are kept)."""
        if self.path is None or not self.added:
            return
        merged = self._read()
        if len(merged) < MAX_ANSWERS:
            merged.update(self.added)
        self.added = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            partial.write_bytes(pickle.dumps(merged, protocol=_PROTOCOL))
            os.replace(partial, self.path)  # a reader never sees half a file
            keep_newest(self.path.parent, "*.pickle", KEEP_FILES)
        except OSError:  # no writable cache folder: the next process asks again
            pass


@functools.cache
def answers_of(*askers: str) -> Answers:
    """The answers kept for the asking code (the source files of what decides an answer)."""
    return Answers(askers)
