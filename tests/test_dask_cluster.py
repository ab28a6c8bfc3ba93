"""The LocalCluster a Dask run starts serves nothing over HTTP: no dashboard, and none of the
scheduler's or workers' info, JSON or metrics routes (crosscheck.engines.LOCAL_CLUSTER_CONFIG);
its workers run no statistical profiler and collect cycles as the local pool's workers do."""

from __future__ import annotations

import gc
import time
import urllib.error
import urllib.request
from typing import Any

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
        scheduler = pool.client.cluster.scheduler
        port = scheduler.services["dashboard"].port  # Dask's name for its HTTP server
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
