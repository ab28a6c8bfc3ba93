"""The snapshot store on S3 (`--snapshots s3://bucket/prefix`), against a moto S3 server the
test starts on 127.0.0.1: forked workers write the same files a folder store holds."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.pipeline import analyze_sources
from tests.test_worker_reads import _config, _folder, _store_files

s3fs = pytest.importorskip("s3fs", reason="the s3 extra (pip install 'crosscheck[s3]')")
pytest.importorskip("moto.server", reason="moto[server] (a dev dependency) runs the local S3")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def s3_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A moto S3 server on 127.0.0.1 and fsspec configured to use it (the workers are forked:
    they inherit the configuration and the environment)."""
    import fsspec.config

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the moto S3 server did not start") from None
                time.sleep(0.2)
        for name, value in {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
        s3fs.S3FileSystem.clear_instance_cache()
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=30)
        s3fs.S3FileSystem.clear_instance_cache()


def test_workers_write_the_store_to_s3(tmp_path: Path, s3_endpoint: str) -> None:
    fs = s3fs.S3FileSystem(endpoint_url=s3_endpoint)
    fs.mkdir("crosscheck-test")
    folder, copies = _folder(tmp_path)
    analyze_sources(_config(tmp_path, folder, tmp_path / "plain"))
    _, stats = analyze_sources(_config(tmp_path, folder, "s3://crosscheck-test/snaps"))
    assert stats.read == stats.parsed == len(copies) and not stats.failed

    fs.invalidate_cache()
    keys = sorted(fs.find("crosscheck-test/snaps"))
    assert keys and not [k for k in keys if k.endswith(".tmp")]  # one PUT per file
    expected = _store_files(tmp_path / "plain")
    got: dict[str, object] = {}
    for key in keys:
        relative = key.removeprefix("crosscheck-test/snaps/")
        data = fs.cat_file(key)
        if relative.endswith(".json"):
            got[relative] = {k: v for k, v in json.loads(data).items() if k != "fetched_at"}
        else:
            got[relative] = data
    assert got == expected
