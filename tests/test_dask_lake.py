"""The Parquet lake: a run's facts and claims land as Parquet by run and entity bucket, hold
exactly what the warehouse loaded, read back with DuckDB, and a run whose load fails leaves
nothing in the lake."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import crosscheck
from crosscheck.dask_lake import lake_glob
from crosscheck.errors import RunFailed
from tests.conftest import EXAMPLES_DIR


def _lake(lake: Path, table: str, what: str, tail: str = "") -> list[tuple[object, ...]]:
    con = duckdb.connect()
    try:
        source = "read_parquet(?, hive_partitioning = true)"
        return con.execute(
            f"SELECT {what} FROM {source} {tail}", [lake_glob(lake, table)]
        ).fetchall()
    finally:
        con.close()


def test_a_run_writes_its_facts_and_claims_by_run_and_entity_bucket(tmp_path: Path) -> None:
    db, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    result = crosscheck.run([EXAMPLES_DIR], db=db, lake=lake, validate=False, check=False)
    assert result.exit_code in (0, 1) and result.loaded
    con = duckdb.connect(str(db), read_only=True)
    try:
        # the warehouse's first run: every fact and claim in it is this run's
        loaded_facts = con.execute(
            "SELECT claim_id, entity, low FROM facts ORDER BY ALL"
        ).fetchall()
        loaded_claims = con.execute("SELECT count(*) FROM claims").fetchone()
    finally:
        con.close()
    in_lake = _lake(lake, "facts", "claim_id, entity, low", "ORDER BY ALL")
    assert in_lake == loaded_facts and len(in_lake) > 100
    assert _lake(lake, "claims", "count(*)")[0][0] == loaded_claims[0]
    assert _lake(lake, "facts", "DISTINCT run_id") == [(result.run_id,)]
    # one entity, one bucket; and the rows spread over several buckets
    spread = _lake(lake, "facts", "entity, count(DISTINCT bucket)", "GROUP BY entity")
    assert {n for _, n in spread} == {1}
    assert len(_lake(lake, "facts", "DISTINCT bucket")) > 3
    folders = sorted(p.relative_to(lake).parts[:2] for p in lake.rglob("*.parquet"))
    assert folders[0] == ("claims", f"run_id={result.run_id}")


def test_a_failed_load_leaves_nothing_in_the_lake(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosscheck.steps

    def broken(con: object, bundle: object, **options: object) -> None:
        raise OSError("disk full while loading")

    monkeypatch.setattr(crosscheck.steps, "load_run", broken)
    db, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    with pytest.raises(RunFailed, match="disk full"):
        crosscheck.run([EXAMPLES_DIR], db=db, lake=lake, validate=False)
    assert not list(lake.rglob("*.parquet"))


def test_the_lake_comes_from_the_config_file_the_environment_and_the_flag(tmp_path: Path) -> None:
    from crosscheck.config import resolve
    from crosscheck.runner import build_run_config

    config = tmp_path / "crosscheck.toml"
    config.write_text('[run]\nlake = "lake-from-file"\n')
    from_file = resolve({"config": str(config)}, environ={})
    assert from_file.lake == tmp_path / "lake-from-file"  # relative to the config file
    from_env = resolve({"config": str(config)}, environ={"CROSSCHECK_LAKE": "/data/lake"})
    assert from_env.lake == Path("/data/lake")
    flagged = resolve({"lake": tmp_path / "l"}, environ={"CROSSCHECK_LAKE": "/data/lake"})
    assert build_run_config(flagged, check_sources=False).lake == tmp_path / "l"
    assert resolve({}, environ={}).lake is None


def test_entity_partitions_write_the_files_a_shuffle_into_the_buckets_writes(
    tmp_path: Path,
) -> None:
    """With 4 entity partitions each writes the lake buckets it holds (no shuffle); with 3
    (which do not divide the 16 buckets) they are shuffled first: the same files either way."""
    import pandas as pd

    from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS
    from crosscheck.dask_lake import LAKE_BUCKETS, run_folder, write_lake
    from crosscheck.dask_shuffle import InProcess, split

    rows = 400
    facts = pd.DataFrame({c: [f"{c}-{i % 7}" for i in range(rows)] for c in FACT_COLUMNS})
    facts["claim_id"] = [f"c{i:04d}" for i in range(rows)]
    facts["entity"] = [f"Entity{(i * 7919) % 53}" for i in range(rows)]
    claims = pd.DataFrame(columns=CLAIM_COLUMNS)
    files: dict[int, dict[str, list[tuple[object, ...]]]] = {}
    for k in (4, 3):
        runner = InProcess(k)
        parts = list(split(facts, "entity", k))
        written = write_lake(runner, tmp_path / f"lake{k}", "r1", facts, claims, parts)
        assert written == {"facts": rows, "claims": 0}
        folder = run_folder(tmp_path / f"lake{k}", "facts", "r1")
        con = duckdb.connect()
        files[k] = {
            p.parent.name: con.execute(
                "SELECT claim_id, entity FROM read_parquet(?)", [str(p)]
            ).fetchall()
            for p in sorted(folder.glob("*/part.parquet"))
        }
        con.close()
    assert files[4] == files[3]
    assert 8 < len(files[4]) <= LAKE_BUCKETS
    # each bucket's rows in the run's order
    assert all(rows_ == sorted(rows_) for rows_ in files[4].values())


def test_a_buckets_chunk_files_compact_into_one_in_file_then_row_order(tmp_path: Path) -> None:
    """The parse chunks' claim files of a bucket become one file (the load's reader holds
    memory per file): rows in file-name then row order, so the first row of a claim id is
    the one it was before; a compaction run again after it finished loses nothing."""
    import pandas as pd

    from crosscheck.dask_lake import COMPACTED, compact_bucket, write_part

    bucket = tmp_path / "bucket=03"
    chunks = {"part-f0.parquet": ["c1", "c2"], "part-0a.parquet": ["c3", "c1"]}
    for name, ids in chunks.items():
        frame = pd.DataFrame({"claim_id": ids, "raw_value": [f"{name}:{i}" for i in ids]})
        write_part(frame, str(bucket / name))
    write_part(
        pd.DataFrame({"claim_id": ["c9"], "raw_value": ["client"]}), str(bucket / "part.parquet")
    )
    assert compact_bucket(str(bucket)) == 4
    assert sorted(p.name for p in bucket.iterdir()) == [COMPACTED, "part.parquet"]
    read = "SELECT claim_id, raw_value FROM read_parquet(?)"
    compacted = duckdb.connect().execute(read, [str(bucket / COMPACTED)]).fetchall()
    assert compacted == [
        ("c3", "part-0a.parquet:c3"), ("c1", "part-0a.parquet:c1"),
        ("c1", "part-f0.parquet:c1"), ("c2", "part-f0.parquet:c2"),
    ]  # fmt: skip
    # a worker that died after the rename: the chunk file it left is already compacted
    write_part(
        pd.DataFrame({"claim_id": ["c1"], "raw_value": ["x"]}), str(bucket / "part-f0.parquet")
    )
    assert compact_bucket(str(bucket)) == 0
    assert sorted(p.name for p in bucket.iterdir()) == [COMPACTED, "part.parquet"]
    assert duckdb.connect().execute(read, [str(bucket / COMPACTED)]).fetchall() == compacted
    assert compact_bucket(str(tmp_path / "bucket=04")) == 0  # a bucket no chunk wrote


def test_a_part_is_written_in_the_row_groups_asked_for(tmp_path: Path) -> None:
    """The sketches' files are cut in small row groups: the load's Parquet reader holds a row
    group's column whole (issue 19: one of ~20,000 sketches failed the load under 128MB)."""
    import pandas as pd

    from crosscheck.dask_lake import write_part
    from crosscheck.dask_passages import SKETCH_ROW_GROUP

    frame = pd.DataFrame({"n": range(5000)})
    path = tmp_path / "part.parquet"
    assert write_part(frame, str(path), row_group_rows=SKETCH_ROW_GROUP) == 5000
    meta = f"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{path}')"
    assert duckdb.connect().execute(meta).fetchall() == [(-(-5000 // SKETCH_ROW_GROUP),)]
    rows = duckdb.connect().execute(f"SELECT n FROM '{path}'").fetchall()
    assert rows == [(i,) for i in range(5000)]
