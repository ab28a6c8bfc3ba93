"""bench.function_ab: one function's CPU in two parsers side by side; a side whose function
does more work shows it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bench.function_ab import main

_ROOT = Path(__file__).resolve().parents[2]
_PAGE = "Flask vs FastAPI\n\nFlask serves 1,200 requests per second and FastAPI 3,400.\n"


def test_a_slower_function_reads_slower(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.md").write_text(_PAGE, encoding="utf-8")
    slow = tmp_path / "slow"
    shutil.copytree(_ROOT / "ingest", slow / "ingest")
    prose = slow / "ingest" / "prose.py"
    source = prose.read_text(encoding="utf-8")
    anchor = "    lex = state.lex\n    scans = sentence_text(text, lex)\n"
    assert anchor in source
    busy = "    sum(i * i for i in range(3_000_000))  # the test's extra work\n"
    prose.write_text(source.replace(anchor, busy + anchor), encoding="utf-8")
    argv = [str(pages), str(_ROOT), str(slow), "prose:_read_sentence", "--passes", "1"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    found = re.search(r"b/a (\d+\.\d+)", out)
    assert found is not None and "pages 1" in out
    assert float(found.group(1)) > 1.5
