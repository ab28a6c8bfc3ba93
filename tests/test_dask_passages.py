"""Page sketches left in the parse chunks (crosscheck.dask_passages): cut by source from the
pieces where they are, they equal the partitions cut from every sketch in one frame, come back
in run order, and loaded from the lake's files they land in the warehouse as from a frame."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crosscheck.warehouse import open_warehouse
from crosscheck.warehouse.load_passages import load_lake_passages, load_passages

from crosscheck.batches import PreparedChunk
from crosscheck.common.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    PAGE_COLUMNS,
    PASSAGE_COLUMNS,
    QUARANTINE_COLUMNS,
)
from crosscheck.common.passages import page_passages
from crosscheck.dask_held import summarize
from crosscheck.dask_lake import write_part
from crosscheck.dask_passages import cut, gather, lake_rows
from crosscheck.dask_shuffle import InProcess, split

WORDS = ["Lapin", "serves", "many", "requests", "per", "second", "while", "Corbeau", "keeps"]


def _sketches(count: int) -> pd.DataFrame:
    """Sketches of `count` pages of different wording, some quoting an entity."""
    rows = []
    for i in range(count):
        text = " ".join(WORDS[i % 5 :] + WORDS[: i % 5]) + f". Page {i} of the set about Lapin."
        p = page_passages(f"https://example.org/{i}", text, ["Lapin"], markup=False)
        rows.append((p.source, p.sketch, p.shingles, p.quotes))
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def _pieces(sketches: pd.DataFrame) -> list[object]:
    """The sketches as a Dask run holds them: chunks left on the workers (the chunk objects
    are the handles here) around a frame this process holds (pages reused from the store)."""
    pieces: list[object] = []
    for index, rows in enumerate(np.array_split(np.arange(len(sketches)), 4)):
        part = sketches.iloc[rows]
        if index == 2:
            pieces.append(part.reset_index(drop=True))
            continue
        empty = pd.DataFrame(columns=FACT_COLUMNS)
        whole = PreparedChunk([], pd.DataFrame(columns=CLAIM_COLUMNS), empty,
                              pd.DataFrame(columns=QUARANTINE_COLUMNS))  # fmt: skip
        whole.passages = list(part.itertuples(index=False, name=None))
        summary = summarize(whole)
        assert summary.passages == [] and summary.held is not None
        assert summary.held.passages == len(part)
        summary.held.handle = whole
        pieces.append(summary.held)
    return pieces


@pytest.mark.parametrize("partitions", [1, 3, 4])
def test_sketches_cut_where_they_are_equal_the_one_frame_cut(partitions: int) -> None:
    sketches = _sketches(23)
    runner = InProcess()
    runner.partitions = partitions
    parts = cut(runner, _pieces(sketches))  # type: ignore[arg-type]
    assert parts.rows == len(sketches)
    expected = list(split(sketches, "source", partitions))
    for got, want in zip(runner.gather(parts.parts), expected, strict=True):
        assert got["source"].tolist() == want["source"].tolist()
        assert got.index.tolist() == want.index.tolist()
    back = gather(runner, parts)
    assert back["source"].tolist() == sketches["source"].tolist()
    for a, b in zip(back["sketch"], sketches["sketch"], strict=True):
        assert np.array_equal(a, b)
    assert back["quotes"].tolist() == sketches["quotes"].tolist()


def test_sketches_from_the_lake_load_as_from_a_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosscheck.warehouse.load_passages as module

    seen: list[object] = []
    replace = module._replace

    def replaced(con: object) -> None:
        threads = con.execute("SELECT current_setting('threads')")  # type: ignore[attr-defined]
        seen.extend(threads.fetchall())
        replace(con)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_replace", replaced)
    sketches = _sketches(9)
    sketches.loc[3, "quotes"] = ()  # a page quoting nothing
    pages = pd.DataFrame({c: [None] * len(sketches) for c in PAGE_COLUMNS})
    pages["source"] = sketches["source"]
    pages["page_sha256"] = [f"sha{i}" for i in range(len(sketches))]
    framed = open_warehouse(tmp_path / "framed.duckdb")
    framed.register("_cc_pages", pages)
    load_passages(framed, sketches, pages)
    files = []
    for i, part in enumerate(split(sketches, "source", 3)):
        path = tmp_path / "lake" / f"bucket={i:02d}" / "part.parquet"
        if write_part(lake_rows(part), str(path)):
            files.append(str(path))
    laked = open_warehouse(tmp_path / "laked.duckdb")
    laked.register("_cc_pages", pages)
    threads = laked.execute("SELECT current_setting('threads')").fetchall()
    load_lake_passages(laked, tuple(files), len(sketches))
    query = "SELECT * FROM page_passages ORDER BY source"
    assert laked.execute(query).fetchall() == framed.execute(query).fetchall() != []
    # the insert ran on one thread (its buffers under the load's limit); the threads are back
    assert seen[-1] == (1,)
    assert laked.execute("SELECT current_setting('threads')").fetchall() == threads


def test_a_source_written_twice_in_the_lake_keeps_its_first_row(tmp_path: Path) -> None:
    sketches = _sketches(4)
    again = sketches.iloc[[1]].copy()
    again["shingles"] = 999  # the second row of a source: dropped
    files = []
    for i, part in enumerate((sketches, again)):
        path = tmp_path / "lake" / f"bucket={i:02d}" / "part.parquet"
        assert write_part(lake_rows(part), str(path))
        files.append(str(path))
    pages = pd.DataFrame({c: [None] * len(sketches) for c in PAGE_COLUMNS})
    pages["source"] = sketches["source"]
    pages["page_sha256"] = [f"sha{i}" for i in range(len(sketches))]
    con = open_warehouse(tmp_path / "w.duckdb")
    con.register("_cc_pages", pages)
    load_lake_passages(con, tuple(files), len(sketches) + 1)
    rows = con.execute("SELECT source, shingles FROM page_passages ORDER BY source").fetchall()
    assert rows == sorted(zip(sketches["source"], sketches["shingles"].astype(int), strict=True))


def test_a_lake_missing_sketches_fails_the_load(tmp_path: Path) -> None:
    from crosscheck.warehouse import LoadFailed

    sketches = _sketches(4)
    path = tmp_path / "part.parquet"
    write_part(lake_rows(sketches), str(path))
    con = open_warehouse(tmp_path / "w.duckdb")
    con.register("_cc_pages", pd.DataFrame({"source": [], "page_sha256": []}, dtype=object))
    with pytest.raises(LoadFailed, match=r"4 of the run's 5 page sketches"):
        load_lake_passages(con, (str(path),), 5)
