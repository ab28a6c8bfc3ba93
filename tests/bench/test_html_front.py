"""bench.html_front: CPU a page of each phase of the HTML front, on a folder's HTML pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.html_front import PHASES, main

_PAGE = (
    "<html><head><title>Flask vs FastAPI</title></head><body><h1>Flask vs FastAPI</h1>"
    "<table><tr><th>Metric</th><th>Flask</th><th>FastAPI</th></tr>"
    "<tr><td>Stars</td><td>68,000+</td><td>70,000+</td></tr></table></body></html>"
)


def test_every_phase_is_timed_on_the_html_pages_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.html").write_text(_PAGE, encoding="utf-8")
    (tmp_path / "b.md").write_text("Flask vs FastAPI\n\nStars: 68,000+", encoding="utf-8")
    assert main([str(tmp_path), "--passes", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 HTML pages" in out
    assert all(f"'{phase}'" in out for phase in (*PHASES, "libxml2", "front"))


def test_a_folder_without_html_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.md").write_text("Flask vs FastAPI\n\nStars: 68,000+", encoding="utf-8")
    assert main([str(tmp_path), "--passes", "1"]) == 1
    assert "no HTML page" in capsys.readouterr().out


def test_two_checkouts_are_timed_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.html_front_ab import main as side_by_side

    (tmp_path / "a.html").write_text(_PAGE, encoding="utf-8")
    here = str(Path(__file__).resolve().parents[2])
    assert side_by_side([str(tmp_path), here, here, "--passes", "1"]) == 0
    out = capsys.readouterr().out
    assert "'before'" in out and "'after'" in out and "after/before" in out
