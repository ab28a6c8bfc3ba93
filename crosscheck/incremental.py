"""Incremental runs: what an earlier run already computed is read back, not recomputed.

Two levels. A page whose (source, sha256) is already loaded, by a run of the same crosscheck
build (its version and a hash of the readers' code and data, :func:`build_version`) and
vocabulary version, reuses its stored claims and facts instead of being parsed and
normalized again (a local file whose size, mtime and inode are unchanged is not even read).
A run that reads exactly the pages of the latest completed run, with the same crosscheck and
vocabulary versions and the same settings digest, would find exactly what that run found: it
reads no fact, runs no check or reconciliation and loads nothing; its row points at the run
whose results it shares (runs.results_run).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
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
from crosscheck.partial import Prior
from crosscheck.warehouse.history import (
    CarriedRun,
    PreviousRun,
    carried_run,
    known_pages,
    latest_run,
    stored_entities,
    stored_frames,
    stored_relations,
    stored_results,
)
from crosscheck.warehouse.load_passages import stored_passages

_READ = frozenset({PageStatus.FETCHED.value, PageStatus.NOT_MODIFIED.value})


@dataclass
class StoredPages:
    """Pages an earlier run already loaded unchanged: their rows, claims, facts and the
    comparative statements read from their claims (per page, so they need no recomputing)."""

    pages: pd.DataFrame
    claims: pd.DataFrame
    facts: pd.DataFrame
    relations: pd.DataFrame | None = None
    # their stored text sketches (PASSAGE_COLUMNS), for copy detection by content
    passages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PASSAGE_COLUMNS))


def known_for(con: Any, vocabulary_version: str) -> frozenset[tuple[str, str]]:
    """(source, sha256) of the pages whose stored facts a run of this crosscheck and this
    vocabulary may reuse (read once per run, before the pages are read)."""
    return frozenset(known_pages(con, build_version(), vocabulary_version))


def reuse_unchanged(
    con: Any, snapshots: list[Snapshot], vocabulary_version: str
) -> tuple[list[Snapshot], StoredPages | None]:
    """Split off snapshots whose (source, sha256) is already loaded, last by a run of this
    crosscheck and this vocabulary; read their stored facts."""
    known = known_pages(con, build_version(), vocabulary_version)
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
    return fresh, StoredPages(
        pages,
        claims,
        facts,
        stored_relations(con, sorted(same)),
        stored_passages(con, sorted(same)),
    )


def _source_file(module: ModuleType) -> Path:
    """The file a module was loaded from (every module fingerprinted here has one)."""
    file = module.__file__
    if file is None:
        raise RuntimeError(f"module {module.__name__} has no source file to fingerprint")
    return Path(file)


def _package_files(root: Path) -> list[Path]:
    """A package's modules and its data files (word lists and formulas decide results too)."""
    return sorted(root.glob("*.py")) + sorted(root.glob("data/*.toml"))


def fingerprinted_files() -> list[Path]:
    """The source files whose change invalidates stored findings: the rules, reconcile and the
    ground floor (contracts, tolerance policy, units decide findings as much as the rules)."""
    files: list[Path] = []
    for package in (common_package, checks, reconcile):
        files += _package_files(_source_file(package).parent)
    return files


@functools.cache
def build_version() -> str:
    """crosscheck's version and a hash of the code and data that read a page into facts
    (ingest, normalize, the ground floor). Stored facts are reused only by a run of the same
    build: the version string never moved with the readers, so an upgraded reader would have
    kept an unchanged page's old facts."""
    digest = hashlib.sha256()
    for name in ("crosscheck.common", "crosscheck.ingest", "crosscheck.normalize"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError(f"package {name} has no folder to fingerprint")
        for path in _package_files(Path(next(iter(spec.submodule_search_locations)))):
            digest.update(f"{name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


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


@dataclass(frozen=True)
class History:
    """What a run needs to know of the warehouse before it reads its pages, read in one short
    read-only connection: the pages whose facts it may reuse and, when the latest completed
    run ran under the same versions and settings, that run's pages and summary."""

    vocabulary_version: str
    digest: str
    known: frozenset[tuple[str, str]]
    previous: PreviousRun | None = None
    carried: CarriedRun | None = None

    def unchanged(self, pages: pd.DataFrame) -> CarriedRun | None:
        """The latest run's results when it read exactly `pages` (same hashes, same
        read-or-failed outcome); else None."""
        if self.previous is None or self.carried is None:
            return None
        now = zip(pages["source"], pages["page_sha256"], pages["status"], strict=True)
        return self.carried if _page_set(now) == _page_set(self.previous.pages) else None


def read_history(con: Any, vocabulary_version: str, digest: str) -> History:
    """The run's History (see there)."""
    known = known_for(con, vocabulary_version)
    previous = latest_run(con, with_pages=False)
    if previous is None or (
        previous.crosscheck_version,
        previous.vocabulary_version,
        previous.settings_digest,
    ) != (build_version(), vocabulary_version, digest):
        return History(vocabulary_version, digest, known)
    previous = latest_run(con)
    assert previous is not None  # the run lock is held: the latest run cannot go away
    carried = carried_run(con, previous.results_run)
    return History(vocabulary_version, digest, known, previous, carried)


def unchanged_run(
    con: Any, pages: pd.DataFrame, vocabulary_version: str, digest: str
) -> CarriedRun | None:
    """The results of the latest completed run when it read exactly these pages with the
    same versions and settings; else None. Only counts are read: a run that changed nothing
    points at those results."""
    return read_history(con, vocabulary_version, digest).unchanged(pages)


# Above this share of changed pages, checking everything costs about what limiting saves.
LIMITED_SHARE = 0.25


def read_prior(con: Any, history: History, pages: pd.DataFrame) -> Prior | None:
    """What the latest run found, when this run read the same sources as it (under the same
    versions and settings) and at most LIMITED_SHARE of their pages changed; else None."""
    if history.previous is None or history.carried is None:
        return None
    before = {src: (sha, status in _READ) for src, sha, status in history.previous.pages}
    now = {
        str(src): (str(sha), str(status) in _READ)
        for src, sha, status in zip(
            pages["source"], pages["page_sha256"], pages["status"], strict=True
        )
    }
    if len(now) != len(pages) or set(now) != set(before):
        return None
    changed = {src for src, outcome in now.items() if outcome != before[src]}
    if not changed or len(changed) > LIMITED_SHARE * len(now):
        return None
    old = pd.DataFrame(
        [(src, before[src][0]) for src in sorted(changed)], columns=["source", "page_sha256"]
    )
    results = stored_results(con, history.carried.results_run)
    versions = list(zip(old["source"], old["page_sha256"], strict=True))
    return Prior(
        frozenset(changed),
        frozenset(stored_entities(con, old)),
        results.findings,
        results.reconciled,
        results.copy_groups,
        stored_frames(con, versions)[2],
        results.reconciled_categories,
        results.source_reliability,
        stored_passages(con, versions),
    )
