"""The run configuration file (`crosscheck run --config crosscheck.toml`), validated.

Every problem names the file, the key and what is wrong; unknown keys are errors (a typo must
not silently fall back to a default). Command-line flags override the file. Defaults are
documented in docs/scheduling.md and mirrored by the dataclass defaults below.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.errors import ConfigError

SEVERITIES = ("info", "low", "medium", "high")
LOG_FORMATS = ("text", "json")


@dataclass(frozen=True)
class FileConfig:
    """What a config file may set; None means "not set here" so flags and defaults apply."""

    sources: list[str] = field(default_factory=list)
    db: Path | None = None
    snapshots: Path | None = None
    fail_on: str | None = None
    report: Path | None = None
    validate: bool | None = None
    log_format: str | None = None
    fetch: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)
    vocabulary_overrides: Path | None = None


_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], str]]] = {
    "run": {
        "sources": (list, "a list of URLs, files, folders or sources .toml files"),
        "db": (str, "the warehouse file"),
        "snapshots": (str, "the snapshot folder"),
        "fail_on": (str, f"one of {', '.join(SEVERITIES)}"),
        "report": (str, "an HTML report path"),
        "validate": (bool, "true or false"),
        "log_format": (str, f"one of {', '.join(LOG_FORMATS)}"),
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
    },
    "vocabulary": {
        "overrides": (str, "a metrics .toml file that adds or replaces metrics"),
    },
}


def _problem(path: Path, key: str, message: str) -> ConfigError:
    return ConfigError(f"{path}: {key}: {message}")


def _check_value(path: Path, section: str, key: str, value: Any) -> None:
    expected, meaning = _SCHEMA[section][key]
    where = f"{section}.{key}"
    if isinstance(value, bool) and expected is not bool:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if not isinstance(value, expected):
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key == "fail_on" and value not in SEVERITIES:
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
    if key in ("delay", "retries", "at_least_slack") and value < 0:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")
    if key.endswith("_tolerance") and not 0 <= value < 1:
        raise _problem(path, where, f"expected {meaning}, got {value!r}")


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
    return FileConfig(
        sources=[source(s) for s in run.get("sources", [])],
        db=local(run.get("db")),
        snapshots=local(run.get("snapshots")),
        fail_on=run.get("fail_on"),
        report=local(run.get("report")),
        validate=run.get("validate"),
        log_format=run.get("log_format"),
        fetch=dict(document.get("fetch", {})),
        checks=dict(document.get("checks", {})),
        vocabulary_overrides=local(overrides),
    )
