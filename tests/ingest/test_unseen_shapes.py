"""Table shapes met on real pages the shared key does not hold (docs/benchmarks.md, realacc2):
rows whose cells lost their borders to single spaces, markdown tables glued together without a
blank line, and leaderboards whose names hold digits ('Model 3.5 Large').

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.spaced_rows import is_spaced_row, read_spaced_rows
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import claims_by_raw, text_claims

SPACED = """Site generators, build times

How long a full build takes from a cold cache.

Tool 200 pages 2,000 pages 20,000 pages
Hugo 0.11s 0.62s 4.9s
Jekyll 4.2s 31s ~6 min
Eleventy 1.6s 11.8s 97s

Peak memory of the 2,000-page build.

Tool Peak Memory
Hugo 120 MB
Jekyll 510 MB
Eleventy 290 MB
"""


def test_space_separated_rows_under_a_header_line_are_a_table() -> None:
    tables = [b for b in text_to_blocks(SPACED) if b.kind is BlockKind.TABLE]
    assert [t.header for t in tables] == [
        ["Tool", "200 pages", "2,000 pages", "20,000 pages"],
        ["Tool", "Peak Memory"],
    ]
    assert tables[0].rows[1] == ["Jekyll", "4.2s", "31s", "~6 min"]  # 'min' is the unit of ~6
    claims = claims_by_raw(text_claims(SPACED))
    assert claims["31s"]["entity_raw"] == "Jekyll"
    assert claims["~6 min"]["entity_raw"] == "Jekyll"
    assert claims["97s"]["entity_raw"] == "Eleventy"
    assert claims["510 MB"]["entity_raw"] == "Jekyll"
    assert claims["510 MB"]["label"] == "Peak Memory"


def test_a_spec_list_or_a_sentence_is_no_spaced_table() -> None:
    specs = ["Software", "Apache Bench 2.3", "nginx 1.10.3", "PHP 8.1"]
    assert read_spaced_rows(specs, 0, 1) is None  # versions, and one figure a row on 3 rows
    assert not is_spaced_row("The run took 12 minutes in total.")
    assert not is_spaced_row("Measurement hyperfine --warmup 3 --runs 10")  # a bare 3 in the name
    assert is_spaced_row("Bengal (GIL=0) 0.5s 1.4s")


def test_a_long_name_is_no_row_whatever_its_parentheses() -> None:
    """More than eight words before the figures is a sentence, read without walking them;
    up to eight, a note in parentheses does not count toward the name's four words."""
    assert not is_spaced_row("We ran the whole suite (twice) on a small laptop in 3")
    assert not is_spaced_row("Bun (a canary build with the very new allocator) 0.5s 1.4s")
    assert is_spaced_row("Bun (canary build with the very new allocator) 0.5s 1.4s")  # eight
    assert is_spaced_row("Bun (canary build, new allocator) 0.5s 1.4s")
    assert not is_spaced_row("Bun canary build new allocator 0.5s 1.4s")  # five words


GLUED = """| Engine | QPS | p99 (ms) |
|---|---|---|
| Alpha | 310.0 | 4.1 |
| Beta | 150.2 | 21.0 |
| Engine | QPS | p99 (ms) |
|---|---|---|
| Alpha | 1,720.5 | 10.3 |
| Beta | 361.0 | 147.9 |
"""


def test_a_header_over_its_rule_inside_a_table_starts_the_next_table() -> None:
    tables = [b for b in text_to_blocks(GLUED) if b.kind is BlockKind.TABLE]
    assert len(tables) == 2
    assert [t.rows for t in tables] == [
        [["Alpha", "310.0", "4.1"], ["Beta", "150.2", "21.0"]],
        [["Alpha", "1,720.5", "10.3"], ["Beta", "361.0", "147.9"]],
    ]


NAMES_WITH_DIGITS = """| Model | Vendor | MMLU | HumanEval |
|---|---|---|---|
| Orca-4o | Northwind | 88.1 | 90.4 |
| Heron 3.5 Large | Contoso | 86.9 | 91.7 |
| Finch 2 | Fabrikam | 84.2 | 88.0 |
"""


def test_names_that_hold_digits_are_the_label_column_of_a_leaderboard() -> None:
    claims = claims_by_raw(text_claims(NAMES_WITH_DIGITS))
    assert claims["86.9"]["entity_raw"] == "Heron 3.5 Large"
    assert claims["86.9"]["label"] == "MMLU"
    assert claims["88.0"]["entity_raw"] == "Finch 2"
    assert "entities as rows" in claims["90.4"]["locator"]


LABELLED_CELLS = """|  Alpha                          |      Beta                       |
| --------------------------------|---------------------------------|
| QPS: 159K, P99: 0.82ms          | QPS: 173K, P99: 0.9ms           |
"""


def test_cells_of_labelled_figures_still_have_no_label_column() -> None:
    claims = claims_by_raw(text_claims(LABELLED_CELLS))
    assert claims["159K"]["entity_raw"] == "Alpha"
    assert claims["173K"]["entity_raw"] == "Beta"


def test_pipe_joined_rows_stay_with_the_flattened_reader() -> None:
    lines = ["Language | Image Size (MB)", "Go | 13.4", "Node | 130", "Rust | 8.63"]
    assert not is_spaced_row(lines[1])
    assert read_spaced_rows(lines, 0, 1) is None


SET_UP_PROSE = """Redis vs Dragonfly on one box

The run used Ubuntu x64 22.04 on a desktop, 16 logical cores, with 1,000,000 vectors of
768 dimensions and the options IterationCount=5 and top_k=20.
The server has 4x A100 cards. Redis served 182,000 ops/s and Dragonfly 3.1x that.
"""


def test_set_up_numbers_of_a_run_are_no_figures() -> None:
    figures = {c["raw_value"] for c in text_claims(SET_UP_PROSE)}
    assert "182,000 ops/s" in figures and "3.1x" in figures
    # the OS release, the dataset's size, a tool's options and a count of parts
    assert not figures & {"22.04", "16", "1,000,000", "768", "5", "20", "4x"}, figures


def test_an_unknown_name_nearest_the_vs_of_a_long_title_part_is_compared() -> None:
    from crosscheck.ingest.entities import finder_for_page
    from crosscheck.ingest.entity_leads import title_entities

    finder = finder_for_page()
    found = title_entities(
        "Measured build times for Quillpress vs Hugo, Jekyll and Eleventy", finder
    )
    assert found[0] == "Quillpress"
    assert {"Hugo", "Jekyll", "Eleventy"} <= set(found)
