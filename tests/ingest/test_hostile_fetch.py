"""Hostile servers: internal addresses refused, slow drips cut by deadlines, robots.txt errors
disallow, corrupt snapshots heal. Every server here is local (127.0.0.1) and started by the test."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from crosscheck.ingest.fetch import FetchConfig, Fetcher
from crosscheck.ingest.netguard import NetworkGuard, address_class, domain_allowed
from crosscheck.ingest.snapshots import SnapshotStore

from crosscheck.common.contracts import PageStatus
from tests.ingest.httpserver import LocalServer, Reply, Seen, html, serving

QUICK = FetchConfig(
    connect_timeout=2.0,
    read_timeout=2.0,
    total_timeout=5.0,
    retries=0,
    per_host_delay=0.0,
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as srv:
        yield srv


@pytest.fixture
def store(tmp_path: Path) -> SnapshotStore:
    return SnapshotStore(tmp_path / "store")


def names(mapping: dict[str, str]) -> Callable[[str, int], list[str]]:
    """A resolver answering from a table (no DNS): unknown names fail like DNS does."""

    def resolve(host: str, _port: int) -> list[str]:
        if host not in mapping:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [mapping[host]]

    return resolve


# --- the address guard ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("fd00::5", "private"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "reserved"),  # carrier-grade NAT: not global
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_classes(address: str, kind: str | None) -> None:
    import ipaddress

    assert address_class(ipaddress.ip_address(address)) == kind


def test_loopback_url_is_refused_before_any_request(server: LocalServer, store) -> None:
    server.route("/page", html("<p>secret</p>"))
    with Fetcher(QUICK, store) as fetcher:
        snap = fetcher.fetch(server.url("/page"))
    assert snap.status is PageStatus.FAILED
    assert snap.error is not None and snap.error.startswith("refused: 127.0.0.1 is a loopback")
    assert "--allow-private-networks" in snap.error
    assert server.seen == []  # not even robots.txt was asked for


def test_the_allowance_lets_loopback_through(server: LocalServer, store) -> None:
    server.route("/page", html("<p>ok</p>"))
    with Fetcher(replace(QUICK, allow_private_networks=True), store) as fetcher:
        snap = fetcher.fetch(server.url("/page"))
    assert snap.status is PageStatus.FETCHED and snap.text == "<p>ok</p>"


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://10.0.0.5/admin", "10.0.0.5 is a private address"),
        ("http://[::1]:9/x", "::1 is a loopback address"),
        ("http://internal.test/x", "host internal.test resolves to 192.168.1.7, a private address"),
    ],
)
def test_redirect_to_an_internal_address_is_refused(server, store, location, reason) -> None:
    server.route("/page", Reply(302, headers={"Location": location}))
    # The test server's own address is let through by network; everything else is guarded.
    guard = NetworkGuard(
        resolver=names({"internal.test": "192.168.1.7"}), allowed_networks=("127.0.0.1/32",)
    )
    with Fetcher(QUICK, store, guard=guard) as fetcher:
        snap = fetcher.fetch(server.url("/page"))
    assert snap.status is PageStatus.FAILED and snap.error is not None
    assert snap.error.startswith(f"refused: {reason}")
    assert snap.error.endswith(f"(redirect to {location})")
    assert [s.path for s in server.seen] == ["/robots.txt", "/page"]
    assert not list((store.root).rglob("*.body"))


def test_a_name_is_connected_at_the_address_that_was_checked(server, store) -> None:
    """The connection goes to the checked address (no second lookup that could rebind)."""
    server.route("/page", html("<p>pinned</p>"))
    port = server.base.rsplit(":", 1)[1]
    guard = NetworkGuard(resolver=names({"pages.test": "127.0.0.1"}), allow_private=True)
    with Fetcher(QUICK, store, guard=guard) as fetcher:
        snap = fetcher.fetch(f"http://pages.test:{port}/page")
    assert snap.status is PageStatus.FETCHED and snap.text == "<p>pinned</p>"
    assert server.seen[-1].headers.get("Host") == f"pages.test:{port}"


def test_dns_rebinding_between_check_and_connect_is_refused(server, store) -> None:
    """The first answer is public, the one at connect time loopback: the connection refuses."""
    server.route("/page", html("<p>internal</p>"))
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    port = server.base.rsplit(":", 1)[1]
    guard = NetworkGuard(resolver=lambda _host, _port: [next(answers)])
    with Fetcher(replace(QUICK, respect_robots=False), store, guard=guard) as fetcher:
        snap = fetcher.fetch(f"http://rebind.test:{port}/page")
    assert snap.status is PageStatus.FAILED and snap.error is not None
    assert snap.error.startswith("refused: host rebind.test resolves to 127.0.0.1, a loopback")
    assert server.seen == []


def test_behind_a_proxy_names_resolve_there_but_internal_addresses_are_still_refused(
    server: LocalServer, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", server.base)
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)
    server.route("http://only-the-proxy-knows.test/page", html("<p>via proxy</p>"))
    guard = NetworkGuard(resolver=names({}))  # this machine resolves nothing
    with Fetcher(replace(QUICK, respect_robots=False), store, guard=guard) as fetcher:
        ok = fetcher.fetch("http://only-the-proxy-knows.test/page")
        refused = fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    assert ok.status is PageStatus.FETCHED and ok.text == "<p>via proxy</p>"
    assert refused.error is not None and refused.error.startswith("refused: 169.254.169.254")
    assert [s.path for s in server.seen] == ["http://only-the-proxy-knows.test/page"]


def test_allowed_domains_refuse_an_offsite_redirect(server, store) -> None:
    port = server.base.rsplit(":", 1)[1]
    server.route("/page", Reply(301, headers={"Location": f"http://elsewhere.test:{port}/x"}))
    server.route("/x", html("<p>offsite</p>"))
    table = {"pages.test": "127.0.0.1", "elsewhere.test": "127.0.0.1"}
    guard = NetworkGuard(resolver=names(table), allow_private=True)
    cfg = replace(QUICK, allowed_domains=("pages.test",))
    with Fetcher(QUICK, store, guard=guard) as fetcher:
        snap = fetcher.fetch(f"http://pages.test:{port}/page", cfg)
    assert snap.status is PageStatus.SKIPPED and snap.error is not None
    assert snap.error.startswith("refused: elsewhere.test is outside the allowed domains")
    assert server.hits("/x") == 0


def test_domain_allowed_takes_subdomains_not_lookalikes() -> None:
    assert domain_allowed("docs.example.org", ["example.org"])
    assert domain_allowed("EXAMPLE.org.", ["example.org"])
    assert not domain_allowed("badexample.org", ["example.org"])
    assert not domain_allowed("example.org.evil.test", ["example.org"])


# --- deadlines ----------------------------------------------------------------------------------


class DripServer:
    """A raw TCP server that sends its status line and headers one byte at a time, forever."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.stop = threading.Event()
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        line = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 100_000
        try:
            conn.recv(4096)
            for byte in line:
                if self.stop.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.interval)
        except OSError:
            pass
        finally:
            conn.close()

    def __enter__(self) -> DripServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


def test_headers_sent_one_byte_at_a_time_hit_the_total_deadline(store) -> None:
    cfg = replace(QUICK, allow_private_networks=True, total_timeout=0.5, respect_robots=False)
    with DripServer() as drip, Fetcher(cfg, store) as fetcher:
        snap = fetcher.fetch(drip.base + "/page")
    assert snap.status is PageStatus.FAILED
    assert snap.error == "no complete response within 0.5 s (total deadline per request)"


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b"".join(b"X-%d: y\r\n" % i for i in range(500)), "more than 100 headers"),
        (b"X-Long: " + b"a" * 70_000 + b"\r\n", "more than 65536 bytes when reading header line"),
    ],
)
def test_a_flood_of_headers_fails_at_once_with_the_reason(store, head: bytes, reason: str) -> None:
    srv = socket.create_server(("127.0.0.1", 0))
    answered = []

    def serve() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            answered.append(1)
            with conn:
                conn.recv(4096)
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 200 OK\r\n" + head + b"Content-Length: 2\r\n\r\nok")

    threading.Thread(target=serve, daemon=True).start()
    cfg = replace(QUICK, allow_private_networks=True, respect_robots=False, retries=2)
    try:
        with Fetcher(cfg, store) as fetcher:
            snap = fetcher.fetch(f"http://127.0.0.1:{srv.getsockname()[1]}/page")
    finally:
        srv.close()
    assert snap.status is PageStatus.FAILED
    assert snap.error == f"malformed response: the server sent {reason}"
    assert len(answered) == 1  # not retried


def test_a_host_that_is_slow_every_time_uses_up_its_budget(server: LocalServer, store) -> None:
    drip = Reply(body=b"x" * 400, headers={"Content-Type": "text/plain"}, trickle=0.1)
    for n in range(4):
        server.route(f"/p{n}", drip)
    cfg = replace(
        QUICK, allow_private_networks=True, total_timeout=0.4, host_budget=0.7, read_timeout=5.0
    )
    with Fetcher(cfg, store) as fetcher:
        snaps = [fetcher.fetch(server.url(f"/p{n}")) for n in range(4)]
    assert all(s.status is PageStatus.FAILED for s in snaps)
    assert snaps[0].error is not None and snaps[0].error.startswith("no complete response")
    budget = [s for s in snaps if s.error and "time budget" in s.error]
    assert budget and budget[-1] is snaps[-1]
    assert server.hits("/p3") == 0


# --- robots.txt errors (RFC 9309) ---------------------------------------------------------------


def test_robots_txt_cut_by_the_deadline_disallows(server: LocalServer, store) -> None:
    slow = Reply(
        body=b"User-agent: *\nAllow: /\n" * 40, headers={"Content-Type": "text/plain"}, trickle=0.1
    )
    server.route("/robots.txt", slow)
    server.route("/page", html("<p>page</p>"))
    cfg = replace(QUICK, allow_private_networks=True, total_timeout=0.3)
    with Fetcher(cfg, store) as fetcher:
        snap = fetcher.fetch(server.url("/page"))
    assert snap.status is PageStatus.FAILED and snap.error is not None
    assert snap.error.endswith("(while fetching robots.txt)")
    assert server.hits("/page") == 0


def test_robots_txt_that_stalls_mid_body_disallows(server: LocalServer, store) -> None:
    stall = Reply(
        body=b"User-agent: *\nAllow: /\n" * 4, headers={"Content-Type": "text/plain"}, trickle=0.6
    )
    server.route("/robots.txt", stall)
    server.route("/page", html("<p>page</p>"))
    cfg = replace(QUICK, allow_private_networks=True, read_timeout=0.2)
    with Fetcher(cfg, store) as fetcher:
        snap = fetcher.fetch(server.url("/page"))
    assert snap.status is PageStatus.FAILED
    assert snap.error == "read timeout after 0.2 s (while fetching robots.txt)"
    assert server.hits("/page") == 0


def test_robots_txt_4xx_allows(server: LocalServer, store) -> None:
    server.route("/robots.txt", Reply(403, b"no"))
    server.route("/page", html("<p>page</p>"))
    with Fetcher(replace(QUICK, allow_private_networks=True), store) as fetcher:
        assert fetcher.fetch(server.url("/page")).status is PageStatus.FETCHED


# --- snapshots heal ---------------------------------------------------------------------------


def test_a_corrupt_snapshot_behind_a_304_is_refetched_without_validators(server, store) -> None:
    def etagged(seen: Seen) -> Reply:
        if seen.headers.get("If-None-Match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return html("<p>body v1</p>", ETag='"v1"')

    server.route("/page", etagged)
    cfg = replace(QUICK, allow_private_networks=True)
    with Fetcher(cfg, store) as fetcher:
        first = fetcher.fetch(server.url("/page"))
        body = next(store.root.rglob("*.body"))
        body.write_bytes(b"<p>bit rot</p>")
        second = fetcher.fetch(server.url("/page"))
        third = fetcher.fetch(server.url("/page"))
    assert first.status is PageStatus.FETCHED
    assert second.status is PageStatus.FETCHED and second.text == "<p>body v1</p>"
    assert body.read_bytes() == b"<p>body v1</p>"  # the store healed
    assert third.status is PageStatus.NOT_MODIFIED and third.text == "<p>body v1</p>"
    page_requests = [s for s in server.seen if s.path == "/page"]
    assert "If-None-Match" not in page_requests[2].headers  # the refetch asked plainly
