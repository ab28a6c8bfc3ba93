"""Dask worker plugins of the Dask engine (imported only when a Dask run starts: it imports
`distributed`)."""

from __future__ import annotations

import threading
from typing import Any

from distributed import WorkerPlugin

from crosscheck.engines import NormalizerSpec, warm_worker


class WarmWorker(WorkerPlugin):
    """Warms every worker, and every worker that joins later (one the nanny restarted after
    a crash): the stages imported and the run's normalizer built before its first chunk."""

    idempotent = True

    def __init__(self, spec: NormalizerSpec, tune_gc: bool = False) -> None:
        self.spec, self.tune_gc = spec, tune_gc

    def setup(self, worker: Any) -> None:
        """Warm in a thread: the worker's event loop (heartbeats, the client's plugin call)
        must not wait for the imports; a chunk that arrives first builds what it needs."""
        threading.Thread(
            target=warm_worker, args=(self.spec, self.tune_gc), name="crosscheck-warm", daemon=True
        ).start()
