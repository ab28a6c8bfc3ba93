"""The folder walk that lists pages as it goes (ingest.source_walk) gives the order of sorting
every relative path, and the run hands its pages out without a list of them."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from crosscheck.ingest.decode import PAGE_EXTENSIONS
from crosscheck.ingest.source_specs import count_sources, expand_sources, iter_sources
from crosscheck.ingest.source_walk import walk_pages


def _sorted_walk(folder: Path) -> list[str]:
    """The listing the walk replaced: every page file, then one sort of the relative paths."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath) / name
            if not name.startswith(".") and path.suffix.lower() in PAGE_EXTENSIONS:
                found.append((path.relative_to(folder).as_posix(), path))
    return [str(path) for _, path in sorted(found)]


def _tree(root: Path) -> None:
    """Names whose order a per-folder sort gets wrong unless a folder counts as `name/`: a
    folder `a` beside files `a.html`, `a-b.html`, `a0.html`, `a b/`; nested folders; hidden,
    non-page and upper-case names; a folder symlink (listed, not followed) and a broken one."""
    for rel in (
        "a.html", "a-b.html", "a0.html", "a/x.html", "a/b/z.md", "a/b.txt", "a b/y.htm",
        "ab/q.html", "A.HTML", "z.html", "notes.pdf", ".hidden.html", ".git/c.html",
        "a/.cache/d.html", "m/n/o/p.html", "m/n.html", "m-n/o.html", "émoji/é.html",
    ):  # fmt: skip
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>1 ms</p>", encoding="utf-8")
    (root / "linked").symlink_to(root / "m", target_is_directory=True)
    (root / "gone.html").symlink_to(root / "nowhere.html")


@pytest.mark.parametrize("spelled", ["", "/", "/./"])
def test_the_walk_lists_what_one_sort_of_every_path_listed(tmp_path: Path, spelled: str) -> None:
    root = tmp_path / "pages"
    _tree(root)
    expected = _sorted_walk(root)
    assert len(expected) == 15
    assert list(walk_pages(str(root))) == expected
    specs = expand_sources([str(root) + spelled])
    assert [s.location for s in specs] == expected
    assert {s.root for s in specs} == {str(root)}


def test_the_walk_of_the_working_folder_names_relative_paths(tmp_path: Path) -> None:
    _tree(tmp_path)
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert list(walk_pages(".")) == _sorted_walk(Path("."))
        assert [s.location for s in expand_sources(["."])][:2] == ["A.HTML", "a b/y.htm"]
    finally:
        os.chdir(here)


def test_overlapping_specs_keep_their_first_page_and_count_alike(tmp_path: Path) -> None:
    _tree(tmp_path / "p")
    inner, page = str(tmp_path / "p" / "a"), str(tmp_path / "p" / "z.html")
    specs = [inner, page, str(tmp_path / "p"), page]
    listed = [s.location for s in expand_sources(specs)]
    assert len(listed) == len(set(listed)) == 15
    assert listed[:4] == [f"{inner}/b.txt", f"{inner}/b/z.md", f"{inner}/x.html", page]
    assert count_sources(specs) == 15


def test_handing_pages_out_holds_no_list_of_them(tmp_path: Path) -> None:
    """The lazy walk's memory is one folder's names, not a SourceSpec a page: 4,000 pages in
    40 folders, walked in full, peak well under the list's ~1.5 MB."""
    root = tmp_path / "many"
    for folder in range(40):
        (root / f"s{folder:02d}").mkdir(parents=True)
        for page in range(100):
            (root / f"s{folder:02d}" / f"page-{page:04d}.html").touch()
    tracemalloc.start()
    try:
        walked = sum(1 for _ in iter_sources([str(root)]))
        _, lazy = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        listed = len(expand_sources([str(root)]))
        _, whole = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert walked == listed == 4000
    assert lazy < whole / 10, (lazy, whole)
