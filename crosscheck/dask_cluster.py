"""The cluster a Dask run starts when it is given no scheduler: a LocalCluster's workers (one
nanny per worker in this process, each starting a single-threaded worker process) and a
scheduler in a process of its own.

A LocalCluster runs its scheduler inside the client process, so every task's pickled
arguments (the passages and statements the client sends back to the cluster) and the
scheduler's bookkeeping of every task counted in the client's memory. Here the scheduler is
`distributed.deploy.subprocess.SubprocessScheduler` (`python -m dask spec`), started with the
run's Dask settings and a preload (`dask_setup`, this module) that ends it when the client
process is gone: a run killed with SIGKILL leaves no scheduler behind. Its workers already
exit with their nanny (distributed.process.AsyncProcess watches its parent).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

from distributed.deploy.subprocess import SubprocessScheduler

#: How often the scheduler process checks that the client that started it is alive (s).
PARENT_POLL_S = 0.5
#: What the scheduler process is told to preload (this module's `dask_setup`).
PRELOAD = __name__
#: How long the scheduler process may take to write its address (s). Dask's default is 30 s,
#: and past it `SubprocessScheduler._start` reads the live process's stderr to its end: it
#: never returns. On a host at load 30 the scheduler's imports took > 30 s and a run (or a
#: test) hung in `start_cluster` for good, its scheduler up and no worker started (issue 19).
SCHEDULER_START_S = 600
_LOG = logging.getLogger(__name__)


def start_cluster(workers: int, host: str, settings: Mapping[str, object]) -> Any:
    """`workers` single-threaded worker processes on `host` and a scheduler process, all
    under the Dask `settings` (as a LocalCluster started inside `dask.config.set`)."""
    import dask
    import distributed
    from distributed.deploy.spec import SpecCluster
    from distributed.worker_memory import parse_memory_limit

    scheduler_options = {
        "host": host,
        "port": 0,
        "dashboard": False,
        "dashboard_address": None,
        "preload": [PRELOAD],
    }
    worker_options = {
        "host": host,
        "nthreads": 1,
        "dashboard": False,
        "dashboard_address": None,
        "silence_logs": logging.WARN,
        "memory_limit": parse_memory_limit("auto", 1, workers, logger=_LOG),
    }
    # as a LocalCluster's silence_logs: the scheduler process logs warnings and errors only
    with dask.config.set({**settings, "logging.distributed": "warning"}):
        # the scheduler process reads its settings from the environment it inherits
        inherited = {"DASK_INTERNAL_INHERIT_CONFIG": dask.config.serialize(dask.config.config)}
        with _environment(inherited):
            return SpecCluster(
                workers={i: {"cls": distributed.Nanny, "options": worker_options}
                         for i in range(workers)},
                scheduler={"cls": _Scheduler,
                           "options": {"scheduler_kwargs": scheduler_options,
                                       "timeout": SCHEDULER_START_S}},
                silence_logs=logging.WARN,
                name="crosscheck",
            )  # fmt: skip


class _Scheduler(SubprocessScheduler):
    """A SubprocessScheduler whose stderr is read as it comes and copied to this process's:
    Dask opens it as a pipe and reads it only when the start fails, so a scheduler that logged
    more than the pipe holds (64 KiB) would block in the middle of a run."""

    async def _start(self) -> None:
        await super()._start()
        stream = self.process.stderr if self.process is not None else None
        if stream is not None:
            self._copying = asyncio.ensure_future(_copy(stream))

    async def close(self) -> None:
        """Stop copying first: closing reads what is left of stderr itself."""
        copying = getattr(self, "_copying", None)
        if copying is not None:
            copying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await copying
        await super().close()


async def _copy(stream: asyncio.StreamReader) -> None:
    while block := await stream.read(1 << 16):
        sys.stderr.write(block.decode(errors="replace"))
        sys.stderr.flush()


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """`values` in os.environ while the block runs (child processes inherit them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def dask_setup(scheduler: Any) -> None:
    """Scheduler preload: exit this process once the client that started it is gone (its
    parent changes: the client died and this process was handed to init or a subreaper)."""
    parent, address_file = os.getppid(), getattr(scheduler, "scheduler_file", None)
    watcher = threading.Thread(
        target=_exit_when_orphaned,
        args=(parent, address_file),
        name="crosscheck-parent",
        daemon=True,
    )
    watcher.start()


def _exit_when_orphaned(parent: int, address_file: str | None) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    if address_file:  # the scheduler removes it on a clean close only
        with contextlib.suppress(OSError):
            os.remove(address_file)
    os._exit(0)  # the client is gone: nothing here is worth a clean shutdown
