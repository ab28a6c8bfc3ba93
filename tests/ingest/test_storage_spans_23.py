"""Prose figures whose unit is a storage or endurance word, or a unit spelled in German, Spanish
or French (prose.toml spec_unit_marks): the unit stays on the figure."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Hersteller packt 4 TByte auf die Platine.", ["4 TByte"]),
        ("Lesen mit 7,46 GByte/s und 512 MByte Cache", ["7,46 GByte/s", "512 MByte"]),
        ("up to 1400K IOPS for reads", ["up to 1400K IOPS"]),
        ("reads at 7,450 megabytes per second", ["7,450 megabytes per second"]),
        ("rated 600 TBW and 0.33 DWPD", ["600 TBW", "0.33 DWPD"]),
        ("eine Abweichung von 3 Prozent", ["3 Prozent"]),
        ("cuesta 399 dólares", ["399 dólares"]),
        ("garantía de 5 años", ["5 años"]),
    ],
)
def test_storage_and_language_units_stay_on_the_figure(text: str, figures: list[str]) -> None:
    assert [span.text for span in find_prose_figures(text)] == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("an error rate of 1.0E-15 per bit", ["1.0E-15"]),
        ("an error rate of 1.0×10⁻¹⁷ per bit", ["1.0×10⁻¹⁷"]),
    ],
)
def test_scientific_notation_is_one_figure(text: str, figures: list[str]) -> None:
    assert [span.text for span in find_prose_figures(text)] == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("up to 7,450/6,900 MB/s for reads", ["up to 7,450", "6,900 MB/s"]),
        ("plus 1.2M/1.55M IOPS here", ["1.2M", "1.55M IOPS"]),
        ("open 24/7 since 12/25/2023", ["24", "12"]),  # no second figure without a unit
        ("rated 3/5 stars", ["3"]),
    ],
)
def test_the_second_figure_of_a_slash_pair_with_its_unit(text: str, figures: list[str]) -> None:
    assert [span.text for span in find_prose_figures(text)] == figures
