"""Configuration: one typed tree, merged in one place from defaults < config file <
environment (CROSSCHECK_*) < command-line flags (docs/scheduling.md lists every key).

Every problem names where the value came from (the file and key, or the variable) and what
is wrong; unknown file keys are errors (a typo must not silently fall back to a default).
Import-light on purpose: the CLI resolves its settings before anything heavy is imported.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from crosscheck.common.gazetteer import gazetteer_problem
from crosscheck.errors import ConfigError

SEVERITIES = ("info", "low", "medium", "high")
LOG_FORMATS = ("text", "json")
ENGINES = ("local", "dask")  # crosscheck.engines
DEFAULT_DB = Path("crosscheck.duckdb")
LogFormat = Literal["text", "json"]


def bundled_examples() -> Path:
    """The example pages shipped in the repository (used when `run` gets no sources)."""
    return Path(__file__).resolve().parents[1] / "examples" / "pages"


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


def store_location(text: str | Path, base: Path | None = None) -> Path | str:
    """A snapshot store location: an fsspec URL (``scheme://…``) as given, else a folder
    (relative to `base` when given: a config file's folder)."""
    head, sep, _ = str(text).partition("://")
    if sep and len(head) > 1 and head.replace("+", "").replace("-", "").isalnum():
        return str(text)
    return Path(text) if base is None else base / text


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
