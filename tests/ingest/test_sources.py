"""Source specs: folders, files, sources files and the run-level collection of Snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from crosscheck.ingest.errors import IngestError, SourceError
from crosscheck.ingest.fetch import FetchConfig, Fetcher
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import SourceSpec, collect_snapshots, expand_sources, read_file

from crosscheck.contracts import PageStatus
from tests.ingest.httpserver import LocalServer, Reply, html, serving

QUIET = FetchConfig(
    retries=0,
    per_host_delay=0.0,
    connect_timeout=2.0,
    read_timeout=2.0,
    allow_private_networks=True,  # the test server listens on 127.0.0.1
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as srv:
        yield srv


@pytest.fixture
def store(tmp_path: Path) -> SnapshotStore:
    return SnapshotStore(tmp_path / "store")


def write(path: Path, data: str | bytes = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- expand_sources -------------------------------------------------------------------------


def test_folder_is_walked_recursively_sorted_and_filtered(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    for rel in ["b.html", "a.txt", "sub/c.md", "sub/deeper/d.HTM", "sub/e.json", "img.png"]:
        write(root / rel)
    write(root / ".hidden" / "f.html")
    write(root / ".g.txt")
    specs = expand_sources([str(root)])
    rels = [Path(s.location).relative_to(root).as_posix() for s in specs]
    assert rels == ["a.txt", "b.html", "sub/c.md", "sub/deeper/d.HTM"]
    assert {s.kind for s in specs} == {"file"}


def test_urls_and_files_keep_their_order_and_duplicates_go(tmp_path: Path) -> None:
    page = write(tmp_path / "p.txt")
    specs = expand_sources(["https://x.org/a", str(page), "https://x.org/a", str(page)])
    assert specs == [SourceSpec("url", "https://x.org/a"), SourceSpec("file", str(page))]


def test_toml_sources_file_with_options_and_relative_paths(tmp_path: Path) -> None:
    write(tmp_path / "local" / "one.md")
    sources = write(
        tmp_path / "sources.toml",
        """
[[source]]
url = "https://example.org/flask-vs-fastapi"
delay = 2.5
max_bytes = 500000

[[source]]
url = "http://example.org/plain"

[[source]]
path = "local"
""",
    )
    specs = expand_sources([str(sources)])
    assert specs == [
        SourceSpec(
            "url", "https://example.org/flask-vs-fastapi", {"delay": 2.5, "max_bytes": 500000}
        ),
        SourceSpec("url", "http://example.org/plain", {}),
        SourceSpec("file", str(tmp_path / "local" / "one.md"), root=str(tmp_path / "local")),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[source]]\nurl = "https://x.org"\ncolour = "red"\n', "source #1: unknown key 'colour'"),
        ("[[source]]\ndelay = 1\n", 'source #1: needs exactly one of url = "..." or path = "..."'),
        ('[[source]]\nurl = "https://x.org"\npath = "a.txt"\n', "source #1: needs exactly one"),
        ('[[source]]\nurl = "ftp://x.org/f"\n', "source #1: unsupported URL scheme"),
        (
            '[[source]]\nurl = "https://x.org"\nmax_bytes = "big"\n',
            "max_bytes must be a whole number",
        ),
        (
            '[[source]]\nurl = "https://x.org"\nmax_bytes = 0\n',
            "max_bytes and the timeouts must be",
        ),
        (
            '[[source]]\nurl = "https://x.org"\n[[source]]\npath = "nope.txt"\n',
            "source #2: no such file",
        ),
        ('[[source]]\npath = "."\ndelay = 1\n', "options apply to url entries only"),
        ('[[sources]]\nurl = "https://x.org"\n', "unknown top-level key 'sources'"),
        ("", "no [[source]] entries"),
        ("[[source]\nurl=", "invalid TOML"),
    ],
)
def test_bad_sources_file_names_the_file_and_problem(tmp_path, content, message) -> None:
    sources = write(tmp_path / "bad.toml", content)
    with pytest.raises(SourceError) as info:
        expand_sources([str(sources)])
    assert str(info.value).startswith(str(sources))
    assert message in str(info.value)


def test_missing_path_is_a_source_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.html")
    with pytest.raises(SourceError, match="no such file or folder") as info:
        expand_sources([missing])
    assert missing in str(info.value)
    assert isinstance(info.value, IngestError)


@pytest.mark.parametrize(
    ("make_spec", "message"),
    [
        (lambda tmp: str(write(tmp / "data.json")), "unsupported file type '.json'"),
        (
            lambda tmp: str((tmp / "empty").mkdir() or tmp / "empty"),
            "folder contains no page files",
        ),
        (lambda tmp: "ftp://example.org/file.html", "unsupported URL scheme"),
        (lambda tmp: "  ", "empty source spec"),
    ],
)
def test_other_bad_specs(tmp_path: Path, make_spec, message) -> None:
    with pytest.raises(SourceError, match=message):
        expand_sources([make_spec(tmp_path)])


# --- read_file ------------------------------------------------------------------------------


def test_read_file_decodes_stores_and_notices_unchanged_files(tmp_path, store) -> None:
    page = write(tmp_path / "legacy.txt", "Flask — 2,500 req/s".encode("cp1252"))
    first = read_file(str(page), store)
    assert (first.status, first.source, first.content_type) == (
        PageStatus.FETCHED,
        str(page),
        "text/plain",
    )
    assert first.text == "Flask — 2,500 req/s" and first.http_status is None
    assert store.get_body(first.sha256) == page.read_bytes()
    again = read_file(str(page), store)
    assert (again.status, again.sha256, again.text) == (
        PageStatus.NOT_MODIFIED,
        first.sha256,
        first.text,
    )
    write(page, "Flask — 3,000 req/s")
    assert read_file(str(page), store).status is PageStatus.FETCHED


def test_local_files_are_stored_without_fsync_fetched_bodies_with(
    tmp_path, store, monkeypatch
) -> None:
    synced: list[int] = []
    monkeypatch.setattr("crosscheck.ingest.storage.os.fsync", synced.append)
    page = write(tmp_path / "page.md", "Flask 2,500 req/s")
    local = read_file(str(page), store)
    assert store.get_body(local.sha256) == page.read_bytes() and synced == []
    store.record("https://example.org/p", b"<p>FastAPI</p>", declared_type=None,
                 content_type="text/html")  # fmt: skip
    assert len(synced) == 3  # body, metadata, source index: a fetched body is the only copy


def test_read_file_failures_are_snapshots_not_exceptions(tmp_path, store) -> None:
    gone = read_file(str(tmp_path / "gone.md"), store)
    assert (gone.status, gone.error) == (
        PageStatus.FAILED,
        "cannot read file: No such file or directory",
    )
    big = write(tmp_path / "big.html", b"a" * 2000)
    capped = read_file(str(big), store, max_bytes=1000)
    assert (capped.status, capped.error) == (PageStatus.FAILED, "body exceeds the 1,000-byte cap")


# --- collect_snapshots ----------------------------------------------------------------------


def test_collect_snapshots_keeps_going_past_failures(tmp_path, store, server) -> None:
    server.route("/ok", html("<p>Flask 68,000 stars</p>"))
    server.route("/big", Reply(body=b"a" * 5000, headers={"Content-Type": "text/plain"}))
    local = write(tmp_path / "pages" / "seed.md", "| Flask | Starlette |")
    sources = write(
        tmp_path / "run.toml",
        f'[[source]]\nurl = "{server.url("/big")}"\nmax_bytes = 1000\n'
        f'[[source]]\nurl = "{server.url("/missing")}"\n',
    )
    specs = [server.url("/ok"), str(sources), str(tmp_path / "pages")]
    with Fetcher(QUIET, store) as fetcher:
        snaps = collect_snapshots(specs, QUIET, store, fetcher=fetcher)
    assert [s.source for s in snaps] == [
        server.url("/ok"),
        server.url("/big"),
        server.url("/missing"),
        str(local),
    ]
    assert [s.status for s in snaps] == [
        PageStatus.FETCHED,
        PageStatus.FAILED,
        PageStatus.FAILED,
        PageStatus.FETCHED,
    ]
    assert snaps[1].error == "body exceeds the 1,000-byte cap"  # the per-source option
    assert snaps[2].error == "HTTP 404 Not Found"
    assert snaps[3].content_type == "text/markdown"


def test_collect_snapshots_rejects_bad_specs_before_fetching(tmp_path, store, server) -> None:
    server.route("/ok", html("<p>x</p>"))
    with pytest.raises(SourceError):
        collect_snapshots([server.url("/ok"), str(tmp_path / "typo")], QUIET, store)
    assert server.seen == []


def test_collect_snapshots_reads_the_shared_seeds(seeds_dir: Path, store) -> None:
    snaps = collect_snapshots([str(seeds_dir)], QUIET, store)
    assert snaps and all(s.ok and s.content_type == "text/plain" for s in snaps)
    assert all(len(s.sha256) == 64 and s.text for s in snaps)
