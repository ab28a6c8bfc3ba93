"""bench.parse_ab: two checkouts' parsers side by side, and the pages whose result differs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.parse_ab import main

_ROOT = Path(__file__).resolve().parents[2]
_PAGE = (
    "Flask vs FastAPI\n\n| Metric | Flask | FastAPI |\n|---|---|---|\n"
    "| Stars | 68,000+ | 70,000+ |\n"
)


def test_the_same_parser_agrees_and_a_changed_one_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.md").write_text(_PAGE, encoding="utf-8")
    assert main([str(pages), str(_ROOT), str(_ROOT), "--passes", "1"]) == 0
    out = capsys.readouterr().out
    assert "pages 1" in out and "differing 0" in out
    changed = tmp_path / "changed"
    shutil.copytree(_ROOT / "ingest", changed / "ingest")
    extract = changed / "ingest" / "extract.py"
    source = extract.read_text(encoding="utf-8")
    assert '"label": clean_label,' in source
    changed_source = source.replace('"label": clean_label,', '"label": clean_label + "!",')
    extract.write_text(changed_source, encoding="utf-8")
    assert main([str(pages), str(_ROOT), str(changed), "--passes", "1"]) == 1
    assert "differing 1" in capsys.readouterr().out
