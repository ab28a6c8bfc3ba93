"""trim_heap: the pages glibc keeps after Python frees its blocks go back to the system."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest

from crosscheck.common.heap import trim_heap


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's",
)
def test_freed_heap_blocks_leave_the_process() -> None:
    trim_heap()
    # 4 KiB blocks come from glibc's heap (Python's own allocator takes up to 512 bytes);
    # the last one stays, so free() cannot give the space back by shrinking the heap's top
    blocks = [bytes(4096) + i.to_bytes(4, "little") for i in range(25_000)]
    kept = blocks[-1]
    before = _rss_mib()
    del blocks
    freed = _rss_mib()
    assert trim_heap() is True
    assert _rss_mib() < min(before, freed) - 50  # ~100 MiB were held and not returned
    assert len(kept) == 4100
