"""The real-shaped benchmark corpus (bench.realshaped): the real pages' shapes with entities
renamed and figures varied. Inputs here are invented strings; the corpus test reads the shared
real pages (../shared) into a temporary folder, as the benchmark does at bench time."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from crosscheck.ingest.parse import parse_snapshot

from bench.realshaped import MANIFEST, generate, load_templates, rename, vary_figures
from crosscheck.contracts import Snapshot
from tests.conftest import SHARED_DIR

REAL = SHARED_DIR / "real-pages"


def test_rename_replaces_whole_names_in_any_case_longest_first() -> None:
    text = "Quuxly beats quuxly-pro; QUUXLY PRO, Quuxly Pro. See example.org/quuxly, Quuxlyfy."
    out = rename(text, {"quuxly": "Zentor", "quuxly pro": "Vimora"})
    # a hyphenated name ("quuxly-pro"), a URL path and a longer word are other things
    assert out == "Zentor beats quuxly-pro; VIMORA, Vimora. See example.org/quuxly, Quuxlyfy."


def test_vary_figures_keeps_formats_years_and_small_numbers() -> None:
    text = "head line 12,345\nIn 2024 the 3 nodes served 12,345 req/s at 17.87 ms (x86, v24.18.0)."
    out = vary_figures(text, random.Random(1))
    first, second = out.split("\n")
    assert first == "head line 12,345"  # the first line (where the page came from) is kept
    assert second.startswith("In 2024 the 3 nodes served ")
    assert "(x86, v24.18.0)" in second
    served = second.split("served ")[1].split(" req/s")[0]
    latency = second.split("at ")[1].split(" ms")[0]
    assert served != "12,345" and "," in served and served.replace(",", "").isdigit()
    assert 0.75 * 12345 <= int(served.replace(",", "")) <= 1.33 * 12345
    assert latency != "17.87" and len(latency.split(".")[1]) == 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (REAL / "key.json").is_file():
        pytest.fail(f"real pages not found at {REAL}; set CROSSCHECK_SHARED")
    out = tmp_path_factory.mktemp("realshaped") / "corpus"
    generate(out, 90, seed=3, real_dir=REAL)
    return out


def _pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def test_corpus_has_every_shape_and_is_reproducible(corpus: Path, tmp_path: Path) -> None:
    pages = _pages(corpus)
    templates = load_templates(REAL)
    assert len(pages) == 90
    manifest = json.loads((corpus / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["per_template"]) == {t.name for t in templates}  # 90 > 40 templates
    again = tmp_path / "again"
    generate(again, 90, seed=3, real_dir=REAL)
    assert [p.read_bytes() for p in _pages(again)] == [p.read_bytes() for p in pages]


def test_pages_differ_from_their_template_but_parse_to_claims(corpus: Path) -> None:
    by_name = {t.name: t for t in load_templates(REAL)}
    with_claims = 0
    for page in _pages(corpus):
        stem = page.stem.rsplit("-", 1)[0]
        template = by_name[stem + page.suffix]
        text = page.read_text(encoding="utf-8")
        assert text != template.text, page.name
        content = "text/markdown" if page.suffix == ".md" else "text/plain"
        parsed = parse_snapshot(Snapshot(str(page), "0" * 64, text, content, "2026-01-01"))
        with_claims += bool(parsed.claims)
    assert with_claims >= 0.9 * 90  # the shapes survive renaming: pages still give figures
