"""The parse-time budget of one page: CPU seconds of the parsing thread (ingest.budgets).

Why: a page whose parse runs away (a pathological regex, a huge table) must not stall a run;
judged on the thread's CPU, not wall time, so a loaded host quarantines no page and every
engine applies the same rule (docs/security.md).
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator


class ParseTimeout(Exception):
    """Parsing one page took longer than its budget."""


#: The process-CPU point, as a multiple of the budget, where a parse on a main thread is
#: interrupted (SIGPROF): past the budget, so the thread's own CPU decides, as everywhere else.
INTERRUPT_FACTOR = 2.0


def _thread_cpu() -> float:
    """CPU seconds of the calling thread (a Dask worker's task thread too)."""
    return time.thread_time()


@contextlib.contextmanager
def parse_time_limit(seconds: float) -> Iterator[None]:
    """Raise ParseTimeout when the block took more than ``seconds`` of this thread's CPU time.

    CPU, not wall time: a parse descheduled on a loaded host keeps its claims, and the rule is
    the same on every engine (issue 19: the local engine's SIGALRM on wall time quarantined pages
    that a Dask worker's thread, which gets no signal, kept). The budget is judged when the
    block ends; on a POSIX main thread a runaway parse is also interrupted (SIGPROF) at
    INTERRUPT_FACTOR times the budget of process CPU, which the thread alone reaches later."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    )
    message = f"parsing took longer than the {seconds:g} s budget"
    started = _thread_cpu()
    if not usable:
        yield
    else:

        def expire(_signum: int, _frame: object) -> None:
            raise ParseTimeout(message)

        previous = signal.signal(signal.SIGPROF, expire)
        signal.setitimer(signal.ITIMER_PROF, seconds * INTERRUPT_FACTOR)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
    if _thread_cpu() - started > seconds:
        raise ParseTimeout(message)
