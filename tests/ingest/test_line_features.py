"""The per-line marks in front of read_shape (issue 20, branch fast26): a line ShapeStarts
leaves unmarked is one read_shape finds nothing at, so the blocks are the same with the marks.

Lines are written for the test (invented product names, figures only)."""

from __future__ import annotations

import ast
import inspect
import textwrap

import pytest
from crosscheck.ingest import line_features as lf
from crosscheck.ingest import text_parser, textshapes
from crosscheck.ingest.textshapes import read_shape, rule_lines
from hypothesis import given, settings
from hypothesis import strategies as st

# one of each shape read_shape reads, blank lines between (each a start the marks must keep)
SHAPES = [
    *["Cold start time", "Zarvo: 120 ms", "Torvik: 95 ms", "Quell: 140 ms", ""],
    *["Tool Build Test", "zarvo 12.1 3.4", "torvik 9.8 2.9", "quell 10.2 3.1", ""],
    *["Search case", "-----", "zarvo 0.211 +/- 0.018", "torvik 0.305 +/- 0.020", ""],
    *["zarvo.dumps: 0.91 seconds", "torvik.dumps: 1.20 seconds", ""],
    *["```", "wrk -t4 -c64 http://localhost", "Requests/sec: 12000", "```", ""],
    *["Provider", "vCPU", "RAM", "Price", "Zarvo", "1", "1GB", "$5"],
    *["Torvik", "2", "2GB", "$10", "Quell", "4", "8GB", "$20", ""],
    *["Model", "Zarvo 11", "Torvik 9", "Quell 4", "Weight", "168 g", "187 g", "201 g"],
    *["Battery", "4,400 mAh", "5,000 mAh", "4,800 mAh", ""],
    *["Tech Specs", "Zarvo 11", "Torvik 9", "Weight", "168 g", "187 g", "Battery"],
    *["4,400 mAh", "5,000 mAh", "Screen", "6.1 in", "6.7 in", "Price", "$399", "$499", ""],
    *["Database", "Index Time", "|---|---|", "Zarvo", "12 s", "Torvik", "15 s", ""],
    *["Some prose about the products, 12 ms and more.", "A closing line."],
]


def _starts_cover(lines: list[str]) -> int:
    """How many lines read_shape finds a shape at; asserts each of them is marked."""
    rules = rule_lines(lines)
    starts = lf.ShapeStarts(lines, rules, None)
    found = 0
    for i in range(len(lines)):
        if read_shape(lines, i, 1, rules) is not None:
            found += 1
            assert starts(i), (i, lines[i])
    return found


def test_every_shape_start_is_marked() -> None:
    assert _starts_cover(SHAPES) >= 9  # the fixture holds shapes of (nearly) every reader


# each shape alone under a sentence, where no other term of the marks would mark it
ALONE = [
    ["Cold start", "Zarvo: 120 ms", "Torvik: 95 ms", "Quell: 140 ms"],
    ["Tool Build Test", "zarvo 12.1 3.4", "torvik 9.8 2.9", "quell 10.2 3.1"],
    ["zarvo 0.211 +/- 0.018", "torvik 0.305 +/- 0.020"],
    ["zarvo.dumps: 0.91 seconds", "torvik.dumps: 1.20 seconds"],
    ["Provider", "vCPU", "RAM", "Price", "Zarvo", "1", "1GB", "$5", "Torvik", "2", "2GB", "$10"],
    [*SHAPES[53:60], *SHAPES[60:71]],  # a corner over two names, five rows of a label, 2 cells
    ["Database", "Index Time", "|---|---|", "Zarvo", "12 s", "Torvik", "15 s"],
]


@pytest.mark.parametrize("lines", ALONE)
def test_a_shape_alone_is_marked(lines: list[str]) -> None:
    lines = ["A sentence above it.", *lines]  # no blank line: no corner cell starts at 1
    assert read_shape(lines, 1, 1, rule_lines(lines)) is not None
    assert lf.ShapeStarts(lines, rule_lines(lines), None)(1)


def test_most_lines_of_prose_are_unmarked() -> None:
    prose = [
        "Zarvo answered 12,000 requests per second in our test.",
        "",
        "Torvik was slower, at 9,500 requests per second.",
        "Both ran on the same machine.",
    ]
    starts = lf.ShapeStarts(prose, [], None)
    assert not any(starts(i) for i in range(len(prose)))


_POOL = st.sampled_from([*dict.fromkeys(SHAPES), "  indented  two  spaces", "# Title", "1. Zarvo"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_POOL, min_size=1, max_size=40))
def test_marks_never_hide_a_shape(lines: list[str]) -> None:
    _starts_cover(lines)


def test_blocks_are_the_same_with_every_line_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(SHAPES)
    marked = text_parser.text_to_blocks(text)
    monkeypatch.setattr(lf.ShapeStarts, "__call__", lambda self, i: True)
    assert text_parser.text_to_blocks(text) == marked
    assert len([b for b in marked if b.kind == "table"]) >= 7


def _called(function: object) -> set[str]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))  # type: ignore[arg-type]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names - set(dir(str))  # a line's own methods are no readers


def test_the_marks_know_every_reader_read_shape_calls() -> None:
    # a reader added to read_shape needs its term in line_features._may_start (and its name
    # in SHAPE_READERS): else the marks could hide the lines it starts at
    assert _called(textshapes.read_shape) <= lf.SHAPE_READERS
