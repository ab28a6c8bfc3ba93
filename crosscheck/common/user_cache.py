"""The user's cache folder, where a process keeps what the next one can reuse (parsed data
files, the empty migrated warehouse): $XDG_CACHE_HOME/crosscheck, else ~/.cache/crosscheck.

Nothing kept there is needed: every reader falls back to doing the work when the folder is
missing, unwritable or holds something it cannot read.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def cache_folder(*parts: str) -> Path:
    """A folder under the user's cache folder (not created here)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "crosscheck", *parts)


def keep_newest(folder: Path, pattern: str, keep: int) -> None:
    """Remove all but the `keep` newest files of `folder` matching `pattern` (a folder that
    collects one file per version of its inputs stays small)."""
    with contextlib.suppress(OSError):
        found = sorted(folder.glob(pattern), key=lambda f: f.stat().st_mtime, reverse=True)
        for stale in found[keep:]:
            stale.unlink(missing_ok=True)
