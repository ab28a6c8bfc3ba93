"""Flattened tables whose copy lost more than the cell breaks (ingest/glued_heads.py,
ingest/glued_rows.py, ingest/tables.py, ingest/text_parser.py): condition columns glued into
one lower-case run before the names, rows that all carry one label, a name's variant column
(`Yarn PnP`, `pnpm 🦀`), a row label with a code's digit, a ranked header, a numbered list
glued onto one line.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.glued_cells import _named_row
from crosscheck.ingest.glued_heads import glued_names
from crosscheck.ingest.glued_pipes import unglued_tables
from crosscheck.ingest.glued_rows import glued_tables
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import text_claims

LOST_COLUMNS = """Package manager timings

How long one install takes in each scenario.

stepwarmlockfolder_presentnpmpnpmYarnYarn PnP
install31.2s9.4s8.8s3.1s
install1.4s420ms5.2sn/a
install9.9s3.3s6.1s1.2s
refreshn/an/an/a7.1s3.9s6.2s2.8s

The graph shows the same runs.
"""


def _tables(text: str) -> list[list[list[str]]]:
    blocks = glued_tables(text_to_blocks(text), finder_for_page())
    return [[b.header or [], *b.rows] for b in blocks if b.kind is BlockKind.TABLE]


def test_names_after_a_glued_run_of_lower_case_labels_with_a_variant_column() -> None:
    gazetteer = finder_for_page().gazetteer
    line = "stepwarmlockfolder_presentnpmpnpmYarnYarn PnP"
    assert glued_names(line, gazetteer) == ["npm", "pnpm", "Yarn", "Yarn PnP"]
    assert glued_names("stepwarmlockfolder_presentnpmpnpm 🦀", gazetteer) == ["npm", "pnpm 🦀"]


def test_a_label_run_alone_names_nothing() -> None:
    gazetteer = finder_for_page().gazetteer
    assert glued_names("stepwarmlockfolder_presentandmore", gazetteer) == []


def test_rows_all_labelled_alike_are_one_table_each_row_in_its_place() -> None:
    (table,) = _tables(LOST_COLUMNS)
    assert table[0] == ["", "npm", "pnpm", "Yarn", "Yarn PnP"]
    assert [row[0] for row in table[1:]] == [
        "install (1 of 4 rows in table 1)",
        "install (2 of 4 rows in table 1)",
        "install (3 of 4 rows in table 1)",
        "refresh",  # its lost columns' placeholders are no part of its label
    ]
    assert table[2][1:] == ["1.4s", "420ms", "5.2s", "n/a"]
    assert table[4][1:] == ["7.1s", "3.9s", "6.2s", "2.8s"]


def test_each_row_of_lost_conditions_gives_its_own_figures() -> None:
    claims = [c for c in text_claims(LOST_COLUMNS) if c["raw_value"] == "420ms"]
    (claim,) = claims
    assert claim["entity_raw"] == "pnpm"
    assert claim["label"] == "install"
    assert "2 of 4 rows in table 1" in (claim["conditions"] or "")


def test_a_label_line_glued_to_its_names_is_no_continued_sentence() -> None:
    text = "The fixture is described here\nstepwarmlockfolder_presentnpmYarn PnP\ninstall2.1s1.1s\n"
    lines = [b.text for b in text_to_blocks(text)]
    assert "stepwarmlockfolder_presentnpmYarn PnP" in lines


def test_a_label_with_a_code_and_a_lead_word_before_a_price() -> None:
    cache = _named_row("L3 Cache36 MB64 MB", 2)
    assert cache is not None and (cache.label, cache.values) == ("L3 Cache", ["36 MB", "64 MB"])
    price = _named_row("MSRPFrom $899From $1299", 2)
    assert price is not None and price.values == ["From $899", "From $1299"]


RANKED = """Budget e-bikes compared

Modelo | 1. Alpha Urban | 2. Betta Fold | 3. Gamma Trail |
Ruedas | 26 pulgadas | 20 pulgadas | 29 pulgadas |
Peso | 22 kg | 17 kg | 25 kg |
Autonomía | 40 km | 25-50 km | 60 km |
"""


def test_a_ranked_header_names_its_columns_without_the_ranks() -> None:
    claims = {c["raw_value"]: c for c in text_claims(RANKED)}
    assert claims["17 kg"]["entity_raw"] == "Betta Fold"
    assert claims["25-50 km"]["entity_raw"] == "Betta Fold"
    assert claims["60 km"]["entity_raw"] == "Gamma Trail"


GLUED_LIST = """Key-value stores under load

Each store served GET and SET from 30 threads:

1. Redis:101,200 / 95,3102. KeyDB:251,400 / 248,9003. Dragonfly:390,120 / 377,050
"""


def test_a_numbered_list_glued_onto_one_line_is_read_item_by_item() -> None:
    items = [b.text for b in text_to_blocks(GLUED_LIST) if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        "Redis:101,200 / 95,310",
        "KeyDB:251,400 / 248,900",
        "Dragonfly:390,120 / 377,050",
    ]
    claims = {c["raw_value"]: c["entity_raw"] for c in text_claims(GLUED_LIST)}
    assert claims["95,310"] == "Redis"
    assert claims["248,900"] == "KeyDB"


def test_a_numbered_line_with_one_item_is_left_alone() -> None:
    text = "Steps\n\n1. Install version 2 of the tool and run it\n"
    items = [b.text for b in text_to_blocks(text) if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Install version 2 of the tool and run it"]


def test_two_dimension_cells_glued_in_their_middle_number_split_in_two() -> None:
    dims = _named_row("Size (inches)6.2 x 2.9 x 0.35.71 x 2.81 x 0.33", 2)
    assert dims is not None
    assert dims.values == ["6.2 x 2.9 x 0.3", "5.71 x 2.81 x 0.33"]
    # the middle run reads several ways (8.25|150.5, 8.251|50.5…): nothing is guessed
    assert _named_row("Size146.6 x 70.6 x 8.25150.5 x 70.8 x 8.9", 2) is None


_THROUGHPUT = (
    "| Database | Reads/s | Writes/s | | --- | --- | --- | "
    "| SQLite | 48,000 | 1,100 | | PostgreSQL | 31,000 | 19,500 |"
)
ONE_LINE_TABLES = f"""SQLite and PostgreSQL side by side

Read throughput on the test box:

{_THROUGHPUT}

Storage limits:

| Database | Max size | |---|---| | SQLite | 281 TB |
"""


def test_one_line_tables_whose_rows_kept_their_pipes() -> None:
    claims = {c["raw_value"]: c for c in text_claims(ONE_LINE_TABLES)}
    assert claims["19,500"]["entity_raw"] == "PostgreSQL"
    assert claims["1,100"]["entity_raw"] == "SQLite"
    assert claims["281 TB"]["entity_raw"] == "SQLite"


def test_an_empty_cell_in_a_one_line_table_leaves_the_line_as_it_is() -> None:
    line = (
        "| Bike | Range | Charge | | --- | --- | --- | | Alpha | 40 km | | | Beta | 60 km | 4 h |"
    )
    assert unglued_tables([line]) == [line]


WORDED_SPEC = """Two databases in a catalogue

Feature Redis Memcached
Category Caches Caches
Maturity mature mature
Pricing fully free fully free
Contributors 2.1K 140
Min RAM 64 MB 16 MB
Threads model single multi
First release 2009 2003
"""


def test_a_header_of_names_over_rows_of_words_then_rows_of_figures() -> None:
    claims = {(c["entity_raw"], c["raw_value"]): c["label"] for c in text_claims(WORDED_SPEC)}
    assert claims[("Memcached", "140")] == "Contributors"
    assert claims[("Redis", "64 MB")] == "Min RAM"
    assert claims[("Memcached", "2003")] == "First release"
    # a row of two equal words is no header of the rows below it
    assert not any(entity == "fully free" for entity, _ in claims)


def test_a_cell_of_two_values_joined_by_a_spaced_slash_stays_one_cell() -> None:
    clock = _named_row("Base Clock Speed3.2GHz / 2.4GHz4.7GHz", 2)
    assert clock is not None and clock.values == ["3.2GHz / 2.4GHz", "4.7GHz"]
    cores = _named_row("Cores6P / 8E12", 2)
    assert cores is not None and cores.values == ["6P / 8E", "12"]


def test_a_version_before_a_rank_like_mark_cuts_no_item() -> None:
    text = "Notes\n\n1. Redis 7.2. Faster replies 2. KeyDB 6.3. More threads 3. Dragonfly 1.0\n"
    items = [b.text for b in text_to_blocks(text) if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Redis 7.2. Faster replies", "KeyDB 6.3. More threads", "Dragonfly 1.0"]
