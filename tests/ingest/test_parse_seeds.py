"""The seed snapshots: every table value cell (collapsed rows included) becomes a claim for
the right entity; list and card figures are claims; mojibake empty cells are not."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.ingest.parsing import parse_file

EMPTY = {"", "—", "β", "-"}


def _markdown_cells(path: Path, title_entities: list[str]) -> Counter[tuple[str, str]]:
    """(entity, cell) for every non-empty value cell of every markdown table, read naively."""
    expected: Counter[tuple[str, str]] = Counter()
    header: list[str] | None = None
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("|"):
            if not line.startswith("Show "):  # a flattened collapsed row sits inside a table
                header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if i + 1 < len(lines) and lines[i + 1].startswith("|---"):
            header = cells
            continue
        if line.startswith("|---") or header is None:
            continue
        for col, cell in enumerate(cells[1:], 1):
            name = header[col] if col < len(header) else ""
            if name == "Diff" or cell in EMPTY:
                continue
            expected[(name or title_entities[col - 1], cell)] += 1
    return expected


def test_every_table_cell_of_every_seed_is_a_claim(seed_files: list[Path]) -> None:
    for path in seed_files:
        page = parse_file(path)
        want = _markdown_cells(path, page.entities)
        got = Counter(
            (c["entity_raw"], c["raw_value"])
            for c in page.claims
            if c["location_kind"] == "table_cell" and c["role"] == "value"
        )
        assert got == want, path.name


def test_seed_002_collapsed_rows_are_split(seed_002: Path) -> None:
    page = parse_file(seed_002)
    collapsed = [c for c in page.claims if c["location_kind"] == "collapsed_row"]
    sixteen = {
        c["locator"].split(" / item ")[1].split(" /")[0]
        for c in collapsed
        if "'Show 16 more'" in c["locator"]
    }
    assert len(sixteen) == 16
    pairs = {(c["label"], c["unit_hint"], c["raw_value"], c["entity_raw"]) for c in collapsed}
    assert ("Cold Start Time", "milliseconds", "300ms", "Flask") in pairs
    assert ("Memory Usage (base)", "MB", "~10MB", "Flask") in pairs
    assert ("Native Async Support", None, "Native (async/await throughout)", "Flask") in pairs
    assert ("Available Packages/Libraries", "count", "450,000+ (PyPI)", "Flask") in pairs
    assert len(collapsed) == 16 + 9 + 1 + 4


def test_seed_000_collapsed_row_keeps_both_entities(seed_000: Path) -> None:
    page = parse_file(seed_000)
    concurrent = {
        (c["entity_raw"], c["raw_value"])
        for c in page.claims
        if c["location_kind"] == "collapsed_row"
        and c["label"] == "Requests Per Second (Concurrent Load)"
    }
    assert concurrent == {("Flask", "~2,500 RPS"), ("Starlette", "~7,500 RPS")}


def test_pros_cons_and_cards_figures(seed_000: Path, seed_002: Path) -> None:
    page = parse_file(seed_000)
    figures = {(c["entity_raw"], c["raw_value"], c["location_kind"]) for c in page.claims}
    assert ("Flask", "68,000+ GitHub stars", "list_item") in figures
    assert ("Starlette", "~7,500 RPS", "list_item") in figures
    assert ("Starlette", "~7,500 RPS", "card") in figures
    page = parse_file(seed_002)
    figures = {(c["entity_raw"], c["raw_value"]) for c in page.claims}
    assert ("Flask", "400,000+ GitHub stars") in figures
    # "vs FastAPI's 24,000+ req/s" inside a Flask con speaks of FastAPI
    assert ("FastAPI", "24,000+ req/s") in figures
    assert ("Flask", "~8,000-12,000 req/s") in figures


def test_mojibake_empty_cells_yield_no_claims(seed_002: Path) -> None:
    page = parse_file(seed_002)
    assert not [c for c in page.claims if c["raw_value"].strip() in EMPTY]
    assert all(not c["raw_value"].endswith("π") for c in page.claims)


def test_ratio_claims_name_both_entities(seed_002: Path) -> None:
    page = parse_file(seed_002)
    ratios = {
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"])
        for c in page.claims
        if c["role"] == "ratio"
    }
    assert ("FastAPI", "Flask", "~3x") in ratios
    assert ("Flask", "FastAPI", "3-4x") in ratios


def test_claim_ids_are_stable_and_unique(seed_files: list[Path]) -> None:
    first = [c["claim_id"] for p in seed_files for c in parse_file(p).claims]
    second = [c["claim_id"] for p in seed_files for c in parse_file(p).claims]
    assert first == second
    assert len(set(first)) == len(first)


def test_single_entity_page_uses_about_line(seeds_dir: Path) -> None:
    page = parse_file(next(seeds_dir.glob("003_*.txt")))
    assert page.entities == ["Flask"]
    assert {"2010", "under 10 lines of code"} <= {c["raw_value"] for c in page.claims}
