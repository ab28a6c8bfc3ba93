"""A spec table flattened to single spaces, its word rows between its figure rows, under a
header of the compared products' names (realent26): the figures go to the named columns, the
row labels stay labels."""

from __future__ import annotations

from crosscheck.ingest.named_spec_rows import may_start_named_spec, read_named_spec_rows

from tests.ingest.parsing import claims_by_raw, text_claims

TABLE = """RTX 4070 or RTX 4080 for 1440p

Specs Sheet NVIDIA RTX 4070 NVIDIA RTX 4080
Chip AD104 AD103
Architecture Ada Lovelace Ada Lovelace
Boost Clock 2475 MHz 2505 MHz
CUDA Cores 5888 9728
Memory Type GDDR6X GDDR6X
Memory Size 12 GB 16 GB
TDP 200 W 320 W
Launch Q2 2023 Q4 2022

Both cards draw their power from one 16-pin connector in our tests, so the adapter matters.
"""


def test_word_rows_between_figure_rows_leave_the_header_names_the_owners() -> None:
    claims = claims_by_raw(text_claims(TABLE))
    assert claims["5888"]["entity_raw"] == "NVIDIA RTX 4070"
    assert claims["9728"]["entity_raw"] == "NVIDIA RTX 4080"
    assert claims["2475 MHz"]["entity_raw"] == "NVIDIA RTX 4070"
    assert claims["320 W"]["entity_raw"] == "NVIDIA RTX 4080"
    assert claims["320 W"]["label"] == "TDP"
    assert claims["12 GB"]["label"] == "Memory Size"


def test_the_table_ends_at_its_last_figure_row() -> None:
    lines = TABLE.splitlines()
    found = read_named_spec_rows(lines, 2, 0)
    assert found is not None
    block, end = found
    assert block.header == ["Specs Sheet", "NVIDIA RTX 4070", "NVIDIA RTX 4080"]
    assert [row[0] for row in block.rows] == ["Boost Clock", "CUDA Cores", "Memory Size", "TDP"]
    assert lines[end - 1] == "TDP 200 W 320 W"


def test_more_word_rows_than_figure_rows_make_no_table() -> None:
    lines = [
        "Specs Sheet NVIDIA RTX 4070 NVIDIA RTX 4080",
        "Chip AD104 AD103",
        "Architecture Ada Lovelace Ada Lovelace",
        "Memory Type GDDR6X GDDR6X",
        "Boost Clock 2475 MHz 2505 MHz",
        "Bus Interface PCIe PCIe",
        "Outputs HDMI DisplayPort",
        "CUDA Cores 5888 9728",
        "Memory Size 12 GB 16 GB",
    ]
    assert may_start_named_spec(lines, 0)
    assert read_named_spec_rows(lines, 0, 0) is None


def test_a_title_line_over_prose_starts_nothing() -> None:
    lines = [
        "NVIDIA RTX 4070 vs NVIDIA RTX 4080",
        "Which one to buy",
        "Boost Clock 2475 MHz 2505 MHz",
        "CUDA Cores 5888 9728",
        "Memory Size 12 GB 16 GB",
    ]
    assert read_named_spec_rows(lines, 0, 0) is None
