"""The one classification of a text's lines that read_shape's gates share (textshapes.LineShapes):
each answer must be what the reader's own first-line test gives, whatever lines come around,
so that reading a text with the classification built once finds the same shapes as asking the
readers line by line. Lines are written for the test."""

from __future__ import annotations

from crosscheck.ingest.cell_grid import grid_starts, may_start_grid, read_cell_grid
from crosscheck.ingest.spaced_rows import is_spaced_row
from crosscheck.ingest.textshapes import line_shapes, read_shape, rule_lines
from hypothesis import given, settings
from hypothesis import strategies as st

# Pieces of the shapes the readers look for: header cells, figures, rows of a name and
# figures, a markdown rule, a fence, prose, blank lines and a long sentence ending in a figure.
_PIECES = [
    "Host", "Cores", "RAM", "Price", "Alpha", "Beta Host", "Gamma", "4", "8GB", "$12", "1,200",
    "", "", "SSG 100 pages 500 pages", "Hugo 0.08s 0.25s", "Jekyll 1.2s 3.4s", "Zola 0.1s 0.3s",
    "|---|---|", "| a | b |", "```", "The build of the site took about 12 minutes on a laptop.",
    "We measured this on a machine with many cores and it finished in 3",
    "(MB/s)", "Weekly", "77.1M", "Kafka Pulsar", "1. Bun 52,000 req/s", "2. Node 13,000 req/s",
]  # fmt: skip

_texts = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_each_gate_answers_as_the_readers_own_test(lines: list[str]) -> None:
    shapes = line_shapes(lines, rule_lines(lines))
    for i, line in enumerate(lines):
        assert shapes.is_spaced(i) == is_spaced_row(line)
        assert shapes.is_spaced(i) == is_spaced_row(line)  # asked again: the kept answer
        if not shapes.grid[i]:
            assert read_cell_grid(lines, i, 1) is None
        else:
            assert may_start_grid(line)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_one_classification_for_a_whole_text_finds_what_a_fresh_one_finds(
    lines: list[str],
) -> None:
    shared = line_shapes(lines)
    for i in range(len(lines)):
        assert read_shape(lines, i, 1, shared) == read_shape(lines, i, 1)


def test_a_classification_of_other_lines_is_not_used() -> None:
    """A LineShapes built for one list of lines is rebuilt for another (equal or not)."""
    grid = ["Host", "Cores", "RAM", "Price"]
    for name, cores in (("Alpha", "4"), ("Beta", "8"), ("Gamma", "16")):
        grid += [name, cores, f"{cores}GB", f"${cores}0"]
    prose = ["A sentence about hosts."] * len(grid)
    found = read_shape(grid, 0, 1, line_shapes(prose))
    assert found is not None and found.end == len(grid)
    assert grid_starts(grid)[0] and not any(grid_starts(prose))
