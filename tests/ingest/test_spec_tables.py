"""One product's spec rows ('label | value', ingest/spec_tables.py): every row, a header that is
itself a pair included and pieces a stray rule row cut apart, belongs to the page's product
(the short name above the table, the one product the page names, or a 'Model:' line); a cell
with one figure per mode gives a figure per mode.

Pages are written for the test with invented product names (figures reused, no sentences)."""

from __future__ import annotations

from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import parse_snapshot_text


def _owners(text: str) -> dict[str, str]:
    return {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}


SPLIT_TABLE = """Zentrix Q7 storage drive

The drive we sell here, 2 TB, fits most desktops and laptops.

| Brand | Zentrix |
|---|---|
| Capacity | 2 TB |
| Sequential Read | 7100 MB/s |
|---|---|
| Sequential Write | 6200 MB/s |
| Random Read IOPS | 1100000 |
|---|
| Average Latency | 55 μs |
"""


def test_rows_after_a_stray_rule_belong_to_the_page_product_not_to_a_label() -> None:
    owners = _owners(SPLIT_TABLE.replace("Zentrix Q7 storage drive\n\n", "Model: Zentrix Q7\n\n"))
    for raw in ("7100 MB/s", "6200 MB/s", "1100000", "55 μs"):
        assert owners.get(raw) == "Zentrix Q7", raw


NAME_ABOVE = """Our flying school

Call us any day of the week.

Kestrel
Startgewicht | Ca. 410 g |
Abmessungen | 190 × 220 × 70 mm (L×B×H) |
Max. Steiggeschwindigkeit | 5 m/s (Normalmodus) 8 m/s (Sportmodus) |
Max. Starthöhe | 4000 m
"""


def test_a_short_name_above_the_rows_owns_them_and_modes_split() -> None:
    claims = parse_snapshot_text(NAME_ABOVE).claims
    by_raw = {c["raw_value"]: c for c in claims}
    assert by_raw["5 m/s (Normalmodus)"]["entity_raw"] == "Kestrel"
    assert by_raw["5 m/s (Normalmodus)"]["conditions"] == "Normalmodus"
    assert by_raw["8 m/s (Sportmodus)"]["conditions"] == "Sportmodus"
    assert by_raw["Ca. 410 g"]["entity_raw"] == "Kestrel"
    sides = [c for c in claims if c["label"].startswith("Abmessungen")]
    assert [c["raw_value"] for c in sides] == ["190", "220", "70"]


LEADERBOARD = """Drive speeds we measured

| Drive | Read |
|---|---|
| Samsung 990 Pro | 7450 MB/s |
| WD Black SN850X | 7300 MB/s |
| Crucial T500 | 7400 MB/s |
"""


def test_names_down_the_first_column_are_a_leaderboard_not_spec_rows() -> None:
    owners = _owners(LEADERBOARD)
    assert owners.get("7450 MB/s") != owners.get("7300 MB/s")


def test_no_owner_leaves_the_table_to_the_other_readers() -> None:
    assert text_to_blocks(SPLIT_TABLE)  # parses; the rows are read as before (no product)
    assert "7100 MB/s" not in {
        r for r, e in _owners(SPLIT_TABLE).items() if e in ("Sequential Read", "Capacity")
    }


RESOLUTIONS = """Phone screens side by side

| Spec | Orbit 3 | Nimbus 9 |
|---|---|---|
| Resolution | 1179 x 2556 | 2400 x 1080 |
| Screen (px) | 2556×1179 pixels | 2400×1080 px |
| Weight | 171 g | 187 g |
"""


def test_a_resolution_is_two_pixel_counts_never_a_ratio() -> None:
    claims = parse_snapshot_text(RESOLUTIONS).claims
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert ("Orbit 3", "Resolution, long side", "2556") in got
    assert ("Orbit 3", "Resolution, short side", "1179") in got
    assert ("Nimbus 9", "Resolution, long side", "2400") in got
    assert not any("x" in raw or "×" in raw for _, _, raw in got)


def test_a_small_pair_without_a_resolution_word_is_no_resolution() -> None:
    from crosscheck.ingest.resolutions import resolution_sides

    assert resolution_sides("4 x 4", "Layout") is None
    assert resolution_sides("2 x 16", "PCIe lanes") is None
    assert resolution_sides("1920 x 1080", "Display resolution") is not None
    assert resolution_sides("1920 x 1080", "label") is None  # no resolution word, no pixels
    assert resolution_sides("2.5 x 1.2", "Resolution") is None


RUN_ON = """Kestrel
Startgewicht | Ca. 410 g |
Max. Starthöhe | 4000 m
Gemessen bei Windstille aus einer Höhe von 4000 m und beim Aufstieg um 300 m. |
Max. Flugzeit | Ca. 25 Minuten
Gemessen beim Vorwärtsflug mit 18,0 km/h. |
Max. Schwebezeit | Ca. 22 Minuten
"""


def test_rows_after_a_run_on_cell_rejoin_the_table_and_its_footnotes_give_no_figures() -> None:
    claims = parse_snapshot_text(RUN_ON).claims
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners.get("Ca. 25 Minuten") == "Kestrel"
    assert owners.get("Ca. 22 Minuten") == "Kestrel"
    assert not any("300" in c["raw_value"] or "18,0" in c["raw_value"] for c in claims)
