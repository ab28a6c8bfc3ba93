"""A digest of what the parser makes of a folder of pages, to show a speed change kept output.

Why: parse speed work must not change a single claim. This parses every page of a folder in
one process (no workers, no warehouse) and hashes every ParsedPage field, claims sorted, so
two commits can be compared on the same pages; `--cpu` also prints parse pages per CPU second.

    python -m bench.parse_digest /tmp/parse-300 ../shared/real-pages [--cpu] [--dump out.jsonl]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosscheck.ingest.errors import SourceError
from crosscheck.ingest.parse import ParsedPage, parse_snapshot
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import expand_sources, iter_snapshots
from crosscheck.ingest.transport import FetchConfig

from crosscheck.contracts import Snapshot


def _snapshots(folder: str, store: SnapshotStore) -> list[Snapshot]:
    specs = expand_sources([folder])
    snaps = [s for s in iter_snapshots(specs, FetchConfig(), store) if s.ok]
    return sorted(snaps, key=lambda s: s.source)


def page_rows(page: ParsedPage) -> Iterator[str]:
    """Every field of a parsed page as JSON lines: its header, then its claims sorted."""
    head = {
        "source": page.source,
        "sha256": page.sha256,
        "title": page.title,
        "entities": page.entities,
        "note": page.note,
        "empty_reason": page.empty_reason,
        "mentioned": page.mentioned,
        "text": page.text,
        "claims": len(page.claims),
    }
    yield json.dumps(head, sort_keys=True, ensure_ascii=False)
    claims: list[dict[str, Any]] = page.claims
    yield from sorted(json.dumps(c, sort_keys=True, ensure_ascii=False) for c in claims)


def digest(folder: str, dump: Any | None = None) -> tuple[str, int, int, float]:
    """(sha256 of every page's rows, pages, claims, parse CPU seconds) for one folder."""
    with tempfile.TemporaryDirectory(prefix="parse-digest-") as tmp:
        snaps = _snapshots(folder, SnapshotStore(Path(tmp)))
    total = hashlib.sha256()
    claims = 0
    cpu = 0.0
    for snap in snaps:
        start = time.process_time()
        page = parse_snapshot(snap)
        cpu += time.process_time() - start
        claims += len(page.claims)
        for row in page_rows(page):
            total.update(row.encode("utf-8") + b"\n")
            if dump is not None:
                dump.write(row + "\n")
    return total.hexdigest(), len(snaps), claims, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--cpu", action="store_true", help="print parse pages per CPU second")
    parser.add_argument("--dump", help="write every row to this file (to diff two runs)")
    args = parser.parse_args(argv)
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    try:
        for folder in args.folders:
            try:
                sha, pages, claims, cpu = digest(folder, dump)
            except SourceError as exc:
                print(f"parse_digest: {exc}", file=sys.stderr)
                return 2
            line = f"{folder}: {pages} pages, {claims} claims, digest {sha[:16]}"
            if args.cpu:
                line += f", parse {cpu:.2f} CPU-s = {pages / cpu if cpu else 0:.0f} pages/CPU-s"
            print(line)
    finally:
        if dump is not None:
            dump.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
