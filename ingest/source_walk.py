"""A folder's page files, listed as they are walked: in the order of their sorted relative paths,
without ever holding the whole list.

A run of 50,000 page files held one SourceSpec a page through its parse (~470 bytes a page,
~38 MiB at the walk's peak), only to hand them out in order. Sorting each folder's entries,
a sub-folder's name taken as ``name/`` (the prefix of every path under it), and descending into
the sub-folders in that order gives the very order of sorting all relative paths: two paths
first differ inside one folder's entries, where ``/`` compares as it does in the whole path.
At most one folder's names per level are held at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from crosscheck.ingest.decode import PAGE_EXTENSIONS


def _entries(folder: str) -> list[tuple[str, bool]]:
    """A folder's (name, is a folder) entries as os.walk lists them: an error while listing
    drops the folder, an entry whose type cannot be read is a file."""
    found: list[tuple[str, bool]] = []
    try:
        listing = os.scandir(folder)
    except OSError:
        return []
    with listing:
        while True:
            try:
                entry = next(listing)
            except StopIteration:
                break
            except OSError:
                return []
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            found.append((entry.name, is_dir))
    return found


def _is_page(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in PAGE_EXTENSIONS


def walk_pages(folder: str) -> Iterator[str]:
    """The page files under `folder` (as `os.walk` sees them: hidden entries skipped, folder
    symlinks listed but not followed), each as `folder` joined with its relative path, in the
    order of the sorted relative paths."""
    prefix = "" if folder == "." else folder if folder.endswith("/") else folder + "/"
    yield from _walk(folder, prefix)


def _walk(folder: str, prefix: str) -> Iterator[str]:
    keyed = sorted(
        (name + "/" if is_dir else name, is_dir)
        for name, is_dir in _entries(folder)
        if not name.startswith(".") and (is_dir or _is_page(name))
    )
    for key, is_dir in keyed:
        if not is_dir:
            yield prefix + key
            continue
        path = os.path.join(folder, key[:-1])
        if not os.path.islink(path):  # os.walk's followlinks=False
            yield from _walk(path, prefix + key)
