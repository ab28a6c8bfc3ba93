"""The local snapshot files: atomic writes through an exclusive temporary file beside the
target, whatever temporary files an earlier process left there."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from crosscheck.ingest import storage
from crosscheck.ingest.storage import LocalFiles


def test_write_creates_folders_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    files = LocalFiles(tmp_path)
    files.write("objects/ab/page.body", b"<html>one</html>", durable=False)
    files.write("objects/ab/page.body", b"<html>two</html>", durable=True)
    assert files.read("objects/ab/page.body") == b"<html>two</html>"
    assert files.exists("objects/ab/page.body")
    assert not files.exists("objects/ab")  # a folder is not a stored file
    assert os.listdir(tmp_path / "objects" / "ab") == ["page.body"]
    mode = stat.S_IMODE((tmp_path / "objects" / "ab" / "page.body").stat().st_mode)
    assert mode == 0o600  # as tempfile.mkstemp made it


def test_write_skips_temporary_names_already_taken(tmp_path: Path) -> None:
    """A temporary file left by a process that had this one's tag is never written into."""
    files = LocalFiles(tmp_path)
    files.write("index/a.json", b"{}", durable=False)  # the folder exists now
    serial = next(storage._TEMP_SERIAL)
    tag = storage._process_tag()
    stale = [tmp_path / "index" / f".b.json.{tag}-{serial + i}.tmp" for i in range(1, 4)]
    for path in stale:
        path.write_bytes(b"left behind")
    files.write("index/b.json", b'{"b": 1}', durable=False)
    assert files.read("index/b.json") == b'{"b": 1}'
    assert all(path.read_bytes() == b"left behind" for path in stale)


def test_failed_write_removes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = LocalFiles(tmp_path)

    def refuse(source: str, target: str) -> None:
        raise OSError("disk said no")

    monkeypatch.setattr(storage.os, "replace", refuse)
    with pytest.raises(OSError, match="disk said no"):
        files.write("objects/cd/page.body", b"body", durable=False)
    assert os.listdir(tmp_path / "objects" / "cd") == []


def test_a_forked_process_draws_a_new_tag() -> None:
    tag = storage._process_tag()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports its tag and leaves at once
        os.write(write, storage._process_tag().encode())
        os._exit(0)
    os.close(write)
    child = os.read(read, 200).decode()
    os.waitpid(pid, 0)
    os.close(read)
    assert child != tag
    assert child.startswith(f"{pid}-")
