"""The packaged TOML files are parsed once per content: an edited file is read anew, a cache
that cannot be written or read changes nothing but the time."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.common import toml_cache

BIG = "version = 'v1'\n" + "".join(
    f"[[entity]]\nname = 'n{i}'\naliases = ['a{i}']\n" for i in range(300)
)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    toml_cache._pickled.cache_clear()
    yield tmp_path / "cache"
    toml_cache._pickled.cache_clear()


def test_a_parsed_file_is_kept_and_read_back_as_tomllib_reads_it(_own_cache: Path) -> None:
    assert len(BIG) >= toml_cache.MIN_CACHED_CHARS
    first = toml_cache.loads(BIG)
    kept = list((_own_cache / "crosscheck" / "toml").glob("*.pickle"))
    assert first == tomllib.loads(BIG) and len(kept) == 1
    toml_cache._pickled.cache_clear()  # a new process: read from the file
    assert toml_cache.loads(BIG) == first


def test_an_edited_file_is_parsed_again() -> None:
    assert toml_cache.loads(BIG)["version"] == "v1"
    edited = BIG.replace("version = 'v1'", "version = 'v2'")
    assert toml_cache.loads(edited)["version"] == "v2"
    assert toml_cache.loads(edited)["entity"][299] == {"name": "n299", "aliases": ["a299"]}


def test_each_caller_gets_its_own_copy() -> None:
    toml_cache.loads(BIG)["entity"].clear()
    assert len(toml_cache.loads(BIG)["entity"]) == 300


def test_a_damaged_cache_file_or_an_unwritable_folder_changes_nothing(
    _own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml_cache.loads(BIG)
    (kept,) = (_own_cache / "crosscheck" / "toml").glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    toml_cache._pickled.cache_clear()
    assert toml_cache.loads(BIG) == tomllib.loads(BIG)
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/no-such-folder")
    toml_cache._pickled.cache_clear()
    assert toml_cache.loads(BIG) == tomllib.loads(BIG)


def test_a_text_that_is_no_toml_raises_as_tomllib_does() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        toml_cache.loads("not toml [" + " " * 5000)


def test_the_packaged_vocabulary_reads_an_edited_copy(tmp_path: Path) -> None:
    """A vocabulary file edited between two loads is seen (the cache is keyed by content)."""
    from crosscheck.normalize.vocabulary import load_vocabulary
    from crosscheck.normalize.vocabulary_io import packaged_data

    text = packaged_data("metrics.toml").read_text("utf-8")
    copy = tmp_path / "metrics.toml"
    copy.write_text(text, encoding="utf-8")
    before = load_vocabulary(copy)
    version = before.version
    copy.write_text(text.replace(f'"{version}"', '"edited-1"', 1), encoding="utf-8")
    after = load_vocabulary(copy)
    assert after.version == "edited-1" and len(after.metrics) == len(before.metrics)
