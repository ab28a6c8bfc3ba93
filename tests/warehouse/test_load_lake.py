"""A run's claims and facts loaded from Parquet files (warehouse.load_lake) land as the same
rows as from frames; a claim id written twice keeps its first row (by file, then row); DuckDB
reads them under the lake's memory limit, and claim ids stay unique without a key index."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import crosscheck.warehouse.load as load_module
import duckdb
import pandas as pd
import pytest
from crosscheck.warehouse import LakeFiles, LoadFailed, RunBundle, load_run, open_warehouse
from crosscheck.warehouse.load_lake import LAKE_MEMORY_LIMIT, LOAD_MEMORY_LIMIT

from tests.warehouse.test_support import make_bundle

TABLES = ("sources", "claims", "facts", "finding_claims")


def _write(frame: pd.DataFrame, path: Path) -> str:
    con = duckdb.connect()
    con.register("part", frame.reset_index(drop=True))
    con.execute(f"COPY part TO '{path}' (FORMAT parquet)")
    con.close()
    return str(path)


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[object, ...]]:
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def _lake_bundle(tmp_path: Path, claims: list[pd.DataFrame]) -> RunBundle:
    bundle = make_bundle("r1")
    facts = _write(bundle.facts, tmp_path / "facts.parquet")
    files = tuple(_write(c, tmp_path / f"claims-{i}.parquet") for i, c in enumerate(claims))
    bundle.lake = LakeFiles((facts,), files, len(bundle.facts), sum(len(c) for c in claims))
    bundle.claims, bundle.facts = bundle.claims.iloc[0:0], bundle.facts.iloc[0:0]
    return bundle


def test_a_lake_loads_the_rows_its_frames_load(tmp_path: Path) -> None:
    framed = open_warehouse(tmp_path / "framed.duckdb")
    load_run(framed, make_bundle("r1"))
    claims = make_bundle("r1").claims
    bundle = _lake_bundle(tmp_path, [claims.iloc[:3], claims.iloc[3:]])
    laked = open_warehouse(tmp_path / "laked.duckdb")
    load_run(laked, bundle)
    for table in TABLES:
        assert _rows(laked, table) == _rows(framed, table) != []


def test_a_claim_id_written_twice_keeps_its_first_row(tmp_path: Path) -> None:
    claims = make_bundle("r1").claims
    again = claims.iloc[[0]].assign(raw_value="a later copy")
    bundle = _lake_bundle(tmp_path, [claims, again])
    con = open_warehouse(tmp_path / "w.duckdb")
    assert load_run(con, bundle).claims == len(claims)
    first = str(claims["claim_id"].iloc[0])
    stored = con.execute("SELECT raw_value FROM claims WHERE claim_id = ?", [first]).fetchall()
    assert stored == [(claims["raw_value"].iloc[0],)]


def test_the_lake_is_read_under_its_memory_limit_the_rest_under_the_loads_then_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    default = _memory_limit(con)
    probe = duckdb.connect()
    probe.execute(f"SET memory_limit = '{LAKE_MEMORY_LIMIT}'")
    limited = _memory_limit(probe)
    probe.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")
    rest = _memory_limit(probe)
    assert default not in (limited, rest)  # the rest's limit equals the lake's (issue 19)
    seen: dict[str, str] = {}
    real = {"claims": load_module._insert_claims, "findings": load_module._insert_findings}

    def claims(con: duckdb.DuckDBPyConnection, *args: object) -> None:
        seen["claims"] = _memory_limit(con)
        real["claims"](con, *args)

    def findings(con: duckdb.DuckDBPyConnection, *args: object) -> None:
        seen["findings"] = _memory_limit(con)
        real["findings"](con, *args)

    monkeypatch.setattr(load_module, "_insert_claims", claims)
    monkeypatch.setattr(load_module, "_insert_findings", findings)
    load_run(con, _lake_bundle(tmp_path, [make_bundle("r1").claims]))
    assert seen == {"claims": limited, "findings": rest}
    assert _memory_limit(con) == default
    # a failed load lifts it too
    monkeypatch.setattr(load_module, "_insert_claims", _broken)
    with pytest.raises(LoadFailed):
        load_run(con, _lake_bundle(tmp_path, [make_bundle("r2").claims]))
    assert _memory_limit(con) == default


def test_claims_stay_unique_without_a_key_when_a_lake_is_loaded_again(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    claims = make_bundle("r1").claims
    load_run(con, _lake_bundle(tmp_path, [claims]))
    again = _lake_bundle(tmp_path, [claims])
    again.run_id = "r2"
    assert load_run(con, again).claims == 0
    for table in ("claims", "facts"):
        ids = con.execute(f"SELECT count(*), count(DISTINCT claim_id) FROM {table}").fetchall()
        assert (
            ids[0][0] == ids[0][1] == len(claims if table == "claims" else make_bundle("r1").facts)
        )


def _table_bundle(tmp_path: Path, table: str, parts: list[pd.DataFrame]) -> RunBundle:
    """A lake bundle whose consensus ("consensus") or categorical consensus ("categories") is
    in the lake as the Dask workers write it (typed, one file a part)."""
    from crosscheck.dask_lake import CATEGORY_TYPES, CONSENSUS_TYPES, write_part

    types = CONSENSUS_TYPES if table == "consensus" else CATEGORY_TYPES
    bundle = _lake_bundle(tmp_path, [make_bundle("r1").claims])
    files = tuple(
        str(tmp_path / f"{table}-{i}.parquet")
        for i, part in enumerate(parts)
        if write_part(part, str(tmp_path / f"{table}-{i}.parquet"), types)
    )
    rows = sum(len(p) for p in parts)
    counted = "consensus_rows" if table == "consensus" else "category_rows"
    bundle.lake = replace(bundle.lake, **{table: files, counted: rows})  # type: ignore[arg-type]
    return bundle


def _consensus_bundle(tmp_path: Path, parts: list[pd.DataFrame]) -> RunBundle:
    """`_table_bundle` of the numeric consensus; the bundle's own frame emptied."""
    bundle = _table_bundle(tmp_path, "consensus", parts)
    bundle.reconciled = bundle.reconciled.iloc[0:0]
    return bundle


def test_the_consensus_from_the_lake_loads_the_rows_its_frame_loads(tmp_path: Path) -> None:
    """A missing qualifier and an infinite bound land as from the bundle's frame; a file
    whose qualifiers are all missing reads as the others (typed when written)."""
    framed = open_warehouse(tmp_path / "framed.duckdb")
    load_run(framed, make_bundle("r1"))
    reconciled = make_bundle("r1").reconciled
    assert pd.isna(reconciled["qualifier"].iloc[1])
    laked = open_warehouse(tmp_path / "laked.duckdb")
    parts = [reconciled.iloc[[0]], reconciled.iloc[[1]]]
    assert load_run(laked, _consensus_bundle(tmp_path, parts)).reconciled_facts == 2
    assert _rows(laked, "reconciled_facts") == _rows(framed, "reconciled_facts") != []


def test_a_consensus_key_written_twice_keeps_its_first_row(tmp_path: Path) -> None:
    reconciled = make_bundle("r1").reconciled
    again = reconciled.iloc[[0]].assign(value=1.0)
    con = open_warehouse(tmp_path / "w.duckdb")
    assert load_run(con, _consensus_bundle(tmp_path, [reconciled, again])).reconciled_facts == 2
    values = con.execute("SELECT value FROM reconciled_facts ORDER BY value").fetchall()
    assert values == sorted((v,) for v in reconciled["value"])


def test_a_lake_missing_consensus_rows_fails_the_load(tmp_path: Path) -> None:
    bundle = _consensus_bundle(tmp_path, [make_bundle("r1").reconciled])
    bundle.lake = replace(bundle.lake, consensus_rows=3)  # type: ignore[arg-type]
    with pytest.raises(LoadFailed, match="consensus"):
        load_run(open_warehouse(tmp_path / "w.duckdb"), bundle)


def _memory_limit(con: duckdb.DuckDBPyConnection) -> str:
    return str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])


def _broken(*_: object) -> None:
    raise RuntimeError("disk on fire")


def _categories() -> pd.DataFrame:
    from crosscheck.contracts import RECONCILED_CATEGORY_COLUMNS

    rows = [
        ["Flask", "async_support", None, "third_party", 2, 1, 0.4, ["https://a.example/x"]],
        ["FastAPI", "async_support", "", "native", 3, 0, 0.7, ["https://b.example/y"]],
    ]
    return pd.DataFrame(rows, columns=RECONCILED_CATEGORY_COLUMNS)


def _categories_bundle(tmp_path: Path, parts: list[pd.DataFrame]) -> RunBundle:
    """`_table_bundle` of the categorical consensus."""
    return _table_bundle(tmp_path, "categories", parts)


def test_the_categories_from_the_lake_load_the_rows_their_frame_loads(tmp_path: Path) -> None:
    """A missing qualifier lands as ''; a key written twice keeps its first row; a lake
    missing rows fails the load (issue 19: the client no longer gathers them)."""
    framed = open_warehouse(tmp_path / "framed.duckdb")
    bundle = make_bundle("r1")
    bundle.reconciled_categories = _categories()
    load_run(framed, bundle)
    laked = open_warehouse(tmp_path / "laked.duckdb")
    doubled = _categories().iloc[[0]].assign(value_text="later")
    load_run(
        laked, _categories_bundle(tmp_path, [_categories().iloc[[0]], _categories().iloc[[1]]])
    )
    assert _rows(laked, "reconciled_categories") == _rows(framed, "reconciled_categories") != []
    again = open_warehouse(tmp_path / "again.duckdb")
    load_run(again, _categories_bundle(tmp_path, [_categories(), doubled]))
    assert _rows(again, "reconciled_categories") == _rows(framed, "reconciled_categories")
    short = _categories_bundle(tmp_path, [_categories()])
    short.lake = replace(short.lake, category_rows=3)  # type: ignore[arg-type]
    with pytest.raises(LoadFailed, match="categorical consensus"):
        load_run(open_warehouse(tmp_path / "w.duckdb"), short)


def test_a_lake_file_duckdb_cannot_read_fails_the_load_before_it_begins(tmp_path: Path) -> None:
    """An error while the views are made (before the transaction: e.g. out of memory
    counting the claim ids) is a LoadFailed naming that step; the limit and views are gone."""
    con = open_warehouse(tmp_path / "w.duckdb")
    default = _memory_limit(con)
    bundle = _lake_bundle(tmp_path, [make_bundle("r1").claims])
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not a parquet file PAR1")
    assert bundle.lake is not None
    bundle.lake = replace(bundle.lake, claims=(*bundle.lake.claims, str(broken)))
    with pytest.raises(
        LoadFailed, match=r"reading the lake's files failed: .*\(at the lake's views\)"
    ):
        load_run(con, bundle)
    assert _memory_limit(con) == default
    views = con.execute("SELECT view_name FROM duckdb_views() WHERE view_name LIKE '_cc%'")
    assert views.fetchall() == []
    assert con.execute("SELECT count(*) FROM runs").fetchall() == [(0,)]


def test_the_warehouse_can_spill_past_the_loads_limit(tmp_path: Path) -> None:
    """The lake load's joins and appended rows spill past its 128MB to DuckDB's temporary
    directory (beside the warehouse file): it must be set."""
    con = open_warehouse(tmp_path / "w.duckdb")
    folder = con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]
    assert folder and Path(folder).parent == tmp_path
