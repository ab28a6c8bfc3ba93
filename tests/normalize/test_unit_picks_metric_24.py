"""The unit picks the metric where one label fits two (normalize/vocabulary.py `written_in`), and
the units of physical spec sheets (3D printers' speeds and accelerations, keyboard switches'
forces, megapixels). Figures echo real GPU, printer and switch spec pages; the text is written
for the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from crosscheck.normalize.errors import QuantityError
from crosscheck.normalize.label_units import FORCE_HINT, effective_hint, written_kind
from crosscheck.normalize.quantity import parse_quantity
from crosscheck.normalize.vocabulary import default_vocabulary
from crosscheck.normalize.vocabulary_types import UnitKind

from tests.analysis import analyze_pages

GPUS = """# Card A vs Card B specs

| Spec | Card A | Card B |
|---|---|---|
| Memory Speed | 22.4 Gbps | 21 Gbps |
| Memory Bandwidth | 716.8 GB/s | 1,008 GB/s |
| Memory Clock | 1400 MHz | 1313 MHz |
"""


def test_a_per_pin_rate_and_a_bandwidth_raise_no_same_page_conflict(tmp_path: Path) -> None:
    found = analyze_pages(tmp_path, {"cards.md": GPUS})
    facts = found.facts
    by = {(e, m): v for e, m, v in zip(facts["entity"], facts["metric"], facts["low"], strict=True)}
    assert by[("Card A", "memory_data_rate")] == pytest.approx(2.8e9)
    assert by[("Card A", "memory_bandwidth")] == pytest.approx(716.8e9)
    assert by[("Card B", "memory_clock")] == pytest.approx(1.313e9)
    conflicts = found.findings[found.findings["kind"] == "conflict"]
    assert conflicts.empty, conflicts["explanation"].tolist()


@pytest.mark.parametrize(
    ("value", "metric"),
    [
        ("22.4 Gbps", "memory_data_rate"),
        ("21 Gbit/s", "memory_data_rate"),
        ("716.8 GB/s", "memory_bandwidth"),
        ("1400 MHz", "memory_clock"),
    ],
)
@pytest.mark.parametrize("label", ["Memory Speed", "Memory Clock"])
def test_memory_speed_is_the_metric_its_unit_says(label: str, value: str, metric: str) -> None:
    parsed = parse_quantity(value)
    kind = written_kind(value) if parsed.dimension == "data_rate" else None
    match = default_vocabulary().match_label(label, None, parsed.dimension, kind)
    expected = "memory_data_rate" if label == "Memory Clock" and kind == "bytes" else metric
    assert match.metric == expected


def test_a_bandwidth_label_keeps_its_metric_whatever_the_unit() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.match_label("Memory Bandwidth", None, "data_rate", "bits").metric == (
        "memory_bandwidth"
    )


def test_bits_come_from_the_figure_or_its_header() -> None:
    assert written_kind("22.4 Gbps") == "bits"
    assert written_kind("19.5", "Gb/s") == "bits"
    assert written_kind("716.8 GB/s") == "bytes"
    assert written_kind("7,450 MB/s") == "bytes"


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("600 mm/s", "m/s", 0.6),
        ("20,000 mm/s²", "m/s²", 20.0),
        ("20000 mm/s^2", "m/s²", 20.0),
        ("55 cN", "N", 0.55),
        ("50 centinewtons", "N", 0.5),
        ("60 gf", "N", 0.588399),
        ("24.2 Megapixels", "count", 24.2e6),
        ("50MP", "count", 50e6),
    ],
)
def test_physical_spec_units(text: str, unit: str, value: float) -> None:
    parsed = parse_quantity(text)
    assert (parsed.unit, parsed.low) == (unit, pytest.approx(value))


def test_a_bare_g_under_a_force_label_is_a_gram_force() -> None:
    hint = effective_hint(None, "Actuation force")
    assert hint == FORCE_HINT
    parsed = parse_quantity("45g", hint)
    assert (parsed.unit, parsed.low) == ("N", pytest.approx(0.441299, rel=1e-4))
    with pytest.raises(QuantityError):
        parse_quantity("45g")  # elsewhere a bare "g" stays unknown (a network, a g-force)


SWITCH_PAGE = """# Switch A review

Switch A needs 60g of force to actuate, and the carriage reaches 500 mm/s.
"""


def test_prose_force_and_speed_keep_their_units(tmp_path: Path) -> None:
    claims = analyze_pages(tmp_path, {"switch.md": SWITCH_PAGE}).claims
    read = {
        raw: parse_quantity(raw, hint if isinstance(hint, str) else None)
        for raw, hint in zip(claims["raw_value"], claims["unit_hint"], strict=True)
    }
    assert (read["60g"].unit, read["60g"].low) == ("N", pytest.approx(0.588399))
    assert (read["500 mm/s"].unit, read["500 mm/s"].low) == ("m/s", pytest.approx(0.5))


@pytest.mark.parametrize(
    ("figure", "kind", "metric"),
    [("21 Gbps", "bits", "memory_data_rate"), ("1,008 GB/s", "bytes", "memory_bandwidth")],
)
def test_in_prose_the_unit_picks_between_the_memory_speeds(
    figure: str, kind: UnitKind, metric: str
) -> None:
    text = f"Memory Speed: it operates at an impressive {figure} (effective)."
    found = default_vocabulary().match_context(text, "data_rate", None, figure, kind)
    assert found.metric == metric
