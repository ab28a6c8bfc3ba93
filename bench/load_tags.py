"""Re-run one captured Dask load alone and print DuckDB's memory by tag per statement (issue 19):
which memory holds the load's limit when a statement runs out of it.

    python bench/load_replay.py capture CORPUS OUT   # a real run: OUT/bundle.pkl, OUT/lake kept
    python bench/load_tags.py OUT [--limit 128MB] [--work DIR] [--every 0.02]

Every statement the load runs is one row: the load step, its SQL's first words, and at the
peak of DuckDB's memory while it ran (sampled from a second cursor, and once more when a
statement fails, before the rollback) the tags of `duckdb_memory()` holding 1 MiB or more,
`pragma_database_size()`'s buffer memory and the temporary files' size. The floor column is
the memory held as the statement starts (what earlier statements left). Memory figures only:
they do not depend on the machine's load, the wall times do.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb

REPO = Path(__file__).resolve().parents[1]
MIB = 2**20


def _status_mib(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


class Tags:
    """DuckDB's memory read from a second cursor: by tag, the buffer pool, temporary files."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.cursor = con.cursor()
        self.lock = threading.Lock()

    def read(self) -> dict[str, Any]:
        with self.lock:
            try:
                tags = self.cursor.execute(
                    "SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory()"
                ).fetchall()
                size = self.cursor.execute(
                    "SELECT memory_usage, wal_size FROM pragma_database_size()"
                ).fetchall()
                temp = self.cursor.execute(
                    "SELECT coalesce(sum(size), 0), count(*) FROM duckdb_temporary_files()"
                ).fetchall()
            except duckdb.Error:
                return {}
        total = sum(m for _, m, _ in tags)
        return {
            "total_mib": round(total / MIB, 1),
            "tags": {t: round(m / MIB, 1) for t, m, _ in tags if m >= MIB},
            "spilled_mib": round(sum(s for _, _, s in tags) / MIB, 1),
            "buffer": size[0][0] if size else None,
            "wal": size[0][1] if size else None,
            "temp_files_mib": round(int(temp[0][0]) / MIB, 1),
            "temp_files": int(temp[0][1]),
            "rss_mib": round(_status_mib("VmRSS"), 1),
        }


class Traced:
    """The load's connection, each `execute` recorded as one statement of the current step."""

    def __init__(self, con: duckdb.DuckDBPyConnection, tags: Tags) -> None:
        self._con, self._tags = con, tags
        self.step = "start"
        self.rows: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        head = re.sub(r"\s+", " ", sql).strip()[:70]
        row: dict[str, Any] = {"step": self.step, "sql": head, "floor": self._tags.read()}
        row["peak"], started = row["floor"], time.monotonic()
        self.rows.append(row)
        self.current = row
        try:
            return self._con.execute(sql, *args, **kwargs)
        except duckdb.Error as exc:  # before the load rolls back: what held the limit then
            self.observe(self._tags.read())
            row["failed"] = str(exc).splitlines()[0][:200]
            raise
        finally:
            self.observe(self._tags.read())
            row["seconds"] = round(time.monotonic() - started, 2)
            self.current = None

    def observe(self, sample: dict[str, Any]) -> None:
        row = self.current
        if row is not None and sample.get("total_mib", 0) > row["peak"].get("total_mib", 0):
            row["peak"] = sample

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def isolated(captured: Path, limit: str | None, work: Path | None, every: float) -> dict[str, Any]:
    """Load `captured`'s bundle into a new warehouse, one row per statement."""
    from crosscheck.warehouse import load, load_lake
    from crosscheck.warehouse.connection import open_warehouse

    from crosscheck.common.heap import trim_heap

    if limit:
        load_lake.LOAD_MEMORY_LIMIT = load_lake.LAKE_MEMORY_LIMIT = limit
    work = work or captured / "isolated"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    con = open_warehouse(work / "w.duckdb")
    with open(captured / "bundle.pkl", "rb") as handle:
        bundle = pickle.load(handle)
    trim_heap()
    tags = Tags(con)
    traced = Traced(con, tags)
    for name in _steps(load):
        setattr(load, name, _marked(traced, name, getattr(load, name)))
    done = threading.Event()

    def sampler() -> None:
        while not done.is_set():
            traced.observe(tags.read())
            time.sleep(every)

    thread = threading.Thread(target=sampler, daemon=True)
    report: dict[str, Any] = {"limit": load_lake.LOAD_MEMORY_LIMIT}
    report["claims"] = bundle.lake.claim_rows
    report["rss_before_mib"] = round(_status_mib("VmRSS"), 1)
    thread.start()
    started = time.monotonic()
    try:
        report["loaded"] = load.load_run(traced, bundle, release=True).claims  # type: ignore[arg-type]
    except load.LoadFailed as failed:
        report["failed"] = str(failed)[:300]
    done.set()
    thread.join()
    report.update(
        hwm_mib=round(_status_mib("VmHWM"), 1), wall_s=round(time.monotonic() - started, 1),
        loadavg=[round(x, 1) for x in os.getloadavg()], statements=traced.rows,
    )  # fmt: skip
    return report


def _steps(load: Any) -> list[str]:
    """The load's step functions bound in warehouse.load (the names bench/load_replay marks)."""
    from load_replay import STEPS  # bench/ is on sys.path (main)

    return [name for name in STEPS if hasattr(load, name)]


def _marked(traced: Traced, name: str, function: Any) -> Any:
    def run(*args: Any, **kwargs: Any) -> Any:
        traced.step = name.lstrip("_")
        return function(*args, **kwargs)

    return run


def table(report: dict[str, Any]) -> str:
    """One line per statement: step, SQL, floor and peak total, the peak's tags."""
    lines = [
        f"limit {report['limit']}, {report['claims']:,} claims; RSS {report['rss_before_mib']} "
        f"MiB before, VmHWM {report['hwm_mib']}; {report.get('failed') or 'loaded'}",
        "step | statement | floor MiB | peak MiB | peak's tags (MiB) | spilled | temp files | s",
    ]
    for row in report["statements"]:
        peak = row["peak"]
        tags = ", ".join(f"{t} {m}" for t, m in sorted(peak.get("tags", {}).items()))
        lines.append(
            f"{row['step']} | {row['sql'][:48]} | {row['floor'].get('total_mib')} | "
            f"{peak.get('total_mib')} | {tags} | {peak.get('spilled_mib')} | "
            f"{peak.get('temp_files_mib')} | {row.get('seconds')}"
            + (f" | FAILED {row['failed']}" if "failed" in row else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    sys.path[:0] = [str(REPO), str(REPO / "bench")]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("captured", type=Path, help="a `load_replay.py capture` folder")
    parser.add_argument("--limit", help="both of the load's memory limits (e.g. 96MB)")
    parser.add_argument("--work", type=Path, help="the new warehouse's folder (CAPTURED/isolated)")
    parser.add_argument("--every", type=float, default=0.02, help="seconds between samples")
    parser.add_argument("--json", type=Path, help="write the whole report there too")
    args = parser.parse_args(argv)
    report = isolated(args.captured, args.limit, args.work, args.every)
    if args.json:
        args.json.write_text(json.dumps(report))
    print(table(report))
    return 1 if "failed" in report else 0


if __name__ == "__main__":
    raise SystemExit(main())
