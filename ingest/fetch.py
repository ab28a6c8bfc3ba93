"""Polite, hardened HTTP fetching of source pages into Snapshots.

Scheduled runs hit the same sites again and again: the fetcher must be a good citizen (robots.txt,
per-host delay, Retry-After, conditional GET) and must turn every network failure into a
FAILED/SKIPPED Snapshot with a plain reason instead of an exception.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions

from crosscheck.contracts import PageStatus, Snapshot
from ingest.decode import is_supported_media_type, media_type, sniff_content_type
from ingest.errors import FetchConfigError, FetchError, SnapshotError
from ingest.robots import (
    ROBOTS_MAX_BYTES,
    HostPacer,
    RobotsCache,
    RobotsFile,
    RobotsVerdict,
    parse_retry_after,
)
from ingest.snapshots import SnapshotStore, utc_now

ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 429 and the transient 5xx; 501 and 505 say the server never will, so they are not retried.
RETRY_STATUSES = frozenset({429} | {s for s in range(500, 600) if s not in (501, 505)})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchConfig:
    """Timeouts (s), retry policy, caps and politeness for one run; see docs/fetching.md."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0  # wall-clock budget for one response body (slow-drip servers)
    retries: int = 3
    backoff_factor: float = 0.5
    max_retry_after: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host_delay: float = 1.0
    user_agent: str = "crosscheck/0.1 (+https://github.com/crosscheck; data-quality bot)"
    respect_robots: bool = True

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if number and (not math.isfinite(value) or value < 0):
                raise FetchConfigError(f"{f.name} must be a finite number >= 0, not {value!r}")
        if min(self.max_bytes, self.connect_timeout, self.read_timeout, self.total_timeout) <= 0:
            raise FetchConfigError("max_bytes and the timeouts must be greater than 0")
        if "crosscheck" not in self.user_agent.lower():
            raise FetchConfigError("user_agent must name crosscheck so site owners can reach us")


@dataclass(frozen=True)
class _Want:
    """Which 2xx bodies to read and how far: pages are capped hard, robots.txt is truncated."""

    accept: Callable[[Mapping[str, str]], bool]
    limit: int
    truncate: bool = False


@dataclass(frozen=True)
class _Reply:
    """One HTTP response, already read (body only for a wanted 2xx) and closed."""

    url: str
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes | None


def _short(url: str, limit: int = 200) -> str:
    return url if len(url) <= limit else url[:limit] + "..."


def _reason(exc: BaseException) -> str:
    """A short human reason from requests/urllib3's nested connection errors."""
    text = str(exc)
    if match := re.search(r"\[Errno -?\d+\][^'\")]*", text):
        return match.group(0).strip()
    if "NameResolution" in text or "Name or service not known" in text:
        return "could not resolve the host name"
    if "RemoteDisconnected" in text:
        return "the server closed the connection without answering"
    return _short(text or type(exc).__name__)


def _wraps(exc: BaseException | None, kind: type[BaseException]) -> bool:
    while exc is not None:
        if isinstance(exc, kind) or any(isinstance(a, kind) for a in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def classify_error(exc: BaseException, cfg: FetchConfig) -> tuple[str, bool]:
    """(message, retryable) for a requests/urllib3 error: connection trouble is retried."""
    u3 = urllib3.exceptions
    if isinstance(exc, requests.ConnectTimeout | u3.ConnectTimeoutError):
        return f"connect timeout after {cfg.connect_timeout:g} s", True
    if isinstance(exc, requests.ReadTimeout) or _wraps(exc, u3.ReadTimeoutError):
        # Not retried: a server that slow usually stays slow, and runs must stay bounded.
        return f"read timeout after {cfg.read_timeout:g} s", False
    if isinstance(exc, requests.exceptions.SSLError | u3.SSLError):
        return f"TLS error: {_reason(exc)}", False
    if isinstance(exc, requests.exceptions.ContentDecodingError | u3.DecodeError):
        return "could not decode the compressed body (Content-Encoding)", False
    if isinstance(exc, requests.exceptions.ChunkedEncodingError | u3.ProtocolError):
        return "connection broken while reading the body", True
    if isinstance(exc, requests.ConnectionError | u3.NewConnectionError):
        return f"connection failed: {_reason(exc)}", True
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return f"invalid URL: {_short(str(exc))}", False
    return f"request failed: {type(exc).__name__}: {_short(str(exc))}", False


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
        raise FetchError(f"invalid {what}: no host in {_short(url)!r}")


def cap_message(limit: int) -> str:
    """The error text of a body over the size cap."""
    return f"body exceeds the {limit:,}-byte cap"


def failed_snapshot(source: str, exc: FetchError) -> Snapshot:
    """The Snapshot of a source that yielded no body: FAILED or SKIPPED with the reason."""
    return Snapshot(
        source=source,
        sha256="",
        text="",
        content_type=exc.content_type,
        fetched_at=utc_now(),
        status=exc.status,
        http_status=exc.http_status,
        error=exc.message,
    )


class Fetcher:
    """Fetches URLs with one session, robots.txt, per-host delay, retries and the snapshot store.

    ``sleep`` and ``clock`` are injectable so tests can observe waits without waiting.
    """

    def __init__(
        self,
        config: FetchConfig,
        store: SnapshotStore,
        session: requests.Session | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.store = store
        self._owns_session = session is None
        self.session = session if session is not None else requests.Session()
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
        cfg = config or self.config
        try:
            return self._fetch(url, cfg)
        except FetchError as exc:
            return failed_snapshot(url, exc)
        except requests.RequestException as exc:  # defensive: _get converts these already
            return failed_snapshot(url, FetchError(classify_error(exc, cfg)[0]))
        except (SnapshotError, OSError) as exc:
            return failed_snapshot(url, FetchError(f"snapshot store error: {exc}"))

    def _fetch(self, url: str, cfg: FetchConfig) -> Snapshot:
        check_url(url)
        last = self.store.last_for(url)
        if last is not None and not self.store.has(last.sha256):
            last = None  # validators without a body are useless: fetch unconditionally
        headers = {"User-Agent": cfg.user_agent, "Accept": ACCEPT}
        if last is not None and last.etag:
            headers["If-None-Match"] = last.etag
        if last is not None and last.last_modified:
            headers["If-Modified-Since"] = last.last_modified
        want = _Want(lambda h: is_supported_media_type(h.get("Content-Type")), cfg.max_bytes)
        reply = self._follow(url, cfg, headers, want, robots=cfg.respect_robots)
        etag, modified = reply.headers.get("ETag"), reply.headers.get("Last-Modified")
        if reply.status == 304:
            if last is None:
                raise FetchError("HTTP 304 Not Modified, but no stored snapshot", http_status=304)
            # A 304 may omit validators that still hold.
            return self.store.reuse(
                last,
                http_status=304,
                headers=reply.headers,
                etag=etag or last.etag,
                last_modified=modified or last.last_modified,
            )
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
        return self.store.record(
            url,
            reply.body,
            declared_type=raw_type,
            content_type=sniff_content_type(reply.url, raw_type),
            http_status=reply.status,
            headers=reply.headers,
            etag=etag,
            last_modified=modified,
        )

    def _follow(
        self, url: str, cfg: FetchConfig, headers: dict[str, str], want: _Want, *, robots: bool
    ) -> _Reply:
        """GET with redirects followed by hand: only http(s) targets, at most max_redirects."""
        current = url
        for _hop in range(cfg.max_redirects + 1):
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
                    f"refused redirect to a non-http(s) URL: {_short(target)}",
                    http_status=reply.status,
                )
            check_url(target, "redirect target")
            current = target
        raise FetchError(
            f"too many redirects (more than {cfg.max_redirects})", http_status=reply.status
        )

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
        want = _Want(lambda _h: True, ROBOTS_MAX_BYTES, truncate=True)
        try:
            reply = self._follow(robots_url, self.config, headers, want, robots=False)
        except FetchError as exc:
            return RobotsFile(exc.http_status, error=None if exc.http_status else exc.message)
        return RobotsFile(reply.status, reply.body or b"")

    def _get(self, url: str, cfg: FetchConfig, headers: dict[str, str], want: _Want) -> _Reply:
        """One URL with bounded retries: exponential backoff, or Retry-After when given."""
        host = (urlsplit(url).hostname or "").lower()
        delay = cfg.per_host_delay
        if cfg.respect_robots:  # a robots Crawl-delay slows us further, within max_retry_after
            delay = max(delay, min(self._robots.crawl_delay(url), cfg.max_retry_after))
        wait = 0.0
        for attempt in range(1, cfg.retries + 2):
            self._pacer.wait(host, delay, at_least=wait)
            wait = cfg.backoff_factor * 2 ** (attempt - 1)
            try:
                reply = self._attempt(url, cfg, headers, want)
            except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
                message, retryable = classify_error(exc, cfg)
                if not retryable or attempt > cfg.retries:
                    raise FetchError(message + _after(attempt)) from None
                continue
            finally:
                self._pacer.done(host)
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

    def _attempt(self, url: str, cfg: FetchConfig, headers: dict[str, str], want: _Want) -> _Reply:
        """One request; the body is read only when wanted, and the connection always closed."""
        resp = self.session.get(
            url,
            headers=headers,
            timeout=(cfg.connect_timeout, cfg.read_timeout),
            allow_redirects=False,
            stream=True,
        )
        try:
            body = None
            if 200 <= resp.status_code < 300 and want.accept(resp.headers):
                body = _read_body(resp, cfg, want)
            reason = resp.reason or _phrase(resp.status_code)
            return _Reply(url, resp.status_code, reason, resp.headers, body)
        finally:
            resp.close()


def _after(attempts: int) -> str:
    return f"; gave up after {attempts} attempts" if attempts > 1 else ""


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _read_body(resp: requests.Response, cfg: FetchConfig, want: _Want) -> bytes:
    """Stream the (decompressed) body, stopping at the byte limit and at total_timeout."""
    length = (resp.headers.get("Content-Length") or "").strip()
    if not want.truncate and length.isdigit() and int(length) > want.limit:
        raise FetchError(cap_message(want.limit), http_status=resp.status_code)
    deadline = time.monotonic() + cfg.total_timeout
    buf = bytearray()
    # read1 returns what has arrived, so the deadline is checked at least every read_timeout.
    while chunk := resp.raw.read1(_CHUNK, decode_content=True):
        buf += chunk
        if len(buf) > want.limit:
            if want.truncate:
                return bytes(buf[: want.limit])
            raise FetchError(cap_message(want.limit), http_status=resp.status_code)
        if time.monotonic() > deadline:
            raise FetchError(
                f"body not received within {cfg.total_timeout:g} s", http_status=resp.status_code
            )
    return bytes(buf)
