"""A corpus folder is cleared of an older corpus, and a folder of anything else is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus_dir import clear_corpus


def _corpus(root: Path, marker: str) -> None:
    (root / "site-00").mkdir(parents=True)
    (root / "site-00" / "page.html").write_text("<p>1</p>", encoding="utf-8")
    (root / marker).write_text("{}", encoding="utf-8")


def test_an_older_corpus_is_removed(tmp_path: Path) -> None:
    _corpus(tmp_path, "truth.json")
    clear_corpus(tmp_path, "truth.json", "benchmark corpus")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_holding_anything_else_is_refused_untouched(tmp_path: Path) -> None:
    _corpus(tmp_path, "manifest.json")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"not a real-shaped corpus .*notes\.txt"):
        clear_corpus(tmp_path, "manifest.json", "real-shaped corpus")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "notes.txt", "site-00"]


def test_a_missing_folder_is_nothing_to_clear(tmp_path: Path) -> None:
    clear_corpus(tmp_path / "absent", "truth.json", "benchmark corpus")
    assert not (tmp_path / "absent").exists()
