"""Relation facts (comparative statements) land in the `relations` table with the run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
from crosscheck.warehouse import load_run, open_warehouse
from crosscheck.warehouse.export import export
from pytest import MonkeyPatch

from crosscheck.contracts import RELATION_COLUMNS, stable_id
from tests.warehouse.test_support import C_PROSE, C_STARS, C_TABLE, C_URL, make_bundle


def _relation(claim_id: str, source: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(RELATION_COLUMNS)
    row.update(
        relation_id=stable_id(claim_id, "relation"), claim_id=claim_id, source=source,
        a="FastAPI", a_raw="FastAPI", b="Flask", b_raw="Flask", phrase="", aspect="speed",
        direction="higher", low=3.0, high=3.0, bound="exact", raw_value="3x",
        label="faster", evidence="FastAPI is 3x faster than Flask.", locator="paragraph 2",
    )  # fmt: skip
    row.update(extra)
    return row


def test_relations_are_loaded_refreshed_and_exported(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    claim_id, source = C_PROSE["claim_id"], C_PROSE["source"]
    orphan = _relation("not-a-claim", source)  # its claim is not loaded: left out
    relations = pd.DataFrame([_relation(claim_id, source), orphan], columns=RELATION_COLUMNS)
    load_run(con, dataclasses.replace(make_bundle("r1"), relations=relations))
    rows = con.execute("SELECT claim_id, b, low, high, first_seen_run FROM relations").fetchall()
    assert rows == [(claim_id, "Flask", 3.0, 3.0, "r1")]
    again = pd.DataFrame([_relation(claim_id, source, low=2.0)], columns=RELATION_COLUMNS)
    load_run(con, dataclasses.replace(make_bundle("r2", minutes=5), relations=again))
    rows = con.execute("SELECT low, first_seen_run, last_seen_run FROM relations").fetchall()
    assert rows == [(2.0, "r1", "r2")]
    # read again unchanged (a re-run's reused page): not rewritten, seen by the run
    load_run(con, dataclasses.replace(make_bundle("r3", minutes=10), relations=again))
    rows = con.execute("SELECT low, first_seen_run, last_seen_run FROM relations").fetchall()
    assert rows == [(2.0, "r1", "r3")]
    text = export(con, "relations", "csv")
    assert text is not None and "FastAPI is 3x faster than Flask." in text


def test_relations_load_alike_in_batches(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """Batches of one statement (the lake load's bound on the step's memory) store what one
    batch stores, the statement whose claim is missing left out of its batch alone."""
    from crosscheck.warehouse import load_relations

    claims = [(c["claim_id"], c["source"]) for c in (C_TABLE, C_PROSE, C_STARS, C_URL)]
    rows = [_relation(c, s, low=float(i)) for i, (c, s) in enumerate(claims)]
    rows.insert(2, _relation("not-a-claim", C_PROSE["source"]))
    relations = pd.DataFrame(rows, columns=RELATION_COLUMNS)
    stored = []
    for batch, name in ((1, "one"), (10_000, "all")):
        monkeypatch.setattr(load_relations, "RELATION_BATCH", batch)
        con = open_warehouse(tmp_path / f"{name}.duckdb")
        for run, minutes in (("r1", 0), ("r2", 5)):  # the second load refreshes them
            bundle = make_bundle(run, minutes=minutes)
            load_run(con, dataclasses.replace(bundle, relations=relations))
        stored.append(con.execute("SELECT * FROM relations ORDER BY relation_id").fetchall())
    assert len(stored[0]) == 4 and {r[-1] for r in stored[0]} == {"r2"}
    assert stored[0] == stored[1]


def test_statements_from_the_lake_load_as_the_frame_does(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """The statements a Dask run's workers wrote to the lake (crosscheck.dask_statements) load
    as the same statements from a frame: by passes over relation-id buckets, the first row of
    an id (file then row order) kept, a statement whose claim is missing left out; a lake that
    holds another count of rows fails the load."""
    import pytest
    from crosscheck.warehouse import LoadFailed, load_relations

    from crosscheck.dask_lake import write_part
    from crosscheck.dask_statements import RELATION_TYPES

    claims = [(c["claim_id"], c["source"]) for c in (C_TABLE, C_PROSE, C_STARS, C_URL)]
    rows = [_relation(c, s, low=float(i), b=None if i == 1 else "Flask")
            for i, (c, s) in enumerate(claims)]  # fmt: skip
    rows.insert(2, _relation("not-a-claim", C_PROSE["source"]))
    first = pd.DataFrame(rows[:3], columns=RELATION_COLUMNS)
    second = pd.DataFrame([*rows[3:], {**rows[0], "low": 99.0}], columns=RELATION_COLUMNS)
    files = (str(tmp_path / "lake" / "a.parquet"), str(tmp_path / "lake" / "b.parquet"))
    for frame, path in zip((first, second), files, strict=True):
        write_part(frame, path, RELATION_TYPES)
    whole = pd.concat([first, second], ignore_index=True)
    stored = []
    for name, batch in (("frame", 10_000), ("lake", 1), ("lake-one-pass", 10_000)):
        monkeypatch.setattr(load_relations, "RELATION_BATCH", batch)
        con = open_warehouse(tmp_path / f"{name}.duckdb")
        load_run(con, make_bundle("r1"))
        con.execute("BEGIN TRANSACTION")
        if name == "frame":
            load_relations.load_relations(con, "r2", whole, limited=True)
        else:
            new = load_relations.load_lake_relations(con, "r2", files, len(whole))
            assert new == 4
        con.execute("COMMIT")
        stored.append(con.execute("SELECT * FROM relations ORDER BY relation_id").fetchall())
        con.close()
    assert len(stored[0]) == 4 and 99.0 not in {r[11] for r in stored[0]}
    assert stored[0] == stored[1] == stored[2]
    con = open_warehouse(tmp_path / "frame.duckdb")
    with pytest.raises(LoadFailed, match="the lake holds 6 of the run's 7 statements"):
        load_relations.load_lake_relations(con, "r3", files, 7)
