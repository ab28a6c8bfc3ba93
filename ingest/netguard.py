"""The fetch guard: which hosts and addresses a crawl may reach (SSRF defence).

A comparison site that redirects to ``http://169.254.169.254/`` or ``http://localhost:8080/``
must not make the crawler read internal services into the warehouse. Every host is resolved and
checked before each request (every redirect hop included), and the connection itself is made to
an address that passed the check, so a DNS answer that changes between check and connect
(rebinding) cannot slip through. Loopback, private, link-local, multicast and reserved addresses
are refused unless the run allows private networks.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import requests
from crosscheck.ingest.errors import FetchError
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from crosscheck.common.contracts import PageStatus

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

ALLOW_HINT = "pass --allow-private-networks (or fetch.allow_private_networks = true) to allow it"


class AddressRefused(FetchError):
    """A host resolved to an address the guard refuses; the fetch fails with the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=PageStatus.FAILED)


class DomainRefused(FetchError):
    """A URL (or a redirect) left the domains a sources file allows."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=PageStatus.SKIPPED)


def address_class(ip: IPAddress) -> str | None:
    """Why an address is not public ("loopback", "private"...), or None for a global address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_class(ip.ipv4_mapped)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    return None if ip.is_global else "reserved"


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host:port (TCP), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if addr not in seen:
            seen.append(addr)
    return seen


@dataclass(frozen=True)
class NetworkGuard:
    """The address policy of one run; ``resolver`` is injectable so tests need no DNS."""

    allow_private: bool = False
    resolver: Resolver = system_resolver
    allowed_networks: tuple[str, ...] = ()  # CIDRs reachable even when private (an intranet)

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses of ``host`` a connection may use; AddressRefused when there are none.

        A host with any refused address is refused as a whole: a name that points at both a
        public and an internal address is a rebinding setup, not a mirror.
        """
        bare = host.strip("[]").rstrip(".")
        try:
            literal: IPAddress | None = ipaddress.ip_address(bare.split("%", 1)[0])
        except ValueError:
            literal = None
        if literal is not None:
            found = [str(literal)]
        else:
            try:
                found = list(self.resolver(bare, port))
            except (OSError, UnicodeError) as exc:
                raise FetchError(f"could not resolve the host name {bare!r}: {exc}") from None
            if not found:
                raise FetchError(f"could not resolve the host name {bare!r}")
        if self.allow_private:
            return found
        for addr in found:
            ip = ipaddress.ip_address(addr)
            kind = address_class(ip)
            if kind is None or any(ip in ipaddress.ip_network(n) for n in self.allowed_networks):
                continue
            what = f"{bare} is" if literal is not None else f"host {bare} resolves to {addr},"
            raise AddressRefused(f"refused: {what} a {kind} address ({ALLOW_HINT})")
        return found


def domain_allowed(host: str, allowed: Sequence[str]) -> bool:
    """Whether ``host`` is one of ``allowed`` or a subdomain of one (Scrapy's offsite rule)."""
    host = host.lower().rstrip(".")
    for domain in allowed:
        domain = domain.lower().strip().lstrip(".").rstrip(".")
        if domain and (host == domain or host.endswith("." + domain)):
            return True
    return False


# --- connections pinned to checked addresses ---------------------------------------------------
_local = threading.local()


def current_sockets() -> list[socket.socket] | None:
    """The socket list of the request running on this thread (see :func:`watching`)."""
    return getattr(_local, "sockets", None)


class watching:
    """Collect the sockets a request on this thread uses, so a watchdog can cut them."""

    def __init__(self) -> None:
        self.sockets: list[socket.socket] = []

    def __enter__(self) -> list[socket.socket]:
        _local.sockets = self.sockets
        return self.sockets

    def __exit__(self, *exc: object) -> None:
        _local.sockets = None


def _register(sock: Any) -> None:
    sockets = current_sockets()
    if sockets is not None and sock is not None and sock not in sockets:
        sockets.append(sock)


class _GuardedMixin:
    """Connect only to an address the guard checked, and report sockets to the watchdog."""

    guard: NetworkGuard = NetworkGuard(allow_private=True)
    _dns_host: str
    port: int
    sock: Any

    def _new_conn(self) -> socket.socket:
        host = self._dns_host
        addresses = self.guard.addresses(host, self.port)
        self._dns_host = addresses[0]
        try:
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = host
        _register(sock)
        return sock

    def getresponse(self) -> Any:
        _register(self.sock)
        return super().getresponse()  # type: ignore[misc]


def guarded_adapter(guard: NetworkGuard) -> HTTPAdapter:
    """A requests adapter whose connections go only to addresses ``guard`` allows."""
    http_conn = type("GuardedHTTPConnection", (_GuardedMixin, HTTPConnection), {"guard": guard})
    https_conn = type("GuardedHTTPSConnection", (_GuardedMixin, HTTPSConnection), {"guard": guard})
    http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
    https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})

    class GuardedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    return GuardedAdapter()


def mount_guard(session: requests.Session, guard: NetworkGuard) -> None:
    """Route the session's http(s) traffic through the guard."""
    adapter = guarded_adapter(guard)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
