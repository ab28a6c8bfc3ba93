"""bench.chunk_cpu: CPU a page per step of the parse task, and a digest that moves with a claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.chunk_cpu import main

_PAGE = (
    "Flask vs FastAPI\n\n| Metric | Flask | FastAPI |\n|---|---|---|\n| Stars | {a} | 70,000+ |\n"
)


def test_steps_are_timed_and_the_digest_moves_with_a_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text(_PAGE.format(a="68,000+"), encoding="utf-8")
    assert main([str(tmp_path), "--passes", "1"]) == 0
    timed = capsys.readouterr().out
    assert "'parse'" in timed and "'contracts'" in timed and "'normalize'" in timed
    assert main([str(tmp_path), "--digest"]) == 0
    first = capsys.readouterr().out
    assert main([str(tmp_path), "--digest"]) == 0
    assert capsys.readouterr().out == first
    (tmp_path / "a.md").write_text(_PAGE.format(a="69,000+"), encoding="utf-8")
    assert main([str(tmp_path), "--digest"]) == 0
    assert capsys.readouterr().out != first


def test_the_page_cut_is_timed_hashed_and_profiled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.md").write_text(_PAGE.format(a="68,000+"), encoding="utf-8")
    profile = tmp_path / "out.prof"
    assert main([str(pages), "--passes", "1", "--page-cut", "--profile", str(profile)]) == 0
    timed = capsys.readouterr().out
    assert "'page_checks'" in timed and "'shingles'" in timed and profile.stat().st_size > 0
    assert main([str(pages), "--digest", "--page-cut"]) == 0
    assert "'page_cut'" in capsys.readouterr().out
