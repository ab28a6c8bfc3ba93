"""Consumer and infrastructure comparison pages (cars, object storage, laptops): a saved copy's
provenance note is not its title, a model year does not hide a title's names, a compound's
lower-case tail ends a name, and prose figures keep their spec-sheet unit.

Pages are written for the test (figures echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.entity_leads import title_entities
from crosscheck.ingest.spans import find_prose_figures

from tests.ingest.parsing import claims_by_raw, parse_snapshot_text

SAVED_COPY = """source: https://example.org/cars/sedans (retrieved from a stored copy, 2026)
Compared: 2023 Hyundai Ioniq 6 vs. 2023 Tesla Model 3

The Ioniq 6 pairs its 77.4-kWh battery with one motor of 225 horsepower.
The Model 3 Long Range is rated at up to 341 miles per charge.
"""


def test_a_provenance_note_is_not_the_title_and_a_model_year_is_no_part_of_a_name() -> None:
    page = parse_snapshot_text(SAVED_COPY)
    assert page.title.startswith("Compared:")
    assert page.entities == ["Hyundai Ioniq 6", "Tesla Model 3"]


def test_an_opening_paragraph_below_the_note_is_no_title() -> None:
    text = "source: https://example.org/x\n" + "The Kia EV6 and the Ioniq 5 " * 8 + "\n"
    assert parse_snapshot_text(text).title == ""


def test_prose_figures_keep_their_spec_unit() -> None:
    claims = claims_by_raw(parse_snapshot_text(SAVED_COPY).claims)
    assert {"77.4-kWh", "225 horsepower", "up to 341 miles"} <= set(claims)
    assert claims["up to 341 miles"]["entity_raw"] == "Model 3"  # Tesla Model 3 in the gazetteer


def test_spec_units_in_prose_spans() -> None:
    spans = [
        s.text for s in find_prose_figures("a 310-mile (436km) rating, over 160mph, 2.8 pounds")
    ]
    assert spans == ["310-mile", "436km", "over 160mph", "2.8 pounds"]
    assert [s.text for s in find_prose_figures("the 24-inch iMac and 5 milestones")] == ["5"]


def test_a_compound_tail_after_a_name_ends_the_name() -> None:
    finder = finder_for_page()
    names = [
        m.canonical
        for m in finder.mentions("Galaxy S24 Ultra visar en stark iPhone 15 Pro Max-konkurrent")
    ]
    assert names == ["Galaxy S24 Ultra", "iPhone 15 Pro Max"]
    assert title_entities("Wi-Fi 7 vs. Wi-Fi 6E: Real-World Performance", finder) == [
        "Wi-Fi 7",
        "Wi-Fi 6E",
    ]


def test_an_opening_quote_does_not_hide_a_name() -> None:
    finder = finder_for_page()
    title = "Vendor says 'Chrome is fastest', so I compared it with Safari and Firefox"
    assert title_entities(title, finder) == ["Chrome", "Safari", "Firefox"]
    assert [m.text for m in finder.mentions("it's Firefox's don'tChrome")] == ["Firefox"]
