"""Run logs: human-readable lines by default, JSON lines for schedulers (`--log-format json`).

Each stage logs one record with the run id, the stage, its counts and its duration, so an
orchestrator can chart a run without parsing prose.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOGGER_NAME = "crosscheck"
_FIELDS = (
    "run_id",
    "stage",
    "seconds",
    "counts",
    "status",
    "exit_code",
    "loaded",
    "failed_sources",
    "findings_by_severity",
    "elapsed_s",  # the command's wall time, from process start (crosscheck.clock)
    "stage_seconds",  # its parts: startup, the stages, validation, report
    "steps",
)


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time, level, message and the structured fields."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "message": record.getMessage(),
        }
        for name in _FIELDS:
            if hasattr(record, name):
                payload[name] = getattr(record, name)
        return json.dumps(payload, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """'crosscheck [run 2026…] parse 0.52s: pages=3 claims=379'."""

    def format(self, record: logging.LogRecord) -> str:
        parts = [f"crosscheck [{getattr(record, 'run_id', '-')}]", record.getMessage()]
        counts = getattr(record, "counts", None)
        if counts:
            parts.append(" ".join(f"{k}={v}" for k, v in counts.items()))
        return " ".join(parts)


def configure_logging(fmt: str = "text", level: int = logging.INFO) -> logging.Logger:
    """Send the crosscheck logger to stderr in the chosen format (idempotent)."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLinesFormatter() if fmt == "json" else TextFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return logger


def log_stage(run_id: str, stage: str, seconds: float, **counts: int | str) -> None:
    """One structured record for a finished stage."""
    logging.getLogger(LOGGER_NAME).info(
        "%s %.2fs",
        stage,
        seconds,
        extra={"run_id": run_id, "stage": stage, "seconds": round(seconds, 3), "counts": counts},
    )


def log_summary(record: dict[str, Any]) -> None:
    """The run's closing record (crosscheck.runner.result_record): the last line of a JSON log."""
    logging.getLogger(LOGGER_NAME).info(
        "summary: %s, exit %s", record.get("status"), record.get("exit_code"), extra=record
    )
