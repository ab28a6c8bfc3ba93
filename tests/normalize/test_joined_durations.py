"""Battery-test shapes: a duration in two parts joined by "and", watt-hours spelled "WHr",
and a row label whose bracket names a condition ("(US Server)"), not a unit.

The figures echo laptop battery reviews and VPN speed tables; the lines are written for the test."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.qualifiers import auto_metric
from crosscheck.normalize.quantity import parse_quantity


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("8 hours and 21 minutes", 30060.0), ("1 hr, 5 min", 3900.0),
     ("7 h 12 min", 25920.0), ("2 minutes and 30 seconds", 150.0)],
)  # fmt: skip
def test_a_duration_in_falling_parts_is_one_figure(text: str, seconds: float) -> None:
    parsed = parse_quantity(text, None)
    assert (parsed.low, parsed.unit) == (seconds, "s")


def test_prose_reads_the_joined_duration_as_one_span() -> None:
    spans = find_prose_figures("In our loop test the notebook lasted 8 hours and 21 minutes.")
    assert [s.text for s in spans] == ["8 hours and 21 minutes"]


def test_rising_parts_are_no_one_duration() -> None:
    spans = find_prose_figures("It took 20 minutes and 3 hours later it failed.")
    assert len(spans) == 2


@pytest.mark.parametrize(("text", "joules"), [("52 WHr", 187200.0), ("60Whr", 216000.0)])
def test_watt_hours_written_whr(text: str, joules: float) -> None:
    assert [s.text for s in find_prose_figures(f"It packs a {text} battery.")] == [text]
    parsed = parse_quantity(text, None)
    assert (parsed.low, parsed.unit) == (joules, "J")


def test_a_bracket_naming_one_thing_is_a_condition_of_the_metric() -> None:
    local = auto_metric("Average Speed Drop (Local Server)", "percent")
    remote = auto_metric("Average Speed Drop (US Server)", "percent")
    assert local != remote
    assert auto_metric("Popularity (GitHub stars)", "count") == "auto:popularity:count"


def test_a_model_name_after_a_year_is_no_ratio() -> None:
    spans = find_prose_figures("the 2015 X1 Carbon turbos to 2.9GHz, up to 4X faster")
    assert [s.text for s in spans] == ["2015", "2.9GHz", "up to 4X"]
