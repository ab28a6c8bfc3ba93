"""pint's answers about unit words are kept between processes: read back as pint gave them,
asked again when the asking code changes, and a cache that cannot be read or written changes
nothing but the time."""

from __future__ import annotations

from pathlib import Path

import pytest
from crosscheck.normalize import units
from crosscheck.normalize.unit_answers import Answers

from crosscheck.common import units as common_units

QUESTIONS = ("KB", "req/s", "minutes", "Mb/s", "furlongs", "GiB", "stars and forks", "ms")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "crosscheck" / "units"


def _askers() -> tuple[str, ...]:
    return (units.__file__, common_units.__file__)


def _asked(answers: Answers, asked: list[str]) -> dict[str, object]:
    def ask(question: str) -> object:
        asked.append(question)
        return units._ask_pint(question)

    return {q: answers.answer(q, ask) for q in QUESTIONS}


def test_answers_are_kept_and_read_back_as_pint_gave_them(_own_cache: Path) -> None:
    asked: list[str] = []
    first = _asked(Answers(_askers()), asked)
    assert first == {q: units._ask_pint(q) for q in QUESTIONS} and asked == list(QUESTIONS)
    assert first["KB"] == units.UnitInfo("bytes", "B", 1000.0) and first["furlongs"] is None
    Answers(_askers()).save()  # nothing added: nothing written
    assert not _own_cache.exists()
    answers = Answers(_askers())
    _asked(answers, asked)
    answers.save()  # as at a process's exit
    assert len(list(_own_cache.glob("*.pickle"))) == 1
    asked.clear()
    assert _asked(Answers(_askers()), asked) == first and asked == []  # a new process


def test_edited_asking_code_is_asked_again(tmp_path: Path, _own_cache: Path) -> None:
    answers = Answers(_askers())
    _asked(answers, [])
    answers.save()
    edited = tmp_path / "units.py"
    edited.write_text(Path(units.__file__).read_text() + "\n# KB is 1024 bytes now\n")
    asked: list[str] = []
    _asked(Answers((str(edited), common_units.__file__)), asked)
    assert asked == list(QUESTIONS)


def test_a_damaged_file_or_an_unwritable_folder_changes_nothing(
    tmp_path: Path, _own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(_askers())
    expected = _asked(answers, [])
    answers.save()
    (kept,) = _own_cache.glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    assert _asked(Answers(_askers()), []) == expected
    (tmp_path / "blocked").write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    blocked = Answers(_askers())
    assert _asked(blocked, []) == expected
    blocked.save()  # no error
