"""Comparison tables a text copy flattened with no cell separator (ingest/glued_rows.py): a
header line of known names over label + value rows, glued or space-joined, and glued column
labels over rows led by names; plus the possessive owner and the spread of several entities.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.glued_rows import glued_tables
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import claims_by_raw, text_claims

GLUED = """Kia EV6 and Tesla Model Y side by side

How the two crossovers compare on paper.

Kia EV6Tesla Model Y
Range310 miles to 328 milesEstimated at 330 miles
Top Speed114 mph to 161 mph135 mph
Charging Time18 minutes20 to 27 minutes
Horsepower225Estimated at 384
Model Year20222023

Both cars charge quickly on a fast charger.
"""


def _tables(text: str) -> list[list[list[str]]]:
    blocks = glued_tables(text_to_blocks(text), finder_for_page())
    return [[b.header or [], *b.rows] for b in blocks if b.kind is BlockKind.TABLE]


def test_a_glued_header_of_known_names_makes_a_table_of_their_values() -> None:
    (table,) = _tables(GLUED)
    assert table[0] == ["", "Kia EV6", "Tesla Model Y"]
    assert table[1] == ["Range", "310 miles to 328 miles", "Estimated at 330 miles"]
    assert table[3] == ["Charging Time", "18 minutes", "20 to 27 minutes"]
    assert table[4] == ["Horsepower", "225", "Estimated at 384"]
    # the glued years "20222023": one reading has two numbers of one format (ingest/glued_numbers)
    assert table[5] == ["Model Year", "2022", "2023"]
    assert len(table) == 6


def test_glued_rows_give_each_entity_its_own_figures() -> None:
    claims = claims_by_raw(text_claims(GLUED))
    assert claims["310 miles to 328 miles"]["entity_raw"] == "Kia EV6"
    assert claims["Estimated at 330 miles"]["entity_raw"] == "Tesla Model Y"
    assert claims["135 mph"]["entity_raw"] == "Tesla Model Y"
    assert claims["225"]["label"] == "Horsepower"


SPACED = """Which thin laptop to buy

  Apple MacBook Air M1 Dell XPS 13 9315
Weight 2.8 pounds 2.59 pounds
Processor Apple M1 Intel Core i5-1230U
Ports 2 USB-C with Thunderbolt 4
Battery 49.9 watt-hours 51 watt-hours
Rating 4.5 out of 5 stars 4 out of 5 stars
"""


def test_a_space_joined_header_keeps_a_brand_word_out_and_a_model_number_in() -> None:
    (table,) = _tables(SPACED)
    assert table[0] == ["", "MacBook Air M1", "Dell XPS 13 9315"]
    labels = [row[0] for row in table[1:]]
    # a number inside a model code (M1, i5) and a feature ("2 USB-C with ...") make no row
    assert labels == ["Weight", "Battery", "Rating"]
    assert table[3] == ["Rating", "4.5 out of 5 stars", "4 out of 5 stars"]


def test_rows_without_labels_under_a_header_of_names() -> None:
    text = (
        "Battery sizes of the series\n\n"
        "Galaxy S24 Ultra Galaxy S24+ Galaxy S24\n"
        "5,000mAh 4,900mAh 4,000mAh\n"
        "45W wired charging 45W wired charging 25W wired charging\n"
    )
    (table,) = _tables(text)
    assert table[1] == ["", "5,000mAh", "4,900mAh", "4,000mAh"]
    assert table[2][3] == "25W wired charging"


RESOLVERS = """Public resolvers compared

ResolverIP addressGlobal avgEuropeUptime
Cloudflare1.1.1.1~12–14 ms~6 ms99.98%
Google8.8.8.8~19–23 ms~8 ms99.98%
Quad99.9.9.9~21–26 ms~5 ms99.96%
OpenDNS208.67.222.222~26–31 ms~14 ms99.94%

In Europe Quad9 averaged ~5.2 ms (versus Google’s 7.4 ms). In America all of them stay
within 3 ms of each other.
"""


def test_glued_column_labels_over_rows_led_by_names() -> None:
    (table,) = _tables(RESOLVERS)
    assert table[0] == ["Resolver", "IP address", "Global avg", "Europe", "Uptime"]
    # a known name glued to the address after it ("Quad99.9.9.9"); an address is no figure
    assert table[3] == ["Quad9", "", "~21–26 ms", "~5 ms", "99.96%"]
    assert table[2][0] == "Google"  # not a known name, but beside known ones


def test_a_possessive_names_the_owner_and_a_spread_is_no_figure() -> None:
    claims = text_claims(RESOLVERS)
    by_raw = claims_by_raw(claims)
    assert by_raw["7.4 ms"]["entity_raw"] == "Google"
    assert by_raw["~5.2 ms"]["entity_raw"] == "Quad9"
    assert not any(c["raw_value"] in ("3 ms", "within 3 ms") for c in claims)


def test_prose_lines_under_a_header_of_names_stay_prose() -> None:
    text = "Kia EV6 Tesla Model Y\nThe EV6 charges from 10 to 80 percent in 18 minutes here.\n"
    assert _tables(text) == []


def test_a_battery_charge_in_prose_is_a_figure() -> None:
    text = "Galaxy S24 Ultra review\n\nThe Galaxy S24 Ultra keeps a 5,000mAh cell.\n"
    claims = claims_by_raw(text_claims(text))
    assert claims["5,000mAh"]["entity_raw"] == "Galaxy S24 Ultra"


PER_DOLLAR = """Two gaming CPUs compared

CPUIntel Core i5-13600KAMD Ryzen 5 7600X
Average Framerate120.5 FPS131.0 FPS
Performance Per Watt1.21 FPS/W0.88 FPS/W
Performance Per $0.52 FPS/$0.41 FPS/$
"""


def test_a_per_dollar_unit_stays_with_its_cell_and_is_no_price() -> None:
    claims = claims_by_raw(text_claims(PER_DOLLAR))
    assert claims["0.52 FPS/$"]["entity_raw"] == "Intel Core i5-13600K"
    assert claims["0.41 FPS/$"]["entity_raw"] == "AMD Ryzen 5 7600X"
    assert claims["1.21 FPS/W"]["label"] == "Performance Per Watt"


GAMES = """Two gaming CPUs, game by game

Far Cry 6

CPUIntel Core i5-13600KAMD Ryzen 5 7600X
Average121.4 FPS118.9 FPS
1% Lows88.2 FPS84.7 FPS

Total War: Warhammer 3

Average97.3 FPS101.6 FPS
1% Lows70.1 FPS73.8 FPS
"""


def test_a_section_line_with_a_colon_over_the_next_run_of_rows() -> None:
    claims = claims_by_raw(text_claims(GAMES))
    assert claims["101.6 FPS"]["entity_raw"] == "AMD Ryzen 5 7600X"
    assert claims["70.1 FPS"]["entity_raw"] == "Intel Core i5-13600K"
    assert claims["70.1 FPS"]["conditions"] == "Total War: Warhammer 3"


CARDS_OF_ONE_NAME = """# Grails vs AdonisJS vs Robyn: stars in 2026

Grails
Stargazer tally
3,600

AdonisJS
Stargazer tally
3 780

Robyn
Stargazer tally
57 600
"""


def test_a_card_title_that_is_one_known_name_is_no_glued_header() -> None:
    """'AdonisJS' reads as 'Adonis' + 'JS' once unglued; the whole line is one known name, so
    its card's '3 780' is one figure of it, not two cells of two products."""
    claims = text_claims(CARDS_OF_ONE_NAME)
    owners = {(c["entity_raw"], c["raw_value"]) for c in claims}
    assert not {e for e, _ in owners} & {"Adonis", "JS"}
    assert ("AdonisJS", "3 780") in owners
