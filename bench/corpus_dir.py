"""Clearing a generated corpus's folder before a new one is written: shared by the synthetic
and the real-shaped generators, whose folders differ only in the file beside the sites."""

from __future__ import annotations

import shutil
from pathlib import Path


def clear_corpus(out_dir: Path, marker: str, what: str) -> None:
    """Remove an older corpus from `out_dir` (its `site-*` folders and its `marker` file):
    pages of another seed or generator version left beside new ones would be read as part of
    the corpus. Refuses a folder holding anything else, naming `what` it expected."""
    if not out_dir.exists():
        return
    entries = list(out_dir.iterdir())
    ours = [e for e in entries if e.name == marker or (e.is_dir() and e.name.startswith("site-"))]
    if len(ours) != len(entries):
        others = sorted(e.name for e in entries if e not in ours)
        raise SystemExit(f"{out_dir} is not a {what} (it holds {others[:5]}); not touched")
    for entry in ours:
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
