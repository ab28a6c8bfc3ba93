"""Source specs: what a run names on the command line (URLs, files, folders, sources files).

Kept apart from reading and fetching (:mod:`ingest.sources`) because it is the up-front, pure part
of the stage: it turns loose names into an explicit, de-duplicated list, so a typo fails the run
before any page is read, with the file and problem named.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from crosscheck.ingest.decode import PAGE_EXTENSIONS
from crosscheck.ingest.errors import FetchConfigError, SourceError
from crosscheck.ingest.source_walk import walk_pages
from crosscheck.ingest.transport import FetchConfig

# Per-source options a sources file may set, and the FetchConfig field each one overrides.
OPTION_FIELDS: dict[str, str] = {
    "delay": "per_host_delay",
    "max_bytes": "max_bytes",
    "retries": "retries",
    "connect_timeout": "connect_timeout",
    "read_timeout": "read_timeout",
    "total_timeout": "total_timeout",
    "host_budget": "host_budget",
}
_INT_OPTIONS = frozenset({"max_bytes", "retries"})
_ENTRY_KEYS = frozenset({"url", "path"})


@dataclass(frozen=True)
class SourceSpec:
    """One page to get: a URL or a file path (as given), with per-source fetch options."""

    kind: Literal["url", "file"]
    location: str
    options: dict[str, Any] = field(default_factory=dict)
    root: str | None = None  # the folder a file was found in: its symlinks must stay inside


def is_url(spec: str) -> bool:
    """Whether a spec is written as a URL (has a scheme), whatever the scheme."""
    head, sep, _ = spec.partition("://")
    return bool(sep) and head.isalpha() and len(head) > 1


def _url_spec(url: str, where: str, options: dict[str, Any] | None = None) -> SourceSpec:
    if url.split("://", 1)[0].lower() not in ("http", "https"):
        raise SourceError(f"{where}: unsupported URL scheme in {url!r} (only http and https)")
    return SourceSpec("url", url, dict(options or {}))


def _walk(folder: Path) -> Iterator[SourceSpec]:
    """Page files under a folder, recursively, hidden entries skipped, sorted by relative path,
    listed as they are walked (:mod:`ingest.source_walk`: no list of the whole folder).

    Directory symlinks are not followed; file symlinks, FIFOs and devices are listed and judged
    when read (:func:`read_file`), so each refused one is a failed page with its reason.
    """
    root = str(folder)
    empty = True
    for location in walk_pages(root):
        empty = False
        yield SourceSpec("file", location, root=root)
    if empty:
        wanted = ", ".join(PAGE_EXTENSIONS)
        raise SourceError(f"{folder}: folder contains no page files ({wanted})")


def _path_specs(spec: str, where: str, *, allow_toml: bool) -> Iterator[SourceSpec]:
    path = Path(spec)
    try:
        if path.is_dir():
            yield from _walk(path)
            return
        exists = path.exists()
    except OSError as exc:
        raise SourceError(f"{where}: cannot access {spec}: {exc.strerror or exc}") from None
    if not exists:
        raise SourceError(f"{where}: no such file or folder: {spec}")
    suffix = path.suffix.lower()
    if suffix == ".toml" and allow_toml:
        yield from _toml_specs(path)
        return
    if suffix not in PAGE_EXTENSIONS:
        wanted = ", ".join(PAGE_EXTENSIONS)
        raise SourceError(f"{where}: unsupported file type {suffix or '(none)'!r} ({wanted})")
    yield SourceSpec("file", spec)


def _check_options(entry: Mapping[str, Any], where: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for key, value in entry.items():
        if key in _ENTRY_KEYS:
            continue
        if key not in OPTION_FIELDS:
            allowed = ", ".join(sorted(_ENTRY_KEYS | OPTION_FIELDS.keys()))
            raise SourceError(f"{where}: unknown key {key!r} (allowed: {allowed})")
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or value < 0 or (key in _INT_OPTIONS and not isinstance(value, int)):
            kind = "a whole number" if key in _INT_OPTIONS else "a number"
            raise SourceError(f"{where}: {key} must be {kind} >= 0, not {value!r}")
        options[key] = value
    try:
        apply_options(FetchConfig(), options)  # the config's own range checks, named here
    except FetchConfigError as exc:
        raise SourceError(f"{where}: {exc}") from None
    return options


def _toml_specs(path: Path) -> Iterator[SourceSpec]:
    """The ``[[source]]`` entries of a sources file; relative paths are relative to the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read sources file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: invalid TOML: {exc}") from None
    unknown = sorted(set(data) - {"source", "allowed_domains"})
    if unknown:
        raise SourceError(f"{path}: unknown top-level key {unknown[0]!r} (expected [[source]])")
    domains = data.get("allowed_domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
        raise SourceError(f"{path}: allowed_domains must be a list of domain names")
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{path}: no [[source]] entries")
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: source #{number}"
        if not isinstance(entry, dict):
            raise SourceError(f"{where}: expected a table with url = ... or path = ...")
        given = [k for k in ("url", "path") if k in entry]
        if len(given) != 1 or not isinstance(entry[given[0]], str) or not entry[given[0]]:
            raise SourceError(f'{where}: needs exactly one of url = "..." or path = "..."')
        options = _check_options(entry, where)
        if given[0] == "url" and domains:
            options["allowed_domains"] = tuple(domains)
        if given[0] == "url":
            yield _url_spec(entry["url"], where, options)
            continue
        if options:
            raise SourceError(f"{where}: options apply to url entries only")
        target = Path(entry["path"]).expanduser()
        target = target if target.is_absolute() else path.parent / target
        yield from _path_specs(str(target), where, allow_toml=False)


def expand_sources(specs: Sequence[str]) -> list[SourceSpec]:
    """Expand URLs, files, folders and ``*.toml`` sources files into a de-duplicated list.

    Order follows the specs (folders sorted within); SourceError names the first bad spec.
    """
    return list(iter_sources(specs))


def iter_sources(specs: Sequence[str]) -> Iterator[SourceSpec]:
    """:func:`expand_sources` one spec at a time, as folders are walked: a run hands its pages
    out without holding a SourceSpec a page (~470 bytes: 21.5 MiB at 50,000 pages). The
    de-duplication remembers the pages of every spec but the last (a folder's walk and a
    single page are unique in themselves; a sources file's entries are remembered too)."""
    seen: set[tuple[str, str]] = set()
    for number, spec in enumerate(specs, start=1):
        if not spec or not spec.strip():
            raise SourceError("empty source spec")
        expanded = (
            iter([_url_spec(spec, spec)])
            if is_url(spec)
            else _path_specs(spec, spec, allow_toml=True)
        )
        remember = number < len(specs) or Path(spec).suffix.lower() == ".toml"
        for item in expanded:
            key = (item.kind, item.location)
            if key in seen:
                continue
            if remember:
                seen.add(key)
            yield item


def count_sources(specs: Sequence[str]) -> int:
    """How many pages the specs name, every spec checked as :func:`expand_sources` checks it
    (the same SourceError), without holding them: the walk is made again to hand them out."""
    return sum(1 for _ in iter_sources(specs))


def apply_options(config: FetchConfig, options: Mapping[str, Any]) -> FetchConfig:
    """The run's FetchConfig with one source's options applied."""
    changes = {OPTION_FIELDS.get(key, key): value for key, value in options.items()}
    return dataclasses.replace(config, **changes) if changes else config
