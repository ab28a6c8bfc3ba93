"""The crosscheck.toml reader (crosscheck.config): its schema of sections and keys with their
types, and the checks that name the file, section and key of a wrong value.

Kept apart from the merge of defaults, file, environment and flags (crosscheck.config.resolve):
this changes with the file's keys, not with how settings are resolved.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.common.gazetteer import gazetteer_problem
from crosscheck.errors import ConfigError

SEVERITIES = ("info", "low", "medium", "high")
LOG_FORMATS = ("text", "json")
ENGINES = ("local", "dask")  # crosscheck.engines


@dataclass(frozen=True)
class FileConfig:
    """What a config file may set; None means "not set here" so flags and defaults apply."""

    sources: list[str] = field(default_factory=list)
    db: Path | None = None
    snapshots: Path | str | None = None  # a folder, or an fsspec URL (s3://bucket/prefix)
    lake: Path | None = None
    fail_on: str | None = None
    fail_on_fetch_error: bool | None = None
    report: Path | None = None
    validate: bool | None = None
    data_docs: Path | None = None
    build_data_docs: bool | None = None
    log_format: str | None = None
    wait: float | None = None
    workers: int | None = None
    engine: str | None = None
    scheduler: str | None = None
    fetch: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)
    vocabulary_overrides: Path | None = None
    gazetteer_file: Path | None = None


_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], str]]] = {
    "run": {
        "sources": (list, "a list of URLs, files, folders or sources .toml files"),
        "db": (str, "the warehouse file"),
        "snapshots": (str, "the snapshot folder, or an fsspec URL such as s3://bucket/prefix"),
        "lake": (str, "a Parquet lake folder for the runs' facts and claims"),
        "fail_on": (str, f"one of {', '.join(SEVERITIES)}"),
        "fail_on_fetch_error": (bool, "true or false"),
        "report": (str, "an HTML report path"),
        "validate": (bool, "true or false"),
        "data_docs": (str, "the Data Docs folder"),
        "build_data_docs": (bool, "true or false (Great Expectations Data Docs on every run)"),
        "log_format": (str, f"one of {', '.join(LOG_FORMATS)}"),
        "wait": ((int, float), "seconds to wait for a busy warehouse (≥ 0)"),
        "workers": (int, "worker processes for parsing (≥ 1; default: one per core)"),
        "engine": (str, f"one of {', '.join(ENGINES)}"),
        "scheduler": (str, "a Dask scheduler address such as tcp://HOST:8786"),
    },
    "fetch": {
        "delay": ((int, float), "seconds between requests to one host (≥ 0)"),
        "concurrency_per_host": (int, "requests in flight per host (only 1 is supported)"),
        "connect_timeout": ((int, float), "seconds (> 0)"),
        "read_timeout": ((int, float), "seconds (> 0)"),
        "total_timeout": ((int, float), "seconds for a whole request, headers and body (> 0)"),
        "host_budget": ((int, float), "seconds of requests one host may take per run (> 0)"),
        "allow_private_networks": (bool, "true or false (reach loopback/private addresses)"),
        "retries": (int, "retries on 429/5xx/connection errors (≥ 0)"),
        "max_bytes": (int, "body size cap in bytes (> 0)"),
        "respect_robots": (bool, "true or false"),
        "user_agent": (str, "a User-Agent naming crosscheck"),
    },
    "checks": {
        "default_tolerance": ((int, float), "a relative tolerance in [0, 1)"),
        "approximate_tolerance": ((int, float), "a relative tolerance in [0, 1)"),
        "at_least_slack": ((int, float), "how far above N an 'N+' may reach (≥ 0)"),
        "reference_year": (int, "the year ages are counted from"),
        "max_findings_per_page": (
            int,
            "findings one page may give of one kind before the rest are summarised "
            "(≥ 0; 0: no cap)",
        ),
        "fork": (
            bool,
            "true or false: a full local check split with a forked child (default: false, "
            "it costs memory)",
        ),
        # fast24: the statements of a page-cut check in a forked child (forked_statements)
        "fork_statements": (
            bool,
            "true or false: the comparative statements checked in a forked child beside the "
            "cross-page rules (default: false, the child's copied pages cost ~1 MiB a 1,000 "
            "facts)",
        ),
    },
    "vocabulary": {
        "overrides": (str, "a metrics .toml file that adds or replaces metrics"),
        "gazetteer": (
            str,
            "an entities .toml file ingest finds names with instead of the packaged one "
            "(an ablation: normalize keeps the packaged names)",
        ),
    },
}


def _problem(path: Path, key: str, message: str) -> ConfigError:
    return ConfigError(f"{path}: {key}: {message}")


def _is_a(value: Any, expected: type | tuple[type, ...]) -> bool:
    """isinstance without narrowing `value` (the checks below compare it as Any)."""
    return isinstance(value, expected)


def _check_value(path: Path, section: str, key: str, value: Any) -> None:
    expected, meaning = _SCHEMA[section][key]
    where = f"{section}.{key}"
    if isinstance(value, bool) and expected is not bool:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if not _is_a(value, expected):
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key == "fail_on" and value not in SEVERITIES:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key == "engine" and value not in ENGINES:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key == "scheduler" and not _is_scheduler(value):
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key == "log_format" and value not in LOG_FORMATS:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key == "sources" and not all(isinstance(s, str) and s for s in value):
        raise _problem(path, where, "every source must be a non-empty string")
    if key == "concurrency_per_host" and value != 1:
        raise _problem(path, where, "only 1 request in flight per host is supported")
    if key in ("connect_timeout", "read_timeout", "total_timeout", "host_budget", "max_bytes") and (
        value <= 0
    ):
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key in ("delay", "retries", "at_least_slack", "wait", "max_findings_per_page") and value < 0:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key == "workers" and value < 1:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key.endswith("_tolerance") and not 0 <= value < 1:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")


def _is_scheduler(text: str) -> bool:
    """A Dask address: scheme://host:port (tcp, tls, ws, wss, inproc, ucx)."""
    scheme, sep, rest = text.partition("://")
    return bool(sep) and scheme in ("tcp", "tls", "ws", "wss", "inproc", "ucx") and bool(rest)


def load_config(path: Path) -> FileConfig:
    """Read and validate a config file; relative paths are resolved against its folder."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config file: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    for section, values in document.items():
        if section not in _SCHEMA:
            raise _problem(path, section, f"unknown section (known: {', '.join(_SCHEMA)})")
        if not isinstance(values, dict):
            raise _problem(path, section, "expected a [section] table")
        for key, value in values.items():
            if key not in _SCHEMA[section]:
                known = ", ".join(_SCHEMA[section])
                raise _problem(path, f"{section}.{key}", f"unknown key (known: {known})")
            _check_value(path, section, key, value)
    base = path.resolve().parent
    run = document.get("run", {})

    def local(value: str | None) -> Path | None:
        return None if value is None else (base / value)

    def source(spec: str) -> str:
        is_url = spec.startswith(("http://", "https://"))
        return spec if is_url or Path(spec).is_absolute() else str(base / spec)

    overrides = document.get("vocabulary", {}).get("overrides")
    gazetteer = document.get("vocabulary", {}).get("gazetteer")
    problem = gazetteer_problem(base / gazetteer) if gazetteer is not None else None
    if problem is not None:
        raise _problem(path, "vocabulary.gazetteer", f"{base / gazetteer}: {problem}")
    return FileConfig(
        sources=[source(s) for s in run.get("sources", [])],
        db=local(run.get("db")),
        snapshots=store_location(run["snapshots"], base) if "snapshots" in run else None,
        lake=local(run.get("lake")),
        fail_on=run.get("fail_on"),
        fail_on_fetch_error=run.get("fail_on_fetch_error"),
        report=local(run.get("report")),
        validate=run.get("validate"),
        data_docs=local(run.get("data_docs")),
        build_data_docs=run.get("build_data_docs"),
        log_format=run.get("log_format"),
        wait=None if run.get("wait") is None else float(run["wait"]),
        workers=run.get("workers"),
        engine=run.get("engine"),
        scheduler=run.get("scheduler"),
        fetch=dict(document.get("fetch", {})),
        checks=dict(document.get("checks", {})),
        vocabulary_overrides=local(overrides),
        gazetteer_file=local(gazetteer),
    )


def store_location(text: str | Path, base: Path | None = None) -> Path | str:
    """A snapshot store location: an fsspec URL (``scheme://…``) as given, else a folder
    (relative to `base` when given: a config file's folder)."""
    head, sep, _ = str(text).partition("://")
    if sep and len(head) > 1 and head.replace("+", "").replace("-", "").isalnum():
        return str(text)
    return Path(text) if base is None else base / text
