"""Results depend on the pages, not on where they lie (issue 14): the same pages copied into
differently named folders, under other file names and given in shuffled order, give the same
findings, consensus and source reliability once source paths are mapped back to the pages."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.analysis import analyze_paths
from tests.conftest import EXAMPLES_DIR

LAYOUTS = [("alpha", 1), ("zz-renamed folder", 5), ("Mid_2", 9)]


def _pages(seed_files: list[Path]) -> list[Path]:
    return [*seed_files, *sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())]


def _layout(pages: list[Path], root: Path, folder: str, seed: int) -> tuple[list[Path], dict]:
    """Copies of `pages` under `root/folder` with new names, in a shuffled order, and the map
    from each copy's path back to the original file name."""
    target = root / folder / "nested"
    target.mkdir(parents=True)
    names: dict[str, str] = {}
    copies = []
    for i, page in enumerate(pages):
        copy = target / f"{(i * 7 + seed) % 11:02d}-{folder[:3]}{page.suffix}"
        shutil.copy(page, copy)
        copies.append(copy)
        names[str(copy)] = page.name
    random.Random(seed).shuffle(copies)
    return copies, names


def _unpathed(text: str, names: dict[str, str]) -> str:
    for path, name in sorted(names.items(), key=lambda item: -len(item[0])):
        text = text.replace(path, name)
    return text


def _observed(root: Path, pages: list[Path], folder: str, seed: int) -> dict[str, list]:
    copies, names = _layout(pages, root, folder, seed)
    result = analyze_paths(copies, root / f"store-{seed}")
    claim_of = {
        row.claim_id: (names[row.source], row.locator, row.role)
        for row in result.facts.itertuples()
    }
    findings = sorted(
        (
            row.kind,
            row.scope,
            row.severity,
            str(row.entity),
            str(row.metric),
            str(row.qualifier),
            _unpathed(row.explanation, names),
            tuple(sorted(claim_of[c] for c in row.claim_ids)),
        )
        for row in result.findings.itertuples()
    )

    def rows(frame: pd.DataFrame) -> list[tuple]:
        frame = frame.assign(sources=[tuple(sorted(names[s] for s in v)) for v in frame["sources"]])
        return sorted(tuple(map(str, r)) for r in frame.itertuples(index=False))

    reliability = result.source_reliability.assign(
        source=[names[s] for s in result.source_reliability["source"]]
    )
    return {
        "findings": findings,
        "reconciled": rows(result.reconciled),
        "categories": rows(result.reconciled_categories),
        "reliability": sorted(tuple(map(str, r)) for r in reliability.itertuples(index=False)),
    }


def test_folder_names_and_order_change_nothing(seed_files: list[Path], tmp_path: Path) -> None:
    pages = _pages(seed_files)
    first, *others = [_observed(tmp_path, pages, folder, seed) for folder, seed in LAYOUTS]
    assert len(first["findings"]) > 50  # the pages do contradict each other
    assert first["reconciled"] and first["reliability"]
    for other in others:
        for part in first:
            assert other[part] == first[part], part


@pytest.mark.parametrize("seed", [3, 4])
def test_shuffling_one_layout_changes_nothing(
    seed_files: list[Path], tmp_path: Path, seed: int
) -> None:
    pages = _pages(seed_files)
    copies, _ = _layout(pages, tmp_path, "same", 1)
    base = analyze_paths(copies, tmp_path / "a")
    random.Random(seed).shuffle(copies)
    again = analyze_paths(copies, tmp_path / "b")
    assert sorted(base.findings["finding_id"]) == sorted(again.findings["finding_id"])
    assert base.reconciled.sort_values(["entity", "metric", "qualifier"]).to_string(
        index=False
    ) == again.reconciled.sort_values(["entity", "metric", "qualifier"]).to_string(index=False)


def _run_layout(pages: list[Path], root: Path, folder: str, seed: int) -> dict[str, object]:
    """`crosscheck run` over one layout (sources given in shuffled order): counts by kind and
    severity, the consensus and the source reliability, with paths mapped back to pages."""
    import duckdb

    from crosscheck.cli import EXIT_OK, main

    copies, names = _layout(pages, root, folder, seed)
    db = root / f"{seed}.duckdb"
    assert main(["run", *map(str, copies), "--db", str(db), "--no-validate"]) == EXIT_OK
    con = duckdb.connect(str(db), read_only=True)
    try:
        kinds = con.execute(
            "SELECT kind, scope, severity, count(*) FROM findings GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        consensus = con.execute(
            "SELECT entity, metric, qualifier, value, support, dissent, confidence "
            "FROM reconciled_facts ORDER BY ALL"
        ).fetchall()
        reliability = sorted(
            (names[s], r, a, d)
            for s, r, a, d in con.execute(
                "SELECT source, reliability, agreeing, disagreeing FROM source_reliability"
            ).fetchall()
        )
    finally:
        con.close()
    return {"kinds": kinds, "consensus": consensus, "reliability": reliability}


def test_crosscheck_run_gives_the_same_warehouse_whatever_the_layout(
    seed_files: list[Path], tmp_path: Path
) -> None:
    pages = _pages(seed_files)
    first, *others = [_run_layout(pages, tmp_path, f, s) for f, s in LAYOUTS]
    assert sum(n for *_, n in first["kinds"]) > 50
    for other in others:
        assert other == first
