"""The Dask load's memory at any scale without running the pipeline again (issue 19): capture
one run's bundle and lake, grow them k times under new ids, replay the load into a new warehouse.

    python bench/load_replay.py capture CORPUS OUT      # one dask run; OUT/bundle.pkl, OUT/lake
    python bench/load_tags.py OUT                       # its load alone, DuckDB's memory by tag
    python bench/load_replay.py scale OUT K GROWN       # K copies: claim, finding ids, sources
    python bench/load_replay.py replay GROWN [--limit 96MB] [--work DIR]

`replay` prints one JSON line: the RSS before the load (the bundle unpickled), the VmHWM after
it, and per load step the peak RSS with DuckDB's `duckdb_memory()` by tag then. The copies keep
the consensus's groups and lengthen their lists of sources k times, as a larger corpus of the
same entities does. Memory only: the wall time depends on the machine's load.
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import json
import os
import pickle
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
#: The load's steps, bound in warehouse.load, marked as they start.
STEPS = (
    "_insert_sources", "_insert_pages", "_insert_claims", "_insert_facts", "_insert_quarantine",
    "load_lake_relations", "load_relations", "load_lake_passages", "_reopen_findings",
    "_insert_findings", "_insert_finding_claims", "_resolve_findings", "_insert_reconciled",
    "load_reconciliation", "_finish_run",
)  # fmt: skip


def status_mib(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def capture(corpus: Path, out: Path) -> int:
    """One Dask run with its lake kept (`--lake OUT/lake`, kept when the load fails too) and
    the load's bundle pickled: `bench/load_tags.py OUT` re-runs that load alone."""
    from crosscheck import steps
    from crosscheck.cli import main as cli

    original = steps.load_run
    out.mkdir(parents=True, exist_ok=True)

    def load_run(con: Any, bundle: Any, **kwargs: Any) -> Any:
        with open(out / "bundle.pkl", "wb") as handle:
            pickle.dump(bundle, handle, protocol=5)
        return original(con, bundle, **kwargs)

    steps.load_run = load_run
    # a failed load drops the run's lake files: keep them, the replay reads them
    steps._drop_lake = lambda state: None  # type: ignore[assignment]
    run = ["run", str(corpus.resolve()), "--db", str(out / "run.duckdb")]
    run += ["--snapshots", str(out / "snap"), "--lake", str(out / "lake")]
    return cli([*run, "--no-validate", "--engine", "dask"])


def _suffixed(value: object, copy: int) -> object:
    if copy == 0 or value is None or value != value:
        return value
    return f"{value}#{copy}"


def _copies(frame: pd.DataFrame, k: int, columns: list[str], lists: tuple[str, ...] = ()) -> Any:
    parts = []
    for copy in range(k):
        part = frame.copy()
        for c in columns:
            part[c] = part[c].map(lambda v, i=copy: _suffixed(v, i))
        for c in lists:
            part[c] = part[c].map(
                lambda v, i=copy: None if v is None else [_suffixed(str(x), i) for x in v]
            )
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def scale(source: Path, k: int, out: Path) -> None:
    """`source`'s bundle and lake k times: every id and source suffixed `#i` in copy i."""
    from crosscheck.dask_passages import SKETCH_ROW_GROUP

    with open(source / "bundle.pkl", "rb") as handle:
        bundle = pickle.load(handle)
    run, con = bundle.run_id, duckdb.connect()
    files: dict[str, list[str]] = {}
    keyed = {"claims": ["claim_id", "source"], "facts": ["claim_id", "source"]}
    # the sketches' row groups as the workers write them (crosscheck.dask_passages)
    groups = {"passages": f", ROW_GROUP_SIZE {SKETCH_ROW_GROUP}"}
    # the statements the workers kept (crosscheck.dask_statements): none in older captures
    statements = {"relations": ["relation_id", "claim_id", "source"]}
    # the page rows and quarantine the parse tasks wrote (crosscheck.dask_pages): none in older
    pages = {"pages": ["source"], "quarantine": ["claim_id", "source"]}
    for table, keys in {**keyed, "passages": ["source"], **statements, **pages}.items():
        files[table] = []
        for path in sorted(glob.glob(f"{source}/lake/{table}/run_id={run}/*/*.parquet")):
            read = f"read_parquet('{path}', hive_partitioning = false)"
            columns = con.execute(f"SELECT * FROM {read} LIMIT 0").fetchdf().columns
            items = [
                f"CASE WHEN i = 0 THEN {c} ELSE {c} || '#' || i END AS {c}" if c in keys else c
                for c in columns
            ]
            folder = out / "lake" / table / f"run_id={run}" / Path(path).parent.name
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / "part.parquet"
            con.execute(
                f"COPY (SELECT {', '.join(items)} FROM {read}, range({k}) AS r(i)) "
                f"TO '{target}' (FORMAT parquet{groups.get(table, '')})"
            )
            files[table].append(str(target))

    def rows(table: str) -> int:
        return int(con.execute(f"SELECT count(*) FROM read_parquet({files[table]})").fetchone()[0])  # type: ignore[index]

    bundle.lake = dataclasses.replace(
        bundle.lake, facts=tuple(files["facts"]), claims=tuple(files["claims"]),
        passages=tuple(files["passages"]), fact_rows=rows("facts"), claim_rows=rows("claims"),
        passage_rows=rows("passages"), relations=tuple(files["relations"]),
        relation_rows=rows("relations") if files["relations"] else 0,
        pages=tuple(files["pages"]), page_rows=rows("pages") if files["pages"] else 0,
        quarantine=tuple(files["quarantine"]),
        quarantine_rows=rows("quarantine") if files["quarantine"] else 0,
    )  # fmt: skip
    for table, rows in (("consensus", "consensus_rows"), ("categories", "category_rows")):
        paths = getattr(bundle.lake, table, None)
        if paths is None:  # the bundle's frame holds it (grown below)
            continue
        # the workers wrote it: the same groups, k × sources
        grown = [_longer(con.execute(f"FROM read_parquet('{p}')").df(), k) for p in paths]
        written = tuple(_rewritten(grown, paths, out, run, table))
        changes = {table: written, rows: sum(len(g) for g in grown)}
        bundle.lake = dataclasses.replace(bundle.lake, **changes)
    bundle.pages = _copies(bundle.pages, k, ["source"])
    bundle.findings = _copies(bundle.findings, k, ["finding_id", "root_cause"], ("claim_ids",))
    for name in ("reconciled", "reconciled_categories"):  # the same groups, k times the sources
        setattr(bundle, name, _longer(getattr(bundle, name), k))
    bundle.source_reliability = _copies(bundle.source_reliability, k, ["source"])
    bundle.copy_groups = _copies(bundle.copy_groups, k, ["group_id", "source"])
    bundle.relations = _copies(bundle.relations, k, ["relation_id", "claim_id", "source"])
    with open(out / "bundle.pkl", "wb") as written:
        pickle.dump(bundle, written, protocol=5)
    print(
        json.dumps(
            {
                "out": str(out),
                "claims": bundle.lake.claim_rows,
                "pages": len(bundle.pages) + bundle.lake.page_rows,
            }
        )
    )


def _longer(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """A consensus frame whose lists of sources hold k copies of each (`#i` in copy i)."""
    frame = frame.copy()
    frame["sources"] = frame["sources"].map(
        lambda v: [_suffixed(str(x), i) for i in range(k) for x in v]
    )
    return frame


def _rewritten(
    frames: list[pd.DataFrame], paths: Any, out: Path, run: str, table: str
) -> list[str]:
    """The grown consensus files (numeric or categorical), one per bucket as the workers
    wrote them."""
    from crosscheck.dask_lake import CATEGORY_TYPES, CONSENSUS_TYPES, run_folder, write_part

    types = CONSENSUS_TYPES if table == "consensus" else CATEGORY_TYPES
    written = []
    for path, frame in zip(paths, frames, strict=True):
        target = run_folder(out / "lake", table, run) / Path(path).parent.name / "part.parquet"
        write_part(frame, str(target), types)
        written.append(str(target))
    return written


def replay(grown: Path, limit: str | None, work: Path | None = None) -> None:
    """Load `grown`'s bundle into a new warehouse, sampling RSS and DuckDB's memory per step."""
    from crosscheck.warehouse import load, load_lake
    from crosscheck.warehouse.connection import open_warehouse

    from crosscheck.common.heap import trim_heap

    if limit:  # both of the load's limits (the lake views' and the rest's)
        load_lake.LOAD_MEMORY_LIMIT = load_lake.LAKE_MEMORY_LIMIT = limit
    work = work or grown / "replay"  # another folder: two replays of one bundle at once
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    con = open_warehouse(work / "w.duckdb")
    with open(grown / "bundle.pkl", "rb") as handle:
        bundle = pickle.load(handle)
    trim_heap()
    report: dict[str, Any] = {"limit": load_lake.LOAD_MEMORY_LIMIT}
    report["rss_before_mib"] = round(status_mib("VmRSS"), 1)
    cursor, step, done = con.cursor(), ["start"], threading.Event()
    peaks: dict[str, dict[str, Any]] = {}

    def sample() -> None:
        rss = status_mib("VmRSS")
        try:
            tags = cursor.execute(
                "SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory()"
            ).fetchall()
        except duckdb.Error:
            tags = []
        if rss > peaks.get(step[0], {}).get("rss_mib", 0.0):
            peaks[step[0]] = {
                "rss_mib": round(rss, 1),
                "duckdb": {t: round(m / 2**20, 1) for t, m, _ in tags if m >= 2**20},
                "spilled_mib": round(sum(s for _, _, s in tags) / 2**20, 1),
            }

    def sampler() -> None:
        while not done.is_set():
            sample()
            time.sleep(0.05)

    def marked(name: str, function: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            sample()
            step[0] = name.lstrip("_")
            return function(*args, **kwargs)

        return run

    for name in STEPS:
        setattr(load, name, marked(name, getattr(load, name)))
    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    started = time.monotonic()
    try:  # a load that fails (e.g. out of DuckDB's memory) still reports its steps' peaks
        loaded = load.load_run(con, bundle, release=True)
        report["claims"] = loaded.claims
        step[0] = "after_commit"
    except load.LoadFailed as failed:
        first: BaseException = failed  # the error that aborted the transaction
        while first.__context__ is not None:
            first = first.__context__
        report["failed"] = f"{step[0]}: {str(first).splitlines()[0]}"
    sample()
    done.set()
    thread.join()
    report.update(
        hwm_mib=round(status_mib("VmHWM"), 1), wall_s=round(time.monotonic() - started, 1),
        loadavg=[round(x, 1) for x in os.getloadavg()], steps=peaks,
    )  # fmt: skip
    print(json.dumps(report))


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    one = verbs.add_parser("capture")
    one.add_argument("corpus", type=Path)
    one.add_argument("out", type=Path)
    grow = verbs.add_parser("scale")
    grow.add_argument("source", type=Path)
    grow.add_argument("k", type=int)
    grow.add_argument("out", type=Path)
    again = verbs.add_parser("replay")
    again.add_argument("grown", type=Path)
    again.add_argument("--work", type=Path, help="the replay's warehouse folder (GROWN/replay)")
    again.add_argument(
        "--limit", help="the load's memory limits for this replay (e.g. 96MB; both are 128MB)"
    )
    args = parser.parse_args(argv)
    if args.verb == "capture":
        os.environ.setdefault("CROSSCHECK_WORKERS", "2")
        return capture(args.corpus, args.out)
    if args.verb == "scale":
        scale(args.source, args.k, args.out)
    else:
        replay(args.grown, args.limit, args.work)
    return 0


if __name__ == "__main__":  # Dask spawns its workers: they re-import this file
    raise SystemExit(main())
