"""The cluster a Dask run starts serves nothing over HTTP: no dashboard, and none of the
scheduler's or workers' info, JSON or metrics routes (crosscheck.engines.LOCAL_CLUSTER_CONFIG);
its scheduler runs in a process of its own that ends with the client (crosscheck.dask_cluster);
its workers run no statistical profiler and collect cycles as the local pool's workers do."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from crosscheck.dask_cluster import SCHEDULER_START_S
from crosscheck.engines import DaskPool, NormalizerSpec
from crosscheck.parallel import WORKER_GC_THRESHOLD


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_the_local_cluster_serves_no_dashboard_and_no_http_route() -> None:
    pool = DaskPool(1, NormalizerSpec())
    try:
        # Dask's name for its HTTP server; the scheduler process read the run's settings
        port = pool.client.scheduler_info()["services"]["dashboard"]
        paths = ("/status", "/health", "/info/main/workers.html", "/json/identity.json", "/metrics")
        assert {p: _status(f"http://127.0.0.1:{port}{p}") for p in paths} == dict.fromkeys(
            paths, 404
        )
        workers = pool.client.scheduler_info()["workers"].values()
        worker_ports = [w["services"]["dashboard"] for w in workers]
        assert worker_ports
        for worker_port in worker_ports:
            assert _status(f"http://127.0.0.1:{worker_port}/metrics") == 404
            assert _status(f"http://127.0.0.1:{worker_port}/health") == 404
    finally:
        pool.close()


def test_the_client_keeps_no_log_of_the_messages_it_sent() -> None:
    """distributed keeps a comm's last 1,000 messages (under 1 MB each) for developers: in the
    client, every submit's pickled graph with its arguments, more with the corpus (issue 19)."""
    pool = DaskPool(1, NormalizerSpec())
    try:
        sent = pool.client.scheduler_comm
        assert pool.client.submit(sum, [1, 2]).result() == 3
        assert sent.recent_message_log.maxlen == 0
        assert len(sent.recent_message_log) == 0
        # the cluster's own comms (scheduler to client and workers) keep none either
        assert pool.client.run_on_scheduler(_log_length) == 0
    finally:
        pool.close()


def _log_length() -> Any:
    import dask

    return dask.config.get("distributed.admin.low-level-log-length")


def test_the_scheduler_runs_in_its_own_process() -> None:
    pool = DaskPool(1, NormalizerSpec())
    try:
        scheduler_pid = pool.client.run_on_scheduler(os.getpid)
        assert scheduler_pid != os.getpid()
        assert _alive(scheduler_pid)
        settings = pool.client.run_on_scheduler(_stealing)
        assert settings is False  # LOCAL_CLUSTER_CONFIG reached the scheduler process
        # past Dask's own 30 s deadline its start read the live scheduler's stderr to the
        # end: at load 30 runs hung there, so the scheduler is given SCHEDULER_START_S
        assert pool._cluster.scheduler.timeout == SCHEDULER_START_S > 30
    finally:
        pool.close()
    assert _gone(scheduler_pid)


_CLIENT = """
import os, sys
from crosscheck.engines import DaskPool, NormalizerSpec
from crosscheck.parallel import WORKER_GC_THRESHOLD
pool = DaskPool(1, NormalizerSpec())
print(pool.client.run_on_scheduler(os.getpid), flush=True)
sys.stdin.read()
"""


def test_the_scheduler_dies_with_a_killed_client() -> None:
    client = subprocess.Popen(
        [sys.executable, "-c", _CLIENT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert client.stdout is not None
        scheduler_pid = int(client.stdout.readline())
        assert _alive(scheduler_pid)
        client.send_signal(signal.SIGKILL)  # no chance to close its cluster
        client.wait(timeout=30)
        assert _gone(scheduler_pid)
    finally:
        if client.poll() is None:
            client.kill()


#: More than a pipe holds (64 KiB on Linux): a scheduler whose stderr nobody read would block.
_LOGGED = 1 << 20


def test_the_scheduler_may_write_more_than_a_pipe_holds() -> None:
    pool = DaskPool(1, NormalizerSpec())
    try:
        with ThreadPoolExecutor(1) as thread:
            done = thread.submit(pool.client.run_on_scheduler, _log_a_lot)
            assert done.result(timeout=120) == _LOGGED
    finally:
        pool.close()


def _log_a_lot() -> int:
    line = "x" * 1023 + "\n"
    for _ in range(_LOGGED // len(line)):
        sys.stderr.write(line)
    sys.stderr.flush()
    return _LOGGED


def _stealing() -> object:
    import dask

    return dask.config.get("distributed.scheduler.work-stealing")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[-1][:1] != "Z"  # a zombie has exited
    except OSError:
        return False


def _gone(pid: int, within: float = 20.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.2)
    return False


def _collector() -> tuple[int, int]:
    return gc.get_threshold()[0], gc.get_freeze_count()


def _profiles(dask_worker: Any) -> bool:
    return "profile" in dask_worker.periodic_callbacks


def test_the_local_cluster_workers_do_not_profile_and_collect_as_the_pool_workers() -> None:
    pool = DaskPool(1, NormalizerSpec())
    try:
        client = pool.client
        assert set(client.run(_profiles).values()) == {False}
        deadline = time.monotonic() + 120  # the workers warm in a thread (imports first)
        while True:
            seen = set(client.run(_collector).values())
            if {t for t, _ in seen} == {WORKER_GC_THRESHOLD} or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert {t for t, _ in seen} == {WORKER_GC_THRESHOLD}
        assert all(frozen > 0 for _, frozen in seen)  # what the imports made is frozen
        assert gc.get_threshold()[0] != WORKER_GC_THRESHOLD  # the client keeps its own
    finally:
        pool.close()
