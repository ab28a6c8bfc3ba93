"""Reviewer reports from the warehouse: a self-contained offline HTML file, or a Markdown summary.

Scraped text is data: templates autoescape every value (no `|safe`, no Markup built from data),
the only script is static and pinned by a CSP hash, and JS reads data from escaped data- attributes.
What helps a reviewer decide whom to believe lives in warehouse.report_review; what the report
reads from the warehouse, in warehouse.report_collect and warehouse.report_findings. See
docs/report.md.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import duckdb
from crosscheck.warehouse.errors import WarehouseError
from crosscheck.warehouse.report_chart import interval_text as interval_text  # re-exported
from crosscheck.warehouse.report_chart import number_text as number_text  # re-exported
from crosscheck.warehouse.report_chart import unit_text as unit_text  # re-exported
from crosscheck.warehouse.report_collect import CHANGE_ROWS as CHANGE_ROWS  # re-exported
from crosscheck.warehouse.report_collect import MATRIX_CELLS as MATRIX_CELLS  # re-exported
from crosscheck.warehouse.report_collect import QUARANTINE_ROWS as QUARANTINE_ROWS  # re-exported
from crosscheck.warehouse.report_collect import collect
from crosscheck.warehouse.report_findings import http_url as http_url  # re-exported
from crosscheck.warehouse.report_island import INLINE_LIMIT, PAGE_SIZE
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

__all__ = ["ReportError", "render_report", "write_report"]

ReportFormat = Literal["html", "md"]
MD_TOP = 20
_MD_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&])")  # mid-line Markdown (GFM) syntax characters


class ReportError(WarehouseError):
    """The report could not be read from the warehouse or written to its file."""


def _env() -> Environment:
    """Autoescape everything but the Markdown template; a missing variable is an error, not ''."""
    env = Environment(
        loader=PackageLoader("crosscheck.warehouse", "templates"),
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"), disabled_extensions=("md.j2",), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Compiled templates kept between processes (a private per-user temp folder, checked
        # against the template's source): compiling them took ~0.1 s of every run's report.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["md"] = md_escape
    return env


def write_report(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    fmt: ReportFormat = "html",
    inline_limit: int = INLINE_LIMIT,
) -> Path:
    """Render the report of the warehouse behind `con` into `out` (atomically) and return `out`."""
    chunks = report_chunks(con, fmt, inline_limit)  # read before the file is created
    out = Path(out)
    tmp: str | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = str(out.parent / f".{out.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            # written as the template renders: a large report never exists as one string
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise ReportError(f"cannot write report {out}: {exc.strerror or exc}") from exc
    except BaseException:  # the template failed while rendering: no half-written file stays
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    return out


def render_report(
    con: duckdb.DuckDBPyConnection, fmt: ReportFormat = "html", inline_limit: int = INLINE_LIMIT
) -> str:
    """The report as text: `html` for reviewers, `md` for CI comments and chat. Above
    `inline_limit` open findings the HTML carries them as a JSON document it pages through."""
    return "".join(report_chunks(con, fmt, inline_limit))


def report_chunks(
    con: duckdb.DuckDBPyConnection, fmt: ReportFormat = "html", inline_limit: int = INLINE_LIMIT
) -> Iterator[str]:
    """`render_report`'s text in the pieces the template renders. The warehouse is read (and
    a ReportError raised) before the first piece is asked for."""
    if fmt not in ("html", "md"):
        raise ReportError(f"unknown report format {fmt!r}; choose html or md")
    try:
        data = collect(con, None if fmt == "md" else inline_limit)
    except duckdb.Error as exc:
        raise ReportError(f"cannot read the warehouse for the report: {exc}") from exc
    env = _env()
    if fmt == "md":
        return iter([env.get_template("report.md.j2").render(**data, md_top=MD_TOP)])
    style = env.get_template("_report.css.j2").render()
    script = env.get_template("_report.js.j2").render()
    csp = (
        "default-src 'none'; "
        f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    page = env.get_template("report.html.j2").generate(**data, csp=csp, island_page=PAGE_SIZE)
    return itertools.chain(page, ["\n"])


def _sha256(text: str) -> str:
    """A CSP source hash of an inline element's exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def md_escape(value: object) -> str:
    """Scraped text made inert in Markdown: active characters backslash-escaped, one line."""
    text = "" if value is None else str(value)
    return " ".join(_MD_ACTIVE.sub(r"\\\1", text).split())


# --- reading the warehouse ------------------------------------------------------------------
