"""checks.bold_cells: a table with one product per column bolds each row's winner; a row
whose bolded cell another cell beats is flagged, once the table's bold is read as 'lowest'."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.bold_cells import find_bold_cells

_NAMES = ("Alder", "Birch", "Cedar", "Dogwood")


def _table(rows: list[tuple[str, list[str]]], source: str = "p.md") -> pd.DataFrame:
    """Facts of a table, products as columns; a cell written '**x**' is bolded."""
    records = []
    for r, (label, cells) in enumerate(rows, start=1):
        line = f"{label} | " + " | ".join(cells)
        for name, cell in zip(_NAMES, cells, strict=False):
            raw = cell.strip("*")
            value = float(raw.removesuffix("ms")) / 1000
            records.append(
                {
                    "claim_id": f"{source}-{r}-{name}", "source": source, "entity": name,
                    "metric": f"auto:{label}:time", "qualifier": "", "low": value,
                    "high": value, "raw_value": raw, "evidence": line, "row_key": f"t1r{r}",
                    "conditions": None, "entity_qualifier": None,
                }
            )  # fmt: skip
    return pd.DataFrame(records)


_GOOD = [
    ("insert", ["**3.1ms**", "250ms", "61ms"]),
    ("scan", ["**0.4ms**", "48ms", "27ms"]),
]


def test_a_bolded_cell_beaten_in_its_row_is_flagged() -> None:
    frame = _table([*_GOOD, ("batch", ["6.1ms", "**3.4ms**", "3.3ms"])])
    found = find_bold_cells(frame)
    assert [f.entity for f in found] == ["Birch"]
    assert set(found[0].claim_ids) == {"p.md-3-Birch", "p.md-3-Cedar"}


def test_a_bolded_cell_within_its_rounding_is_a_tie() -> None:
    frame = _table([*_GOOD, ("batch", ["6.1ms", "**3.3ms**", "3.3ms"])])
    assert find_bold_cells(frame) == []


def test_a_table_whose_bold_says_no_direction_is_silent() -> None:
    # one row bolds the lowest, one the highest: bold means nothing read from this table
    frame = _table(
        [("insert", ["**3.1ms**", "250ms", "61ms"]), ("scan", ["0.4ms", "**48ms**", "27ms"])]
    )
    assert find_bold_cells(frame) == []
