"""Products no gazetteer lists, found from the page itself (ingest/page_products.py): repeated
capitalised names in mid-sentence, the words beside "than"/"vs", a price verb, a model's name
run, a title's list and a column table's header; section words, people and months never.

Pages are written for the test with invented product names (figures reused, no sentences)."""

from __future__ import annotations

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.page_products import page_products
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import parse_snapshot_text


def _none(_: str) -> list[tuple[int, int]]:
    return []


def _names(text: str, title: str = "") -> list[str]:
    return page_products(title, text_to_blocks(text), _none)


TWO_UNKNOWN = """A look at two static site tools

We moved our docs from Quillmark to Ferrowave last spring.
How It Works
The build on Ferrowave took 12 seconds, while Quillmark needed 95 seconds for the same pages.
Pricing
Our team found that Ferrowave costs $19/mo and that Quillmark is free.
Conclusion
In the end Quillmark stayed in one older repository.
"""


def test_repeated_unknown_names_own_the_figures_of_their_clauses() -> None:
    page = parse_snapshot_text(TWO_UNKNOWN)
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["12 seconds"] == "Ferrowave"
    assert owners["95 seconds"] == "Quillmark"
    assert page.empty_reason is None


def test_section_headings_are_no_products() -> None:
    names = _names(TWO_UNKNOWN)
    assert set(names) == {"Quillmark", "Ferrowave"}


def test_a_name_beside_than_and_a_price_verb_counts_twice_named() -> None:
    text = (
        "Notes\n\nBriskdb is 4 times faster than Lumbra on our inserts.\n"
        "Lumbra costs $300/mo at our size. Briskdb answered every query.\n"
    )
    assert set(_names(text)) == {"Briskdb", "Lumbra"}


def test_people_months_and_common_words_are_no_products() -> None:
    text = (
        "Field notes\n\nIn March we asked Marta about it. Marta noted the build was slow.\n"
        "Later in March the team agreed, and Marta said it again. Features matter, Features win.\n"
        "Performance was fine in March.\n"
    )
    assert _names(text) == []


def test_a_model_run_is_one_name() -> None:
    text = (
        "Phone results\n\nThe Zephon Nova 7 Pro scored 1,880 points and the Zephon Nova 7 Pro "
        "lasted 9 hours, ahead of the Korbit 5 which scored 1,420 points. We liked the Korbit 5.\n"
    )
    names = _names(text)
    assert "Zephon Nova 7 Pro" in names
    assert "Korbit 5" in names
    assert "Zephon" not in names  # the run names the product, not its brand word alone


def test_a_title_list_names_its_products() -> None:
    assert _names("Intro text only.\n", "Plumtree, Oxbay and Tarnwell compared") == [
        "Plumtree",
        "Oxbay",
        "Tarnwell",
    ]


def test_a_column_tables_header_over_figures_names_products() -> None:
    table = Block(
        BlockKind.TABLE,
        header=["Feature", "Plumtree", "Oxbay"],
        rows=[["Free tier", "500 contacts", "2,500 subscribers"], ["Paid plans", "$13", "$39"]],
    )
    assert page_products("", [table], _none) == ["Plumtree", "Oxbay"]


def test_a_leaderboard_header_names_metrics_not_products() -> None:
    table = Block(
        BlockKind.TABLE,
        header=["Tool", "Build time", "Memory"],
        rows=[["Plumtree", "12 s", "300 MB"], ["Oxbay", "9 s", "280 MB"]],
    )
    assert page_products("", [table], _none) == []


def test_known_names_are_left_whole() -> None:
    text = "Notes\n\nWe ran Samsung Galaxy S24 Ultra twice; the Galaxy S24 Ultra held up.\n"
    spans = lambda t: [(t.find("Galaxy S24 Ultra"), t.find("Galaxy S24 Ultra") + 16)]  # noqa: E731
    names = page_products("", text_to_blocks(text), spans)
    assert "Ultra" not in names and "Galaxy" not in names


def test_a_benchmark_and_a_trim_word_are_no_products() -> None:
    text = (
        "Notes\n\nWe read the Speedmark results again. The Speedmark dataset is large, and "
        "on Speedmark results we trust. The car in SX Line trim, the SX Line again, "
        "and the SX Line once more.\n"
    )
    names = _names(text)
    assert "Speedmark" not in names and "Line" not in names


def test_a_data_set_after_a_figure_and_a_heading_word_are_no_products() -> None:
    text = (
        "Speech model notes\n\nModel Architecture\n\nIt reaches 2.0% WER on Cleanspeech and "
        "11% on Cleanspeech noisy. Cleanspeech is a corpus, and the Architecture is a "
        "transformer, the Architecture has 32 layers.\n"
    )
    names = _names(text)
    assert "Cleanspeech" not in names and "Architecture" not in names


def test_config_keys_and_timestamps_give_no_figures() -> None:
    page = parse_snapshot_text(
        "Briskdb vs Lumbra\n\nsidebar_position: 4\n\nLast generated: 2026-03-29T03:29:47Z\n\n"
        "Briskdb answered in 12 ms.\n"
    )
    assert [c["raw_value"] for c in page.claims] == ["12 ms"]


def test_a_capitalised_unit_after_numbers_is_no_product() -> None:
    text = (
        "Home batteries\n\nThe Voltaro pack stores 13.5 kWh and the Brivex unit 10.1 kWh.\n"
        "Voltaro delivers 5 kWh of backup a day; Brivex is 2 times slower than Voltaro to charge.\n"
        "A second Brivex holds another 10.1 kWh.\n"
    )
    assert set(_names(text)) == {"Voltaro", "Brivex"}


def test_a_product_after_a_year_is_still_a_product() -> None:
    text = (
        "Notes\n\nThe 2015 Zentrix ran 9 hours, and the 2016 Zentrix ran 11 hours.\n"
        "We think Zentrix is 2 times better than Pellow here. Pellow ran 5 hours.\n"
    )
    assert "Zentrix" in _names(text)


def test_a_model_code_ends_a_name_and_a_capitalised_unit_after_big_numbers_is_none() -> None:
    text = (
        "Phones in review\n\nThe Zarvo 5X has a 5700 mAh pack and the Torvik 9 has 4400 mAh.\n"
        "Later the Zarvo 5X held 4685 mAh while the Torvik 9 kept 5150 mAh."
    )
    names = _names(text)
    assert "Zarvo 5X" in names  # "5X": a model code, no acronym of a concept
    assert "mAh" not in names  # after 4-digit figures too: a unit, not a product


def test_a_size_with_its_scale_letter_is_no_model_code() -> None:
    from crosscheck.ingest.page_product_words import _model_code

    assert [_model_code(w) for w in ("2", "12", "5X", "G4", "M9")] == [True] * 5
    assert [_model_code(w) for w in ("61B", "80B", "GDDR6", "SEO")] == [False] * 4
