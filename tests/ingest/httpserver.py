"""A scriptable HTTP server on 127.0.0.1 for fetch tests (no network, bounded in time).

Tests need exact control of statuses, headers, delays and body sizes, and need to see what
the client sent (User-Agent, validators, how many retries), which a mock session cannot prove.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """What the server answers: status, headers, body and optional slowness."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_length: bool = True  # False: no Content-Length, the body ends when the socket closes
    declared_length: int | None = None  # a Content-Length that lies (a connection cut short)
    delay_headers: float = 0.0  # seconds before the status line
    delay_body: float = 0.0  # seconds between the headers and the body
    trickle: float = 0.0  # seconds between chunks of ``trickle_size`` bytes
    trickle_size: int = 16


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]


Handler = Callable[[Seen], Reply]


def html(text: str, *, charset: str | None = "utf-8", status: int = 200, **headers: str) -> Reply:
    """A text/html reply (``charset=None`` leaves the charset out); kwargs are extra headers,
    with ``_`` for ``-`` (``Retry_After="1"``)."""
    ctype = f"text/html; charset={charset}" if charset else "text/html"
    extra = {k.replace("_", "-"): v for k, v in headers.items()}
    body = text.encode(charset or "utf-8")
    return Reply(status=status, body=body, headers={"Content-Type": ctype, **extra})


class LocalServer:
    """Routes paths to replies: a fixed Reply, a list played in order (last repeats) or a handler.

    Unrouted paths (robots.txt included) answer 404. Every request is recorded in ``seen``.
    """

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        # A short poll interval makes shutdown() quick (it waits for the next poll).
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, *replies: Reply | Handler) -> None:
        """Serve ``replies`` in order on ``path``; the last one repeats."""
        queue = list(replies)

        def play(seen: Seen) -> Reply:
            item = queue.pop(0) if len(queue) > 1 else queue[0]
            return item(seen) if callable(item) else item

        self.routes[path] = play

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for s in self.seen if s.path == path)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen = Seen(self.path, {k: v for k, v in self.headers.items()})
                with server._lock:
                    server.seen.append(seen)
                route = server.routes.get(self.path)
                reply = route(seen) if route else Reply(404, b"not found")
                with contextlib.suppress(ConnectionError, TimeoutError, OSError):
                    self._send(reply)

            def _send(self, reply: Reply) -> None:
                time.sleep(reply.delay_headers)
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.content_length:
                    length = reply.declared_length or len(reply.body)
                    self.send_header("Content-Length", str(length))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.flush()
                time.sleep(reply.delay_body)
                if not reply.trickle:
                    self.wfile.write(reply.body)
                    return
                for i in range(0, len(reply.body), reply.trickle_size):
                    self.wfile.write(reply.body[i : i + reply.trickle_size])
                    self.wfile.flush()
                    time.sleep(reply.trickle)

            def log_message(self, format: str, *args: object) -> None:  # quiet test output
                return

        return _Handler


@contextlib.contextmanager
def serving() -> Iterator[LocalServer]:
    """A started LocalServer, stopped afterwards."""
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()
