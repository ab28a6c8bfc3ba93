"""One classification of each line of a text page, read by the shape readers' first tests.

Why: `textshapes.read_shape` tries its readers at every line of a text page, each testing its
own first line and the lines next to it, so every line is tested again as a neighbour, and
most lines start nothing (all but a few per page). A line's features depend on its text alone
(kept per text: pages repeat their lines); `ShapeStarts` reads them once a page and marks
the lines where some reader may start, so read_shape runs only there. Each term below is a
reader's own first test, or a cheap condition that test implies put before it: a line it
leaves unmarked is one read_shape returns None for (tests/ingest/test_line_features.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.ingest.cell_grid import may_hold_grid, may_start_grid
from crosscheck.ingest.column_cells import may_start_columns
from crosscheck.ingest.named_columns import _is_name, may_start_named_columns
from crosscheck.ingest.named_spec_rows import _header_shaped, may_start_named_spec
from crosscheck.ingest.output_lines import may_start_output
from crosscheck.ingest.spaced_cells import MAX_HEADER_CHARS, may_start_spaced_cells
from crosscheck.ingest.spaced_rows import is_spaced_row, without_notes_column
from crosscheck.ingest.spec_lists import may_start_spec_list
from crosscheck.ingest.spread_lines import may_start_spread
from crosscheck.ingest.text_memo import MEMO_TEXTS, entry
from crosscheck.ingest.textshapes import _rule_near, may_start_shape

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer

__all__ = ["SHAPE_READERS", "LineFeatures", "ShapeStarts", "line_features"]

# What read_shape calls, each with a term in `_may_start` below: a reader added there and not
# here fails tests/ingest/test_line_features.py, so the marks never hide it.
SHAPE_READERS = frozenset(
    {
        "spec_list_at",
        "_spaced_below",
        "_noted_below",
        "is_spaced_row",
        "read_spaced_rows",
        "may_start_named_spec",
        "read_named_spec_rows",
        "may_start_spaced_cells",
        "read_spaced_cells",
        "_tables",
        "may_start_shape",
        "shape_at",
        "_rule_near",
        "read_ruled_cells",
        "may_start_spread",
        "read_spread_lines",
        "may_start_output",
        "read_output_lines",
        "caption_above",
        "may_start_grid",
        "read_cell_grid",
        "may_start_columns",
        "read_column_cells",
        "load_gazetteer",
        "may_start_named_columns",
        "read_named_columns",
        "Shape",
        "len",
        "bool",
    }
)
_RULED_MAX = 48  # read_shape's longest header cell over a rule


@dataclass(frozen=True, slots=True)
class LineFeatures:
    """What the shape readers' first tests ask of one line's text, each answered once."""

    blank: bool  # nothing but whitespace
    colon: bool  # holds ':' (a spec list's "Name: value" entry needs one)
    digit: bool  # some character str.isdigit (a corner or label cell has none)
    spaced: bool  # is_spaced_row: a name, then figures
    noted: bool  # without_notes_column finds a trailing notes column's label
    shape: bool  # may_start_shape: code, tool output, flattened or vertical cells
    grid: bool  # may_start_grid: a header cell of a one-cell-per-line table
    output: bool  # may_start_output: a result line
    spread: bool  # '+/-' or '±', which every spread line holds
    named_head: bool  # named_spec_rows' header line: may name two products or more
    short: bool  # short enough for a header cell over a rule


def line_features(text: str) -> LineFeatures:
    """The features of one line (kept per text in ingest.text_memo, with the line's record:
    they depend on nothing else)."""
    kept = entry(text)
    found = kept.features
    if found is None:
        found = kept.features = _features(text)
    return found


def _features(text: str) -> LineFeatures:
    stripped = text.strip()
    return LineFeatures(
        blank=not stripped,
        colon=":" in text,
        digit=any(map(str.isdigit, text)),
        spaced=is_spaced_row(text),
        noted=without_notes_column(text) is not None,
        shape=may_start_shape(text),
        grid=may_start_grid(text),
        output=may_start_output(text),
        spread="+/-" in text or "±" in text,
        named_head=_header_shaped(text),
        short=len(text) <= _RULED_MAX,
    )


class ShapeStarts:
    """Whether read_shape(lines, i, …, rules, known) may find a shape at line i (False: it
    returns None), asked line by line: the blocks reader asks only where no table runs."""

    def __init__(self, lines: list[str], rules: list[int], known: Gazetteer | None) -> None:
        self.lines = lines
        self.rules = rules  # as read_shape takes them: rule_lines of `lines`
        self.feats: list[LineFeatures | None] = [None] * len(lines)  # each when first asked
        self.gazetteer = known or load_gazetteer()
        names = _NAMES.get(id(self.gazetteer))
        if names is None or names[0] is not self.gazetteer:
            names = (self.gazetteer, {})
            _NAMES.clear()
            _NAMES[id(self.gazetteer)] = names
        self.names = names[1]

    def __call__(self, i: int) -> bool:
        return _may_start(self, i)

    def at(self, j: int) -> LineFeatures | None:
        """Line j's features (None past the last line): lines inside a markdown table, which
        read_shape is never asked at, are mostly never classified."""
        if j >= len(self.lines):
            return None
        found = self.feats[j]
        if found is None:
            found = self.feats[j] = line_features(self.lines[j])
        return found

    def name_like(self, text: str) -> bool:
        """named_columns' test of a header cell, kept per text for this gazetteer."""
        found = self.names.get(text)
        if found is None:
            if len(self.names) >= MEMO_TEXTS:
                self.names.clear()
            found = self.names[text] = _is_name(text.strip(), self.gazetteer)
        return found


# named_columns' header-cell answers, per text, for the one gazetteer last asked with
_NAMES: dict[int, tuple[Gazetteer, dict[str, bool]]] = {}


def _may_start(starts: ShapeStarts, i: int) -> bool:
    """read_shape's tests at line i, in its order, each after a condition it implies."""
    lines, rules = starts.lines, starts.rules
    line = starts.at(i)
    assert line is not None
    below = starts.at(i + 1)
    two_below = starts.at(i + 2)
    nearby_colon = below is not None and (
        below.colon or (below.blank and two_below is not None and two_below.colon)
    )
    if nearby_colon and may_start_spec_list(lines, i):
        return True
    spaced = below is not None and (
        below.spaced
        or (two_below is not None and below.blank and two_below.spaced)
        or (line.noted and below.digit)
    )
    if spaced and not line.spaced:
        return True  # read_spaced_rows is tried
    if not spaced and two_below is not None and line.named_head and may_start_named_spec(lines, i):
        return True
    if not line.blank and len(lines[i]) <= MAX_HEADER_CHARS and may_start_spaced_cells(lines, i):
        return True  # a line of names over rows a copy ran together (its names may hold digits)
    if line.shape or line.output:
        return True
    if rules and line.short and two_below is not None and not line.blank and _rule_near(rules, i):
        return True
    if (line.spread or (two_below is not None and two_below.spread)) and may_start_spread(lines, i):
        return True
    if line.grid and may_hold_grid(lines, i):
        return True
    if line.blank or line.digit:
        return False  # the two one-cell-per-line readers below start at a word cell
    previous = starts.at(i - 1) if i else None
    if (previous is None or previous.blank) and may_start_columns(lines, i):
        return True
    return (
        two_below is not None
        and starts.name_like(lines[i + 1])
        and starts.name_like(lines[i + 2])
        and may_start_named_columns(lines, i, starts.gazetteer)
    )
