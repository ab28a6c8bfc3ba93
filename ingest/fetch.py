"""Polite, hardened HTTP fetching of source pages into Snapshots.

Scheduled runs hit the same sites again and again: the fetcher must be a good citizen (robots.txt,
per-host delay, Retry-After, conditional GET) and must turn every network failure into a
FAILED/SKIPPED Snapshot with a plain reason instead of an exception.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from crosscheck.ingest.decode import is_supported_media_type, media_type, sniff_content_type
from crosscheck.ingest.errors import FetchError, SnapshotError
from crosscheck.ingest.netguard import (
    AddressRefused,
    DomainRefused,
    NetworkGuard,
    domain_allowed,
    mount_guard,
)
from crosscheck.ingest.robots import (
    ROBOTS_MAX_BYTES,
    HostPacer,
    RobotsCache,
    RobotsFile,
    RobotsVerdict,
    parse_retry_after,
)
from crosscheck.ingest.snapshots import Arrival, SnapshotStore, failed_snapshot
from crosscheck.ingest.transport import FetchConfig, Reply, Want, classify_error, get_once, short
from crosscheck.ingest.transport import cap_message as cap_message  # re-exported (ingest.sources)

from crosscheck.common.contracts import PageStatus, Snapshot

ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 429 and the transient 5xx; 501 and 505 say the server never will, so they are not retried.
RETRY_STATUSES = frozenset({429} | {s for s in range(500, 600) if s not in (501, 505)})


def check_url(url: str, what: str = "URL") -> None:
    """Raise FetchError unless ``url`` is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a malformed port
    except ValueError as exc:
        raise FetchError(f"invalid {what}: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"unsupported {what} scheme {parts.scheme or '(none)'!r}: only http(s)")
    if not parts.hostname:
        raise FetchError(f"invalid {what}: no host in {short(url)!r}")


class Fetcher:
    """Fetches URLs with one session, robots.txt, per-host delay, retries and the snapshot store.

    ``sleep`` and ``clock`` are injectable so tests can observe waits without waiting; ``guard``
    (default: from ``config.allow_private_networks``) so tests can resolve names without DNS.
    """

    def __init__(
        self,
        config: FetchConfig,
        store: SnapshotStore,
        session: requests.Session | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        guard: NetworkGuard | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self._owns_session = session is None
        self.session = session if session is not None else requests.Session()
        self.guard = guard or NetworkGuard(allow_private=config.allow_private_networks)
        mount_guard(self.session, self.guard)
        self._host_spent: dict[str, float] = {}
        self._pacer = HostPacer(clock, sleep)
        self._robots = RobotsCache(config.user_agent, self._get_robots)

    def close(self) -> None:
        """Close the session if this fetcher created it."""
        if self._owns_session:
            self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def fetch(self, url: str, config: FetchConfig | None = None) -> Snapshot:
        """Fetch one URL (``config`` overrides per source); never raises for network trouble."""
        item = self._guarded(url, config or self.config, defer=False)
        assert isinstance(item, Snapshot)
        return item

    def fetch_deferred(self, url: str, config: FetchConfig | None = None) -> Snapshot | Arrival:
        """Like :meth:`fetch`, but a new body comes back as an :class:`Arrival` whose decoding
        and store writes the worker that parses it does (304s and failures stay Snapshots)."""
        return self._guarded(url, config or self.config, defer=True)

    def _guarded(self, url: str, cfg: FetchConfig, *, defer: bool) -> Snapshot | Arrival:
        try:
            return self._fetch(url, cfg, defer)
        except FetchError as exc:
            return failed_snapshot(url, exc)
        except requests.RequestException as exc:  # defensive: _get converts these already
            return failed_snapshot(url, FetchError(classify_error(exc, cfg)[0]))
        except (SnapshotError, OSError) as exc:
            return failed_snapshot(url, FetchError(f"snapshot store error: {exc}"))

    def _fetch(self, url: str, cfg: FetchConfig, defer: bool = False) -> Snapshot | Arrival:
        check_url(url)
        last = self.store.last_for(url)
        if last is not None and not self.store.has(last.sha256):
            last = None  # validators without a body are useless: fetch unconditionally
        plain = {"User-Agent": cfg.user_agent, "Accept": ACCEPT}
        headers = dict(plain)
        if last is not None and last.etag:
            headers["If-None-Match"] = last.etag
        if last is not None and last.last_modified:
            headers["If-Modified-Since"] = last.last_modified
        want = Want(lambda h: is_supported_media_type(h.get("Content-Type")), cfg.max_bytes)
        reply = self._follow(url, cfg, headers, want, robots=cfg.respect_robots)
        etag, modified = reply.headers.get("ETag"), reply.headers.get("Last-Modified")
        if reply.status == 304:
            if last is None:
                raise FetchError("HTTP 304 Not Modified, but no stored snapshot", http_status=304)
            try:  # reuse checks the stored bytes against their hash
                # A 304 may omit validators that still hold.
                return self.store.reuse(
                    last,
                    http_status=304,
                    headers=reply.headers,
                    etag=etag or last.etag,
                    last_modified=modified or last.last_modified,
                )
            except SnapshotError:
                # A corrupt or vanished body heals itself: ask again without validators.
                self.store.discard_if_corrupt(last.sha256)
                reply = self._follow(url, cfg, plain, want, robots=cfg.respect_robots)
                etag, modified = reply.headers.get("ETag"), reply.headers.get("Last-Modified")
        if not 200 <= reply.status < 300:
            raise FetchError(f"HTTP {reply.status} {reply.reason}", http_status=reply.status)
        raw_type = reply.headers.get("Content-Type")
        if reply.body is None:
            mt = media_type(raw_type)
            raise FetchError(
                f"unsupported content type {mt}",
                status=PageStatus.SKIPPED,
                http_status=reply.status,
                content_type=mt,
            )
        arrival = Arrival(
            url,
            reply.body,
            declared_type=raw_type,
            content_type=sniff_content_type(reply.url, raw_type),
            http_status=reply.status,
            headers=dict(reply.headers),
            etag=etag,
            last_modified=modified,
        )
        return arrival if defer else arrival.keep(self.store)

    def _follow(
        self, url: str, cfg: FetchConfig, headers: dict[str, str], want: Want, *, robots: bool
    ) -> Reply:
        """GET with redirects followed by hand: only http(s) targets, at most max_redirects."""
        current = url
        for _hop in range(cfg.max_redirects + 1):
            self._check_destination(current, url, cfg)
            if robots:
                self._check_robots(current, url)
            reply = self._get(current, cfg, headers, want)
            if reply.status not in REDIRECT_STATUSES:
                return reply
            location = (reply.headers.get("Location") or "").strip()
            if not location:
                raise FetchError(
                    f"HTTP {reply.status} redirect without a Location header",
                    http_status=reply.status,
                )
            target = urljoin(current, location)
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                raise FetchError(
                    f"refused redirect to a non-http(s) URL: {short(target)}",
                    http_status=reply.status,
                )
            check_url(target, "redirect target")
            current = target
        raise FetchError(
            f"too many redirects (more than {cfg.max_redirects})", http_status=reply.status
        )

    def _check_destination(self, url: str, source: str, cfg: FetchConfig) -> None:
        """Refuse a URL outside the allowed domains or whose host resolves to a guarded address."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        hop = "" if url == source else f" (redirect to {short(url)})"
        if cfg.allowed_domains and not domain_allowed(host, cfg.allowed_domains):
            allowed = ", ".join(cfg.allowed_domains)
            raise DomainRefused(f"refused: {host} is outside the allowed domains ({allowed}){hop}")
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        try:
            self.guard.addresses(host, port)
        except AddressRefused as exc:
            exc.message = exc.message + hop
            exc.args = (exc.message,)
            raise
        except FetchError:
            if not self._proxied(url):
                raise
            # Behind a proxy the proxy resolves names this machine may not: let it try.

    def _proxied(self, url: str) -> bool:
        """Whether requests will send ``url`` through a proxy (session or environment)."""
        settings = self.session.merge_environment_settings(url, {}, None, None, None)
        return requests.utils.select_proxy(url, settings.get("proxies") or {}) is not None

    def _check_robots(self, url: str, source: str) -> None:
        """Raise the SKIPPED/FAILED outcome when robots.txt does not let us fetch ``url``."""
        decision = self._robots.check(url)
        if decision.verdict is RobotsVerdict.ALLOWED:
            return
        reason = decision.reason if url == source else f"{decision.reason} (redirect to {url})"
        unreachable = decision.verdict is RobotsVerdict.UNREACHABLE
        status = PageStatus.FAILED if unreachable else PageStatus.SKIPPED
        raise FetchError(reason, status=status, http_status=decision.http_status)

    def _get_robots(self, robots_url: str) -> RobotsFile:
        """robots.txt through the same session, pacing, retries and redirect rules as pages."""
        headers = {"User-Agent": self.config.user_agent, "Accept": "text/plain,*/*;q=0.1"}
        want = Want(lambda _h: True, ROBOTS_MAX_BYTES, truncate=True)
        try:
            reply = self._follow(robots_url, self.config, headers, want, robots=False)
        except FetchError as exc:
            # RFC 9309 §2.3.1: a 4xx (or a redirect loop) is "unavailable" and allows all; a 5xx,
            # a network error or a body cut short (deadline, broken connection) is
            # "unreachable" and disallows all, whatever part of the file had arrived.
            status = exc.http_status
            if status is not None and (300 <= status < 400 or 400 <= status < 600):
                return RobotsFile(status)
            return RobotsFile(status, error=exc.message)
        return RobotsFile(reply.status, reply.body or b"")

    def _get(self, url: str, cfg: FetchConfig, headers: dict[str, str], want: Want) -> Reply:
        """One URL with bounded retries: exponential backoff, or Retry-After when given."""
        host = (urlsplit(url).hostname or "").lower()
        delay = cfg.per_host_delay
        if cfg.respect_robots:  # a robots Crawl-delay slows us further, within max_retry_after
            delay = max(delay, min(self._robots.crawl_delay(url), cfg.max_retry_after))
        wait = 0.0
        for attempt in range(1, cfg.retries + 2):
            self._pacer.wait(host, delay, at_least=wait)
            wait = cfg.backoff_factor * 2 ** (attempt - 1)
            left = cfg.host_budget - self._host_spent.get(host, 0.0)
            if left <= 0:
                raise FetchError(
                    f"host {host} has used its {cfg.host_budget:g} s time budget for this run"
                    " (fetch.host_budget); not fetched"
                )
            began = time.monotonic()
            try:
                reply = get_once(self.session, url, cfg, headers, want, deadline=left)
            except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
                message, retryable = classify_error(exc, cfg)
                if not retryable or attempt > cfg.retries:
                    raise FetchError(message + _after(attempt)) from None
                continue
            finally:
                self._pacer.done(host)
                self._host_spent[host] = self._host_spent.get(host, 0.0) + (
                    time.monotonic() - began
                )
            if reply.status not in RETRY_STATUSES:
                return reply
            said = f"HTTP {reply.status} {reply.reason}"
            retry_after = parse_retry_after(reply.headers.get("Retry-After"))
            if retry_after is not None and retry_after > cfg.max_retry_after:
                raise FetchError(
                    f"{said}: Retry-After {retry_after:g} s exceeds max_retry_after "
                    f"{cfg.max_retry_after:g} s; not retried",
                    http_status=reply.status,
                )
            if attempt > cfg.retries:
                raise FetchError(said + _after(attempt), http_status=reply.status)
            wait = retry_after if retry_after is not None else wait
        raise AssertionError("unreachable: the loop returns or raises")


def _after(attempts: int) -> str:
    return f"; gave up after {attempts} attempts" if attempts > 1 else ""
