"""A run's claims and facts loaded from Parquet files (warehouse.load_lake) land as the same
rows as from frames; a claim id written twice keeps its first row (by file, then row)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from crosscheck.warehouse import LakeFiles, RunBundle, load_run, open_warehouse

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
