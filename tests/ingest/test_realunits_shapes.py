"""Spec-sheet shapes of realunits: a size cell's sides, spec units and number forms in free text."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.ingest.table_cells import split_figures

from tests.ingest.parsing import parse_snapshot_text


def test_a_size_cell_is_one_length_per_side() -> None:
    pieces = split_figures("159.26 x 82.98 x 10.06 mm", "Dimensione", None)
    assert [(p.raw, p.unit_hint) for p in pieces] == [
        ("159.26", "mm"), ("82.98", "mm"), ("10.06", "mm"),
    ]  # fmt: skip
    assert [p.label for p in pieces] == [
        "Dimensione (dimension 1)", "Dimensione (dimension 2)", "Dimensione (dimension 3)",
    ]  # fmt: skip


def test_the_label_names_the_sides_when_it_gives_their_letters() -> None:
    pieces = split_figures("134.1 × 100.5 × 67.5 mm", "Abmessungen (B x H x T)", None)
    assert [p.label.rsplit("(", 1)[1] for p in pieces] == ["width)", "height)", "depth)"]
    two = split_figures("23.5 x 15.7mm", "Sensor (W x H)", None)
    assert [(p.raw, p.unit_hint) for p in two] == [("23.5", "mm"), ("15.7", "mm")]


@pytest.mark.parametrize("cell", ["1920 x 1080", "4800 x 1200 dpi", "1080 x 30fps", "2.5x"])
def test_products_of_other_things_stay_one_value(cell: str) -> None:
    assert [p.raw for p in split_figures(cell, "label", None)] == [cell]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("only 170 lb-ft of torque", ["170 lb-ft"]),
        ("a 15-inch display", ["15-inch"]),
        ("the 24-inch iMac", []),
        ("eine Reichweite von 200 Kilometern", ["200 Kilometern"]),
        ("un display da 5,2 pollici", ["5,2 pollici"]),
        ("16 kWh/100km(3,9 mi/kWh )", ["16 kWh/100km", "3,9 mi/kWh"]),
        ("kostet 1.748,99 Euro", ["1.748,99 Euro"]),
        ("a 3.2 Cu.Ft fridge", ["3.2 Cu.Ft"]),
        ("85 Nm on a 7nm chip", ["85 Nm"]),
    ],
)
def test_spec_units_and_number_forms_in_free_text(text: str, spans: list[str]) -> None:
    assert [s.text for s in find_prose_figures(text)] == spans


def test_a_size_in_free_text_is_one_span_per_side_up_to_the_unit() -> None:
    spans = [s.text for s in find_prose_figures("Dimensions: 134.1 × 100.5 × 67.5 mm, 24 MP")]
    assert spans == ["134.1 × 100.5 × 67.5 mm", "100.5 × 67.5 mm", "67.5 mm", "24 MP"]
    assert [s.text for s in find_prose_figures("1920 x 1080 and 2x faster")] == [
        "1920 x", "1080", "2x",
    ]  # fmt: skip


def test_the_sides_of_a_size_are_values_under_their_own_conditions() -> None:
    claims = parse_snapshot_text(
        "source: https://example.org/x\n# Kappa K7\n\nDimensions: 128.9 x 96.9 x 79.8 mm\n"
    ).claims
    sides = [(c["raw_value"], c.get("conditions")) for c in claims]
    assert sides == [
        ("128.9 x 96.9 x 79.8 mm", "size side 3 from the end"),
        ("96.9 x 79.8 mm", "size side 2 from the end"),
        ("79.8 mm", "size side 1 from the end"),
    ]
    assert {c["role"] for c in claims} == {"value"}
