"""The Python API: `crosscheck.run(...)` does exactly what `crosscheck run` does (settings merged
the same way, validation, report, the fail-on decision) and returns a typed RunResult, for
Airflow, Dagster or Prefect tasks (docs/orchestrators.md). The CLI is a thin adapter over it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from crosscheck.config import resolve
from crosscheck.errors import ConfigError, FailOnReached, RunFailed
from crosscheck.runner import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, RunResult, execute

if TYPE_CHECKING:
    from crosscheck.progress import ProgressCallback

Severity = Literal["info", "low", "medium", "high"]


def run(
    sources: Sequence[str | Path] | None = None,
    *,
    db: str | Path | None = None,
    config: str | Path | None = None,
    fail_on: Severity | None = None,
    fail_on_fetch_error: bool | None = None,
    report: str | Path | None = None,
    validate: bool | None = None,
    data_docs: str | Path | None = None,
    snapshots: str | Path | None = None,
    wait: float | None = None,
    engine: Literal["local", "dask"] | None = None,
    scheduler: str | None = None,
    lake: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    check: bool = True,
) -> RunResult:
    """Run the pipeline on `sources` (URLs, files, folders, sources .toml; default: the
    config's, else the bundled examples) into the warehouse `db`.

    Arguments left None come from the config file (`config` or CROSSCHECK_CONFIG), then the
    environment (`environ`, default os.environ: CROSSCHECK_DB, CROSSCHECK_FAIL_ON, ...), then
    the defaults, as for the CLI. With `check` (the default) a run that did not exit 0 raises:
    ConfigError (exit 2), RunFailed (exit 3: failed, nothing loaded, or the warehouse busy) or
    FailOnReached (exit 1: findings at or above `fail_on`, or failed sources with
    `fail_on_fetch_error`); each carries the RunResult as `.result`. With check=False the
    result is returned whatever happened. KeyboardInterrupt (and an orchestrator's own
    termination exception) is re-raised after the run's row is closed as interrupted.
    """
    flags = {
        "sources": [str(s) for s in sources] if sources else None,
        "db": db,
        "config": config,
        "fail_on": fail_on,
        "fail_on_fetch_error": fail_on_fetch_error,
        "report": report,
        "validate": validate,
        "data_docs": data_docs,
        "build_data_docs": True if data_docs is not None else None,  # a folder asks for them
        "snapshots": snapshots,
        "wait": wait,
        "engine": engine,
        "scheduler": scheduler,
        "lake": lake,
    }
    try:
        settings = resolve(flags, environ)
    except ConfigError as error:
        if check:
            raise
        return RunResult("failed", EXIT_USAGE, str(error), Path(db or "crosscheck.duckdb"))
    result = execute(settings, progress, reraise_interrupts=True)
    if check and result.exit_code != EXIT_OK:
        kinds: dict[int, type[ConfigError | FailOnReached]] = {
            EXIT_USAGE: ConfigError,
            EXIT_FINDINGS: FailOnReached,
        }
        kind: type[ConfigError | FailOnReached | RunFailed] = kinds.get(result.exit_code, RunFailed)
        failure = kind(result.message)
        failure.result = result
        raise failure from result.error  # StepFailed: the step, its cause, is_transient
    return result
