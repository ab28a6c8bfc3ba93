"""Start `crosscheck serve` in a subprocess on a free port and read its URL (tests only)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def served(db: Path, *extra: str) -> Iterator[str]:
    """The review page's URL (with its token) while the server runs; stopped afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "crosscheck.cli", "serve", "--db", str(db), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("review page: http://127.0.0.1:"), line + (
            process.stderr.read() if process.stderr else ""
        )
        yield line.split()[2]
    finally:
        process.terminate()
        process.wait(timeout=10)
