"""Kept regular expressions are the patterns `re` builds: equal code, groups and matches; a bad
pattern fails as in `re`; a damaged or unwritable cache changes nothing but the time."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]

import pytest

from crosscheck.common import regex_cache
from crosscheck.common.regex_cache import _Kept, _kept_compile

PATTERNS = [
    (r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>[kKMG]B)\b", 0),
    (r"(?<!\w)(?:req(?:uests)?/s(?:ec)?|rps)(?!\w)", re.IGNORECASE),
    (r"^\s*(\w+)\s*[:=]\s*(.+?)\s*$", re.MULTILINE),
    (rb"\x00+(?P<tail>[^\x00]*)", 0),
    ("(?x) a  b  # verbose\n c", 0),
    ("(?i)straße|ÉTÉ", 0),
]
TEXTS = ["Size: 43 MB", "12,000 req/sec", "a = 1\nb: two  ", "abc", "STRASSE straße été"]


def _kept(path: Path) -> tuple[_Kept, object]:
    kept = _Kept(path)
    return kept, _kept_compile(kept, _compiler.compile)


def _same(made: re.Pattern[str], expected: re.Pattern[str]) -> None:
    assert made == expected  # the engine compares the pattern, flags and code
    assert (made.groups, dict(made.groupindex)) == (expected.groups, dict(expected.groupindex))


def test_kept_patterns_are_the_ones_re_builds(tmp_path: Path) -> None:
    path = tmp_path / "kept.pickle"
    kept, compile_kept = _kept(path)
    for pattern, flags in PATTERNS:
        _same(compile_kept(pattern, flags), _compiler.compile(pattern, flags))  # type: ignore[operator]
    kept.save()
    kept, compile_kept = _kept(path)  # a new process: every pattern from the file
    assert len(kept.known) == len(PATTERNS)
    for pattern, flags in PATTERNS:
        made = compile_kept(pattern, flags)  # type: ignore[operator]
        expected = _compiler.compile(pattern, flags)
        _same(made, expected)
        for text in TEXTS:
            sample: str | bytes = text.encode() if isinstance(pattern, bytes) else text
            assert [m.groupdict() or m.group() for m in made.finditer(sample)] == [
                m.groupdict() or m.group() for m in expected.finditer(sample)
            ]
    assert kept.added == {}


def test_a_bad_pattern_fails_as_in_re(tmp_path: Path) -> None:
    _, compile_kept = _kept(tmp_path / "kept.pickle")
    with pytest.raises(re.error, match="missing \\)"):
        compile_kept("(unclosed", 0)  # type: ignore[operator]


def test_a_damaged_file_or_an_unwritable_folder_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "kept.pickle"
    path.write_bytes(b"not a pickle")
    kept, compile_kept = _kept(path)
    pattern, flags = PATTERNS[0]
    _same(compile_kept(pattern, flags), _compiler.compile(pattern, flags))  # type: ignore[operator]
    blocked = tmp_path / "file" / "kept.pickle"
    (tmp_path / "file").write_text("a file where the cache folder would be")
    kept.path = blocked
    kept.save()  # no error


def test_the_command_keeps_and_reuses_its_patterns(tmp_path: Path) -> None:
    """Installed in a fresh process: the project's patterns are written at exit, and the next
    process compiles them from the file (the same patterns)."""
    code = (
        "import re, sys\nfrom crosscheck.common import regex_cache\n"
        "assert regex_cache.install()\n"
        "from crosscheck.ingest import spans\n"
        "from re import _compiler\n"
        "kept = next(c.cell_contents for c in _compiler.compile.__closure__"
        " if isinstance(c.cell_contents, regex_cache._Kept))\n"
        "print(len(kept.added), spans.FIGURE.pattern[:20])\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    second = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    added, head = first.stdout.split(maxsplit=1)
    again, same = second.stdout.split(maxsplit=1)
    # patterns joined from sets differ in each process; every other is read from the file
    assert int(added) > 2 * regex_cache.MIN_NEW and int(again) < regex_cache.MIN_NEW
    assert same == head
    assert len(list((tmp_path / "crosscheck" / "regex").glob("*.pickle"))) == 1
