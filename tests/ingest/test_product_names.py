"""Product names that hold numbers (realacc5): "RTX 4080", "iPhone 14 Pro", "Galaxy S23 Ultra".
The number is part of the name, never a figure nor a version, and "the 4080" later on names
the same card. Sentences are written for the test."""

from __future__ import annotations

from crosscheck.normalize.entities import resolve_entity

from tests.ingest.parsing import text_claims


def test_a_model_number_after_an_unknown_name_stays_in_the_name() -> None:
    assert resolve_entity("Vendor Card 7070").entity == "Vendor Card 7070"
    assert resolve_entity("Phone 11 Pro").entity == "Phone 11 Pro"
    assert resolve_entity("Chip 9 5950Z").entity == "Chip 9 5950Z"
    assert resolve_entity("Flask 2.0+").qualifier == "2.0+"  # versions stay versions
    assert resolve_entity("SQL Server 2022").qualifier == "2022"


def test_vendor_spellings_of_a_known_product_resolve_to_it() -> None:
    assert resolve_entity("NVIDIA GeForce RTX 4080").entity == "RTX 4080"
    assert resolve_entity("Samsung Galaxy S24 Plus").entity == "Galaxy S24+"
    assert resolve_entity("Apple iPhone 14 Pro Max").entity == "iPhone 14 Pro Max"


def test_numbers_inside_names_are_no_figures() -> None:
    claims = text_claims(
        "RTX 4080 vs RTX 4090\n\nThe RTX 4090 has 24GB of memory and the RTX 4080 has 16GB.\n"
    )
    assert sorted(c["raw_value"] for c in claims) == ["16GB", "24GB"]


def test_the_model_number_alone_names_the_card() -> None:
    claims = text_claims(
        "RTX 4080 vs RTX 4090\n\nThe RTX 4090 is the flagship. The RTX 4080 is smaller.\n"
        "The 4080 packs 304 TMUs, while the 4090 packs 512 TMUs.\n"
    )
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["304"] == "RTX 4080" and owners["512"] == "RTX 4090"


def test_a_part_fitted_to_a_host_keeps_its_figures() -> None:
    claims = text_claims(
        "Tensor G3 benchmark\n\nIn the first run the Tensor G3 as fitted to the Pixel 8 Pro "
        "reached a single-core score of 1760, while it scored 4442 in the multi-core test.\n"
    )
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["1760"] == "Tensor G3" and owners["4442"] == "Tensor G3"


def test_a_figure_with_its_own_metric_takes_no_unit_from_the_one_before() -> None:
    claims = text_claims(
        "M3 chip\n\nThe M3 chip runs at a clock speed of 4,051MHz, a single-core score of "
        "3,095 and a multi-core score of 11,724.\n"
    )
    hints = {c["raw_value"]: c.get("unit_hint") for c in claims}
    assert hints["3,095"] is None


def test_a_value_column_holds_the_page_subjects_values() -> None:
    claims = text_claims(
        "Whisper large-v3 notes\n\nWhisper large-v3 is a speech model. Whisper large-v3 runs "
        "locally.\n\n| Specification | Value |\n|---|---|\n| VRAM Required | ~10 GB |\n"
        "| Parameters | ~1.5 billion |\n"
    )
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["~10 GB"] == "Whisper large-v3"


def test_a_number_before_a_tier_word_is_part_of_a_name() -> None:
    claims = text_claims(
        "Phone ranking\n\nThe Galaxy S23 Ultra scored higher than the Xiaomi 12S Ultra and the "
        "Nubia Red Magic 8 Pro, with 1,480 points.\n"
    )
    assert [c["raw_value"] for c in claims if c["role"] == "value"] == ["1,480"]


def test_a_relative_clause_after_a_name_gives_it_the_figure() -> None:
    claims = text_claims(
        "iPhone 14 Pro vs Galaxy S23 Ultra\n\nThe iPhone 14 Pro has a score of 5,384, which is "
        "higher than the Galaxy S23 Ultra that notched a score of 4,584.\n"
    )
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["4,584"] == "Galaxy S23 Ultra" and owners["5,384"] == "iPhone 14 Pro"


def test_percent_written_as_a_word_is_a_compared_percentage() -> None:
    claims = text_claims(
        "iPhone 14 Pro vs Galaxy S23 Ultra\n\nThe iPhone 14 Pro is up to 21 percent faster than "
        "the Galaxy S23 Ultra in single core performance.\n"
    )
    diff = [c for c in claims if c["raw_value"] == "up to 21 percent"]
    assert diff and diff[0]["role"] == "diff"


def test_a_plain_score_after_a_named_one_is_of_the_same_metric() -> None:
    claims = text_claims(
        "iPhone 14 Pro vs Galaxy S23 Ultra\n\nThe iPhone 14 Pro has a score of 1,874 in the "
        "single core test, while the Galaxy S23 Ultra's score stood at 1,480.\n"
    )
    labels = {c["raw_value"]: c["label"] for c in claims}
    assert labels["1,480"] == labels["1,874"]
