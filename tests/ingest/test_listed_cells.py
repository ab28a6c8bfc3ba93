"""Result cells holding several figures (ingest.table_cells.split_figures): a list of figures
with units, a later one named by its words; named figures in parentheses inside free text."""

from __future__ import annotations

from crosscheck.ingest.table_cells import Piece, split_figures

from tests.ingest.parsing import text_claims


def test_a_list_of_figures_names_the_later_ones_by_their_words() -> None:
    assert split_figures("~61K req/s, 0.42ms avg latency", "Result", None) == [
        Piece("~61K req/s", "Result", None),
        Piece("0.42ms", "avg latency", None),
    ]


def test_named_figures_in_parentheses_inside_free_text() -> None:
    assert split_figures("Top RPS (64K), lowest idle memory (19 MB), mature", "Why", None) == [
        Piece("64K", "Top RPS", None),
        Piece("19 MB", "lowest idle memory", None),
    ]


def test_other_comma_cells_stay_one_piece() -> None:
    comparing = "~49K req/s, 41% faster than Alpha"  # a relation: read as a whole
    assert split_figures(comparing, "Result", None) == [Piece(comparing, "Result", None)]
    assert split_figures("4 GB, 8 GB", "RAM", None) == [Piece("4 GB, 8 GB", "RAM", None)]
    assert len(split_figures("Plain words, no figures (none)", "Why", None)) == 1


def test_two_figures_of_a_result_cell_in_a_table() -> None:
    page = """| Scenario | Winner | Result |
|---|---|---|
| HTTP | Alpha | ~61K req/s, 0.42ms avg latency |
| HTTPS | Alpha | ~49K req/s |
"""
    got = [(c["entity_raw"], c["label"], c["raw_value"]) for c in text_claims(page)]
    assert ("Alpha", "avg latency", "0.42ms") in got
    assert ("Alpha", "Result", "~61K req/s") in got
