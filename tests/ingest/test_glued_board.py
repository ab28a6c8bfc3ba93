"""Leaderboards a text copy glued cell to cell, their models unknown to the gazetteer
(ingest/glued_board.py): rows cut into a lead of text cells and a tail of value cells, the
header cut never inside a camel-case word the page writes on its own, and no table where the
rows or the header leave a doubt.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.glued_rows import glued_tables
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import text_claims

BOARD = """Transcription engines compared

We ran every engine on QuietBench and on a noisy set of our own.

ModelQuietBench cleanQuietBench hardStreamingLanguages
Falcon tiny-v2Acme2.8%5.5%No99
Heron 3 ProBrightwave2.3%4.6%Yes100
Osprey Wave-2Osprey2.1%4.2%Yes19
Kestrel VoiceNorthwind2.6%5.1%Yes130

All error rates are word error rates.
"""


def _tables(text: str) -> list[list[list[str]]]:
    blocks = glued_tables(text_to_blocks(text), finder_for_page())
    return [[b.header or [], *b.rows] for b in blocks if b.kind is BlockKind.TABLE]


def test_a_glued_board_is_cut_by_its_cells_kinds_and_the_pages_own_words() -> None:
    (table,) = _tables(BOARD)
    assert table[0] == ["Model", "QuietBench clean", "QuietBench hard", "Streaming", "Languages"]
    assert table[1] == ["Falcon tiny-v2", "2.8%", "5.5%", "", "99"]
    assert table[2] == ["Heron 3 Pro", "2.3%", "4.6%", "", "100"]
    assert table[4] == ["Kestrel Voice", "2.6%", "5.1%", "", "130"]


def test_each_rows_figures_go_to_its_own_model() -> None:
    owners = {(c["raw_value"], c["entity_raw"]) for c in text_claims(BOARD)}
    assert ("4.6%", "Heron 3 Pro") in owners
    assert ("19", "Osprey Wave-2") in owners
    assert ("5.1%", "Kestrel Voice") in owners


def test_numbers_glued_to_numbers_give_no_table() -> None:
    # '2.092.86' may be 2.0 | 92.86 or 2.09 | 2.86: nothing forces one reading
    page = BOARD.replace("2.8%5.5%", "2.092.86").replace("2.3%4.6%", "2.091.50")
    page = page.replace("2.1%4.2%", "2.090.10").replace("2.6%5.1%", "2.089.70")
    assert _tables(page) == []


def test_a_header_with_more_labels_than_the_rows_cells_gives_no_table() -> None:
    # 'Quiet|Bench' is cut when the page never writes the word on its own: labels left over
    page = BOARD.replace("on QuietBench and", "on a quiet set and")
    assert _tables(page) == []


def test_a_row_one_cell_short_sits_where_its_kinds_fit() -> None:
    page = BOARD.replace("Kestrel VoiceNorthwind2.6%5.1%Yes130", "Kestrel VoiceNorthwind5.1%Yes130")
    (table,) = _tables(page)
    assert table[4] == ["Kestrel Voice", "", "5.1%", "", "130"]


def test_a_row_one_cell_short_that_fits_either_side_gives_no_claim() -> None:
    page = BOARD.replace("Kestrel VoiceNorthwind2.6%5.1%Yes130", "Kestrel VoiceNorthwind5.1%NoYes")
    (table,) = _tables(page)
    assert [row[0] for row in table[1:]] == ["Falcon tiny-v2", "Heron 3 Pro", "Osprey Wave-2"]


SPECS = """Three routers we tested

ModelQuietHardNoisy
Falcon tiny-v2Acme2%3%4%
Heron 3 ProBrightwave40%50%60%
Osprey Wave-2Osprey0.1%0.2%0.3%
"""


def test_rows_alike_and_columns_mixed_give_no_table() -> None:
    # each row keeps one magnitude and each column mixes them: a spec table read across
    assert _tables(SPECS) == []


LLM = """Four small models on three benchmarks

MMLU tests knowledge, GSM8K grade-school arithmetic and HumanEval code.

ModelMMLUGSM8KHumanEval
Falcon 7BAcme62.1%48.3%30.5%
Heron 8B InstructBrightwave66.4%79.6%60.4%
Osprey MiniOsprey58.0%51.2%41.7%
"""


def test_a_header_of_acronyms_the_page_writes_is_cut_at_them() -> None:
    (table,) = _tables(LLM)
    assert table[0] == ["Model", "MMLU", "GSM8K", "HumanEval"]
    assert table[2] == ["Heron 8B Instruct", "66.4%", "79.6%", "60.4%"]


def test_a_dash_before_a_number_is_its_sign_no_empty_cell() -> None:
    page = BOARD.replace("Heron 3 ProBrightwave2.3%4.6%", "Heron 3 ProBrightwave-2.3%4.6%")
    (table,) = _tables(page)
    assert table[2] == ["Heron 3 Pro", "-2.3%", "4.6%", "", "100"]


SIZES = """Three models, two sets

We ran each model on QuietBench twice.

ModelQuietBench cleanQuietBench hard
Falcon 7B62.1%48.3%
Heron 8B66.4%79.6%
Osprey 3B58.0%51.2%
"""


def test_a_size_every_name_ends_with_is_no_cell_when_the_header_says_so() -> None:
    (table,) = _tables(SIZES)
    assert table[1] == ["Falcon 7B", "62.1%", "48.3%"]
    sized = SIZES.replace("ModelQuietBench", "ModelSizeQuietBench")
    (table,) = _tables(sized)
    assert table[0][:2] == ["Model", "Size"] and table[1] == ["Falcon", "7B", "62.1%", "48.3%"]
