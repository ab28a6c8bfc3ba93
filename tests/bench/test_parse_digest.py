"""bench.parse_digest: the same pages give the same digest; a changed figure changes it."""

from __future__ import annotations

from pathlib import Path

from bench.parse_digest import digest, main

_PAGE = (
    "Flask vs FastAPI\n\n| Metric | Flask | FastAPI |\n|---|---|---|\n| Stars | {a} | 70,000+ |\n"
)


def test_the_digest_is_stable_and_moves_with_a_claim(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(_PAGE.format(a="68,000+"), encoding="utf-8")
    first = digest(str(tmp_path))
    assert first[1:3] == (1, 2)  # one page, two claims
    assert digest(str(tmp_path))[0] == first[0]
    (tmp_path / "a.md").write_text(_PAGE.format(a="69,000+"), encoding="utf-8")
    assert digest(str(tmp_path))[0] != first[0]


def test_a_missing_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
