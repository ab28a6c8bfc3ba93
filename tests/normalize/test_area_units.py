"""Areas in words and imperial units ("8,600 square feet", "0.75 acre") convert to square
metres (normalize/data/units.toml, the second area family)."""

from __future__ import annotations

from crosscheck.normalize.unit_table import unit_table


def test_area_spellings_convert_to_square_metres() -> None:
    table = unit_table()
    assert table.lookup("square feet") == ("area", 0.09290304)
    assert table.lookup("acre") == ("area", 4046.8564224)
    assert table.lookup("hectares") == ("area", 1e4)
    assert table.lookup("mm²") == ("area", 1e-6)  # the earlier family keeps its spellings
