"""Numbers a text copy glued inside one table row (ingest/glued_numbers.py), split only where
the split is forced or clearly best, and the rows and headers of such tables
(ingest/glued_rows.py, ingest/glued_heads.py). Tables are written for the test."""

from __future__ import annotations

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.glued_heads import glued_names, vs_names
from crosscheck.ingest.glued_numbers import split_run, widen
from crosscheck.ingest.glued_rows import glued_tables
from crosscheck.ingest.text_parser import text_to_blocks
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.common.gazetteer import load_gazetteer


def test_a_run_splits_where_one_reading_shares_one_format() -> None:
    assert split_run("1024016384", 2) == ["10240", "16384"]  # a ratio within bounds
    assert split_run("6464", 2) == ["64", "64"]
    assert split_run("3.313.45", 2) == ["3.31", "3.45"]  # the same decimals
    assert split_run("1,0991,499", 2) == ["1,099", "1,499"]  # the same grouping
    assert split_run("3,413,323,30", 3) == ["3,41", "3,32", "3,30"]  # decimal commas
    assert split_run("201920212024", 3) == ["2019", "2021", "2024"]


def test_a_run_no_other_reading_fits_is_forced() -> None:
    assert split_run("8.27.45", 2) == ["8.2", "7.45"]  # "8.27" leaves ".45"


def test_an_ambiguous_or_implausible_run_is_not_split() -> None:
    assert split_run("412", 2) is None  # 4 | 12 or 41 | 2
    assert split_run("48.6", 2) is None  # one number of its own
    assert split_run("4.1.25.0", 2) is None  # versions: no reading of two numbers
    assert split_run("512064", 2) is None  # 5120 | 64: a ratio far out of bounds


def test_widen_keeps_the_lead_and_the_unit_with_their_numbers() -> None:
    assert widen(["$8991,249 USD"], 2) == ["$899", "1,249 USD"]
    assert widen(["150 W", "3232"], 3) == ["150 W", "32", "32"]
    assert widen(["6464", "3232"], 3) is None  # either cell could take the split


@settings(deadline=None)  # a loaded host is no failure
@given(st.lists(st.integers(min_value=1000, max_value=9999), min_size=2, max_size=5))
def test_a_split_joins_back_to_the_run(numbers: list[int]) -> None:
    run = "".join(map(str, numbers))
    pieces = split_run(run, len(numbers))
    if pieces is not None:
        assert "".join(pieces) == run
        assert len(pieces) == len(numbers)


@settings(deadline=None)
@given(
    st.lists(st.integers(min_value=100, max_value=999), min_size=2, max_size=4),
    st.integers(min_value=10, max_value=99),
)
def test_prices_with_cents_split_back_to_their_values(whole: list[int], cents: int) -> None:
    texts = [f"{w}.{cents}" for w in whole]
    assert split_run("".join(texts), len(texts)) == texts


def test_glued_names_tile_a_header_after_its_label() -> None:
    gazetteer = load_gazetteer()
    assert glued_names("OverviewVitewebpackRollup", gazetteer) == ["Vite", "webpack", "Rollup"]
    phones = ["Pixel 8 Pro", "iPhone 15 Pro"]
    assert glued_names("SpecsPixel 8 ProiPhone 15 Pro", gazetteer) == phones
    assert glued_names("Startup timeMemoryDisk", gazetteer) == []
    assert glued_names("RedisRedis", gazetteer) == []  # one name twice is no header


SPEC = """Two phones on the bench

SpecificationsPixel 8 ProiPhone 15 Pro
Launch Price$899.00$999.00
Weight (grams)213187
Size (inches)6.4 x 3.0 x 0.35.8 x 2.8 x 0.3
Screen (inches)6.76.1
Charging Watts2720
A row that is only words here

Both were bought in a shop.
"""


def test_a_glued_spec_table_reads_every_glued_row() -> None:
    # the glued sizes ("0.35.8") split in their middle number, the only well-formed reading
    # that leaves each phone three dimensions joined alike (glued_numbers._chain_halves)
    blocks = glued_tables(text_to_blocks(SPEC), finder_for_page())
    (table,) = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert table.header == ["", "Pixel 8 Pro", "iPhone 15 Pro"]
    assert table.rows == [
        ["Launch Price", "$899.00", "$999.00"],
        ["Weight (grams)", "213", "187"],
        ["Size (inches)", "6.4 x 3.0 x 0.3", "5.8 x 2.8 x 0.3"],
        ["Screen (inches)", "6.7", "6.1"],
        ["Charging Watts", "27", "20"],
    ]


SECTIONS = """Frame rates in two games

CPUCore i7-14700KRyzen 7 7800X3D
Average121.4 FPS118.2 FPS
Lows88.1 FPS90.3 FPS
Forza Horizon 5
Average9896
"""


def test_a_name_with_a_number_of_its_own_is_not_split() -> None:
    blocks = glued_tables(text_to_blocks(SECTIONS), finder_for_page())
    rows = [r for b in blocks if b.kind is BlockKind.TABLE for r in b.rows]
    assert ["Forza Horizon", "5", "5"] not in rows  # no "5" | "5" from the game's title
    assert all(r[0] != "Forza Horizon" for r in rows)


def test_a_placeholder_glued_to_a_value_is_a_cell_of_its_own() -> None:
    assert widen(["41.5 litresTBD"], 2) == ["41.5 litres", "TBD"]
    assert widen(["12 GBN/A", "8 GB"], 3) == ["12 GB", "N/A", "8 GB"]
    assert widen(["n/a2.4s"], 2) == ["n/a", "2.4s"]
    assert widen(["Ultra"], 2) is None  # no placeholder, no number: nothing to split


PLACEHOLDER = """Two wagons compared

Kia EV6Tesla Model Y
Boot Space41.5 cubic feetTBD
Seats55
Doors44

The boot of the second one is not measured yet.
"""


def test_a_row_with_a_glued_placeholder_keeps_its_measured_value() -> None:
    blocks = glued_tables(text_to_blocks(PLACEHOLDER), finder_for_page())
    (table,) = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert table.rows[0] == ["Boot Space", "41.5 cubic feet", "TBD"]
    assert table.rows[1:] == [["Seats", "5", "5"], ["Doors", "4", "4"]]


def test_a_short_name_glued_inside_a_word_is_no_name() -> None:
    gazetteer = load_gazetteer()
    # "Processor" ends in the letter of a language's name: no header of three names
    assert glued_names("ProcessorTensor G3A17 Pro", gazetteer) != ["r", "Tensor G3", "A17 Pro"]
    assert "r" not in glued_names("ProcessorGoogle Tensor G3A17 Pro", gazetteer)


TIMES = """Three bundlers on one app

ToolViteRollupRspack
Cold build0.9s41sn/a
Rebuild15msn/a2.1s
Watch startn/a3.4s850ms
"""


def test_seconds_milliseconds_and_placeholders_of_one_row_are_separate_cells() -> None:
    blocks = glued_tables(text_to_blocks(TIMES), finder_for_page())
    (table,) = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert table.header == ["", "Vite", "Rollup", "Rspack"]
    assert table.rows == [
        ["Cold build", "0.9s", "41s", "n/a"],
        ["Rebuild", "15ms", "n/a", "2.1s"],
        ["Watch start", "n/a", "3.4s", "850ms"],
    ]


LOWS = """Frame rates under two headings

CPUCore i7-14700KRyzen 7 7800X3D
Average121.4 FPS118.2 FPS
1% Lows88.1 FPS90.3 FPS
Starfield
Average10296
1% Lows71112
"""


def test_a_row_label_led_by_a_figure_keeps_it_when_its_numbers_are_glued() -> None:
    blocks = glued_tables(text_to_blocks(LOWS), finder_for_page())
    rows = [r for b in blocks if b.kind is BlockKind.TABLE for r in b.rows]
    assert ["Average", "102", "96"] in rows
    assert ["1% Lows", "71", "112"] in rows


MIXED = """Three bundlers at a glance

AspectViteRollupRspack
WrittenJavaScriptJavaScriptRust
First Release201920152023
Config StyleLowMediumMedium

Each one has a plugin system.
"""


def test_one_figure_row_among_word_rows_under_glued_names_is_a_table() -> None:
    blocks = glued_tables(text_to_blocks(MIXED), finder_for_page())
    (table,) = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert table.header == ["", "Vite", "Rollup", "Rspack"]
    assert table.rows == [["First Release", "2019", "2015", "2023"]]


def test_glued_names_over_word_rows_only_make_no_table() -> None:
    words = MIXED.replace("First Release201920152023\n", "Licence NameMITMITMIT\n")
    blocks = glued_tables(text_to_blocks(words), finder_for_page())
    assert not [b for b in blocks if b.kind is BlockKind.TABLE]


FORMATS = """Codecs for the web

OpalCodec vs Briar vs Quill: which one to ship?

FeatureOpalCodecBriarQuill
Browser Reach96%91%~12% (one browser)
Released201220182021 (as a draft)
Licensing (details)FreeFree (with a patent note)Free
"""


def test_names_a_vs_line_compares_head_a_glued_table() -> None:
    lines = ["OpalCodec vs Briar vs Quill: which one to ship?", "A guide vs a manual, in brief"]
    assert vs_names(lines) == frozenset({"opalcodec", "briar", "quill"})
    blocks = glued_tables(text_to_blocks(FORMATS), finder_for_page())
    (table,) = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert table.header == ["", "OpalCodec", "Briar", "Quill"]
    assert table.rows == [
        ["Browser Reach", "96%", "91%", "~12% (one browser)"],  # the note stays with its cell
        ["Released", "2012", "2018", "2021 (as a draft)"],
    ]


def test_a_run_too_long_to_read_is_not_split() -> None:
    assert split_run("7" * 56, 8) is None  # every cut is as good as another: no guess


def test_a_code_glued_between_two_numbers_is_no_cell_break() -> None:
    socket = "Kia EV6Tesla Model Y\nPlugCCS 2NACS1\nRange528 km514 km\nSeats55\n"
    blocks = glued_tables(text_to_blocks(socket), finder_for_page())
    rows = [r for b in blocks if b.kind is BlockKind.TABLE for r in b.rows]
    assert ["Range", "528 km", "514 km"] in rows
    assert not [r for r in rows if r[0] == "Plug"]  # no "CCS 2NACS" | "1"
