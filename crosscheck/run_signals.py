"""Signals as exceptions for the run's failure boundary: Ctrl-C and SIGTERM unwind the run like
an error, remembered so the run's row says "interrupted", and held off while that row is closed.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so the run unwinds like Ctrl-C (not an Exception:
    no `except Exception` inside a stage may swallow it)."""


@dataclass
class Signals:
    received: int | None = None


@contextmanager
def signals_as_exceptions() -> Iterator[Signals]:
    """In the main thread, SIGINT raises KeyboardInterrupt and SIGTERM raises Terminated, and
    the signal is remembered (DuckDB turns a Ctrl-C inside a query into its own error)."""
    seen = Signals()
    if threading.current_thread() is not threading.main_thread():
        yield seen
        return

    def on_int(signum: int, frame: FrameType | None) -> None:
        seen.received = signum
        raise KeyboardInterrupt

    def on_term(signum: int, frame: FrameType | None) -> None:
        seen.received = signum
        raise Terminated

    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    if previous[signal.SIGINT] is signal.default_int_handler:
        signal.signal(signal.SIGINT, on_int)
    if previous[signal.SIGTERM] == signal.SIG_DFL:  # an orchestrator's own handler stays
        signal.signal(signal.SIGTERM, on_term)
    try:
        yield seen
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)


@contextmanager
def deferred_signals() -> Iterator[None]:
    """While the run's row is being closed, a second Ctrl-C must not cut that short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for number in previous:
        signal.signal(number, signal.SIG_IGN)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)
