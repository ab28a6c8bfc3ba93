"""The page rows and quarantined claims a Dask run's parse tasks wrote to the lake
(crosscheck.dask_pages) load as the same rows from the client's frames (warehouse.load_pages):
the lake's rows with the frame's rows the client still holds, the first row of a key kept, the
run's counts and sources alike; a lake holding another count of rows fails the load."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from crosscheck.warehouse import LakeFiles, LoadFailed, RunBundle, load_run, open_warehouse

from crosscheck.contracts import PAGE_COLUMNS
from crosscheck.dask_lake import write_part
from crosscheck.dask_pages import PAGE_TYPES, QUARANTINE_TYPES, page_frame
from tests.warehouse.test_load_lake import _write
from tests.warehouse.test_support import make_bundle

TABLES = {
    "pages": "*",
    "quarantine": "*",
    "sources": "*",
    "runs": "page_count, quarantine_count, claim_count, fact_count",
    "source_reliability": "*",
}


def _stored(con: object) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: con.execute(f"SELECT {c} FROM {t} ORDER BY ALL").fetchall()  # type: ignore[attr-defined]
        for t, c in TABLES.items()
    }


def _lake_bundle(tmp_path: Path, bundle: RunBundle, held_pages: int) -> RunBundle:
    """`bundle` with its claims and facts in lake files, its page rows after the first
    `held_pages` and its quarantine in the lake (a page written twice: the second copy, in a
    later file, differs), the first `held_pages` rows left in its frame."""
    facts = _write(bundle.facts, tmp_path / "facts.parquet")
    claims = _write(bundle.claims, tmp_path / "claims.parquet")
    rows = bundle.pages.to_dict("records")
    lake_rows = rows[held_pages:]
    twice = {**lake_rows[0], "title": "a later copy"}
    page_files = []
    for i, part in enumerate((lake_rows, [twice])):
        path = str(tmp_path / "pages" / f"bucket={i:02d}" / "part.parquet")
        write_part(page_frame(part), path, PAGE_TYPES)
        page_files.append(path)
    quarantine = str(tmp_path / "quarantine" / "bucket=00" / "part.parquet")
    write_part(bundle.quarantine, quarantine, QUARANTINE_TYPES)
    lake = LakeFiles(
        (facts,), (claims,), len(bundle.facts), len(bundle.claims),
        pages=tuple(page_files), page_rows=len(lake_rows) + 1,
        quarantine=(quarantine,), quarantine_rows=len(bundle.quarantine),
    )  # fmt: skip
    return replace(
        bundle,
        lake=lake,
        claims=bundle.claims.iloc[0:0],
        facts=bundle.facts.iloc[0:0],
        pages=pd.DataFrame(rows[:held_pages], columns=PAGE_COLUMNS),
        quarantine=bundle.quarantine.iloc[0:0],
    )


@pytest.mark.parametrize("held_pages", [0, 1])
def test_page_rows_from_the_lake_load_as_from_the_frames(tmp_path: Path, held_pages: int) -> None:
    framed = open_warehouse(tmp_path / "framed.duckdb")
    bundle = make_bundle("r1")
    assert len(bundle.pages) == 2 and len(bundle.quarantine) == 1
    load_run(framed, bundle)
    laked = open_warehouse(tmp_path / "laked.duckdb")
    load_run(laked, _lake_bundle(tmp_path, make_bundle("r1"), held_pages))
    want, got = _stored(framed), _stored(laked)
    # the page written twice counts in the run's pages (as a frame's duplicate row did)
    assert got.pop("runs") == [(3, 1, 6, 5)] and want.pop("runs") == [(2, 1, 6, 5)]
    assert got == want
    assert "a later copy" not in str(got["pages"])
    assert len(got["pages"]) == 2 and len(got["sources"]) == 2


def test_a_lake_holding_other_page_rows_fails_the_load(tmp_path: Path) -> None:
    bundle = _lake_bundle(tmp_path, make_bundle("r1"), 0)
    assert bundle.lake is not None
    wrong = replace(bundle, lake=replace(bundle.lake, page_rows=bundle.lake.page_rows + 1))
    con = open_warehouse(tmp_path / "w.duckdb")
    with pytest.raises(LoadFailed, match="the lake holds 3 of the run's 4 pages rows"):
        load_run(con, wrong)
    assert con.execute("SELECT count(*) FROM pages").fetchall() == [(0,)]
