"""A comparison table flattened one cell per line (corner, one header line per product, then
a label line and one line per product for each spec, '—' for an empty cell, text cells among
the figures) with no blank line around it: each cell's entity is its column. Pages written
for these tests; product names invented so that no gazetteer knows them."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot

TABLE = """Aster X2 vs Borealis 7 compared
Here is how the two boxes line up on paper;
Spec Sheet
Aster X2
Borealis 7
Processor
8 cores at 3.2GHz
6 cores at 2.9GHz
Mass
—
3.9 kg
Chassis
Aluminium
Polycarbonate
Memory Bandwidth
448GB/s
512GB/s
Storage Size
825GB
2 TB
Both ship later this year, with more to come about prices and bundles in the autumn.
"""

PAIRS = """Spec Sheet
Aster X2
Borealis 7
Mass
3.9 kg
Height
30 cm
Depth
15 cm
Width
12 cm
Memory Bandwidth
448GB/s
"""


def _claims(text: str) -> list[dict[str, object]]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    page = parse_snapshot(Snapshot("/tmp/named.txt", digest, text, "text/plain", "now"))
    return [c for c in page.claims if c["role"] == "value"]


def test_a_cell_per_line_table_gives_each_cell_its_columns_name() -> None:
    by_value = {str(c["raw_value"]): c for c in _claims(TABLE)}
    assert by_value["512GB/s"]["entity_raw"] == "Borealis 7"
    assert by_value["448GB/s"]["entity_raw"] == "Aster X2"
    assert by_value["3.9 kg"]["entity_raw"] == "Borealis 7"  # after an empty '—' cell
    assert by_value["825GB"]["entity_raw"] == "Aster X2"


def test_label_and_value_lines_are_no_table_of_two_columns() -> None:
    claims = _claims(PAIRS)
    assert not any(c["entity_raw"] == "Borealis 7" for c in claims)
