"""A stat card whose figure groups its thousands with spaces ("3 840 hits/s", "2 950") is a
card value like "3,840 hits/s", not a stray paragraph figure (issue 16, held-out formats)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.ingest.cardlines import is_card_value

from tests.ingest.parsing import parse_file

PAGE = """# Quoin vs Tiller vs Umbra: numbers 2026

## At a glance

Quoin
Served hits
8,600 hits/s

Tiller
Served hits
3 840 hits/s

Umbra
Served hits
16 600 hits/s
"""


def test_space_grouped_figures_are_card_values() -> None:
    assert is_card_value("3 840 hits/s") and is_card_value("2 950")
    assert not is_card_value("3 84") and not is_card_value("12 4000")


def test_each_card_keeps_its_product(tmp_path: Path) -> None:
    path = tmp_path / "cards.md"
    path.write_text(PAGE, encoding="utf-8")
    cards = {
        (c["entity_raw"], c["raw_value"]) for c in parse_file(path).claims if "card" in c["locator"]
    }
    assert cards == {
        ("Quoin", "8,600 hits/s"),
        ("Tiller", "3 840 hits/s"),
        ("Umbra", "16 600 hits/s"),
    }
