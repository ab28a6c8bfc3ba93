"""A whole run over hostile inputs: it completes, every refused, cut or quarantined page says why
on its pages row, and a loopback URL is refused unless --allow-private-networks is given."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from crosscheck.cli import EXIT_OK, main
from tests.ingest.httpserver import LocalServer, html, serving

HEAD = "<html><head><title>Alpha vs Beta</title></head><body>"
TABLE = (
    "<table><tr><th>Metric</th><th>Alpha</th><th>Beta</th></tr>"
    "<tr><td>{label}</td><td>5 MB</td><td>7 MB</td></tr></table>"
)


def pages(db: Path) -> dict[str, tuple[str, str | None, int]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT source, status, error, claim_count FROM pages").fetchall()
    finally:
        con.close()
    return {os.path.basename(s): (status, error, n) for s, status, error, n in rows}


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as srv:
        yield srv


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks are POSIX")
def test_a_folder_of_hostile_pages_runs_and_every_page_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.html").write_text(HEAD + TABLE.format(label="Size") + "</body></html>")
    deep = HEAD + "<div>" * 600 + TABLE.format(label="Size") + "</div>" * 600 + "</body></html>"
    (folder / "deep.html").write_text(deep)
    xhtml = '<?xml version="1.0" encoding="utf-8"?>' + HEAD + TABLE.format(label="Disk")
    (folder / "xhtml.html").write_text(xhtml + "</body></html>")
    koi = '<html><head><meta charset="koi8-r"><title>Alpha vs Beta</title></head><body>'
    (folder / "koi.html").write_bytes((koi + TABLE.format(label="Size — RAM")).encode())
    os.mkfifo(folder / "pipe.html")
    with open(os.fsencode(folder) + b"/caf\xe9.html", "wb") as fh:  # not a UTF-8 name
        fh.write((HEAD + TABLE.format(label="Disk") + "</body></html>").encode())
    (folder / "leak.txt").symlink_to("/proc/self/environ")
    db = tmp_path / "w.duckdb"
    assert main(["run", str(folder), "--db", str(db), "--no-validate"]) == EXIT_OK
    rows = pages(db)
    assert rows["good.html"] == ("fetched", None, 2)
    assert rows["xhtml.html"][2] == 2  # XHTML is parsed, not silently empty
    status, error, claims = rows["deep.html"]
    assert status == "fetched"
    assert claims == 0 and error == "quarantined: elements nested deeper than 400 levels"
    assert rows["koi.html"][1] == (
        "encoding: declared charset koi8-r but the bytes are UTF-8; decoded as UTF-8"
    )
    assert rows["pipe.html"] == ("failed", "refused: a FIFO, not a regular file", 0)
    assert rows["leak.txt"] == ("failed", "refused: symlink leads outside the source folder", 0)
    assert rows["caf\\xe9.html"] == ("fetched", None, 2)


def test_a_loopback_url_is_refused_unless_allowed(server: LocalServer, tmp_path: Path) -> None:
    server.route("/page", html(HEAD + TABLE.format(label="Size") + "</body></html>"))
    local = tmp_path / "local.html"  # a page with figures beside the URL
    local.write_text(HEAD + TABLE.format(label="Disk") + "</body></html>")
    db = tmp_path / "w.duckdb"
    assert main(["run", server.url("/page"), str(local), "--db", str(db), "--no-validate"]) == 0
    assert server.seen == []  # nothing was asked of the loopback server, not even robots.txt
    status, error, _ = pages(db)["page"]
    assert status == "failed" and error is not None
    assert error.startswith("refused: 127.0.0.1 is a loopback address")
    allowed = tmp_path / "allowed.duckdb"
    code = main(
        ["run", server.url("/page"), "--db", str(allowed), "--no-validate",
         "--allow-private-networks"]
    )  # fmt: skip
    assert code == EXIT_OK
    assert pages(allowed)["page"] == ("fetched", None, 2)


def test_the_config_file_sets_the_fetch_guard_and_deadlines(tmp_path: Path) -> None:
    from crosscheck.cli import build_parser
    from crosscheck.commands import build_run_config
    from crosscheck.errors import ConfigError

    config = tmp_path / "crosscheck.toml"
    config.write_text(
        "[fetch]\nallow_private_networks = true\ntotal_timeout = 12.5\nhost_budget = 90\n"
    )
    args = build_parser().parse_args(["run", "--config", str(config), str(tmp_path)])
    run_config, _ = build_run_config(args)
    fetch = run_config.fetch  # type: ignore[attr-defined]
    assert (fetch.allow_private_networks, fetch.total_timeout, fetch.host_budget) == (
        True,
        12.5,
        90,
    )
    args = build_parser().parse_args(["run", str(tmp_path), "--allow-private-networks"])
    assert build_run_config(args)[0].fetch.allow_private_networks is True  # type: ignore[attr-defined]
    assert (
        build_run_config(build_parser().parse_args(["run", str(tmp_path)]))[
            0
        ].fetch.allow_private_networks
        is False
    )  # type: ignore[attr-defined]
    config.write_text("[fetch]\nhost_budget = 0\n")
    args = build_parser().parse_args(["run", "--config", str(config), str(tmp_path)])
    with pytest.raises(ConfigError, match="host_budget"):
        build_run_config(args)
