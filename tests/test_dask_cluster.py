"""The LocalCluster a Dask run starts serves nothing over HTTP: no dashboard, and none of the
scheduler's or workers' info, JSON or metrics routes (crosscheck.engines.LOCAL_CLUSTER_CONFIG)."""

from __future__ import annotations

import urllib.error
import urllib.request

from crosscheck.engines import DaskPool, NormalizerSpec


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
