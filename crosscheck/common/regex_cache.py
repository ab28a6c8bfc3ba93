"""Regular expressions compiled once per Python and pattern, kept between processes.

Why: a small run compiles ~1,100 patterns (~400 at import, the vocabulary's, the gazetteer's
names, the libraries'), ~0.2 CPU-s of Python in `re`'s parser and code generator whose
output is a list of integers for the C engine. This keeps that output in the user's cache
folder, per Python build, and hands it to the engine (`_sre.compile`) the next time, so the
pattern objects are the ones `re` would build. Installed by the `crosscheck` command only;
any pattern this cannot keep, any error, or another Python compiles as before.
"""

from __future__ import annotations

import array
import atexit
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.common.user_cache import cache_folder, keep_newest

#: What a kept pattern needs besides its text: flags, code (the engine's code units as the
#: bytes of an array, which read back far faster than a list of ints), groups, groupindex and
#: indexgroup
Compiled = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_PROTOCOL = 5
#: Patterns kept at most; past it, a process keeps only those it used (a run uses ~1,100)
MAX_PATTERNS = 4_000
#: A process that compiled fewer new patterns than this leaves the file alone: some patterns
#: are joined from sets (their order differs in every process) and are new each time
MIN_NEW = 32
#: Files kept (one per Python build)
KEEP_FILES = 4
#: The array type of the engine's code units (4 bytes: _sre.CODESIZE, checked at install)
_UNIT = "I"


class _Kept:
    """The kept compilations of this Python, and those this process added."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[tuple[str | bytes, int], Compiled] = self._read()
        self.loaded = bool(self.known)  # a file was there: save only many new patterns
        self.added: dict[tuple[str | bytes, int], Compiled] = {}
        self.used: set[tuple[str | bytes, int]] = set()

    def _read(self) -> dict[tuple[str | bytes, int], Compiled]:
        if self.path is None:
            return {}
        try:
            kept = pickle.loads(self.path.read_bytes())
        except Exception:  # not made yet, unreadable or not ours: compile as before
            return {}
        return kept if isinstance(kept, dict) else {}

    def save(self) -> None:
        """Add this process's compilations to the kept ones (another process's too); past
        MAX_PATTERNS, keep those this process used."""
        if self.path is None or len(self.added) < (MIN_NEW if self.loaded else 1):
            return
        merged = self._read()
        merged.update(self.added)
        if len(merged) > MAX_PATTERNS:
            merged = {key: self.known[key] for key in self.used if key in self.known}
        self.added = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            partial.write_bytes(pickle.dumps(merged, protocol=_PROTOCOL))
            os.replace(partial, self.path)  # a reader never sees half a file
            keep_newest(self.path.parent, "*.pickle", KEEP_FILES)
        except OSError:  # no writable cache folder: the next process compiles again
            pass


def _path() -> Path:
    """The file of this Python build's compilations."""
    import _sre

    build = f"{sys.version}\x1f{sys.implementation.cache_tag}\x1f{_sre.MAGIC}\x1f{_sre.CODESIZE}"
    key = hashlib.sha256(build.encode()).hexdigest()[:32]
    return cache_folder("regex") / f"{key}.pickle"


def _kept_compile(kept: _Kept, compile_: Callable[..., Any]) -> Callable[..., Any]:
    """`re`'s compile step, answering from `kept` and recording what it compiles."""
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    def compile_kept(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or not isinstance(flags, int) or flags & re.DEBUG:
            return compile_(p, flags)
        key = (p, flags)
        found = kept.known.get(key)
        if len(kept.used) < MAX_PATTERNS:  # bounded: a long-lived worker compiles per page
            kept.used.add(key)
        if found is not None:
            try:
                final, units, groups, names, by_index = found
                code = array.array(_UNIT, units).tolist()
                return _sre.compile(p, final, code, groups, dict(names), by_index)
            except Exception:  # not what this engine takes: compile it
                pass
        parsed = _parser.parse(p, flags)  # raises re.error as `re` does
        code = _compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: Compiled = (
            flags | parsed.state.flags,
            array.array(_UNIT, code).tobytes(),
            parsed.state.groups - 1,
            dict(groupindex),
            tuple(indexgroup),
        )
        pattern = _sre.compile(p, entry[0], code, entry[2], groupindex, entry[4])
        if not kept.added:
            atexit.register(kept.save)
        if len(kept.added) < MAX_PATTERNS:
            kept.added[key] = kept.known[key] = entry
        return pattern

    return compile_kept


def install() -> bool:
    """Answer `re`'s compilations from the kept ones from now on (once a process); False
    when this Python's `re` is not the one this was written for (nothing is changed)."""
    from re import _compiler  # type: ignore[attr-defined]

    current = _compiler.compile
    if getattr(current, "__module__", None) == __name__:
        return True
    if not all(hasattr(_compiler, name) for name in ("_code", "_sre")):
        return False
    if array.array(_UNIT).itemsize != _compiler._sre.CODESIZE:
        return False
    try:
        path: Path | None = _path()
    except Exception:  # no engine constants: leave `re` alone
        return False
    kept = _Kept(path)
    _compiler.compile = _kept_compile(kept, current)
    return True
