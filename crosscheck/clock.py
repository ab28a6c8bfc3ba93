"""When this process started, on the time.perf_counter() scale, so a command's elapsed time
counts the interpreter's start-up and every import, not only the code after them."""

from __future__ import annotations

import os
import time
from pathlib import Path


def process_start() -> float:
    """The process's start on the perf_counter scale, to the kernel's 10 ms tick; where it
    cannot be read, now (so an elapsed time is never negative or invented)."""
    now = time.perf_counter()
    age = _age_linux()
    if age is None:
        age = _age_psutil()
    return now - age if age is not None and 0 <= age < 86_400 else now


def _age_linux() -> float | None:
    """Seconds since exec, from /proc against the boot clock (psutil's create_time adds the boot
    time, which Linux gives in whole seconds: up to 1 s off)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, starttime
        return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _age_psutil() -> float | None:
    try:
        import psutil

        return time.time() - psutil.Process().create_time()
    except Exception:  # psutil missing or the process table unreadable (a sandbox)
        return None
