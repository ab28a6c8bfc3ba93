"""Workers read the page files and write the snapshot store themselves (issue 20): the main
process hands out paths, and the store the workers write (a folder or an fsspec URL) holds
the same files, with the same ids, as one process reading every page would write."""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import FileRead, read_file
from crosscheck.ingest.storage import FsspecFiles, LocalFiles, open_files

from crosscheck.batches import install_normalizer, prepare_pages
from crosscheck.contracts import PageStatus
from crosscheck.parallel import MIN_ITEMS_PER_WORKER
from crosscheck.pipeline import RunConfig, analyze_snapshots, analyze_sources
from tests.conftest import EXAMPLES_DIR

# metadata that records when a body was read, not what it is
_WHEN = ("fetched_at",)


def _folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    """Enough copies of the example pages for the pool to fork (in sorted order), each with
    its own bytes (trailing newlines), so each body's metadata names one source."""
    pages = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    folder = tmp_path / "pages"
    folder.mkdir()
    old = 1_700_000_000  # settled mtimes: the stat signature is recorded, the same each time
    for i in range(MIN_ITEMS_PER_WORKER * 2 // len(pages) + 2):
        for page in pages:
            (folder / f"site{i:02d}-{page.name}").write_bytes(page.read_bytes() + b"\n" * i)
            os.utime(folder / f"site{i:02d}-{page.name}", (old, old))
    return folder, sorted(folder.iterdir())


def _config(tmp_path: Path, folder: Path, snapshots: Path | str, workers: int = 2) -> RunConfig:
    return RunConfig(
        sources=[str(folder)],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=snapshots,
        reference_year=2026,
        workers=workers,
    )


def _store_files(root: Path) -> dict[str, object]:
    """Every file of a store by relative path: bodies as bytes, JSON without its times."""
    out: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        key = path.relative_to(root).as_posix()
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data.get("headers"), dict):  # the server's clock, not the page
                data["headers"] = {k: v for k, v in data["headers"].items() if k != "Date"}
            out[key] = {k: v for k, v in data.items() if k not in _WHEN}
        else:
            out[key] = path.read_bytes()
    return out


def _install_normalizer() -> None:
    """What a pool does for its workers (and this process) before the first chunk."""
    from crosscheck.normalize import Normalizer
    from crosscheck.normalize.vocabulary import default_vocabulary

    install_normalizer(Normalizer(default_vocabulary()).prepare())


def _record_writers(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Every store write appends the writing process's id to `log` (forked workers inherit
    the patch)."""
    for cls in (LocalFiles, FsspecFiles):
        original = cls.write

        def write(self, relative, data, *, durable, _original=original):  # type: ignore[no-untyped-def]
            with open(log, "a", encoding="ascii") as out:
                out.write(f"{os.getpid()}\n")
            return _original(self, relative, data, durable=durable)

        monkeypatch.setattr(cls, "write", write)


def test_workers_write_the_snapshots_one_process_would_with_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, copies = _folder(tmp_path)
    # one process reading every page (the store as read_file writes it), then analyzing them
    serial_store = SnapshotStore(tmp_path / "serial")
    snapshots = [read_file(str(p), serial_store) for p in copies]
    serial = analyze_snapshots(snapshots, _config(tmp_path, folder, tmp_path / "unused", 1))

    writers = tmp_path / "writers.log"
    _record_writers(monkeypatch, writers)
    config = _config(tmp_path, folder, tmp_path / "workers")
    streamed, stats = analyze_sources(config)

    pids = {int(line) for line in writers.read_text().split()}
    assert pids and os.getpid() not in pids  # every snapshot file was written by a worker
    assert len(pids) == 2
    written = _store_files(tmp_path / "workers")
    assert written == _store_files(tmp_path / "serial")
    assert len([k for k in written if k.endswith(".body")]) == len(set(s.sha256 for s in snapshots))
    assert stats.read == stats.parsed == len(copies) and not stats.failed
    assert streamed.pages["page_sha256"].tolist() == [s.sha256 for s in snapshots]
    for name in ("claims", "facts", "quarantine", "findings", "reconciled"):
        pd.testing.assert_frame_equal(
            getattr(serial, name), getattr(streamed, name), check_dtype=False, obj=name
        )
    assert len(serial.claims) > 1000


def test_pages_a_worker_cannot_read_are_failed_rows_not_losses(tmp_path: Path) -> None:
    folder, copies = _folder(tmp_path)
    (folder / "zz-huge.md").write_text("Flask serves 3,000 req/s.\n" * 4000, encoding="utf-8")
    os.mkfifo(folder / "zz-pipe.md")
    outside = tmp_path / "secret.md"
    outside.write_text("Django 4,000 req/s", encoding="utf-8")
    (folder / "zz-link.md").symlink_to(outside)
    config = replace(_config(tmp_path, folder, tmp_path / "snaps"))
    config = replace(config, fetch=replace(config.fetch, max_bytes=50_000))
    analysis, stats = analyze_sources(config)

    failed = dict(stats.failed)
    assert set(failed) == {str(folder / f"zz-{n}.md") for n in ("huge", "pipe", "link")}
    assert "refused: a FIFO" in failed[str(folder / "zz-pipe.md")]
    assert "symlink leads outside" in failed[str(folder / "zz-link.md")]
    assert "50000" in failed[str(folder / "zz-huge.md")].replace(",", "")
    pages = analysis.pages.set_index("source")
    assert len(pages) == len(copies) + 3  # every page has its row
    assert (pages.loc[list(failed), "status"] == PageStatus.FAILED.value).all()
    assert pages.loc[list(failed), "error"].tolist() == list(failed.values())
    assert stats.parsed == len(copies)


def test_an_fsspec_url_store_holds_what_a_folder_store_holds(tmp_path: Path) -> None:
    folder, _ = _folder(tmp_path)
    by_path, _ = analyze_sources(_config(tmp_path, folder, tmp_path / "plain"))
    url = (tmp_path / "via-url").as_uri()  # file:///…: goes through fsspec, not the os module
    assert isinstance(SnapshotStore(url).files, FsspecFiles)
    by_url, stats = analyze_sources(_config(tmp_path, folder, url))
    assert stats.parsed == stats.read and not stats.failed
    assert _store_files(tmp_path / "via-url") == _store_files(tmp_path / "plain")
    assert not list((tmp_path / "via-url").rglob("*.tmp"))
    pd.testing.assert_frame_equal(by_path.facts, by_url.facts, check_dtype=False, obj="facts")
    # the next read of an unchanged page is NOT_MODIFIED from the URL store too
    page = sorted(folder.iterdir())[0]
    again = read_file(str(page), SnapshotStore(url))
    assert again.status is PageStatus.NOT_MODIFIED and again.text


def test_a_store_pickles_as_its_location_and_works_in_memory() -> None:
    store = SnapshotStore("memory://crosscheck-test/snaps")
    shipped = pickle.loads(pickle.dumps(store))
    assert shipped.location == "memory://crosscheck-test/snaps"
    assert len(pickle.dumps(store)) < 1000
    first = store.record("https://example.org/a", b"<p>Flask 2,000 req/s</p>",
                         declared_type="text/html", content_type="text/html")  # fmt: skip
    assert first.status is PageStatus.FETCHED and shipped.has(first.sha256)
    again = shipped.record("https://example.org/a", b"<p>Flask 2,000 req/s</p>",
                           declared_type="text/html", content_type="text/html")  # fmt: skip
    assert again.status is PageStatus.NOT_MODIFIED and again.sha256 == first.sha256
    assert shipped.get_body(first.sha256) == b"<p>Flask 2,000 req/s</p>"
    assert shipped.last_for("https://example.org/a").sha256 == first.sha256  # type: ignore[union-attr]
    store.files.write(store._object(first.sha256, ".body"), b"tampered", durable=True)
    assert shipped.discard_if_corrupt(first.sha256) and not shipped.has(first.sha256)


@pytest.mark.parametrize(
    ("location", "kind"),
    [("s3://bucket/prefix", FsspecFiles), ("file:///tmp/x", FsspecFiles), ("snaps", LocalFiles),
     ("/abs/snaps", LocalFiles)],
)  # fmt: skip
def test_store_locations(location: str, kind: type) -> None:
    assert isinstance(open_files(location), kind)


def test_a_known_page_read_by_a_worker_is_set_aside_unparsed(tmp_path: Path) -> None:
    _, copies = _folder(tmp_path)
    store = SnapshotStore(tmp_path / "snaps")
    first = read_file(str(copies[0]), store)
    known = frozenset({(first.source, first.sha256)})
    _install_normalizer()

    chunk = prepare_pages(
        [FileRead(str(copies[0]), known=frozenset({first.sha256})), FileRead(str(copies[1]))],
        store,
    )
    assert [s.source for s in chunk.set_aside] == [first.source]
    assert chunk.set_aside[0].text == "" and (first.source, first.sha256) in known
    assert [row["source"] for row in chunk.page_rows] == [str(copies[1])]
    assert chunk.parsed == 1 and chunk.cpu["read"] >= 0


def test_dask_workers_read_the_pages_and_write_a_url_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, copies = _folder(tmp_path)
    expected, _ = analyze_sources(_config(tmp_path, folder, tmp_path / "local"))
    writers = tmp_path / "client-writes.log"
    _record_writers(monkeypatch, writers)  # this process only: Dask spawns its workers
    url = (tmp_path / "shared").as_uri()  # storage every worker sees, through fsspec
    on_dask, stats = analyze_sources(replace(_config(tmp_path, folder, url), engine="dask"))
    assert not writers.exists()  # the client wrote no snapshot file: the workers did
    assert stats.read == stats.parsed == len(copies) and not stats.failed
    assert _store_files(tmp_path / "shared") == _store_files(tmp_path / "local")
    for name in ("pages", "claims", "facts", "quarantine", "findings", "reconciled"):
        left, right = getattr(expected, name), getattr(on_dask, name)
        if name == "pages":  # read at another second
            left, right = left.drop(columns="fetched_at"), right.drop(columns="fetched_at")
        pd.testing.assert_frame_equal(
            left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False, obj=name
        )


def test_the_store_url_comes_from_file_env_and_flags_unchanged(tmp_path: Path) -> None:
    from crosscheck.config import resolve
    from crosscheck.runner import build_run_config

    config = tmp_path / "crosscheck.toml"
    config.write_text('[run]\nsnapshots = "s3://bucket/crosscheck/snaps"\n')
    from_file = resolve({"config": str(config)}, environ={})
    assert from_file.snapshot_dir == "s3://bucket/crosscheck/snaps"
    env = {"CROSSCHECK_SNAPSHOTS": "gs://other/snaps"}
    assert resolve({}, environ=env).snapshot_dir == "gs://other/snaps"
    flagged = resolve({"snapshots": "s3://flag/snaps"}, environ=env)
    assert build_run_config(flagged, check_sources=False).snapshot_dir == "s3://flag/snaps"
    config.write_text('[run]\nsnapshots = "snaps"\n')  # a folder: relative to the file
    assert resolve({"config": str(config)}, environ={}).snapshot_dir == tmp_path / "snaps"


def test_fetched_bodies_are_kept_by_the_workers_as_the_fetcher_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosscheck.ingest.fetch import Fetcher
    from crosscheck.ingest.transport import FetchConfig

    from tests.ingest.httpserver import html, serving

    quiet = FetchConfig(retries=0, per_host_delay=0.0, allow_private_networks=True)
    with serving() as server:
        urls = []
        for i in range(MIN_ITEMS_PER_WORKER * 2 + 4):
            server.route(f"/p{i}", html(f"<p>Flask serves {1000 + i:,} req/s; Django {i}.</p>"))
            urls.append(server.url(f"/p{i}"))
        server.route("/gone", html("<p>no</p>", status=404))
        urls.append(server.url("/gone"))
        one = SnapshotStore(tmp_path / "one")
        with Fetcher(quiet, one) as fetcher:
            expected = [fetcher.fetch(u) for u in urls]
        writers = tmp_path / "writers.log"
        _record_writers(monkeypatch, writers)
        config = RunConfig(
            sources=urls,
            db_path=tmp_path / "x.duckdb",
            snapshot_dir=tmp_path / "workers",
            reference_year=2026,
            workers=2,
            fetch=quiet,
        )
        analysis, stats = analyze_sources(config)
    pids = {int(line) for line in writers.read_text().split()}
    assert pids and os.getpid() not in pids  # the bodies were decoded and kept by workers
    assert _store_files(tmp_path / "workers") == _store_files(tmp_path / "one")
    assert analysis.pages["page_sha256"].tolist() == [s.sha256 or "" for s in expected]
    assert analysis.pages["status"].tolist() == [s.status.value for s in expected]
    assert stats.failed == [(server.url("/gone"), "HTTP 404 Not Found")]
    assert stats.parsed == len(urls) - 1 and len(analysis.claims) >= len(urls) - 1


def test_a_worker_in_another_folder_reads_the_page_the_client_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosscheck.ingest.sources import expand_sources, plan_pages
    from crosscheck.ingest.transport import FetchConfig

    _install_normalizer()
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    store = SnapshotStore("snaps")  # relative too: made absolute where the client stands
    items = list(plan_pages(expand_sources(["pages"]), FetchConfig(), store))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # a worker whose working folder is not the client's
    chunk = prepare_pages(items[:3], pickle.loads(pickle.dumps(store)))
    assert [row["source"] for row in chunk.page_rows] == [i.source for i in items[:3]]
    assert all(row["source"].startswith("pages/") for row in chunk.page_rows)
    assert chunk.parsed == 3 and not chunk.failed
    assert len(list((tmp_path / "snaps" / "sources").iterdir())) == 3
    assert not (elsewhere / "snaps").exists()


def test_a_refetched_unchanged_body_is_set_aside_by_its_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosscheck.ingest.transport import FetchConfig

    import crosscheck.batches
    from crosscheck.pipeline import run_pipeline
    from tests.ingest.httpserver import html, serving

    quiet = FetchConfig(retries=0, per_host_delay=0.0, allow_private_networks=True)
    with serving() as server:  # no ETag, no Last-Modified: every run gets the body again
        server.route("/a", html("<p>Flask serves 2,000 req/s and Django 1,500 req/s.</p>"))
        server.route("/b", html("<p>Django serves 1,800 req/s.</p>"))
        config = RunConfig(
            sources=[server.url("/a"), server.url("/b")],
            db_path=tmp_path / "w.duckdb",
            snapshot_dir=tmp_path / "snaps",
            reference_year=2026,
            workers=1,
            fetch=quiet,
        )
        first = run_pipeline(config)
        parsed: list[int] = []
        original = crosscheck.batches.prepare_chunk
        monkeypatch.setattr(
            crosscheck.batches, "prepare_chunk", lambda s: parsed.append(len(s)) or original(s)
        )
        second = run_pipeline(config)
    assert first.claims > 0 and len(server.seen) >= 4  # both pages fetched twice
    assert parsed == []  # the worker hashed each body, found it known and parsed nothing
    assert second.results_run == first.run_id and second.pages_unchanged == 2
    assert (second.claims, second.findings) == (first.claims, first.findings)


def test_a_worker_parses_each_page_with_the_bytes_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read and parsed page by page: when a page's parse starts, its UTF-8 is the body it was
    decoded from (ingest.page_bytes), not a copy to encode again."""
    from crosscheck.ingest import page_bytes
    from crosscheck.ingest.decode import decode_page

    import crosscheck.batches

    _, copies = _folder(tmp_path)
    _install_normalizer()
    handed: list[bool] = []
    original = crosscheck.batches.parse_snapshot

    def parse(snapshot, **kwargs):  # type: ignore[no-untyped-def]
        handed.append(page_bytes._LAST_UTF8[0] is snapshot.text)
        return original(snapshot, **kwargs)

    monkeypatch.setattr(crosscheck.batches, "parse_snapshot", parse)
    pages = copies[:5]  # UTF-8 pages and one declared windows-1252 (its text is encoded)
    bodies = [p.read_bytes() for p in pages]
    own = [decode_page(b, None).text.encode("utf-8") == b for b in bodies]
    chunk = prepare_pages([FileRead(str(p)) for p in pages], SnapshotStore(tmp_path / "snaps"))
    assert chunk.parsed == 5 and handed == own and own.count(True) == 4
    assert chunk.cpu["read"] > 0 and chunk.cpu["parse"] > 0
