"""A one-cell-per-line table under a title line (ingest/cell_grid.py): the title is no header
cell, because the rows it would make change kind column by column (a name with a digit inside,
'RX-2200', is no figure; '1.4 GHz (2)' is).

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.cell_grid import read_cell_grid

LINES = """Firewall Appliances
Model
CPU
Clock (Cores)
RAM (GB)
Ports
RX-2200
Quark Q5 A41
1.4 GHz (2)
2
4x1G
RX-3300
Quark Q7 B52
1.9 GHz (4)
4-8
6x1G
RX-5500
Quark Q9 C63
2.4 GHz (8)
8-32
2x10G, 4x1G
""".splitlines()


def test_a_title_line_is_no_header_cell_of_the_grid_below() -> None:
    assert read_cell_grid(LINES, 0, 1) is None  # from the title: rows change kind


def test_the_grid_reads_from_its_first_header_cell() -> None:
    found = read_cell_grid(LINES, 1, 1)
    assert found is not None
    table, _ = found
    assert table.header == ["Model", "CPU", "Clock (Cores)", "RAM (GB)", "Ports"]
    assert table.rows[1] == ["RX-3300", "Quark Q7 B52", "1.9 GHz (4)", "4-8", "6x1G"]
