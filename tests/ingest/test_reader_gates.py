"""Cheap pre-tests in front of three text readers (issue 20, branch gate20): each one skips
work only where the reader it guards cannot find anything, so the readers' answers are the
same. For each gate: fixture text where it must open (and the reader finds something), and a
property test that it never closes where the guarded test would succeed.

Blocks and lines are written for the test (invented product names, figures only)."""

from __future__ import annotations

from crosscheck.ingest import beside_known as bk
from crosscheck.ingest import column_cells as cc
from crosscheck.ingest import output_lines as ol
from crosscheck.ingest import spec_lists as sl
from hypothesis import example, given, settings
from hypothesis import strategies as st

# a comparison table flattened one cell per line: a corner, three products, three specs
COLUMNS = [
    *["", "Model", "Zarvo 11", "Torvik 9", "Quell 4"],
    *["Weight", "168 g", "187 g", "201 g", "Battery", "4,400 mAh", "5,000 mAh", "4,800 mAh"],
    *["Peak brightness", "1,750 nits", "2,000 nits", "1,600 nits", ""],
]


def test_the_row_width_gate_opens_on_a_flattened_table() -> None:
    block = [line.strip() for line in COLUMNS[1:-1]]
    assert cc._row_widths(block) == {3: 3}  # three labels, each over three figure lines
    found = cc.read_column_cells(COLUMNS, 1, 0)
    assert found is not None
    table, end = found
    assert table.header == ["", "Zarvo 11", "Torvik 9", "Quell 4"]
    assert [row[0] for row in table.rows] == ["Weight", "Battery", "Peak brightness"]
    assert end == len(COLUMNS) - 1


def test_the_row_width_gate_closes_where_the_widths_differ() -> None:
    uneven = [*COLUMNS[:10], *COLUMNS[11:]]  # the battery row lost a figure
    block = [line.strip() for line in uneven[1:-1]]
    assert cc._row_widths(block) == {3: 2, 2: 1}  # width 2: one row, not tried
    assert cc._figure_rows(block, 2) == (0, [])
    assert cc.read_column_cells(uneven, 1, 0) is None  # width 3's rows stop at the battery


_CELLS = st.sampled_from(
    ["Weight", "Battery", "Zarvo 11", "168 g", "4,400 mAh", "~12 ms", "$399", "Peak", "x", "", "7"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_CELLS, min_size=4, max_size=30))
def test_the_row_width_gate_never_closes_on_rows_the_reader_finds(block: list[str]) -> None:
    widths = cc._row_widths(block)
    for width in cc._WIDTHS:
        _, rows = cc._figure_rows(block, width)
        if rows:
            assert widths.get(width, 0) >= cc._MIN_ROWS


def test_a_corner_with_any_digit_starts_no_columns() -> None:
    # str.isdigit, as before the gate: a superscript two is a digit too (regex \\d says no)
    lines = ["", "Area m²", "Zarvo 11", "Torvik 9"]
    assert not cc.may_start_columns(lines, 1)
    assert cc.may_start_columns(["", "Area", "Zarvo 11", "Torvik 9"], 1)


def test_the_hint_gate_opens_on_model_names() -> None:
    for text in ["The Zarvo 11 lasted 9 hours.", "beside the LG G4 and", "Torvik 9 Pro owners"]:
        assert bk._HINT.search(text) is not None
        assert bk._HINT_GATE.search(text) is not None
    assert bk._HINT_GATE.search("it weighs 168 grams, less than before") is None


_TEXT = st.text(alphabet="AGLZaxz019 .,%+-_\n", max_size=40)


@settings(max_examples=800, deadline=None)
@given(_TEXT)
def test_the_hint_gate_never_closes_on_a_hint(text: str) -> None:
    if bk._HINT.search(text) is not None:
        assert bk._HINT_GATE.search(text) is not None


def test_model_runs_reads_the_texts_the_gate_lets_through() -> None:
    texts = ["We picked the Zarvo 11 first.", "weighs 168 grams", "The Zarvo 11 lasted 9 hours."]
    runs = bk.model_runs(texts, lambda text: [], lambda word: word in {"The", "We"})
    assert runs == ["Zarvo 11"]


# --- speed21: the spec-list and result-line gates (ingest/spec_lists.py, ingest/output_lines.py)

SPEC_LIST = ["Sensor resolution", "", "Zarvo 11: 30.3 MP", "Torvik 9: 24.5 MP", "", "After."]


def _spec_list_start(lines: list[str], i: int) -> bool:
    """may_start_spec_list as it was before its gate: heading first, then the next text line."""
    line = lines[i].strip()
    if not line or len(line) > sl._MAX_HEADING or line.endswith(sl._SENTENCE_END):
        return False
    if sl._DIGIT.search(sl._NUMBERED.sub("", line)):
        return False
    nxt = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].strip()), None)
    return nxt is not None and ":" in lines[nxt] and bool(sl._ENTRY.match(lines[nxt]))


def test_the_spec_list_gate_opens_on_a_heading_over_name_value_lines() -> None:
    for lines in (SPEC_LIST, [line for line in SPEC_LIST if line or line is SPEC_LIST[4]]):
        assert sl.may_start_spec_list(lines, 0)
        found = sl.read_spec_list(lines, 0, 1)
        assert found is not None
        blocks, end = found
        assert blocks[1].rows == [["Zarvo 11", "30.3 MP"], ["Torvik 9", "24.5 MP"]]
        assert lines[end - 1] == "Torvik 9: 24.5 MP"
    assert not sl.may_start_spec_list(["Sensor resolution", "", "", "Zarvo 11: 30.3 MP"], 0)
    assert not sl.may_start_spec_list(["Sensor resolution 2", "Zarvo 11: 30.3 MP"], 0)
    assert not sl.may_start_spec_list(["Sensor resolution"], 0)


_SPEC_LINES = st.sampled_from(
    ["Sensor resolution", "1. Battery", "Zarvo 11: 30.3 MP", "Torvik 9: 24.5 MP", "", "  ",
     "Note: see below", "It weighs 168 g.", "a: 1", "Zarvo 11 : ~4,400 mAh", "Price: $399"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_SPEC_LINES | st.text(alphabet="Ab1: .\t", max_size=12), min_size=1, max_size=6))
def test_the_spec_list_gate_answers_as_before(lines: list[str]) -> None:
    for i in range(len(lines)):
        assert sl.may_start_spec_list(lines, i) == _spec_list_start(lines, i)


RESULT_LINES = ["json.dumps: 0.91 seconds", "orjson.dumps: 0.34 seconds", "gcc - ~0.25 sec"]


def test_the_result_line_gate_opens_on_result_lines() -> None:
    assert all(ol.may_start_output(line) for line in RESULT_LINES)
    found = ol.read_output_lines(RESULT_LINES[:2], 0, 1)
    assert found is not None and found[0].rows == [["json.dumps", "0.91 seconds"],
                                                   ["orjson.dumps", "0.34 seconds"]]  # fmt: skip
    dashed = ["gcc - ~0.25 sec", "clang \u2013 ~0.31 sec"]
    assert ol.may_start_output(dashed[1])
    assert ol.read_output_lines(dashed, 0, 1) is not None
    assert not ol.may_start_output("json.dumps took 0.91 seconds")  # neither colon nor dash


_PIECES = ["gcc", "json.dumps", "()", ":", " ", "-", "\u2013", "\u2014", "~0.25", "sec", "1", "%",
           ",", "\u00a0", "\t", "a b"]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
@example("clang \u2013 ~0.31 sec")
@example("3.12.0 \u2014 45 s")
def test_the_result_line_gate_never_closes_on_a_result_line(line: str) -> None:
    text = line.strip()
    assert ol.may_start_output(line) == bool(ol._LINE.match(text) or ol._DASHED.match(text))
