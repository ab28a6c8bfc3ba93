"""Progress bars for long runs, only when stderr is a terminal (schedulers get none).

The pipeline reports progress through a plain callback, so it never depends on a UI library;
the CLI passes the rich-backed one from :func:`terminal_progress`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

ProgressCallback = Callable[[str, int, int], None]  # (stage, done, total)


def no_progress(stage: str, done: int, total: int) -> None:
    """The default: say nothing."""


@contextmanager
def terminal_progress(enabled: bool | None = None) -> Iterator[ProgressCallback]:
    """A callback drawing one rich progress bar per stage when attached to a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield no_progress
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TimeElapsedColumn,
    )

    tasks: dict[str, TaskID] = {}
    with Progress(
        "[bold]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
