"""Politeness rules: robots.txt per origin (RFC 9309), per-host pacing and Retry-After.

Kept apart from the HTTP plumbing so the rules (what a missing, forbidden or failing
robots.txt means; how long to wait before asking a host again) read in one place and are
testable without a server.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# RFC 9309 §2.5: crawlers must parse at least 500 KiB; anything beyond may be ignored.
ROBOTS_MAX_BYTES = 512 * 1024


class RobotsVerdict(Enum):
    """Whether a URL may be fetched under its origin's robots.txt."""

    ALLOWED = "allowed"
    DISALLOWED = "disallowed"
    UNAVAILABLE = "unavailable"  # robots.txt answered 5xx: RFC 9309 says assume disallow
    UNREACHABLE = "unreachable"  # the origin itself could not be reached


@dataclass(frozen=True)
class RobotsFile:
    """The outcome of fetching one origin's robots.txt: a status code, or an error, and a body."""

    http_status: int | None
    body: bytes = b""
    error: str | None = None


@dataclass(frozen=True)
class RobotsDecision:
    """A verdict plus the words a Snapshot's error should carry when it is not ALLOWED."""

    verdict: RobotsVerdict
    reason: str = ""
    http_status: int | None = None


@dataclass
class _Policy:
    parser: RobotFileParser | None  # None: no rules (allow all) or see ``failure``
    failure: RobotsDecision | None = None


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased: the unit robots.txt applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def parse_robots(body: bytes) -> RobotFileParser:
    """A parser loaded with a robots.txt body (decoded as UTF-8, bad bytes replaced)."""
    parser = RobotFileParser()
    parser.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
    return parser


class RobotsCache:
    """Fetches each origin's robots.txt once (via the callable given) and answers can_fetch."""

    def __init__(self, user_agent: str, get_robots: Callable[[str], RobotsFile]) -> None:
        self._user_agent = user_agent
        self._get_robots = get_robots
        self._policies: dict[str, _Policy] = {}

    def _policy(self, url: str) -> _Policy:
        origin = origin_of(url)
        policy = self._policies.get(origin)
        if policy is None:
            policy = self._load(origin)
            self._policies[origin] = policy
        return policy

    def _load(self, origin: str) -> _Policy:
        got = self._get_robots(f"{origin}/robots.txt")
        if got.error is not None:
            reason = f"{got.error} (while fetching robots.txt)"
            return _Policy(None, RobotsDecision(RobotsVerdict.UNREACHABLE, reason, got.http_status))
        status = got.http_status or 0
        if 200 <= status < 300:
            return _Policy(parse_robots(got.body))
        if 300 <= status < 500:
            # RFC 9309 §2.3.1: a 4xx (or a redirect chain that ends nowhere) means "unavailable",
            # and an unavailable robots.txt places no restrictions.
            return _Policy(None)
        reason = (
            f"robots.txt could not be fetched (HTTP {status}); treated as disallowed (RFC 9309)"
        )
        return _Policy(None, RobotsDecision(RobotsVerdict.UNAVAILABLE, reason, status))

    def check(self, url: str) -> RobotsDecision:
        """May this URL be fetched? Loads the origin's robots.txt on first use."""
        policy = self._policy(url)
        if policy.failure is not None:
            return policy.failure
        if policy.parser is None or policy.parser.can_fetch(self._user_agent, url):
            return RobotsDecision(RobotsVerdict.ALLOWED)
        return RobotsDecision(RobotsVerdict.DISALLOWED, "disallowed by robots.txt")

    def crawl_delay(self, url: str) -> float:
        """The Crawl-delay robots.txt asks of this agent at the URL's origin (0 when none)."""
        policy = self._policies.get(origin_of(url))
        if policy is None or policy.parser is None:
            return 0.0
        try:
            delay = policy.parser.crawl_delay(self._user_agent)
        except (TypeError, ValueError):
            return 0.0
        return float(delay) if delay else 0.0


class HostPacer:
    """Spaces requests to one host by a delay, measured on a monotonic clock.

    The delay runs from the end of the previous request; ``clock`` and ``sleep`` are
    injectable so tests can see the waits without waiting.
    """

    def __init__(self, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str, delay: float, at_least: float = 0.0) -> float:
        """Sleep until ``delay`` has passed since the host's last request, and ``at_least``."""
        wait = at_least
        last = self._last.get(host)
        if last is not None:
            wait = max(wait, last + delay - self._clock())
        if wait > 0:
            self._sleep(wait)
        return max(wait, 0.0)

    def done(self, host: str) -> None:
        """Mark the end of a request to the host."""
        self._last[host] = self._clock()


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or HTTP-date); None if unusable."""
    value = (value or "").strip()
    if not value:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
