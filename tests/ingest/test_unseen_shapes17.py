"""Shapes of the seventeenth unseen set (search engines, metric and log stores, CI services,
monitors): '- Label: value' items under a product's heading, a table under a lead-in naming
its product, a ratio to its own baseline, 'Name — description' sections, glued Hz and
ranges with a unit on both ends."""

from __future__ import annotations

from crosscheck.ingest.spans import find_prose_figures

from tests.ingest.parsing import claims_by_raw, text_claims


def test_label_items_under_a_product_heading_are_that_products() -> None:
    page = (
        "Log stores compared\n"
        "Elasticsearch Storage\n"
        "Sizing for 50GB/day of logs:\n"
        "- Index size: ~80GB\n"
        "- Monthly total: ~7TB\n"
        "Loki Storage\n"
        "Sizing for 50GB/day of logs:\n"
        "- Chunk size: ~12GB\n"
    )
    claims = claims_by_raw(text_claims(page))
    assert claims["~80GB"]["entity_raw"] == "Elasticsearch"
    assert claims["~7TB"]["entity_raw"] == "Elasticsearch"
    assert claims["~12GB"]["entity_raw"] == "Loki"


def test_an_unknown_capitalised_name_still_owns_its_lone_figure() -> None:
    claims = claims_by_raw(text_claims("Servers\n- Zorblax: 60.4k rps\n- Quuxer: 12k rps\n"))
    assert claims["60.4k rps"]["entity_raw"] == "Zorblax"


def test_a_table_under_a_lead_in_naming_one_product_is_that_products() -> None:
    page = (
        "Runner prices\n"
        "Per-minute rates: GitHub Actions\n"
        "| OS | Multiplier | Rate |\n"
        "|---|---|---|\n"
        "| Linux | 1x | $0.007/min |\n"
        "| macOS | 9x | $0.063/min |\n"
    )
    claims = claims_by_raw(text_claims(page))
    assert claims["9x"]["entity_raw"] == "GitHub Actions"
    assert claims["9x"]["label"] == "Multiplier"
    assert claims["$0.063/min"]["conditions"] == "OS: macOS"


def test_a_ratio_before_a_baseline_word_has_no_counterpart() -> None:
    page = (
        "Loki vs ClickHouse for logs\n"
        "Loki keeps compressed chunks. Storage cost: ~0.4x raw.\n"
        "ClickHouse is 3x faster than Loki on aggregations.\n"
    )
    claims = claims_by_raw(text_claims(page))
    assert claims["~0.4x"]["counterpart_raw"] is None
    assert claims["3x"]["counterpart_raw"] == "Loki"


def test_an_unknown_lead_beside_known_dash_sections_names_its_section() -> None:
    page = (
        "Choosing a log backend\n"
        "Splunkish — indexes every field\n"
        "Storage cost: 2-4x raw volume.\n"
        "Loki — indexes labels only\n"
        "Storage cost: ~0.4x raw.\n"
        "ClickHouse — columnar storage\n"
        "Storage cost: ~0.2x raw.\n"
    )
    claims = claims_by_raw(text_claims(page))
    assert claims["2-4x"]["entity_raw"] == "Splunkish"
    assert claims["~0.4x"]["entity_raw"] == "Loki"


def test_glued_hertz_and_ranges_with_units_on_both_ends_are_figures() -> None:
    found = [f.text for f in find_prose_figures("a 27-inch panel at 75Hz needs 4GB - 6GB of RAM")]
    assert "75Hz" in found and "4GB - 6GB" in found
    assert [f.text for f in find_prose_figures("it needs 2X-3X the memory")] == ["2X-3X"]
