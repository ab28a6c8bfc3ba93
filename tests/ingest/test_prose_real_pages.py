"""The real pages, read at claim level by the shared scorer: the prose shapes hold up.

Claims are scored as if they were facts (entity = entity_raw), so what normalize does later
cannot hide an extraction regression. Thresholds sit just under what the branch measured.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from crosscheck.ingest.decode import sniff_content_type
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot
from tests.conftest import SHARED_DIR

PAGES = SHARED_DIR / "real-pages"
SCORER = SHARED_DIR / "tools" / "score_real_pages.py"
PROSE_PAGES = ("03", "04", "12", "13", "14", "16", "21", "23", "25", "28", "37", "38")


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not PAGES.is_dir() or not SCORER.is_file():
        pytest.skip(f"the real pages or the scorer are not under {SHARED_DIR}")
    key = json.loads((PAGES / "key.json").read_text(encoding="utf-8"))["pages"]
    rows = []
    for name in sorted(key):
        path = PAGES / name
        text = path.read_text(encoding="utf-8")
        page = parse_snapshot(
            Snapshot(str(path), "sha", text, sniff_content_type(name, None), "now")
        )
        rows += [{**claim, "entity": claim["entity_raw"]} for claim in page.claims]
    work = tmp_path_factory.mktemp("prose-real")
    claims, empty, out = work / "claims.json", work / "empty.json", work / "scores.json"
    claims.write_text(json.dumps(rows), encoding="utf-8")
    empty.write_text("[]", encoding="utf-8")
    args = ["--claims", claims, "--facts", claims, "--findings", empty, "--json", out]
    run = subprocess.run(
        [sys.executable, str(SCORER), "--pages", str(PAGES), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_prose_pages_figures_are_found_on_their_entity(scores: dict) -> None:
    pages = [p for name, p in scores["pages"].items() if name[:2] in PROSE_PAGES]
    figures = sum(p["figures"] for p in pages)
    assert sum(p["found"] for p in pages) >= 0.85 * figures
    assert sum(p["attributed"] for p in pages) >= 0.78 * figures
    assert sum(p["not_figures_extracted"] for p in pages) <= 2


def test_stated_comparisons_keep_their_number_and_mark(scores: dict) -> None:
    summary = scores["summary"]
    assert summary["relations_extracted"] >= 0.75 * summary["relations"]
    prose = [p for name, p in scores["pages"].items() if name[:2] in PROSE_PAGES]
    assert sum(p["relations_extracted"] for p in prose) >= sum(p["relations"] for p in prose) - 1


def test_no_real_page_is_silently_empty() -> None:
    if not PAGES.is_dir():
        pytest.skip(f"the real pages are not at {PAGES}")
    for path in sorted(PAGES.glob("[0-9][0-9]_*")):
        text = path.read_text(encoding="utf-8")
        page = parse_snapshot(
            Snapshot(str(path), "sha", text, sniff_content_type(path.name, None), "now")
        )
        assert page.claims or page.empty_reason, path.name
