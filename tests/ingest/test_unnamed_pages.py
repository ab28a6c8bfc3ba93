"""Pages where no known name is written (ingest/spread_lines.py, ingest/paren_names.py and the
3-4 digit model numbers of ingest/page_products.py): a benchmark's printed result blocks, model
names before a parenthesised price, and a model family written with long numbers.

Pages are written for the test with invented tool and product names (no sentence copied)."""

from __future__ import annotations

from crosscheck.ingest.page_products import page_products
from crosscheck.ingest.paren_names import paren_names
from crosscheck.ingest.spread_lines import may_start_spread, read_spread_lines
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import parse_snapshot_text

RESULT_BLOCKS = """Notes from our search-tool runs.

plain_word (pattern: FOO_BAR)
-----------------------------
zgrep* 0.210 +/- 0.004 (lines: 31)*
hunt 1.480 +/- 0.051 (lines: 31)
hunt (mmap) 0.902 +/- 0.010 (lines: 30)
tree search 0.377 +/- 0.002 (lines: 31)
unicode_class (pattern: \\p{Latin})
----------------------------------
zgrep 0.530 +/- 0.021 (lines: 512)
hunt* 0.488 +/- 0.013 (lines: 498)*
"""


def test_a_page_of_result_blocks_gives_each_tool_its_figures() -> None:
    page = parse_snapshot_text(RESULT_BLOCKS)
    assert page.empty_reason is None
    owned = {(c["entity_raw"], c["raw_value"]) for c in page.claims}
    assert ("zgrep", "0.210") in owned
    assert ("hunt (mmap)", "0.902") in owned
    assert ("tree search", "0.377") in owned
    assert ("hunt", "0.488") in owned  # the starred winner of the second block
    assert ("hunt", "498") in owned  # '(lines: 498)': what the run found, a column of its own
    assert ("hunt", "0.013") not in owned  # the spread qualifies the mean: no figure of its own


def test_a_setext_heading_over_prose_is_no_result_block() -> None:
    lines = ["Results", "-------", "We ran 3 tools for 10 minutes.", "zgrep 1.2 +/- 0.1"]
    assert not may_start_spread(lines, 0)
    assert read_spread_lines(lines, 0, 0) is None


MODELS_IN_PARENTHESES = """Spülmaschinen im Vergleich

Testsieger sind die Norvik QX 4410 LS (1.150 Euro) und die Baldur DT 22K7E (680 Euro).
Günstig ist die Kessel NV-318PX2 (410 Euro). Die Kosten (540 Euro) trägt der Käufer.
"""


def test_a_model_code_run_before_a_parenthesised_price_is_a_name() -> None:
    names = paren_names(MODELS_IN_PARENTHESES.splitlines())
    assert names == ["Norvik QX 4410 LS", "Baldur DT 22K7E", "Kessel NV-318PX2"]


def test_a_parenthesised_price_belongs_to_the_model_before_it() -> None:
    page = parse_snapshot_text(MODELS_IN_PARENTHESES)
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["1.150 Euro"] == "Norvik QX 4410 LS"
    assert owners["680 Euro"] == "Baldur DT 22K7E"
    assert owners["410 Euro"] == "Kessel NV-318PX2"


def test_a_year_or_a_bare_number_in_parentheses_names_nothing() -> None:
    lines = ["The Norvik Series (2019) was fine.", "Its Baldur Line (12) too."]
    assert paren_names(lines) == []


FAMILY = """Trail watches

The Stridex 340 came out before the Stridex 760. We wore the Stridex 340 for a month.
It offered 18 days of battery, and the Stridex 760S weighs 52 grams.
"""


def test_a_family_written_with_long_numbers_keeps_its_model_numbers() -> None:
    names = page_products("", text_to_blocks(FAMILY), lambda _: [])
    assert "Stridex 340" in names and "Stridex 760" in names
    assert "Stridex" not in names


def test_a_long_number_after_a_word_once_is_a_figure_not_a_model() -> None:
    text = "Notes\n\nWe logged Nimbus 1500 peak calls. Nimbus was steady, Nimbus won.\n"
    names = page_products("", text_to_blocks(text), lambda _: [])
    assert "Nimbus 1500" not in names


PAIRS = """Trail watch line-up

The Stridex 340 was followed by the Stridex 760. The Stridex 340 and 760 cost $310 and $520,
respectively, at launch.
The Stridex 330 and 750 arrived in 2018, before the Stridex 340 and 760 came out in 2021.
"""


def test_respectively_gives_each_name_its_value_in_order() -> None:
    page = parse_snapshot_text(PAIRS)
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["$310"] == "Stridex 340"
    assert owners["$520"] == "Stridex 760"


def test_a_model_and_its_sibling_by_number_share_the_value_after_them() -> None:
    page = parse_snapshot_text(PAIRS)
    years = sorted(
        (c["raw_value"], c["entity_raw"]) for c in page.claims if c["raw_value"][:2] == "20"
    )
    assert years == [
        ("2018", "Stridex 330"),
        ("2018", "Stridex 750"),
        ("2021", "Stridex 340"),
        ("2021", "Stridex 760"),
    ]
    assert not any(c["raw_value"] in ("750", "760") for c in page.claims)  # names, not figures
    locators = [c["locator"] for c in page.claims]
    assert len(set(locators)) == len(locators)  # each owner's claim keeps its own id


def test_a_figure_with_a_unit_after_and_is_no_sibling_model() -> None:
    from crosscheck.ingest.entities import Mention
    from crosscheck.ingest.model_pairs import sibling_mentions

    text = "The Volta 4090 and 4500 MHz of clock."
    found = sibling_mentions(text, [Mention(4, 14, "Volta 4090", "Volta 4090")])
    assert [m.text for m in found] == ["Volta 4090"]


CATEGORY = """Sobre el mercado

Si sumamos todas las bicicletas eléctricas del mercado, la media de las bicicletas eléctricas
ronda los 21 kilos. Las bicicletas eléctricas urbanas cuestan entre 900 y 2.400 euros.
"""


def test_a_page_naming_nobody_gives_its_figures_to_the_category_it_repeats() -> None:
    page = parse_snapshot_text(CATEGORY)
    assert page.empty_reason is None
    assert page.claims and {c["entity_raw"] for c in page.claims} == {"bicicletas eléctricas"}


def test_a_page_naming_nobody_and_no_repeated_phrase_stays_unowned() -> None:
    page = parse_snapshot_text("Notas\n\nLa media ronda los 21 kilos y cuesta 900 euros.\n")
    assert page.empty_reason == "no entity found"
    assert {c["entity_raw"] for c in page.claims} == {"(no entity found on the page)"}


def test_a_model_code_run_before_a_linked_figure_is_a_name() -> None:
    lines = [
        "So kostet die Norvik QX 4410 LS mit 1150 Euro mehr als die Baldur DT22K7E mit 575 Euro.",
        "Die Kosten mit 540 Euro trägt der Käufer.",
    ]
    assert paren_names(lines) == ["Norvik QX 4410 LS", "Baldur DT22K7E"]


REVIEW = """A trail watch review

The Stridex 340 came out in spring. Brandco makes it, and Brandco says the OLED panel is bright.
It gives a 1.2-inch OLED screen and up to 16 days of battery; the Stridex 340S weighs 41 grams.
Brandco offers a 44mm case. Later the Stridex 340 got maps and the Stridex 340S a new strap.
"""


def test_beside_a_family_of_numbered_models_a_word_alone_is_no_product() -> None:
    names = page_products("", text_to_blocks(REVIEW), lambda _: [])
    assert "Stridex 340" in names and "Stridex 340S" in names
    assert "Brandco" not in names and "OLED" not in names


def test_the_number_alone_after_the_names_a_products_model() -> None:
    text = (
        "Trail watches\n\nThe Stridex 340 came first and the Stridex 760 came later.\n"
        "Only the 760 has 32 GB.\n"
    )
    owners = {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}
    assert owners["32 GB"] == "Stridex 760"


def test_two_names_joined_then_two_values_joined_go_in_order() -> None:
    text = (
        "Trail watches\n\nThe Stridex 340 came first and the Stridex 760 came later.\n"
        "A shop lists the Stridex 340 and Stridex 760, with prices of €310.50 and €520.50.\n"
    )
    owners = {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}
    assert owners["310.50"] == "Stridex 340"
    assert owners["520.50"] == "Stridex 760"


def test_the_familys_number_alone_names_a_model_and_its_sibling() -> None:
    text = (
        "Trail watches\n\nThe Stridex 340 came first and the Stridex 760 came later.\n"
        "Battery life barely moved between the 330 and 340, and the 760 & 750 both have 32 GB.\n"
    )
    claims = parse_snapshot_text(text).claims
    assert not any(c["raw_value"] in ("330", "340", "750", "760") for c in claims)
    assert {c["entity_raw"] for c in claims if c["raw_value"] == "32 GB"} <= {
        "Stridex 760",
        "Stridex 750",
    }


def test_the_number_before_a_counted_noun_stays_a_figure() -> None:
    text = (
        "Trail watches\n\nThe Stridex 340 came first and the Stridex 760 came later.\n"
        "We logged the 500 laps of the Stridex 760.\n"
    )
    assert "500" in {c["raw_value"] for c in parse_snapshot_text(text).claims}


def test_one_family_keeps_the_pages_brandless_spelling() -> None:
    text = (
        "Trail watches\n\nThe Stridex 340 came first and the Stridex 760 came later.\n"
        "The Brandco Stridex 330 and 750 arrived in 2018. The Brandco Stridex 330 sold well.\n"
    )
    owners = {c["entity_raw"] for c in parse_snapshot_text(text).claims if c["raw_value"] == "2018"}
    assert owners == {"Stridex 330", "Stridex 750"}


def test_a_last_figure_after_a_list_of_priced_models_is_the_whole_lists() -> None:
    text = (
        "Spülmaschinen im Vergleich\n\n"
        "Vorn liegen die Norvik QX 4410 LS (1.150 Euro), die Baldur DT 22K7E (680 Euro) sowie "
        "die Kessel NV-318PX2 (410 Euro) mit der Note 1,8.\n"
    )
    owners = sorted(
        c["entity_raw"] for c in parse_snapshot_text(text).claims if c["raw_value"] == "1,8"
    )
    assert owners == ["Baldur DT 22K7E", "Kessel NV-318PX2", "Norvik QX 4410 LS"]
