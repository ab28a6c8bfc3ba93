"""The Parquet lake: a run's facts and claims as Parquet files by run and entity bucket, written
by the engine's workers beside the DuckDB load, so analysts can query every run's figures with
DuckDB (or any Parquet reader) without opening the warehouse.

Layout (hive partitioning, so `run_id` and `bucket` read back as columns)::

    LAKE/facts/run_id=<run>/bucket=<NN>/part.parquet
    LAKE/claims/run_id=<run>/bucket=<NN>/part-chunks.parquet  (Dask: the parse chunks' files,
                                                               compacted after the parse)
    LAKE/claims/run_id=<run>/bucket=<NN>/part.parquet  (written by the client)
    LAKE/consensus/run_id=<run>/bucket=<NN>/part.parquet  (Dask: the numeric consensus,
                                                           written by its entity partitions)
    LAKE/categories/run_id=<run>/bucket=<NN>/part.parquet  (Dask: the categorical consensus,
                                                            the same way)

A claim goes to the bucket of its fact's canonical entity (a claim quarantined before it
became a fact: of its entity as written), so one entity's facts and claims share a bucket
number. Files are written under a temporary name and renamed; a run whose load fails has its
folders removed (`drop_run`).

With the Dask engine the warehouse load reads the run's facts and claims from these files
(`lake_files` → `warehouse.load_lake`) instead of frames the client holds; without `--lake` a
LocalCluster run writes them to a temporary lake beside the warehouse (`temporary_lake`),
removed once the load is over.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from crosscheck.contracts import stable_id
from crosscheck.dask_pages import PAGES, QUARANTINE, keep_pages
from crosscheck.dask_parquet import COMPACTED as COMPACTED
from crosscheck.dask_parquet import compact_bucket, write_part
from crosscheck.dask_shuffle import buckets, reshuffle

if TYPE_CHECKING:
    from crosscheck.batches import PreparedChunk
    from crosscheck.dask_shuffle import Runner
    from crosscheck.warehouse import LakeFiles

LAKE_TABLES = ("facts", "claims")
#: The Dask engine's page sketches, by source partition (crosscheck.dask_passages): the load
#: reads them from here, as the claims and facts (every table a run may write).
PASSAGES = "passages"
#: The Dask engine's numeric consensus (RECONCILED_COLUMNS), by the bucket of its entity: the
#: reconcile's entity partitions write it where they computed it and the load reads it here.
CONSENSUS = "consensus"
#: The Dask engine's categorical consensus (RECONCILED_CATEGORY_COLUMNS), the same way.
CATEGORIES = "categories"
#: The Dask engine's findings (FINDING_COLUMNS), by the bucket of their entity: the workers
#: that capped and annotated them write them (crosscheck.dask_findings), the load reads them.
FINDINGS = "findings"
#: The Dask engine's comparative statements (RELATION_COLUMNS), by the partition of the pair
#: of entities they name: the parse tasks keep them, the statements' cut writes them
#: (crosscheck.dask_statements), the load reads them.
RELATIONS = "relations"
#: The Dask engine's copy groups (COPY_GROUP_COLUMNS), one file (`bucket=00`): the task that
#: groups the copies keeps them (crosscheck.dask_copies.KeptCopies) and writes them here.
COPIES = "copies"
#: The Dask engine's source reliability (SOURCE_RELIABILITY_COLUMNS), one file (`bucket=00`):
#: the task that builds it from the rounds' sums keeps it (crosscheck.dask_reconcile).
RELIABILITY = "reliability"
RUN_TABLES = (
    *LAKE_TABLES, PASSAGES, CONSENSUS, CATEGORIES, FINDINGS, RELATIONS, PAGES, QUARANTINE, COPIES,
    RELIABILITY,
)  # fmt: skip
#: The copy groups' columns as the lake stores them (the warehouse's types).
COPY_TYPES = {
    "group_id": "VARCHAR", "source": "VARCHAR", "jaccard_to_group": "DOUBLE", "size": "INTEGER",
}  # fmt: skip
#: The source reliability's columns as the lake stores them (the warehouse's types).
RELIABILITY_TYPES = {
    "source": "VARCHAR", "reliability": "DOUBLE", "claims": "INTEGER", "agreeing": "INTEGER",
    "disagreeing": "INTEGER", "copy_group": "VARCHAR",
}  # fmt: skip
#: The consensus's columns as the lake stores them: typed, so a bucket whose qualifiers or
#: units are all missing writes the same schema as the others.
CONSENSUS_TYPES = {
    "entity": "VARCHAR", "metric": "VARCHAR", "qualifier": "VARCHAR", "low": "DOUBLE",
    "high": "DOUBLE", "value": "DOUBLE", "unit": "VARCHAR", "support": "INTEGER",
    "dissent": "INTEGER", "confidence": "DOUBLE", "sources": "VARCHAR[]",
}  # fmt: skip
#: The categorical consensus's columns as the lake stores them (typed, as CONSENSUS_TYPES).
CATEGORY_TYPES = {
    "entity": "VARCHAR", "metric": "VARCHAR", "qualifier": "VARCHAR", "value_text": "VARCHAR",
    "support": "INTEGER", "dissent": "INTEGER", "confidence": "DOUBLE", "sources": "VARCHAR[]",
}  # fmt: skip
#: The findings' columns as the lake stores them (typed: a bucket of all-missing qualifiers
#: writes the same schema as the others).
FINDING_TYPES = {
    "finding_id": "VARCHAR", "kind": "VARCHAR", "scope": "VARCHAR", "severity": "VARCHAR",
    "entity": "VARCHAR", "metric": "VARCHAR", "qualifier": "VARCHAR", "explanation": "VARCHAR",
    "claim_ids": "VARCHAR[]", "root_cause": "VARCHAR",
}  # fmt: skip
#: Entity buckets per run: files stay few (an analyst's glob) and each stays a few MB at 50k pages.
LAKE_BUCKETS = 16


@dataclass(frozen=True)
class ClaimsIntoLake:
    """A chunk task that keeps the chunk's claims on the worker: it parses and normalizes the
    chunk (`prepare_chunk`), reads the comparative statements from its claims, writes the
    claims to the lake by entity bucket and returns the rest without them (picklable: the
    Dask engine ships it with each chunk). The file name derives from the chunk's pages, so a
    chunk re-run after its worker died overwrites its own files instead of adding rows."""

    lake: str
    run_id: str
    n: int = LAKE_BUCKETS

    def __call__(self, items: Sequence[Any], store: Any = None) -> PreparedChunk:
        from crosscheck.batches import _WorkerState, prepare_pages
        from crosscheck.normalize.relations import relations_of_claims

        chunk = prepare_pages(items, store=store)
        normalizer = _WorkerState.normalizer
        assert normalizer is not None  # prepare_chunk checked it
        claims = chunk.claims
        chunk.relations = relations_of_claims(claims, normalizer.vocabulary)
        keys = (getattr(i, "source", None) or getattr(i, "path", "") for i in items)
        name = "part-" + stable_id(*keys)[:16] + ".parquet"
        bucket = claim_buckets(claims, chunk.facts, self.n).to_numpy()
        for b in np.unique(bucket):
            folder = run_folder(Path(self.lake), "claims", self.run_id) / f"bucket={b:02d}"
            write_part(claims[bucket == b], str(folder / name))
        chunk.lake_claims = len(claims)
        chunk.claims = claims.iloc[0:0]
        # its page rows and quarantine too: the client gets counts (crosscheck.dask_pages)
        keep_pages(chunk, str(Path(self.lake) / "{table}" / f"run_id={self.run_id}"), name, self.n)
        return chunk


def claim_buckets(claims: pd.DataFrame, facts: pd.DataFrame, n: int) -> pd.Series:
    """Per claim, the bucket of its fact's entity (of `entity_raw` when it has no fact)."""
    entity = claims["claim_id"].map(
        pd.Series(facts["entity"].to_numpy(), index=facts["claim_id"].to_numpy())
        .groupby(level=0)
        .first()
    )
    entity = entity.where(entity.notna(), claims["entity_raw"])
    return pd.Series(buckets(entity, n), index=claims.index)


def write_lake(
    runner: Runner,
    lake: Path,
    run_id: str,
    facts: pd.DataFrame,
    claims: pd.DataFrame,
    entity_parts: list[Any] | None = None,
    n: int = LAKE_BUCKETS,
    passage_parts: list[Any] | None = None,
    consensus_parts: list[Any] | None = None,
    category_parts: list[Any] | None = None,
    finding_parts: list[Any] | None = None,
    statement_parts: list[Any] | None = None,
    copy_parts: list[Any] | None = None,
    reliability_parts: list[Any] | None = None,
) -> dict[str, int]:
    """Write the run's facts and claims under `lake`, one task per table and bucket; returns
    the rows written per table. `entity_parts`: the run's facts already on the runner, cut by
    entity (the checks' partitions): they are re-cut into the lake's buckets on the workers
    instead of being sent again. `passage_parts`: the page sketches the workers kept, cut by
    source (crosscheck.dask_passages), written where they are. `consensus_parts`: the
    numeric consensus the reconcile's entity partitions kept, written where it is;
    `category_parts`: their categorical consensus, the same way; `finding_parts`: the
    findings the workers kept (crosscheck.dask_findings), by entity partition too;
    `statement_parts`: the comparative statements the workers kept, by pair partition
    (crosscheck.dask_statements), one file each; `copy_parts`: the copy groups the workers
    kept (crosscheck.dask_copies), one file each; `reliability_parts`: the source reliability
    they kept (crosscheck.dask_reconcile), the same way."""
    tasks: dict[str, list[Any]] = {name: [] for name in LAKE_TABLES}
    for table, parts, types in (
        (CONSENSUS, consensus_parts, CONSENSUS_TYPES),
        (CATEGORIES, category_parts, CATEGORY_TYPES),
        (FINDINGS, finding_parts, FINDING_TYPES),
    ):
        if parts is not None:
            where = run_folder(lake, table, run_id)
            tasks[table] = _submit_entity_parts(runner, parts, where, n, types)
    from crosscheck.dask_statements import RELATION_TYPES

    for table, parts, types in (
        (RELATIONS, statement_parts, RELATION_TYPES),
        (COPIES, copy_parts, COPY_TYPES),
        (RELIABILITY, reliability_parts, RELIABILITY_TYPES),
    ):  # one file per part, written where it is
        if parts is not None:
            where = run_folder(lake, table, run_id)
            tasks[table] = [
                runner.submit(write_part, part, str(where / f"bucket={b:02d}" / "part.parquet"),
                              types)
                for b, part in enumerate(parts)
            ]  # fmt: skip
    if passage_parts is not None:
        from crosscheck.dask_passages import submit_writes

        sketches = run_folder(lake, PASSAGES, run_id)
        tasks[PASSAGES] = submit_writes(runner, passage_parts, sketches)
    if entity_parts is not None:
        facts_folder = run_folder(lake, "facts", run_id)
        tasks["facts"] = _submit_entity_parts(runner, entity_parts, facts_folder, n)
    else:
        fact_buckets = pd.Series(buckets(facts["entity"], n), index=facts.index)
        tasks["facts"] = _submit_parts(runner, lake, run_id, "facts", facts, fact_buckets, n)
    claim_bucket = claim_buckets(claims, facts, n)
    tasks["claims"] = _submit_parts(runner, lake, run_id, "claims", claims, claim_bucket, n)
    # the parse tasks' files, one per chunk and bucket, compacted to one per bucket
    compacted = [
        runner.submit(compact_bucket, f"{run_folder(lake, table, run_id)}/bucket={b:02d}")
        for table in ("claims", PAGES, QUARANTINE)
        for b in range(n)
    ]
    written = {name: sum(runner.gather(handles)) for name, handles in tasks.items()}
    runner.gather(compacted)
    return written


def _submit_entity_parts(
    runner: Runner,
    parts: list[Any],
    folder: Path,
    n: int,
    types: dict[str, str] | None = None,
) -> list[Any]:
    """Tasks writing frames on the runner cut by entity into the lake's `n` entity buckets
    under `folder` (handles on the rows each wrote)."""
    if len(parts) and n % len(parts) == 0:
        # bucket b of n lies whole in entity partition b % k (one hash, k divides n): each
        # partition writes its own buckets, rows in its (run) order, with no shuffle
        return [runner.submit(write_buckets, part, str(folder), n, types) for part in parts]
    return [
        runner.submit(write_part, part, str(folder / f"bucket={b:02d}" / "part.parquet"), types)
        for b, part in enumerate(reshuffle(runner, parts, "entity", n))
    ]


def write_buckets(
    part: pd.DataFrame, folder: str, n: int, types: dict[str, str] | None = None
) -> int:
    """One entity partition's rows into the lake's buckets it holds (`folder`/bucket=NN/
    part.parquet): the files a shuffle of every partition into `n` buckets would write."""
    bucket = buckets(part["entity"], n)
    return sum(
        write_part(part[bucket == b], f"{folder}/bucket={b:02d}/part.parquet", types)
        for b in np.unique(bucket).tolist()
    )


def _submit_parts(
    runner: Runner,
    lake: Path,
    run_id: str,
    table: str,
    frame: pd.DataFrame,
    bucket: pd.Series,
    n: int,
) -> list[Any]:
    handles = []
    for b in range(n):
        part = frame[(bucket == b).to_numpy(dtype=bool)]
        path = run_folder(lake, table, run_id) / f"bucket={b:02d}" / "part.parquet"
        handles.append(runner.submit(write_part, part, str(path)))
    return handles


def run_folder(lake: Path, table: str, run_id: str) -> Path:
    return Path(lake) / table / f"run_id={run_id}"


def drop_run(lake: Path, run_id: str) -> None:
    """Remove a run's files (its load failed: the lake holds only loaded runs)."""
    for table in RUN_TABLES:
        shutil.rmtree(run_folder(lake, table, run_id), ignore_errors=True)


def lake_files(lake: Path, run_id: str, written: dict[str, int]) -> LakeFiles:
    """The run's files per table (what the load reads) and the rows written to them."""
    from crosscheck.warehouse import LakeFiles

    def files(table: str) -> tuple[str, ...]:
        return tuple(sorted(str(p) for p in run_folder(lake, table, run_id).glob("*/*.parquet")))

    def held(table: str) -> tuple[str, ...] | None:  # None: the bundle's frame holds it
        return files(table) if table in written else None

    return LakeFiles(
        files("facts"), files("claims"), written["facts"], written["claims"],
        files(PASSAGES), written.get(PASSAGES, 0),
        held(CONSENSUS), written.get(CONSENSUS, 0),
        held(CATEGORIES), written.get(CATEGORIES, 0),
        held(FINDINGS), written.get(FINDINGS, 0),
        files(RELATIONS), written.get(RELATIONS, 0),
        files(PAGES), written.get(PAGES, 0), files(QUARANTINE), written.get(QUARANTINE, 0),
        copies=held(COPIES), copy_rows=written.get(COPIES, 0),
        reliability=held(RELIABILITY), reliability_rows=written.get(RELIABILITY, 0),
    )  # fmt: skip


#: Where a LocalCluster run without --lake puts its run's lake: beside the warehouse file.
TEMPORARY_PREFIX = ".crosscheck-lake-"


def temporary_lake(db_path: Path, run_id: str) -> Path:
    """A run-scoped lake folder beside the warehouse (the LocalCluster's workers share this
    host's disk); the run removes it once its load is over."""
    return Path(db_path).resolve().parent / f"{TEMPORARY_PREFIX}{run_id}"


def lake_glob(lake: Path, table: str) -> str:
    """The read_parquet pattern of a table, for analysts and tests."""
    return str(Path(lake) / table / "*" / "*" / "*.parquet")
