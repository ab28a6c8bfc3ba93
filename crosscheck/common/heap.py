"""Give the heap memory Python freed back to the operating system.

glibc keeps freed blocks for reuse, but DuckDB allocates with its own allocator (jemalloc)
and never reuses them: without a trim, the analysis's garbage and the frames the load let go
of still count in the run's peak while DuckDB grows beside them (issue 20).
"""

from __future__ import annotations

import ctypes
import sys


def trim_heap() -> bool:
    """Ask glibc to return its free pages; True when it returned some (False on other C
    libraries and systems, where nothing is done). No gc.collect first: at the load's two
    trims it found nothing to free (the frames go by reference counting) and cost a full
    traversal of the heap, about 4 % of the load's CPU (docs/benchmarks.md, loadreport)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return False
    return bool(trim(0))
