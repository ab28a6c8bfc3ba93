"""A suite report's 'tool mean +/- spread (count)' lines under case titles (ingest.spread_lines):
one row per tool, the case its condition, the spread no figure, the bracketed count a column."""

from __future__ import annotations

from crosscheck.ingest.spread_lines import _ROW, _spread_mark, may_start_spread, read_spread_lines
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.ingest.parsing import text_claims

REPORT = """Timings of three search tools, mean and deviation over ten runs.

word_match (needle: FOO_BAR)
----------------------------
seek* 0.081 +/- 0.002 (hits: 12)*
hunt 0.240 +/- 0.010 (hits: 12)
comb (mmap) 0.410 +/- 0.031 (hits: 11)
regex_tail (needle: [A-Z]+_BAR)
-------------------------------
seek* 0.120 +/- 0.004 (hits: 340)*
comb 0.301 +/- 0.020 (hits: 338)
"""


def test_each_tool_line_is_a_figure_of_its_tool_under_its_case() -> None:
    claims = text_claims(REPORT)
    got = {(c["entity_raw"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("seek", "0.081", "word_match (needle: FOO_BAR)") in got
    assert ("comb (mmap)", "0.410", "word_match (needle: FOO_BAR)") in got
    assert ("comb", "0.301", "regex_tail (needle: [A-Z]+_BAR)") in got
    # the spread qualifies the mean: no figure of its own
    assert not {c["raw_value"] for c in claims} & {"0.002", "0.004"}
    # the count of hits on every line of a block is a column of its own
    assert ("seek", "340", "regex_tail (needle: [A-Z]+_BAR)") in got
    assert ("comb (mmap)", "11", "word_match (needle: FOO_BAR)") in got
    # the line as written is the evidence: the winner's star stays readable
    evidence = {c["raw_value"]: c["evidence"] for c in claims}
    assert evidence["0.120"] == "seek* 0.120 +/- 0.004 (hits: 340)*"


def test_one_line_or_repeated_names_are_no_block() -> None:
    lines = ["case_a", "------", "seek 0.081 +/- 0.002 (hits: 12)", "Then the next paragraph."]
    assert read_spread_lines(lines, 0, 1) is None
    twice = ["seek 0.081 +/- 0.002", "seek 0.090 +/- 0.002"]
    assert read_spread_lines(twice, 0, 1) is None


FENCED = """Two builds of one tool.

first build:
```
word_match (needle: FOO_BAR)
----------------------------
seek (plain)         0.286 +/- 0.004 (hits: 16)
seek (plain) (mmap)  3.406 +/- 0.205 (hits: 16)
seek (fast)*         0.236 +/- 0.016 (hits: 16)*
```

second build:
```
word_match (needle: FOO_BAR)
----------------------------
seek (plain)         0.248 +/- 0.006 (hits: 16)
seek (plain) (mmap)  3.029 +/- 0.080 (hits: 16)
seek (fast)*         0.213 +/- 0.004 (hits: 16)*
```
"""


def test_blocks_in_code_fences_keep_the_caption_of_their_run() -> None:
    claims = text_claims(FENCED)
    got = {(c["entity_raw"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("seek (plain) (mmap)", "3.406", "first build; word_match (needle: FOO_BAR)") in got
    assert ("seek (plain) (mmap)", "3.029", "second build; word_match (needle: FOO_BAR)") in got
    assert len(claims) == 12  # six means and the six counts of hits


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(["seek", "comb (mmap)", "tree search", "x"]),
    mean=st.from_regex(r"\d{1,3}(?:\.\d{1,3})?", fullmatch=True),
    sign=st.sampled_from(["+/-", "±", "+-", "~", ""]),
    tail=st.sampled_from(["", " (hits: 12)", " (lines: 3)*", " ms"]),
)
@example(name="seek", mean="0.1", sign="±", tail="")
def test_the_spread_gate_never_closes_on_a_line_the_row_pattern_reads(
    name: str, mean: str, sign: str, tail: str
) -> None:
    line = f"{name} {mean} {sign} 0.002{tail}"
    if _ROW.match(line.strip()):
        assert _spread_mark(line)
        assert may_start_spread([line], 0)
    else:
        assert not may_start_spread([line], 0)


BENCHMARK_JS = """Results on a laptop.

```
lookup - /items/:id
    trie-router x 2,104,330 ops/sec ±0.41% (93 runs sampled)
    ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
    regex-router x 611,905 ops/sec ±1.20% (89 runs sampled)
    ▀▀▀▀▀▀

miss - /nothing
    trie-router x 3,950,112 ops/sec ±0.33% (95 runs sampled)
    regex-router x 402,771 ops/sec ±0.87% (90 runs sampled)
```
"""


def test_benchmark_js_lines_are_one_row_per_name_under_their_case() -> None:
    claims = text_claims(BENCHMARK_JS)
    got = {(c["entity_raw"], c["raw_value"], c["conditions"].split("; ")[-1]) for c in claims}
    assert ("trie-router", "2,104,330 ops/sec", "lookup - /items/:id") in got
    assert ("regex-router", "611,905 ops/sec", "lookup - /items/:id") in got  # past the bar
    assert ("regex-router", "402,771 ops/sec", "miss - /nothing") in got
    # the margin and the run count say how it was measured: no figures of their own
    assert not {c["raw_value"] for c in claims} & {"0.41%", "93", "1.20%"}
