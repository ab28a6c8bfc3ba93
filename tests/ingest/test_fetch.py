"""Fetching against a real local HTTP server: every documented outcome, never an exception."""

from __future__ import annotations

import gzip
import hashlib
import socket
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from crosscheck.ingest.decode import decode_body, sniff_content_type
from crosscheck.ingest.errors import FetchConfigError, SnapshotError
from crosscheck.ingest.fetch import FetchConfig, Fetcher
from crosscheck.ingest.robots import parse_retry_after
from crosscheck.ingest.snapshots import SnapshotStore
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.contracts import PageStatus
from tests.ingest.httpserver import LocalServer, Reply, Seen, html, serving

FAST = FetchConfig(
    connect_timeout=2.0,
    read_timeout=2.0,
    total_timeout=5.0,
    retries=2,
    backoff_factor=0.01,
    max_retry_after=5.0,
    per_host_delay=0.0,
    allow_private_networks=True,  # the test server listens on 127.0.0.1
)


class FakeClock:
    """A monotonic clock that only moves when the fetcher sleeps: waits are seen, not waited."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as srv:
        yield srv


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path) -> SnapshotStore:
    return SnapshotStore(tmp_path / "store")


@pytest.fixture
def make(store: SnapshotStore, clock: FakeClock) -> Iterator[Callable[..., Fetcher]]:
    """Fetcher factory: FAST config with changes, fake clock, closed at teardown."""
    made: list[Fetcher] = []

    def factory(**changes: object) -> Fetcher:
        fetcher = Fetcher(replace(FAST, **changes), store, sleep=clock.sleep, clock=clock.monotonic)
        made.append(fetcher)
        return fetcher

    yield factory
    for fetcher in made:
        fetcher.close()


def stored_bodies(store: SnapshotStore) -> list[Path]:
    return sorted((store.root / "objects").rglob("*.body"))


# --- success, conditional GET ----------------------------------------------------------------


def test_200_is_fetched_decoded_and_stored(server: LocalServer, make, store) -> None:
    page = "<html><body><p>Flask: ~2,500 req/s — fast</p></body></html>"
    server.route("/page", html(page))
    snap = make().fetch(server.url("/page"))
    body = page.encode("utf-8")
    assert snap.status is PageStatus.FETCHED and snap.ok and snap.error is None
    assert (snap.source, snap.http_status, snap.content_type) == (
        server.url("/page"),
        200,
        "text/html",
    )
    assert snap.text == page
    assert snap.sha256 == hashlib.sha256(body).hexdigest()
    assert store.get_body(snap.sha256) == body
    assert store.get_meta(snap.sha256)["encoding"] == "utf-8"
    assert datetime.fromisoformat(snap.fetched_at).utcoffset() == timedelta(0)
    assert snap.headers["Content-Type"] == "text/html; charset=utf-8"


def test_user_agent_names_crosscheck_on_every_request(server: LocalServer, make) -> None:
    server.route("/page", html("<p>x</p>"))
    make().fetch(server.url("/page"))
    assert [s.path for s in server.seen] == ["/robots.txt", "/page"]
    assert all("crosscheck" in s.headers["User-Agent"] for s in server.seen)


def test_etag_gives_304_not_modified_on_second_fetch(server: LocalServer, make) -> None:
    def etagged(seen: Seen) -> Reply:
        if seen.headers.get("If-None-Match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return html("<p>version 1</p>", ETag='"v1"')

    server.route("/page", etagged)
    fetcher = make()
    first = fetcher.fetch(server.url("/page"))
    second = fetcher.fetch(server.url("/page"))
    assert first.status is PageStatus.FETCHED
    assert second.status is PageStatus.NOT_MODIFIED and second.ok
    assert (second.http_status, second.sha256, second.text) == (304, first.sha256, first.text)
    assert server.seen[-1].headers["If-None-Match"] == '"v1"'


def test_last_modified_is_sent_back_as_if_modified_since(server: LocalServer, make) -> None:
    stamp = "Wed, 21 Oct 2026 07:28:00 GMT"
    server.route("/page", html("<p>x</p>", Last_Modified=stamp))
    fetcher = make()
    fetcher.fetch(server.url("/page"))
    again = fetcher.fetch(server.url("/page"))
    assert server.seen[-1].headers["If-Modified-Since"] == stamp
    assert again.status is PageStatus.NOT_MODIFIED  # same bytes, so unchanged as well


def test_same_body_is_not_modified_and_a_new_body_is_fetched(server: LocalServer, make) -> None:
    server.route("/page", html("<p>one</p>"), html("<p>one</p>"), html("<p>two</p>"))
    fetcher = make()
    first, same, changed = (fetcher.fetch(server.url("/page")) for _ in range(3))
    assert first.status is PageStatus.FETCHED
    assert (same.status, same.http_status, same.sha256) == (
        PageStatus.NOT_MODIFIED,
        200,
        first.sha256,
    )
    assert changed.status is PageStatus.FETCHED and changed.text == "<p>two</p>"
    assert changed.sha256 != first.sha256


# --- redirects ------------------------------------------------------------------------------


def test_301_then_200_is_followed(server: LocalServer, make) -> None:
    server.route("/old", Reply(301, headers={"Location": "/new"}))
    server.route("/new", html("<p>moved here</p>"))
    snap = make().fetch(server.url("/old"))
    assert snap.status is PageStatus.FETCHED and snap.text == "<p>moved here</p>"
    assert snap.source == server.url("/old")
    assert (server.hits("/old"), server.hits("/new")) == (1, 1)


def test_redirect_limit_is_enforced(server: LocalServer, make) -> None:
    server.route("/loop", Reply(302, headers={"Location": "/loop"}))
    snap = make(max_redirects=3).fetch(server.url("/loop"))
    assert snap.status is PageStatus.FAILED
    assert snap.error == "too many redirects (more than 3)"
    assert server.hits("/loop") == 4


@pytest.mark.parametrize("target", ["ftp://example.com/page.html", "javascript:alert(1)"])
def test_redirect_to_a_non_http_scheme_is_refused(server: LocalServer, make, target) -> None:
    server.route("/go", Reply(302, headers={"Location": target}))
    snap = make().fetch(server.url("/go"))
    assert snap.status is PageStatus.FAILED and snap.http_status == 302
    assert snap.error == f"refused redirect to a non-http(s) URL: {target}"


def test_a_non_http_source_url_is_refused(make) -> None:
    snap = make().fetch("ftp://example.com/page.html")
    assert snap.status is PageStatus.FAILED
    assert snap.error == "unsupported URL scheme 'ftp': only http(s)"


# --- errors and retries ---------------------------------------------------------------------


def test_404_fails_with_status_and_reason_without_retry(server: LocalServer, make) -> None:
    snap = make().fetch(server.url("/missing"))
    assert (snap.status, snap.http_status, snap.error) == (
        PageStatus.FAILED,
        404,
        "HTTP 404 Not Found",
    )
    assert (snap.sha256, snap.text) == ("", "")
    assert server.hits("/missing") == 1


def test_429_with_retry_after_waits_then_succeeds(server: LocalServer, make, clock) -> None:
    server.route("/busy", Reply(429, headers={"Retry-After": "1"}), html("<p>ok</p>"))
    snap = make().fetch(server.url("/busy"))
    assert snap.status is PageStatus.FETCHED and snap.text == "<p>ok</p>"
    assert server.hits("/busy") == 2
    assert clock.sleeps == [1.0]  # Retry-After, not the 0.01 s backoff


def test_500_is_retried_a_bounded_number_of_times(server: LocalServer, make, clock) -> None:
    server.route("/boom", Reply(500, b"oops"))
    snap = make(retries=2).fetch(server.url("/boom"))
    assert snap.status is PageStatus.FAILED and snap.http_status == 500
    assert snap.error == "HTTP 500 Internal Server Error; gave up after 3 attempts"
    assert server.hits("/boom") == 3
    assert clock.sleeps == [0.01, 0.02]  # exponential backoff


def test_503_twice_then_200_recovers(server: LocalServer, make) -> None:
    server.route("/flaky", Reply(503), Reply(503), html("<p>back</p>"))
    snap = make(retries=2).fetch(server.url("/flaky"))
    assert snap.status is PageStatus.FETCHED and server.hits("/flaky") == 3


def test_retry_after_beyond_the_cap_is_not_waited_for(server: LocalServer, make, clock) -> None:
    server.route("/later", Reply(503, headers={"Retry-After": "120"}))
    snap = make(max_retry_after=5.0).fetch(server.url("/later"))
    assert snap.status is PageStatus.FAILED and snap.http_status == 503
    assert snap.error == (
        "HTTP 503 Service Unavailable: Retry-After 120 s exceeds max_retry_after 5 s; not retried"
    )
    assert server.hits("/later") == 1 and clock.sleeps == []


def test_retry_after_parses_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now)
    assert (
        parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now) == 90
    )
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now=now) == 0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused_is_retried_then_fails(make, clock) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/page"
    snap = make(retries=2, respect_robots=False).fetch(url)
    assert snap.status is PageStatus.FAILED and snap.http_status is None
    assert snap.error is not None and snap.error.startswith("connection failed: ")
    assert "Connection refused" in snap.error and snap.error.endswith("; gave up after 3 attempts")
    assert clock.sleeps == [0.01, 0.02]


def test_unreachable_host_fails_at_robots_txt(make) -> None:
    snap = make(retries=0).fetch(f"http://127.0.0.1:{_closed_port()}/page")
    assert snap.status is PageStatus.FAILED
    assert snap.error is not None and snap.error.endswith("(while fetching robots.txt)")


def test_connection_cut_mid_body_is_retried(server: LocalServer, make, clock) -> None:
    cut = Reply(body=b"<p>partial", headers={"Content-Type": "text/html"}, declared_length=500)
    server.route("/cut", cut, html("<p>whole</p>"))
    snap = make(retries=1).fetch(server.url("/cut"))
    assert snap.status is PageStatus.FETCHED and snap.text == "<p>whole</p>"
    assert server.hits("/cut") == 2 and clock.sleeps == [0.01]


def test_connection_cut_every_time_fails_clearly(server: LocalServer, make) -> None:
    server.route(
        "/cut",
        Reply(body=b"<p>partial", headers={"Content-Type": "text/html"}, declared_length=500),
    )
    snap = make(retries=1).fetch(server.url("/cut"))
    assert (snap.status, snap.error) == (
        PageStatus.FAILED,
        "connection broken while reading the body; gave up after 2 attempts",
    )


@pytest.mark.parametrize("slow", [{"delay_headers": 1.0}, {"delay_body": 1.0}])
def test_read_timeout_fails_without_retry(server: LocalServer, make, slow) -> None:
    server.route("/slow", Reply(body=b"<p>late</p>", headers={"Content-Type": "text/html"}, **slow))
    snap = make(read_timeout=0.3, retries=2).fetch(server.url("/slow"))
    assert (snap.status, snap.error) == (PageStatus.FAILED, "read timeout after 0.3 s")
    assert server.hits("/slow") == 1


def test_slow_drip_body_hits_the_total_timeout(server: LocalServer, make) -> None:
    drip = Reply(
        body=b"x" * 64, headers={"Content-Type": "text/plain"}, trickle=0.1, trickle_size=8
    )
    server.route("/drip", drip)
    snap = make(read_timeout=1.0, total_timeout=0.25).fetch(server.url("/drip"))
    assert (snap.status, snap.error) == (
        PageStatus.FAILED,
        "no complete response within 0.25 s (total deadline per request)",
    )


# --- caps and content types -----------------------------------------------------------------


@pytest.mark.parametrize("with_length", [True, False])
def test_body_over_the_cap_fails_and_is_not_stored(server, make, store, with_length) -> None:
    big = Reply(
        body=b"a" * 5000, headers={"Content-Type": "text/plain"}, content_length=with_length
    )
    server.route("/big", big)
    snap = make(max_bytes=1000).fetch(server.url("/big"))
    assert (snap.status, snap.error) == (PageStatus.FAILED, "body exceeds the 1,000-byte cap")
    assert stored_bodies(store) == []


def test_cap_counts_decompressed_bytes(server: LocalServer, make) -> None:
    bomb = gzip.compress(b"a" * 50_000)
    headers = {"Content-Type": "text/plain", "Content-Encoding": "gzip"}
    server.route("/bomb", Reply(body=bomb, headers=headers))
    snap = make(max_bytes=10_000).fetch(server.url("/bomb"))
    assert (snap.status, snap.error) == (PageStatus.FAILED, "body exceeds the 10,000-byte cap")


def test_body_exactly_at_the_cap_is_fine(server: LocalServer, make) -> None:
    server.route("/fit", Reply(body=b"a" * 1000, headers={"Content-Type": "text/plain"}))
    assert make(max_bytes=1000).fetch(server.url("/fit")).status is PageStatus.FETCHED


@pytest.mark.parametrize("ctype", ["application/json", "image/png", "application/pdf"])
def test_unsupported_content_type_is_skipped(server, make, store, ctype) -> None:
    server.route("/data", Reply(body=b"{}", headers={"Content-Type": ctype}))
    snap = make().fetch(server.url("/data"))
    assert (snap.status, snap.error) == (PageStatus.SKIPPED, f"unsupported content type {ctype}")
    assert snap.content_type == ctype and snap.http_status == 200
    assert stored_bodies(store) == []


def test_markdown_is_recognised_by_extension(server: LocalServer, make) -> None:
    server.route("/notes.md", Reply(body=b"| a | b |", headers={"Content-Type": "text/plain"}))
    server.route("/bare.md", Reply(body=b"# title"))
    fetcher = make()
    assert fetcher.fetch(server.url("/notes.md")).content_type == "text/markdown"
    assert fetcher.fetch(server.url("/bare.md")).content_type == "text/markdown"


def test_windows_1252_page_without_charset_decodes_em_dash(server, make, store) -> None:
    body = "<p>Flask — 2,500 req/s; Starlette — 12,000 req/s</p>".encode("cp1252")
    assert b"\x97" in body
    server.route("/legacy", Reply(body=body, headers={"Content-Type": "text/html"}))
    snap = make().fetch(server.url("/legacy"))
    assert snap.text == "<p>Flask — 2,500 req/s; Starlette — 12,000 req/s</p>"
    assert store.get_meta(snap.sha256)["encoding"] == "windows-1252"


# --- robots.txt and politeness --------------------------------------------------------------


def test_robots_disallow_skips_and_robots_is_fetched_once(server: LocalServer, make) -> None:
    rules = b"User-agent: *\nDisallow: /private\n"
    server.route("/robots.txt", Reply(body=rules, headers={"Content-Type": "text/plain"}))
    server.route("/public", html("<p>ok</p>"))
    fetcher = make()
    blocked = fetcher.fetch(server.url("/private/page"))
    allowed = fetcher.fetch(server.url("/public"))
    assert (blocked.status, blocked.error) == (PageStatus.SKIPPED, "disallowed by robots.txt")
    assert allowed.status is PageStatus.FETCHED
    assert server.hits("/private/page") == 0 and server.hits("/robots.txt") == 1


def test_robots_rules_for_crosscheck_apply(server: LocalServer, make) -> None:
    rules = b"User-agent: crosscheck\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    server.route("/robots.txt", Reply(body=rules))
    server.route("/page", html("<p>x</p>"))
    assert make().fetch(server.url("/page")).status is PageStatus.SKIPPED


def test_redirect_into_a_disallowed_path_is_skipped(server: LocalServer, make) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private\n"))
    server.route("/go", Reply(302, headers={"Location": "/private/x"}))
    snap = make().fetch(server.url("/go"))
    assert snap.status is PageStatus.SKIPPED
    assert snap.error == f"disallowed by robots.txt (redirect to {server.url('/private/x')})"


def test_failing_robots_txt_means_disallowed(server: LocalServer, make) -> None:
    server.route("/robots.txt", Reply(503))
    server.route("/page", html("<p>x</p>"))
    snap = make(retries=0).fetch(server.url("/page"))
    assert snap.status is PageStatus.SKIPPED and snap.http_status == 503
    assert snap.error == (
        "robots.txt could not be fetched (HTTP 503); treated as disallowed (RFC 9309)"
    )
    assert server.hits("/page") == 0


def test_robots_can_be_turned_off(server: LocalServer, make) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n"))
    server.route("/page", html("<p>x</p>"))
    assert make(respect_robots=False).fetch(server.url("/page")).status is PageStatus.FETCHED
    assert server.hits("/robots.txt") == 0


def test_per_host_delay_spaces_requests_to_one_host(server: LocalServer, make, clock) -> None:
    server.route("/a", html("<p>a</p>"))
    server.route("/b", html("<p>b</p>"))
    fetcher = make(per_host_delay=2.0, respect_robots=False)
    fetcher.fetch(server.url("/a"))
    assert clock.sleeps == []
    fetcher.fetch(server.url("/b"))
    assert clock.sleeps == [2.0]
    other_host = server.url("/a").replace("127.0.0.1", "localhost")
    assert fetcher.fetch(other_host).ok
    assert clock.sleeps == [2.0]  # another host: no wait


def test_robots_crawl_delay_is_honoured(server: LocalServer, make, clock) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 3\n"))
    server.route("/a", html("<p>a</p>"))
    fetcher = make(per_host_delay=0.5)
    fetcher.fetch(server.url("/a"))
    assert clock.sleeps == [3.0]  # between robots.txt and the page


# --- decoding and sniffing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "ctype", "text", "encoding"),
    [
        ("café".encode("latin-1"), "text/html; charset=ISO-8859-1", "café", "windows-1252"),
        (
            b'<meta charset="windows-1252"><p>\x97</p>',
            "text/html",
            '<meta charset="windows-1252"><p>—</p>',
            "windows-1252",
        ),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">日本'.encode(
                "shift_jis"
            ),
            None,
            '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">日本',
            "shift_jis",
        ),
        ("hé".encode("utf-16"), "text/plain; charset=iso-8859-1", "hé", "utf-16"),
        ("naïve — ok".encode(), "text/html; charset=iso-8859-1", "naïve — ok", "utf-8"),
        (b"Flask \x97 Starlette", "text/plain; charset=utf-8", "Flask — Starlette", "windows-1252"),
        (b"plain ascii", "text/plain; charset=x-unknown-label", "plain ascii", "utf-8"),
    ],
    ids=["header", "meta", "http-equiv", "bom", "utf8-over-latin1", "bad-utf8-label", "unknown"],
)
def test_decode_order(body: bytes, ctype: str | None, text: str, encoding: str) -> None:
    assert decode_body(body, ctype) == (text, encoding)


def test_header_charset_wins_over_meta() -> None:
    body = '<meta charset="utf-8"><p>é</p>'.encode("latin-1")
    assert decode_body(body, "text/html; charset=latin-1")[0] == '<meta charset="utf-8"><p>é</p>'


@settings(max_examples=150, deadline=None)
@given(
    body=st.binary(max_size=600),
    ctype=st.sampled_from(
        [None, "text/html", "text/html; charset=utf-16", "text/plain; charset=bogus"]
    ),
)
def test_decode_never_raises(body: bytes, ctype: str | None) -> None:
    text, encoding = decode_body(body, ctype)
    assert isinstance(text, str) and encoding


@pytest.mark.parametrize(
    ("where", "header", "expected"),
    [
        ("https://x.org/compare", "text/html; charset=utf-8", "text/html"),
        ("https://x.org/page.md", "text/plain", "text/markdown"),
        ("https://x.org/page.txt", None, "text/plain"),
        ("https://x.org/compare", None, "text/html"),
        ("pages/a.HTM", None, "text/html"),
        ("notes/readme.md", None, "text/markdown"),
        ("seeds/000.txt", "application/octet-stream", "text/plain"),
        ("data/file", None, "text/plain"),
    ],
)
def test_sniff_content_type(where: str, header: str | None, expected: str) -> None:
    assert sniff_content_type(where, header) == expected


# --- the snapshot store and the config ------------------------------------------------------


def test_store_layout_is_content_addressed_and_atomic(store: SnapshotStore) -> None:
    headers = {"Content-Type": "text/html", "Set-Cookie": "session=secret"}
    sha = store.put(
        b"<p>x</p>", source="u", headers=headers, http_status=200, content_type="text/html"
    )
    assert sha == store.put(
        b"<p>x</p>", source="v", headers={}, http_status=200, content_type="text/html"
    )
    assert (store.root / "objects" / sha[:2] / f"{sha}.body").read_bytes() == b"<p>x</p>"
    meta = store.get_meta(sha)
    assert meta["source"] == "u" and "Set-Cookie" not in meta["headers"]
    assert store.has(sha) and not store.has("0" * 64)
    assert not list(store.root.rglob("*.tmp"))


def test_store_rejects_missing_corrupt_and_malformed_hashes(store: SnapshotStore) -> None:
    sha = store.put(b"body", source="u", headers={}, http_status=None, content_type="text/plain")
    with pytest.raises(SnapshotError, match="no snapshot"):
        store.get_body("f" * 64)
    with pytest.raises(SnapshotError, match="not a sha256"):
        store.get_body("../../etc/passwd")
    (store.root / "objects" / sha[:2] / f"{sha}.body").write_bytes(b"tampered")
    with pytest.raises(SnapshotError, match="corrupt"):
        store.get_body(sha)


def test_store_remembers_validators_per_source(store: SnapshotStore) -> None:
    assert store.last_for("https://x.org/a") is None
    store.remember("https://x.org/a", sha256="a" * 64, fetched_at="t", etag='"e"')
    last = store.last_for("https://x.org/a")
    assert last is not None and (last.etag, last.sha256) == ('"e"', "a" * 64)
    assert store.last_for("https://x.org/b") is None
    next(store.root.glob("sources/*.json")).write_text("{not json")
    assert store.last_for("https://x.org/a") is None  # unreadable index: fetch afresh


@pytest.mark.parametrize(
    "bad",
    [{"retries": -1}, {"max_bytes": 0}, {"read_timeout": float("nan")}, {"user_agent": "bot"}],
)
def test_config_rejects_bad_values(bad: dict[str, object]) -> None:
    with pytest.raises(FetchConfigError):
        replace(FAST, **bad)


def test_store_write_failure_is_a_failed_snapshot(server: LocalServer, tmp_path, clock) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store should be")
    server.route("/page", html("<p>x</p>"))
    cfg = replace(FAST, respect_robots=False)
    with Fetcher(cfg, SnapshotStore(blocker), sleep=clock.sleep, clock=clock.monotonic) as f:
        snap = f.fetch(server.url("/page"))
    assert snap.status is PageStatus.FAILED
    assert snap.error is not None and snap.error.startswith("snapshot store error: ")
