"""Shapes of the sixteenth unseen set (message brokers, LLM runners, JSON libraries, ORMs):
a markdown table glued onto one line, a space-separated table of 'N µs/op' cells, a result
paragraph under a set-up heading of a plain-text page, and a crate name that extends a known
one ('serde_json_borrow')."""

from __future__ import annotations

from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import text_claims


def test_a_glued_markdown_table_is_read_back_into_rows() -> None:
    page = (
        "ORM speed\n"
        "Bulk insert\n"
        "Library | Mean time (seconds) ---|---| SQLAlchemy | 7.3 Peewee | 8.1 Pony ORM | 9.6\n"
        "Library | Mean time (seconds) ---|---| SQLAlchemy | 5.6 Peewee | 6.2 Pony ORM | 7.5\n"
    )
    tables = [b for b in text_to_blocks(page) if b.rows]
    assert len(tables) == 1  # the second glued table has no title: unread
    assert tables[0].header == ["Library", "Mean time (seconds)"]
    assert tables[0].rows == [["SQLAlchemy", "7.3"], ["Peewee", "8.1"], ["Pony ORM", "9.6"]]
    cells = {c["raw_value"]: c["entity_raw"] for c in text_claims(page) if c["row_key"]}
    assert cells == {"7.3": "SQLAlchemy", "8.1": "Peewee", "9.6": "Pony ORM"}


def test_a_glued_line_that_does_not_split_evenly_stays_text() -> None:
    page = "Title\nA | B ---|---| x | fast y | 2\n"  # no figure where the first row ends
    assert not any(b.rows for b in text_to_blocks(page))


def test_space_separated_rows_of_per_operation_times_are_a_table() -> None:
    page = (
        "Comparative benchmark\n"
        "Scenario dorm django sqlalchemy tortoise\n"
        "bulk_insert 1.5 µs/op 8.0 µs/op 23.8 µs/op 2.6 µs/op\n"
        "get_by_pk 62.2 µs/op 182.4 µs/op 172.4 µs/op 157.4 µs/op\n"
    )
    claims = {c["raw_value"]: c for c in text_claims(page)}
    assert claims["23.8 µs/op"]["entity_raw"] == "sqlalchemy"
    assert claims["157.4 µs/op"]["conditions"] == "Scenario: get_by_pk"
    assert len(claims) == 8


def test_a_comparison_under_a_setup_heading_is_still_read() -> None:
    page = (
        "Broker memory\n"
        "Test Environment and Setup\n"
        "The tests ran on a Ryzen 7 CPU with 8 cores and 16 threads at 3.80 GHz.\n"
        "At a cold start Kafka needed 54 times more memory than NATS and 2.7 times more"
        " than RabbitMQ. NATS used only 6 MiB.\n"
    )
    claims = text_claims(page)
    assert {(c["raw_value"], c["counterpart_raw"]) for c in claims} == {
        ("54 times", "NATS"),
        ("2.7 times", "RabbitMQ"),
    }  # the hardware stays a condition; a plain figure of the set-up section stays unread
    assert all(c["locator"].startswith("set-up paragraph ") for c in claims)


def test_a_longer_identifier_is_not_the_known_name_it_starts_with() -> None:
    finder = finder_for_page()
    assert [m.text for m in finder.mentions("serde_json parses it")] == ["serde_json"]
    assert finder.mentions("serde_json_borrow parses it at 210.33 MiB/s") == []


def test_machines_are_conditions_on_a_page_about_one_product() -> None:
    page = (
        "Ollama speed by GPU\n"
        "On an RTX 4090 with 24GB, 8B models generate 60 to 80 tokens per second.\n"
        "An M2 Pro runs 8B models at 25 to 40 tokens per second.\n"
    )
    figures = {c["raw_value"]: c["entity_raw"] for c in text_claims(page)}
    assert figures["60 to 80 tokens per second"] == "Ollama"
    assert figures["25 to 40 tokens per second"] == "Ollama"


def test_machines_stay_owners_where_the_title_names_no_single_product() -> None:
    page = (
        "GPU speed for local models\n"
        "On an RTX 4090, 8B models generate 60 to 80 tokens per second.\n"
        "An M2 Pro runs 8B models at 25 to 40 tokens per second.\n"
    )
    figures = {c["raw_value"]: c["entity_raw"] for c in text_claims(page)}
    assert figures["60 to 80 tokens per second"] == "RTX 4090"


def test_a_language_before_an_acronym_and_library_is_a_modifier() -> None:
    page = (
        "Fast, correct Python JSON library\n"
        "orjson\n"
        "orjson is a fast JSON library for Python.\n"
        "Its features compared to other Python JSON libraries:\n"
        "- serializes dataclass instances 40-50x as fast as other libraries\n"
    )
    figures = {c["raw_value"]: c["entity_raw"] for c in text_claims(page)}
    assert figures["40-50x"] == "orjson"  # not Python, the language of the other libraries


def test_the_pieces_of_a_timestamp_are_no_figures() -> None:
    page = (
        "orjson\n"
        "orjson is fast.\n"
        '- writes datetimes in RFC 3339 form, e.g., "1970-01-01T00:00:00+00:00"\n'
        "- the run started 2024-05-01T12:30:00Z and took 4.2 s\n"
    )
    raws = {c["raw_value"] for c in text_claims(page)}
    assert "4.2 s" in raws
    assert not raws & {"00", "00+", "30", "12"}
