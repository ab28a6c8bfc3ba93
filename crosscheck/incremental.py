"""Incremental runs: what an earlier run already computed is read back, not recomputed.

Two levels. A page whose (source, sha256) is already loaded, by a run of the same crosscheck
and vocabulary versions, reuses its stored claims and facts instead of being parsed and
normalized again. A run that reads exactly the pages of the latest
completed run, with the same crosscheck and vocabulary versions and the same settings digest,
would find exactly what that run found, so it reuses its findings and consensus and skips the
checks and reconciliation (the run is still recorded, and every finding's last_seen_run moves).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

from crosscheck import __version__, checks, reconcile
from crosscheck import common as common_package
from crosscheck.contracts import PASSAGE_COLUMNS, PageStatus, Snapshot
from crosscheck.intervals import IntervalPolicy
from crosscheck.warehouse.history import (
    StoredResults,
    known_pages,
    latest_run,
    stored_frames,
    stored_results,
)
from crosscheck.warehouse.load_passages import stored_passages

_READ = frozenset({PageStatus.FETCHED.value, PageStatus.NOT_MODIFIED.value})


@dataclass
class StoredPages:
    """Pages an earlier run already loaded unchanged: their rows, claims and facts."""

    pages: pd.DataFrame
    claims: pd.DataFrame
    facts: pd.DataFrame
    # their stored text sketches (PASSAGE_COLUMNS), for copy detection by content
    passages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PASSAGE_COLUMNS))


def reuse_unchanged(
    con: Any, snapshots: list[Snapshot], vocabulary_version: str
) -> tuple[list[Snapshot], StoredPages | None]:
    """Split off snapshots whose (source, sha256) is already loaded, last by a run of this
    crosscheck and this vocabulary; read their stored facts."""
    known = known_pages(con, __version__, vocabulary_version)
    unchanged = [s for s in snapshots if s.ok and (s.source, s.sha256) in known]
    if not unchanged:
        return snapshots, None
    same = {(s.source, s.sha256) for s in unchanged}
    fresh = [s for s in snapshots if (s.source, s.sha256) not in same]
    pages, claims, facts = stored_frames(con, sorted(same))
    seen = {(s.source, s.sha256): s for s in unchanged}
    keys = list(zip(pages["source"], pages["page_sha256"], strict=True))
    pages["status"] = [seen[key].status.value for key in keys]
    pages["fetched_at"] = [seen[key].fetched_at for key in keys]
    return fresh, StoredPages(pages, claims, facts, stored_passages(con, sorted(same)))


def _source_file(module: ModuleType) -> Path:
    """The file a module was loaded from (every module fingerprinted here has one)."""
    file = module.__file__
    if file is None:
        raise RuntimeError(f"module {module.__name__} has no source file to fingerprint")
    return Path(file)


def fingerprinted_files() -> list[Path]:
    """The source files whose change invalidates stored findings: the rules, reconcile and the
    ground floor (contracts, tolerance policy, units decide findings as much as the rules)."""
    files: list[Path] = []
    for package in (common_package, checks, reconcile):
        files += sorted(_source_file(package).parent.glob("*.py"))
    return files


@functools.cache
def _code_fingerprint() -> str:
    """Hash of the code that turns facts into findings and consensus: a changed rule must not
    reuse findings its older version made, even when the version string did not move."""
    digest = hashlib.sha256()
    for path in fingerprinted_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def settings_digest(
    intervals: IntervalPolicy, reference_year: int, components: dict[str, str]
) -> str:
    """Digest of everything besides the pages and versions that decides findings and consensus."""
    settings = {
        "code": _code_fingerprint(),
        "intervals": asdict(intervals),
        "reference_year": reference_year,
        "components": components,
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


def _page_set(rows: Any) -> frozenset[tuple[str, str, bool]]:
    """(source, sha256, read or not) of (source, sha256, status) rows."""
    return frozenset((str(src), str(sha), str(status) in _READ) for src, sha, status in rows)


def carried_results(
    con: Any, pages: pd.DataFrame, vocabulary_version: str, digest: str
) -> tuple[str, StoredResults] | None:
    """(run id, its results) when the latest completed run read exactly these pages (same
    hashes, same read-or-failed outcome) with the same versions and settings; else None."""
    previous = latest_run(con)
    if previous is None or (
        previous.crosscheck_version,
        previous.vocabulary_version,
        previous.settings_digest,
    ) != (__version__, vocabulary_version, digest):
        return None
    now = zip(pages["source"], pages["page_sha256"], pages["status"], strict=True)
    if _page_set(now) != _page_set(previous.pages):
        return None
    return previous.run_id, stored_results(con, previous.run_id)
