"""Spec sheets: metric headings over "Entity: value" lines, spec tables flattened to one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ingest.parsing import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spec"


def _cells(name: str) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Claims of a fixture keyed by (entity as written, raw value)."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for claim in parse_file(FIXTURES / name).claims:
        found.setdefault((claim["entity_raw"], claim["raw_value"]), []).append(claim)
    return found


def test_a_metric_heading_gives_its_metric_to_each_named_line() -> None:
    cells = _cells("spec_list.txt")
    for entity, raw, label in [
        ("Falcon X8", "30.3 MP", "Sensor resolution"),
        ("Heron Z5", "24.5 MP", "Sensor resolution"),
        ("Osprey M3", "24.2 MP", "Sensor resolution"),
        ("Heron Z5", "12 fps", "Burst rate"),
        ("Osprey M3", "10 fps", "Burst rate"),
    ]:
        assert [c["label"] for c in cells[(entity, raw)]] == [label]
        assert cells[(entity, raw)][0]["location_kind"] == "table_cell"


def test_a_metric_the_names_share_is_cut_off_them() -> None:
    cells = _cells("spec_list.txt")
    assert [c["label"] for c in cells[("Falcon X8", "450 ms")]] == ["boot time"]
    assert [c["label"] for c in cells[("Heron Z5", "300 ms")]] == ["boot time"]


def test_metric_lines_under_a_product_heading_are_no_spec_list() -> None:
    claims = parse_file(FIXTURES / "spec_list.txt").claims
    assert not [c for c in claims if c["entity_raw"] in ("Weight", "Price")]
    price = [c for c in claims if c["raw_value"].startswith("2,299")]
    assert [c["location_kind"] for c in price] != ["table_cell"]


def test_a_flattened_spec_line_splits_into_one_column_per_name() -> None:
    cells = _cells("spec_line.txt")
    rows = {
        ("Vortex 9 XT", "28.1 billion"): "Transistors",
        ("Quasar 70", "35.8 billion"): "Transistors",
        ("Vortex 9 XT", "3,840"): "Shader Units",
        ("Quasar 70", "5,888"): "Shader Units",
        ("Vortex 9 XT", "2,430MHz"): "Boost Clock",
        ("Quasar 70", "2,480MHz"): "Boost Clock",
        ("Vortex 9 XT", "624GB/s"): "Memory Bandwidth",
        ("Quasar 70", "504.2GB/s"): "Memory Bandwidth",
        ("Vortex 9 XT", "263W"): "Power Draw",
        ("Quasar 70", "200W"): "Power Draw",
    }
    for key, label in rows.items():
        spec = [c for c in cells.get(key, []) if c["location_kind"] == "collapsed_row"]
        assert [c["label"] for c in spec] == [label], key


def test_figures_of_one_cell_and_of_text_rows_make_no_spec_row() -> None:
    claims = parse_file(FIXTURES / "spec_line.txt").claims
    spec = [c for c in claims if c["location_kind"] == "collapsed_row"]
    assert len(spec) == 10
    assert not [c for c in spec if "nm" in c["raw_value"] or c["raw_value"] == "3"]


def test_a_sentence_naming_the_same_products_stays_prose() -> None:
    claims = parse_file(FIXTURES / "spec_line.txt").claims
    prose = [c for c in claims if c["location_kind"] == "prose"]
    assert {c["raw_value"] for c in prose} >= {"16", "12 GB"}


def test_a_named_metric_lead_beats_the_heading_above() -> None:
    claims = parse_file(FIXTURES / "named_leads.txt").claims
    owner = {c["raw_value"].split()[0]: c["entity_raw"] for c in claims}
    assert owner["710"] == "Heron Z5"
    assert owner["370"] == "Falcon X8"
