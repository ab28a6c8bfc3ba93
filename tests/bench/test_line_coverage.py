"""bench.line_coverage: the state of each figure line, from claims alone and from a real run."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.line_coverage import ClaimRow, line_states, measure

PAGE = """source: http://127.0.0.1/page (written for this test)
| Store | Writes/s | Reads/s |
|---|---|---|
| Quill | 41,000 | 88,000 |
Quill answered in 3.2 ms on average during our second run of the test.
Version 2 of the page lists 7 more stores.
"""


def test_a_table_row_is_read_when_a_fact_rejoins_its_cells() -> None:
    claims = [ClaimRow("41,000", "Quill | 41,000 | 88,000", is_fact=True)]
    page = line_states(PAGE, claims)
    assert [n for n, _ in page.lines["read"]] == [4]
    # the source line is never counted; the header rule has no digit
    assert [n for n, _ in page.lines["unread"]] == [5, 6]


def test_a_sentence_cut_out_of_its_line_counts_by_four_words_in_common() -> None:
    # neither text holds the other: the evidence ends with a note the line does not have
    claims = [ClaimRow("3.2 ms", "Quill answered in 3.2 ms on average [note 4]", is_fact=True)]
    assert [n for n, _ in line_states(PAGE, claims).lines["read"]] == [5]


def test_a_line_whose_claims_were_all_quarantined_is_quarantined_not_read() -> None:
    claims = [ClaimRow("7", "lists 7 more stores", is_fact=False, quarantine_reason="no entity")]
    page = line_states(PAGE, claims)
    assert [n for n, _ in page.lines["quarantined"]] == [6]
    assert page.lines["read"] == []


def test_a_raw_value_elsewhere_on_the_page_does_not_make_a_line_read() -> None:
    # the value is on line 4 but the evidence is another line's text: line 4 stays unread
    claims = [ClaimRow("88,000", "Quill answered in 3.2 ms on average", is_fact=True)]
    assert line_states(PAGE, claims).lines["read"] == []


def test_a_run_of_crosscheck_reads_the_figures_of_a_two_product_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "quill_vs_rook.md").write_text(
        "# Quill vs Rook\n\nQuill sustains 41,000 writes/s, and Rook sustains 23,500 writes/s.\n",
        encoding="utf-8",
    )
    exe = Path(sys.executable).with_name("crosscheck")
    pages = measure(folder, tmp_path / "run.duckdb", exe)
    page = pages["quill_vs_rook.md"]
    assert [n for n, _ in page.lines["read"]] == [3]
    assert page.facts == 2 and page.foreign_entities == []
