"""Hostile source folders: FIFOs and devices refused, symlinks kept inside the folder, file names
that are not UTF-8 kept; each refusal is one failed page with its reason, never a stalled run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from crosscheck.ingest.fetch import FetchConfig
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import collect_snapshots, read_file

from crosscheck.common.contracts import PageStatus

PAGE = "<table><tr><th>Metric</th><th>Alpha</th></tr><tr><td>Size</td><td>5 MB</td></tr></table>"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks are POSIX")


def by_name(snapshots) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {os.path.basename(s.source): s for s in snapshots}


def test_a_fifo_in_a_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.html").write_text(PAGE, encoding="utf-8")
    os.mkfifo(folder / "pipe.html")  # no writer: a plain open() would block forever
    snaps = by_name(collect_snapshots([str(folder)], FetchConfig(), SnapshotStore(tmp_path / "s")))
    pipe, good = snaps["pipe.html"], snaps["good.html"]
    assert pipe.status is PageStatus.FAILED  # type: ignore[attr-defined]
    assert pipe.error == "refused: a FIFO, not a regular file"  # type: ignore[attr-defined]
    assert good.status is PageStatus.FETCHED  # type: ignore[attr-defined]


def test_a_symlink_out_of_the_folder_is_refused_and_one_inside_is_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("API_KEY=hunter2 uptime 99%", encoding="utf-8")
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "real.html").write_text(PAGE, encoding="utf-8")
    (folder / "escape.txt").symlink_to(outside)
    (folder / "environ.txt").symlink_to("/proc/self/environ")
    (folder / "inside.html").symlink_to(folder / "sub" / "real.html")
    store = SnapshotStore(tmp_path / "store")
    snaps = by_name(collect_snapshots([str(folder)], FetchConfig(), store))
    for name in ("escape.txt", "environ.txt"):
        snap = snaps[name]
        assert snap.status is PageStatus.FAILED  # type: ignore[attr-defined]
        assert snap.error == "refused: symlink leads outside the source folder"  # type: ignore[attr-defined]
    assert snaps["inside.html"].status is PageStatus.FETCHED  # type: ignore[attr-defined]
    stored = b"".join(p.read_bytes() for p in store.root.rglob("*.body"))
    assert b"hunter2" not in stored


def test_a_device_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    snap = read_file("/dev/zero", SnapshotStore(tmp_path / "s"), max_bytes=100)
    assert (snap.status, snap.error) == (PageStatus.FAILED, "refused: a device, not a regular file")


def test_a_file_name_that_is_not_utf8_is_kept_with_an_escaped_source(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9.html"
    with open(raw, "wb") as fh:
        fh.write(PAGE.encode("utf-8"))
    (folder / "plain.html").write_text(PAGE, encoding="utf-8")
    snaps = collect_snapshots([str(folder)], FetchConfig(), SnapshotStore(tmp_path / "s"))
    assert [s.status for s in snaps] == [PageStatus.FETCHED, PageStatus.FETCHED]
    odd = next(s for s in snaps if "caf" in s.source)
    assert odd.source.endswith("caf\\xe9.html")
    odd.source.encode("utf-8")  # storable text: no lone surrogates


def test_a_sources_file_limits_its_urls_to_allowed_domains(tmp_path: Path) -> None:
    from crosscheck.ingest.errors import SourceError
    from crosscheck.ingest.sources import apply_options, expand_sources

    sources = tmp_path / "sources.toml"
    sources.write_text(
        'allowed_domains = ["example.org"]\n[[source]]\nurl = "https://docs.example.org/a"\n'
    )
    (spec,) = expand_sources([str(sources)])
    assert spec.options == {"allowed_domains": ("example.org",)}
    assert apply_options(FetchConfig(), spec.options).allowed_domains == ("example.org",)
    sources.write_text('allowed_domains = "example.org"\n[[source]]\nurl = "https://x.org/"\n')
    with pytest.raises(SourceError, match="allowed_domains must be a list"):
        expand_sources([str(sources)])
