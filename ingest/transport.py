"""The HTTP transport under the fetcher: one GET read within its caps and closed, plain errors.

FetchConfig lives here because both layers read it; the policy (robots.txt, pacing, redirects,
retries) stays in :mod:`ingest.fetch`.
"""

from __future__ import annotations

import contextlib
import math
import re
import socket
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from http import HTTPStatus
from typing import TYPE_CHECKING

from crosscheck.ingest.errors import FetchConfigError, FetchError

if TYPE_CHECKING:  # imported where a request is made: a run of local files needs no requests
    import requests

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchConfig:
    """Timeouts (s), retry policy, caps and politeness for one run; see docs/fetching.md."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0  # wall-clock deadline of one request: headers and body
    host_budget: float = 300.0  # wall-clock seconds of requests one host may take per run
    retries: int = 3
    backoff_factor: float = 0.5
    max_retry_after: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host_delay: float = 1.0
    user_agent: str = "crosscheck/0.1 (+https://github.com/crosscheck; data-quality bot)"
    respect_robots: bool = True
    allow_private_networks: bool = False  # loopback, private, link-local... (SSRF guard)
    allowed_domains: tuple[str, ...] = ()  # when set, only these domains and their subdomains

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if number and (not math.isfinite(value) or value < 0):
                raise FetchConfigError(f"{f.name} must be a finite number >= 0, not {value!r}")
        timeouts = (self.connect_timeout, self.read_timeout, self.total_timeout, self.host_budget)
        if min(self.max_bytes, *timeouts) <= 0:
            raise FetchConfigError(
                "max_bytes and the timeouts must be greater than 0 (host_budget too)"
            )
        if "crosscheck" not in self.user_agent.lower():
            raise FetchConfigError("user_agent must name crosscheck so site owners can reach us")


@dataclass(frozen=True)
class Want:
    """Which 2xx bodies to read and how far: pages are capped hard, robots.txt is truncated."""

    accept: Callable[[Mapping[str, str]], bool]
    limit: int
    truncate: bool = False


@dataclass(frozen=True)
class Reply:
    """One HTTP response, already read (body only for a wanted 2xx) and closed."""

    url: str
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes | None


def short(url: str, limit: int = 200) -> str:
    """A URL (or error text) cut to `limit` characters for a one-line reason."""
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
    return short(text or type(exc).__name__)


_HEADER_FLOOD = re.compile(r"got more than (\d+ headers|\d+ bytes when reading [\w ]+)")


def _wraps(exc: BaseException | None, kind: type[BaseException]) -> bool:
    while exc is not None:
        if isinstance(exc, kind) or any(isinstance(a, kind) for a in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def classify_error(exc: BaseException, cfg: FetchConfig) -> tuple[str, bool]:
    """(message, retryable) for a requests/urllib3 error: connection trouble is retried."""
    import requests
    import urllib3.exceptions as u3

    if isinstance(exc, requests.ConnectTimeout | u3.ConnectTimeoutError):
        return f"connect timeout after {cfg.connect_timeout:g} s", True
    if isinstance(exc, requests.ReadTimeout) or _wraps(exc, u3.ReadTimeoutError):
        # Not retried: a server that slow usually stays slow, and runs must stay bounded.
        return f"read timeout after {cfg.read_timeout:g} s", False
    if isinstance(exc, requests.exceptions.SSLError | u3.SSLError):
        return f"TLS error: {_reason(exc)}", False
    if isinstance(exc, requests.exceptions.ContentDecodingError | u3.DecodeError):
        return "could not decode the compressed body (Content-Encoding)", False
    if flood := _HEADER_FLOOD.search(str(exc)):
        # http.client's own caps on a response head; a server that sends this will again.
        return f"malformed response: the server sent more than {flood.group(1)}", False
    if isinstance(exc, requests.exceptions.ChunkedEncodingError | u3.ProtocolError):
        return "connection broken while reading the body", True
    if isinstance(exc, requests.ConnectionError | u3.NewConnectionError):
        return f"connection failed: {_reason(exc)}", True
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return f"invalid URL: {short(str(exc))}", False
    return f"request failed: {type(exc).__name__}: {short(str(exc))}", False


def cap_message(limit: int) -> str:
    """The error text of a body over the size cap."""
    return f"body exceeds the {limit:,}-byte cap"


class _Watchdog:
    """Cuts a request's sockets when its deadline passes: socket timeouts bound each read, so a
    server sending its headers one byte at a time would otherwise hold a run for minutes."""

    def __init__(self, seconds: float, sockets: list[socket.socket]) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets = sockets
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _fire(self) -> None:
        self.expired = True
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def error(self, http_status: int | None = None) -> FetchError:
        return FetchError(
            f"no complete response within {self.seconds:g} s (total deadline per request)",
            http_status=http_status,
        )


def get_once(
    session: requests.Session,
    url: str,
    cfg: FetchConfig,
    headers: dict[str, str],
    want: Want,
    *,
    deadline: float | None = None,
) -> Reply:
    """One request within ``deadline`` seconds (default: total_timeout), headers and body
    included; the body is read only when wanted, and the connection always closed."""
    import requests
    import urllib3.exceptions
    from crosscheck.ingest.netguard import watching

    seconds = cfg.total_timeout if deadline is None else max(min(deadline, cfg.total_timeout), 0.01)
    with watching() as sockets, _Watchdog(seconds, sockets) as dog:
        try:
            resp = session.get(
                url,
                headers=headers,
                timeout=(min(cfg.connect_timeout, seconds), cfg.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except (requests.RequestException, urllib3.exceptions.HTTPError):
            if dog.expired:
                raise dog.error() from None
            raise
        try:
            body = None
            if 200 <= resp.status_code < 300 and want.accept(resp.headers):
                body = _read_body(resp, cfg, want, dog)
            reason = resp.reason or _phrase(resp.status_code)
            return Reply(url, resp.status_code, reason, resp.headers, body)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
            if dog.expired:
                raise dog.error(resp.status_code) from None
            raise
        finally:
            resp.close()


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _read_body(resp: requests.Response, cfg: FetchConfig, want: Want, dog: _Watchdog) -> bytes:
    """Stream the (decompressed) body, stopping at the byte limit and at the deadline."""
    length = (resp.headers.get("Content-Length") or "").strip()
    if not want.truncate and length.isdigit() and int(length) > want.limit:
        raise FetchError(cap_message(want.limit), http_status=resp.status_code)
    buf = bytearray()
    # read1 returns what has arrived; the watchdog cuts the socket when the deadline passes.
    while chunk := resp.raw.read1(_CHUNK, decode_content=True):
        if dog.expired:
            break
        buf += chunk
        if len(buf) > want.limit:
            if want.truncate:
                return bytes(buf[: want.limit])
            raise FetchError(cap_message(want.limit), http_status=resp.status_code)
    if dog.expired:
        raise dog.error(resp.status_code)
    return bytes(buf)
