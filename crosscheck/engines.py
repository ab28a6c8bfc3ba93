"""Where a run's parse/normalize chunks execute: the local fork pool (default) or Dask.

The engine is chosen here and only here (`engine_pool`); the stages never know which one runs
them. With Dask, each chunk is a task; a worker rebuilds the run's Normalizer once from a
small picklable spec (the vocabulary overrides path) instead of receiving it, and a task lost
with its worker is retried by the scheduler (`distributed.scheduler.allowed-failures`).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from crosscheck.errors import RunFailed
from crosscheck.parallel import PendingChunks, WorkerPool, chunked, default_workers

if TYPE_CHECKING:
    from crosscheck.checks import CheckConfig
    from crosscheck.dask_summaries import ChunkSummaries
    from crosscheck.normalize import Normalizer
    from crosscheck.pipeline import RunConfig

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")
T = TypeVar("T")
R = TypeVar("R")

#: A LocalCluster listens on loopback only: a run without --scheduler must not open a port
#: other hosts can reach.
LOCAL_HOST = "127.0.0.1"


@dataclass(frozen=True)
class NormalizerSpec:
    """What a worker needs to build the run's Normalizer itself (picklable, a few bytes), and
    the entities file its parse finds names with (`vocabulary.gazetteer`; None: packaged)."""

    vocabulary_overrides: str | None = None
    gazetteer: str | None = None

    def build(self) -> Normalizer:
        from crosscheck.normalize import Normalizer, load_vocabulary

        overrides = Path(self.vocabulary_overrides) if self.vocabulary_overrides else None
        return Normalizer(load_vocabulary(overrides=overrides)).prepare()


_WORKER_NORMALIZERS: dict[NormalizerSpec, Normalizer] = {}


def run_chunk(spec: NormalizerSpec, function: Callable[[Sequence[T]], R], chunk: Sequence[T]) -> R:
    """A Dask task: install the spec's Normalizer (built once per worker process and kept),
    then run `function` (crosscheck.batches.prepare_chunk) on the chunk."""
    from crosscheck.batches import install_normalizer

    normalizer = _WORKER_NORMALIZERS.get(spec)
    if normalizer is None:
        normalizer = _WORKER_NORMALIZERS[spec] = spec.build()
    install_normalizer(normalizer, gazetteer=Path(spec.gazetteer) if spec.gazetteer else None)
    return function(chunk)


def warm_worker(spec: NormalizerSpec, tune_gc: bool = False) -> None:
    """Import the stages, build the normalizer and load the contracts on a worker while the
    client reads the first batch (a spawned worker starts with nothing imported). With
    `tune_gc` (a worker of the run's own LocalCluster) it then collects cycles as seldom as
    the local pool's workers (parallel.WORKER_GC_THRESHOLD) and freezes what the imports
    made."""
    import gc

    import crosscheck.batches  # noqa: F401
    from crosscheck.checks.contracts import prepare_contracts
    from crosscheck.parallel import WORKER_GC_THRESHOLD

    if spec not in _WORKER_NORMALIZERS:
        _WORKER_NORMALIZERS[spec] = spec.build()
    if spec.gazetteer:  # the run's entities file for ingest, parsed once per worker
        from crosscheck.common.gazetteer import load_gazetteer

        load_gazetteer(Path(spec.gazetteer))
    # pandera's backends, which a forked local worker inherits loaded from the parent
    prepare_contracts()
    if tune_gc:
        threshold, older, oldest = gc.get_threshold()
        gc.set_threshold(max(WORKER_GC_THRESHOLD, threshold), older, oldest)
        gc.freeze()


#: Every batched comm (the client's to the scheduler, the scheduler's and workers') keeps its last
#: 1,000 messages under 1 MB for developers (`recent_message_log`): in the client, the pickled
#: graphs of its last 1,000 submits with their arguments (the parse tasks' page lists, the
#: partitions it puts), ~3 MiB at 2,000 pages and more with the corpus (issue 19). Off.
CLIENT_CONFIG_KEY = "distributed.admin.low-level-log-length"

#: Dask settings of a LocalCluster the run starts (a cluster of your own keeps its own).
#: `dashboard_address=None` only turns off the Bokeh dashboard: in distributed 2026.8 the
#: scheduler still serves HTTP routes (info pages, JSON, Prometheus metrics, health) on
#: 127.0.0.1:8787 and every worker on a random loopback port (`Scheduler.__init__` and
#: `Worker.__init__` call `start_http_server` whatever the address). With no routes those
#: servers answer 404 to every path: nothing about the run is served. The workers' statistical
#: profiler (a thread sampling every task's stack each 10 ms, for a dashboard nobody serves)
#: is off: it takes the GIL from the parse. So are, mostly, the event loops' own timers: every
#: server (scheduler, nanny, worker) measured its loop's latency each 20 ms and read psutil's
#: host counters each 0.5 s for the same dashboard; a worker's loop thread took 0.12-0.26 s of
#: CPU during a 250-page chunk (~3 s) and 0.02-0.04 s with these (docs/benchmarks.md).
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.http.routes": [],
    "distributed.worker.http.routes": [],
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    **{CLIENT_CONFIG_KEY: 0},
}


def _dask_failure(error: BaseException) -> RunFailed | None:
    """A RunFailed for errors that mean the cluster, not the data, failed (None otherwise)."""
    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    if isinstance(error, KilledWorker):
        return RunFailed(f"a Dask worker died on the same task too many times ({error})")
    if isinstance(error, CommClosedError | OSError | TimeoutError):
        return RunFailed(f"the Dask cluster went away: {error}")
    return None


class _DaskResult:
    """A Dask future whose cluster failures surface as RunFailed (exit 3 via the runner)."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def result(self) -> Any:
        try:
            return self._future.result()
        except Exception as error:
            failure = _dask_failure(error)
            if failure is None:
                raise
            raise failure from error


class _HeldResult(_DaskResult):
    """A parse chunk whose facts stay on its worker: `result()` fetches the chunk without
    them (crosscheck.dask_held.summarize) and hands over the handle of the whole chunk."""

    def __init__(self, whole: Any, summary: Any, kept: ChunkSummaries) -> None:
        super().__init__(summary)
        self._whole, self._kept = whole, kept

    def result(self) -> Any:
        chunk = super().result()
        if getattr(chunk, "held", None) is not None:
            chunk.held.handle = self._whole
            self._kept.keep(chunk.held)  # the names and samples no earlier chunk had
        self._whole = None
        return chunk


class DaskPool(WorkerPool):
    """The WorkerPool interface on a Dask cluster: every chunk is a task (no in-process
    shortcut, so a dask run really runs on the workers). Without a scheduler address it
    starts a cluster of `workers` single-threaded processes on 127.0.0.1, its scheduler in a
    process of its own (crosscheck.dask_cluster), and closes it with the pool. With
    `hold_facts`, a chunk's facts stay on its worker (dask_held)."""

    hold_facts = True
    #: A chunk's summary (a second task on the chunk's worker) runs after the chunk the
    #: worker already holds next: the client learns batch k is done only when batch k+1 is,
    #: and with one batch ahead each worker idled while the client collected and submitted
    #: (chunks are placed when submitted: no shared queue). Two ahead keep a chunk queued.
    parse_ahead = 2
    tail_chunks_per_worker = 1  # the finer last batch is the local engine's (measured there)

    def __init__(self, workers: int, spec: NormalizerSpec, scheduler: str | None = None) -> None:
        super().__init__(workers)
        self.spec, self.scheduler = spec, scheduler
        self._client: Any = None
        self._cluster: Any = None
        self._summaries: ChunkSummaries | None = None

    def start(self) -> DaskPool:
        if self._client is not None:
            return self
        import dask.config as dask_config
        import distributed

        dask: Any = distributed  # untyped library: keep mypy's strictness on our own code
        try:
            if self.scheduler:
                with dask_config.set({CLIENT_CONFIG_KEY: 0}):  # read when it connects
                    self._client = dask.Client(self.scheduler, timeout="10s")
            else:
                from crosscheck.dask_cluster import start_cluster

                # No work stealing: after a worker dies its tasks go to a survivor, which runs
                # them as soon as it is free; with stealing the scheduler handed them to the
                # restarted worker, which spent ~80 s importing the stages first (measured).
                # The scheduler runs in a process of its own (crosscheck.dask_cluster).
                self._cluster = start_cluster(self.workers, LOCAL_HOST, LOCAL_CLUSTER_CONFIG)
                with dask_config.set({CLIENT_CONFIG_KEY: 0}):
                    self._client = dask.Client(self._cluster)
        except (OSError, TimeoutError) as error:
            self.close(abort=True)
            where = self.scheduler or "a LocalCluster"
            raise RunFailed(f"cannot reach the Dask scheduler {where}: {error}") from error
        # Every worker, and every worker that joins later (a restarted one), imports the
        # stages and builds the normalizer before its first chunk needs them.
        from crosscheck.dask_plugins import WarmWorker

        own = self._cluster is not None  # workers of this run only: tune their collector
        self._client.register_plugin(WarmWorker(self.spec, own), name="crosscheck-warm")
        return self

    @property
    def client(self) -> Any:
        return self.start()._client

    def total_workers(self) -> int:
        workers = self.client.scheduler_info().get("workers", {})
        return max(1, len(workers))

    def close(self, abort: bool = False) -> None:
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        with contextlib.suppress(Exception):
            if client is not None:
                client.close()
        with contextlib.suppress(Exception):
            if cluster is not None:
                cluster.close()

    def submit_chunks(
        self, function: Callable[[Sequence[T]], R], items: Sequence[T], *, per_worker: int = 4
    ) -> PendingChunks[R]:
        if not items:
            return PendingChunks(function, [])
        client = self.client
        chunks = chunked(items, self.total_workers() * per_worker)
        # A task carries its work items inside it: page *paths* the worker reads from storage
        # every worker sees (and writes the snapshot store there), or fetched pages' texts
        # (Dask may warn about "large graphs"). Data scattered to a worker dies with it, while
        # a task that carries its items can be re-run elsewhere when its worker is lost.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
            futures = [client.submit(run_chunk, self.spec, function, c, pure=False) for c in chunks]
        if self.hold_facts:
            from crosscheck.dask_held import summarize
            from crosscheck.dask_summaries import ChunkSummaries

            if self._summaries is None:
                self._summaries = ChunkSummaries()
            kept = self._summaries
            held = [_HeldResult(f, client.submit(summarize, f, pure=False), kept) for f in futures]
            return PendingChunks(function, chunks, held)  # type: ignore[arg-type]
        results = [_DaskResult(f) for f in futures]
        return PendingChunks(function, chunks, results)  # type: ignore[arg-type]


def _identity(value: T) -> T:
    return value


class DaskRunner:
    """Partitioned checks and reconcile (crosscheck.dask_checks, crosscheck.dask_reconcile)
    as tasks on the pool's cluster. A partition enters the cluster inside a task, not by
    `scatter`: scattered data dies with its worker, a task can be re-run elsewhere. Handles
    are futures; a later task that takes one runs where its data already is."""

    def __init__(self, pool: DaskPool, partitions: int) -> None:
        self.pool, self.partitions = pool, partitions
        #: Dask's priority of the tasks submitted now: a worker runs its ready tasks of
        #: higher priority first (crosscheck.dask_shuffle.first raises it).
        self.priority = 0

    def put(self, value: Any) -> Any:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
            return self.pool.client.submit(_identity, value, pure=False, priority=self.priority)

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
            return self.pool.client.submit(function, *args, pure=False, priority=self.priority)

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return [_DaskResult(handle).result() for handle in handles]


#: Partitions per local worker for the partitioned checks on the local pool (PoolRunner).
PARTITIONS_PER_WORKER = 2
#: Partitions per Dask worker for checks and reconcile: one. Every partition of every cut
#: sorts its facts and computes their comparable figures again, and the copy detection's
#: shuffles cost n² tasks: at 2,000 pages 4 partitions cost 7.8 s of checks CPU against 5.9 s
#: for 2 and 3.6 s in one process (docs/benchmarks.md, branch daskratio2).
DASK_PARTITIONS_PER_WORKER = 1


def engine_runner(pool: WorkerPool) -> DaskRunner | None:
    """Where checks and reconcile run: partitioned on the Dask cluster, or None (the local
    engine runs them in this process over every fact, as `run_checks` and
    `reconcile_facts`)."""
    if isinstance(pool, DaskPool):
        return DaskRunner(pool, pool.total_workers() * DASK_PARTITIONS_PER_WORKER)
    return None


class PoolRunner:
    """Partitioned checks (crosscheck.dask_checks) on the local engine's forked workers.
    A task in `remote` goes to a worker with its arguments pickled; the glue between tasks
    (cuts and pieces of a shuffle) runs here: every fact is in this process already and a
    forked worker keeps nothing between tasks, so a handle is a future or a plain value."""

    def __init__(
        self, pool: WorkerPool, partitions: int, remote: frozenset[Callable[..., Any]]
    ) -> None:
        self.pool, self.partitions, self.remote = pool, partitions, remote

    def put(self, value: Any) -> Any:
        return value

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        values = [_resolved(a) for a in args]
        if function in self.remote:
            return self.pool.submit(function, *values)
        return function(*values)

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return [_resolved(h) for h in handles]


def _resolved(handle: Any) -> Any:
    return handle.result() if isinstance(handle, Future) else handle


#: Facts from which the local engine checks on its workers; None: never. Measured on 2 cores
#: at 2,000 pages (docs/benchmarks.md, "Checks on the local workers"): the partitions' pickling,
#: shuffles and per-partition sort cost ~75% more CPU than the one-process checks and the
#: statements stay one task after the rules, so the workers never paid for it.
MIN_FACTS_FOR_POOL_CHECKS: int | None = None


def local_checks_runner(pool: WorkerPool, facts: int) -> PoolRunner | None:
    """A runner over the local pool's workers for the checks of `facts` facts, or None (run
    them in this process: one worker, the Dask engine, or too few facts to pay for it)."""
    least = MIN_FACTS_FOR_POOL_CHECKS
    if least is None or isinstance(pool, DaskPool) or pool.workers <= 1 or facts < least:
        return None
    from crosscheck.dask_checks import REMOTE_CHECK_TASKS

    return PoolRunner(pool, pool.workers * PARTITIONS_PER_WORKER, REMOTE_CHECK_TASKS)


def engine_pool(
    config: RunConfig, normalizer: Normalizer, page_checks: CheckConfig | None = None
) -> WorkerPool:
    """The run's pool for its engine: local forks holding `normalizer` (and `page_checks`,
    the settings their parse tasks run the page cut's rules with: crosscheck.batches), or a
    Dask cluster whose workers rebuild the normalizer from the config's vocabulary spec."""
    if config.engine == "dask":
        gazetteer = str(config.gazetteer) if config.gazetteer else None
        spec = NormalizerSpec(config.normalize.vocabulary_overrides, gazetteer)
        return DaskPool(config.workers, spec, config.scheduler)
    from crosscheck.batches import run_pool

    return run_pool(config.workers, normalizer, page_checks, config.gazetteer)


@contextlib.contextmanager
def create_executor(
    engine: Engine = "local", scheduler: str | None = None, workers: int | None = None
) -> Iterator[Executor]:
    """A concurrent.futures.Executor for the engine (for code outside the pipeline, e.g.
    the benchmark): a process pool, or the Dask client's executor."""
    workers = workers or default_workers()
    if engine == "dask":
        pool = DaskPool(workers, NormalizerSpec(), scheduler)
        try:
            yield pool.client.get_executor()
        finally:
            pool.close()
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as executor:
        yield executor
