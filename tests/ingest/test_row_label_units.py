"""A unit stated by a row's describing cell ('Temps en ms' beside the task) reaches the figures
of that row; a cell that holds a quantity stays a condition. Fixtures written here."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot

TASKS = """# Deux bases

| | Mesure | Quarry 2.1 | Basalt 4.0 |
|---|---|---|---|
| T1: charger les clients | Temps en ms | 312.5 | 4410.25 |
| T1: charger les clients | Score = 1 - (X / 900) | 65.28% | -390.03% |
| T2: lire les commandes | Latency (µs) | 81.2 | 97 |
| T3: écrire un lot | Payload 4 KB | 1200 | 1340 |
"""


def _values(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    page = parse_snapshot(Snapshot("http://t.example/bases", sha, text, "text/markdown", "now"))
    return [c for c in page.claims if c["role"] == "value"]


def test_a_row_cell_stating_a_unit_gives_its_figures_the_unit() -> None:
    hints = {(c["entity_raw"], c["raw_value"]): c["unit_hint"] for c in _values(TASKS)}
    assert hints[("Quarry 2.1", "312.5")] == "ms"
    assert hints[("Basalt 4.0", "4410.25")] == "ms"
    assert hints[("Quarry 2.1", "81.2")] == "µs"


def test_a_row_cell_holding_a_quantity_or_formula_gives_no_unit() -> None:
    hints = {(c["entity_raw"], c["raw_value"]): c["unit_hint"] for c in _values(TASKS)}
    assert hints[("Quarry 2.1", "65.28%")] is None
    assert hints[("Basalt 4.0", "1340")] is None  # 'Payload 4 KB' is the load, not the unit


SIZED = """# Engines

### [quarry](#quarry)

| Task | Measure | XS | M | XL |
|---|---|---|---|---|
| Load | Time in ms | 3.2 | 9.9 | 40.5 |
| Scan | Pages read | 11 | 12 | 13 |
| Sort | Rate, MB/s | 310 | 290 | 275 |
"""


def test_a_describing_cell_under_condition_columns_gives_the_unit() -> None:
    got = {(c["entity_raw"], c["raw_value"]): c["unit_hint"] for c in _values(SIZED)}
    assert got[("quarry", "9.9")] == "ms"
    assert got[("quarry", "290")] == "MB/s"
    assert got[("quarry", "12")] is None  # 'Pages read' states no unit
