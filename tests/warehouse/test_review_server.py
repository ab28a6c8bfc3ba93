"""`crosscheck serve` over HTTP (no browser): the token guards every URL, forged or
cross-origin posts are refused, scraped text is escaped, and a busy warehouse is said so."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import duckdb
import pytest

from crosscheck.cli import EXIT_OK, main
from tests.warehouse.report_data import SCRIPT, build_warehouse
from tests.warehouse.serving import served


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url: str) -> tuple[int, str]:
    try:
        with _OPENER.open(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _post(url: str, form: dict[str, str], origin: str | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url + "review", data=data, method="POST")
    if origin:
        request.add_header("Origin", origin)
    return _get(request)  # type: ignore[arg-type]


def _csrf(page: str) -> str:
    marker = 'name="csrf" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def _verdicts(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert main(["review", "list", "--db", str(db), "--format", "json"]) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def test_token_csrf_origin_escaping_and_busy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = build_warehouse(tmp_path / "w.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    finding = con.execute(
        "SELECT finding_id FROM findings WHERE status = 'open' ORDER BY 1"
    ).fetchall()[0][0]
    con.close()
    with served(db, "--wait", "1") as url:
        root = url.split("/", 3)
        origin = f"{root[0]}//{root[2]}"
        assert _get(f"{origin}/not-the-token/")[0] == 404
        status, page = _get(url)
        assert status == 200 and SCRIPT not in page and "&lt;script&gt;" in page
        assert "<script" not in page
        csrf = _csrf(page)
        form = {"csrf": csrf, "finding_id": finding, "verdict": "dismissed", "note": SCRIPT}
        assert _post(url, dict(form, csrf="forged"))[0] == 403
        assert _post(url, form, origin="http://evil.example")[0] == 403
        assert _verdicts(db, capsys) == []
        status, _ = _post(url, form, origin=origin)
        assert status == 303
        [verdict] = _verdicts(db, capsys)
        assert (verdict["finding_id"], verdict["verdict"], verdict["note"]) == (
            finding,
            "dismissed",
            SCRIPT,
        )
        status, page = _get(url + "?q=" + finding)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and SCRIPT not in page
        # A run holding the warehouse: the write waits --wait seconds, then says so.
        writer = duckdb.connect(str(db))
        try:
            status, page = _post(url, dict(form, verdict="expected"), origin=origin)
        finally:
            writer.close()
        assert status == 503 and "busy" in page and "NOT recorded" in page
        assert len(_verdicts(db, capsys)) == 1
