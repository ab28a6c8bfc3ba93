"""The HTTP transport under the fetcher: one GET read within its caps and closed, plain errors.

FetchConfig lives here because both layers read it; the policy (robots.txt, pacing, redirects,
retries) stays in :mod:`ingest.fetch`.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from http import HTTPStatus

import requests
import urllib3.exceptions

from ingest.errors import FetchConfigError, FetchError

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
        return f"invalid URL: {short(str(exc))}", False
    return f"request failed: {type(exc).__name__}: {short(str(exc))}", False


def cap_message(limit: int) -> str:
    """The error text of a body over the size cap."""
    return f"body exceeds the {limit:,}-byte cap"


def get_once(
    session: requests.Session, url: str, cfg: FetchConfig, headers: dict[str, str], want: Want
) -> Reply:
    """One request; the body is read only when wanted, and the connection always closed."""
    resp = session.get(
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
        return Reply(url, resp.status_code, reason, resp.headers, body)
    finally:
        resp.close()


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _read_body(resp: requests.Response, cfg: FetchConfig, want: Want) -> bytes:
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
