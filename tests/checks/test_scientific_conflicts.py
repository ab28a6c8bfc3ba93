"""A spec table's figure against its own prose in scientific notation (an uncorrectable bit
error rate of 1e-17 in the table, 1e-15 in the text): once normalize reads both as numbers of
one entity and metric, the same-page conflict rule flags the factor of 100, and figures that
agree in two notations stay unflagged. Figures echo a real spec page; sentences are made up."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.run import run_checks

from crosscheck.contracts import FACT_COLUMNS, PAGE_COLUMNS


def _fact(at: int, label: str, raw: str, value: float, locator: str, kind: str) -> dict:
    evidence = f"| {label} | {raw} |" if kind == "table_cell" else f"The rated {label} is {raw}."
    row: dict = {c: None for c in FACT_COLUMNS}
    row.update(
        claim_id=f"c{at}",
        source="drive.md",
        page_sha256="h",
        entity_raw="Drive X",
        label=label,
        raw_value=raw,
        role="value",
        location_kind=kind,
        locator=locator,
        evidence=evidence,
        value_start=evidence.find(raw),
        entity="Drive X",
        metric="error_rate",
        qualifier="",
        value_type="numeric",
        low=value,
        high=value,
        bound="exact",
        unit="ratio",
        dimension="ratio",
        repairs=0,
    )
    return row


def _findings(table: float, prose: float) -> pd.DataFrame:
    facts = pd.DataFrame(
        [
            _fact(0, "Bit Error Rate", "1.0×10⁻¹⁷", table, "table 1 / row 3", "table_cell"),
            _fact(1, "UBER", "1.0E-15", prose, "paragraph 2 sentence at 0", "prose"),
        ]
    )
    return run_checks(facts, pd.DataFrame(columns=PAGE_COLUMNS), CheckConfig()).findings


def test_a_table_and_its_prose_a_hundredfold_apart_in_scientific_notation_conflict() -> None:
    found = _findings(1e-17, 1e-15)
    assert found["kind"].tolist() == ["conflict"]
    assert "100.0× apart" in found["explanation"].iloc[0]


def test_one_error_rate_in_two_notations_is_no_conflict() -> None:
    assert _findings(1e-17, 1e-17).empty
