"""Configuration: one typed tree, merged in one place from defaults < config file <
environment (CROSSCHECK_*) < command-line flags (docs/scheduling.md lists every key).

Every problem names where the value came from (the file and key, or the variable) and what
is wrong; unknown file keys are errors (a typo must not silently fall back to a default).
Import-light on purpose: the CLI resolves its settings before anything heavy is imported.
The config file's schema and reader live in crosscheck.config_file (importable from here too).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from crosscheck.common.gazetteer import gazetteer_problem
from crosscheck.config_file import (
    ENGINES,
    LOG_FORMATS,
    SEVERITIES,
    FileConfig,
    _is_scheduler,
    load_config,
    store_location,
)
from crosscheck.errors import ConfigError

DEFAULT_DB = Path("crosscheck.duckdb")
LogFormat = Literal["text", "json"]


def bundled_examples() -> Path:
    """The example pages shipped in the repository (used when `run` gets no sources)."""
    return Path(__file__).resolve().parents[1] / "examples" / "pages"


# --- the merged tree -------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Everything a command may be configured with, after the merge (see :func:`resolve`)."""

    sources: tuple[str, ...] = ()
    db: Path = DEFAULT_DB
    # None: .crosscheck/snapshots beside the warehouse; a str is an fsspec URL (s3://bucket/p)
    snapshots: Path | str | None = None
    lake: Path | None = None  # a Parquet lake of facts and claims (crosscheck.dask_lake)
    fail_on: str | None = None
    fail_on_fetch_error: bool = False
    report: Path | None = None
    validate: bool = True
    data_docs: Path | None = None  # None: .crosscheck/data-docs beside the warehouse
    # Data Docs are rebuilt (with Great Expectations) by `run` only when asked: --data-docs DIR
    # or this; otherwise `crosscheck validate` rebuilds them on a schedule of their own.
    build_data_docs: bool = False
    log_format: LogFormat = "text"
    wait: float = 0.0
    workers: int | None = None  # None: one per core
    engine: str = "local"  # "local" forks or "dask" (crosscheck.engines)
    scheduler: str | None = None  # Dask scheduler address; None: a LocalCluster per run
    fetch: Mapping[str, Any] = field(default_factory=dict)
    checks: Mapping[str, Any] = field(default_factory=dict)
    vocabulary_overrides: Path | None = None
    # ingest's entities file instead of normalize/data/entities.toml: an ablation (one with no
    # [[entity]] measures what the page's own structure finds, docs/benchmarks.md); never in use
    gazetteer_file: Path | None = None
    config_file: Path | None = None

    @property
    def snapshot_dir(self) -> Path | str:
        return self.snapshots or self.db.resolve().parent / ".crosscheck" / "snapshots"

    @property
    def data_docs_dir(self) -> Path:
        return self.data_docs or self.db.resolve().parent / ".crosscheck" / "data-docs"

    def run_sources(self) -> list[str]:
        """The sources to run on: the configured ones, else the bundled example pages."""
        if self.sources:
            return list(self.sources)
        if not bundled_examples().is_dir():
            raise ConfigError("no SOURCE given and the bundled example pages are missing")
        return [str(bundled_examples())]


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _env_bool(name: str, text: str) -> bool:
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ConfigError(f"environment {name}: expected true or false (1/0, yes/no), got {text!r}")


def _env_seconds(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise ConfigError(f"environment {name}: expected seconds (≥ 0), got {text!r}")
    return value


def _env_choice(choices: tuple[str, ...]) -> Any:
    def parse(name: str, text: str) -> str:
        if text not in choices:
            raise ConfigError(
                f"environment {name}: expected one of {', '.join(choices)}, got {text!r}"
            )
        return text

    return parse


def _env_workers(name: str, text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise ConfigError(f"environment {name}: expected a whole number ≥ 1, got {text!r}")
    return int(text)


def _env_scheduler(name: str, text: str) -> str:
    if not _is_scheduler(text):
        raise ConfigError(
            f"environment {name}: expected a Dask address such as tcp://HOST:8786, got {text!r}"
        )
    return text


def _env_path(name: str, text: str) -> Path:
    return Path(text)


def _env_gazetteer(name: str, text: str) -> Path:
    problem = gazetteer_problem(Path(text))
    if problem is not None:
        raise ConfigError(f"environment {name}: {text}: {problem}")
    return Path(text)


def _env_store(name: str, text: str) -> Path | str:
    return store_location(text)


#: The variables schedulers set, the setting each one fills and how its text is read. An empty
#: variable counts as unset. CROSSCHECK_CONFIG names the config file (like --config).
ENVIRONMENT: dict[str, tuple[str, Any]] = {
    "CROSSCHECK_DB": ("db", _env_path),
    "CROSSCHECK_SNAPSHOTS": ("snapshots", _env_store),
    "CROSSCHECK_LAKE": ("lake", _env_path),
    "CROSSCHECK_FAIL_ON": ("fail_on", _env_choice(SEVERITIES)),
    "CROSSCHECK_FAIL_ON_FETCH_ERROR": ("fail_on_fetch_error", _env_bool),
    "CROSSCHECK_REPORT": ("report", _env_path),
    "CROSSCHECK_VALIDATE": ("validate", _env_bool),
    "CROSSCHECK_DATA_DOCS": ("data_docs", _env_path),
    "CROSSCHECK_BUILD_DATA_DOCS": ("build_data_docs", _env_bool),
    "CROSSCHECK_LOG_FORMAT": ("log_format", _env_choice(LOG_FORMATS)),
    "CROSSCHECK_WAIT": ("wait", _env_seconds),
    "CROSSCHECK_WORKERS": ("workers", _env_workers),
    "CROSSCHECK_ENGINE": ("engine", _env_choice(ENGINES)),
    "CROSSCHECK_SCHEDULER": ("scheduler", _env_scheduler),
    "CROSSCHECK_GAZETTEER_FILE": ("gazetteer_file", _env_gazetteer),
}
CONFIG_ENV = "CROSSCHECK_CONFIG"
_RUN_KEYS = (
    "db",
    "snapshots",
    "lake",
    "fail_on",
    "fail_on_fetch_error",
    "report",
    "validate",
    "data_docs",
    "build_data_docs",
    "log_format",
    "wait",
    "workers",
    "engine",
    "scheduler",
)


def resolve(
    flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """The one merge: defaults < config file (`flags["config"]` or CROSSCHECK_CONFIG) <
    environment < flags. A flag or variable that is None (or empty) is unset."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    environ = os.environ if environ is None else environ
    config_path = flags.pop("config", None) or environ.get(CONFIG_ENV) or None
    file = load_config(Path(config_path)) if config_path else FileConfig()
    merged: dict[str, Any] = {
        k: getattr(file, k) for k in _RUN_KEYS if getattr(file, k) is not None
    }
    if file.sources:
        merged["sources"] = tuple(file.sources)
    if file.gazetteer_file is not None:
        merged["gazetteer_file"] = file.gazetteer_file
    for name, (key, parse) in ENVIRONMENT.items():
        text = environ.get(name, "").strip()
        if text:
            merged[key] = parse(name, text)
    if "scheduler" in flags and not _is_scheduler(flags["scheduler"]):
        raise ConfigError(
            f"--scheduler: expected a Dask address such as tcp://HOST:8786, got "
            f"{flags['scheduler']!r}"
        )
    if "wait" in flags and not (math.isfinite(flags["wait"]) and flags["wait"] >= 0):
        raise ConfigError(f"--wait: expected seconds (≥ 0), got {flags['wait']!r}")
    fetch = dict(file.fetch)
    if flags.pop("allow_private_networks", False):  # --allow-private-networks
        fetch["allow_private_networks"] = True
    sources = flags.pop("sources", None)
    if sources:
        merged["sources"] = tuple(str(s) for s in sources)
    merged.update({k: v for k, v in flags.items() if k in _RUN_KEYS})
    for key in ("db", "lake", "report", "data_docs"):
        if key in merged:
            merged[key] = Path(merged[key])
    for key in ("lake", "gazetteer_file"):  # Dask workers read them from folders of their own
        if merged.get(key) is not None:
            merged[key] = merged[key].absolute()
    if merged.get("snapshots") is not None:
        merged["snapshots"] = store_location(merged["snapshots"])
    return Settings(
        **merged,
        fetch=fetch,
        checks=dict(file.checks),
        vocabulary_overrides=file.vocabulary_overrides,
        config_file=Path(config_path) if config_path else None,
    )
