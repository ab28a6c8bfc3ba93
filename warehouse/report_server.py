"""`crosscheck serve`: a local review page where a reviewer filters findings, opens their
evidence and records verdicts with buttons, through the same code as `crosscheck review`.

Standard library only (http.server): one process, one reviewer, 127.0.0.1 by default. Every
URL carries a random token (a page on another origin cannot guess it), every POST a second
random CSRF token and a same-origin check; the page is autoescaped, runs no script and its
CSP allows forms to post only to itself. Reads open the warehouse read-only; a write waits
for a running pipeline's lock up to `wait` seconds, then says the warehouse is busy.
"""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from crosscheck.warehouse.connection import open_warehouse
from crosscheck.warehouse.errors import WarehouseError, WarehouseLocked
from crosscheck.warehouse.reviews import (
    ReviewError,
    Verdict,
    evidence_of,
    open_for_review,
    record_review,
)
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from crosscheck.common.contracts import Severity

PAGE_SIZE = 50
MAX_BODY = 64 * 1024
_RANK = "CASE f.severity " + " ".join(f"WHEN '{s.value}' THEN {s.rank}" for s in Severity)
_RANK += " ELSE -1 END"
_WHERE = """f.status = 'open'
  AND ($severity = '' OR f.severity = $severity)
  AND ($kind = '' OR f.kind = $kind)
  AND ($q = '' OR contains(lower(concat_ws(' ', f.entity, f.metric, f.qualifier,
                                            f.explanation, f.finding_id)), lower($q)))
  AND CASE $verdict
        WHEN '' THEN TRUE
        WHEN 'unreviewed' THEN v.verdict IS NULL
        WHEN 'reopened' THEN v.verdict IS NOT NULL AND NOT v.evidence_unchanged
        ELSE v.verdict = $verdict AND v.evidence_unchanged
      END"""
_LIST_SQL = f"""
SELECT f.finding_id, f.kind, f.scope, f.severity, f.entity, f.metric, f.qualifier,
       f.explanation, v.verdict, v.note, v.reviewer, v.reviewed_at, v.evidence_unchanged
FROM findings AS f LEFT JOIN finding_verdicts AS v USING (finding_id)
WHERE {_WHERE}
ORDER BY {_RANK} DESC, f.entity NULLS LAST, f.metric, f.qualifier, f.finding_id
LIMIT {PAGE_SIZE} OFFSET $offset
"""
_KINDS_SQL = "SELECT DISTINCT kind FROM findings WHERE status = 'open' ORDER BY 1"
_COUNT_SQL = f"""SELECT count(*) FROM findings AS f LEFT JOIN finding_verdicts AS v
USING (finding_id) WHERE {_WHERE}"""


@dataclass
class ReviewApp:
    """The review page's state: the warehouse, the two secrets and the templates."""

    db: Path
    wait: float = 30.0
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    env: Environment = field(init=False)

    def __post_init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("warehouse", "templates"),
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    @property
    def prefix(self) -> str:
        return f"/{self.token}/"

    def page(self, query: dict[str, str], message: str = "") -> tuple[int, str]:
        """The list of open findings matching the filters, one page of PAGE_SIZE."""
        filters = {k: query.get(k, "").strip()[:200] for k in ("severity", "kind", "verdict", "q")}
        try:
            number = max(1, int(query.get("page", "1") or 1))
        except ValueError:
            number = 1
        try:
            con = open_warehouse(self.db, read_only=True)
        except WarehouseLocked:
            return self.busy("the page could not be read")
        try:
            params = dict(filters, offset=(number - 1) * PAGE_SIZE)
            cursor = con.execute(_LIST_SQL, params)
            names = [d[0] for d in cursor.description]
            findings = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
            total = con.execute(_COUNT_SQL, filters).fetchall()[0][0]
            kinds = [
                r[0]
                for r in con.execute("SELECT DISTINCT kind FROM findings ORDER BY 1").fetchall()
            ]
            evidence = evidence_of(con, [f["finding_id"] for f in findings])
        finally:
            con.close()
        for f in findings:
            f["claims"] = evidence.get(f["finding_id"], [])
            f["state"] = "" if f["verdict"] is None else (
                "in force" if f["evidence_unchanged"] else "reopened"
            )  # fmt: skip
        pages = max(1, -(-total // PAGE_SIZE))
        return HTTPStatus.OK, self.render(
            findings=findings,
            total=total,
            number=number,
            pages=pages,
            filters=filters,
            kinds=kinds,
            severities=[s.value for s in sorted(Severity, key=lambda s: -s.rank)],
            verdicts=[v.value for v in Verdict],
            message=message,
            link=lambda n: self.prefix + "?" + _query(dict(filters, page=str(n))),
        )

    def review(self, form: dict[str, str]) -> tuple[int, str, str | None]:
        """Record a verdict from the page's form; (status, body, redirect location)."""
        if not secrets.compare_digest(form.get("csrf", ""), self.csrf):
            return HTTPStatus.FORBIDDEN, "The form is stale or forged (CSRF token).", None
        value_text = form.get("value", "").strip()
        try:
            value = float(value_text) if value_text else None
        except ValueError:
            return (*self.page({}, f"--value must be a number, not {value_text!r}"), None)
        try:
            con = open_for_review(self.db, self.wait)
        except WarehouseLocked:
            return (*self.busy("your verdict was NOT recorded"), None)
        try:
            review = record_review(
                con,
                form.get("finding_id", ""),
                form.get("verdict", ""),
                form.get("note", ""),
                form.get("by") or None,
                value,
            )
        except ReviewError as error:
            return (*self.page({}, f"Not recorded: {error}"), None)
        finally:
            con.close()
        saved = self.prefix + "?" + _query({"saved": review.finding_id, "q": review.finding_id})
        return HTTPStatus.SEE_OTHER, "", saved

    def busy(self, what: str) -> tuple[int, str]:
        text = (
            f"The warehouse {self.db} is busy: a crosscheck run is loading it, so {what}. "
            "Reload this page in a moment."
        )
        return HTTPStatus.SERVICE_UNAVAILABLE, self.render(
            findings=[], total=0, number=1, pages=1, kinds=[], severities=[], verdicts=[],
            filters={"severity": "", "kind": "", "verdict": "", "q": ""}, message=text,
            link=lambda n: self.prefix,
        )  # fmt: skip

    def render(self, **data: Any) -> str:
        return self.env.get_template("review.html.j2").render(
            **data, csrf=self.csrf, prefix=self.prefix, db=str(self.db)
        )

    def csp(self) -> str:
        """The page's policy (an HTTP header: frame-ancestors is ignored in a meta element)."""
        style = self.env.get_template("_report.css.j2").render()
        return (
            f"default-src 'none'; style-src '{_sha256(style)}'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'"
        )


def _failed(error: Exception) -> str:
    """A plain-text error page body (escaped: the message may quote scraped text)."""
    text = f"{type(error).__name__}: {error}"
    return (
        "<!DOCTYPE html><title>crosscheck review: error</title><pre>" + html.escape(text) + "</pre>"
    )


def _query(values: dict[str, str]) -> str:
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in values.items() if v)


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _handler(app: ReviewApp, origin: Callable[[], str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "crosscheck-review"

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the token is in every URL

        def _send(self, status: int, body: str, location: str | None = None) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            # same-origin: the browser then sends the Origin the POST check reads, and the
            # token in the URL never leaves for another site.
            self.send_header("Referrer-Policy", "same-origin")
            self.send_header("Content-Security-Policy", app.csp())
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/favicon.ico":
                self._send(HTTPStatus.NO_CONTENT, "")
                return
            if url.path != app.prefix:
                self._send(HTTPStatus.NOT_FOUND, "Not found.")
                return
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            saved = query.get("saved", "")
            message = f"Verdict recorded on {saved}." if saved else ""
            self._safely(lambda: app.page(query, message))

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            if url.path != app.prefix + "review":
                self._send(HTTPStatus.NOT_FOUND, "Not found.")
                return
            sent_from = self.headers.get("Origin")
            site = self.headers.get("Sec-Fetch-Site", "same-origin")
            if (sent_from is not None and sent_from != origin()) or site != "same-origin":
                self._send(HTTPStatus.FORBIDDEN, "Cross-origin form posts are refused.")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Form too large.")
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            form = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
            try:
                status, text, location = app.review(form)
            except Exception as error:  # one page's failure never stops the server
                status, text, location = HTTPStatus.INTERNAL_SERVER_ERROR, _failed(error), None
            self._send(status, text, location)

        def _safely(self, build: Callable[[], tuple[int, str]]) -> None:
            try:
                status, text = build()
            except Exception as error:  # one page's failure never stops the server
                status, text = HTTPStatus.INTERNAL_SERVER_ERROR, _failed(error)
            self._send(status, text)

    return Handler


def serve(
    db: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    wait: float = 30.0,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the review page until interrupted; `announce` gets the URL (with its token)."""
    if not Path(db).exists():
        raise WarehouseError(f"warehouse {db} does not exist; create it with `crosscheck run`")
    open_warehouse(db, read_only=True).close()  # a foreign or too old file fails here, not later
    app = ReviewApp(Path(db), wait)
    server: HTTPServer
    server = HTTPServer((host, port), _handler(app, lambda: origin))
    bound_host, bound_port = server.server_address[:2]
    if isinstance(bound_host, bytes):
        bound_host = bound_host.decode()
    origin = f"http://{bound_host}:{bound_port}"
    announce(f"review page: {origin}{app.prefix}  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        server.server_close()
