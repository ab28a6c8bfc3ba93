"""A result line between a heading and its code block ('**p53 4281 req/sec**' under
'# Alpha Hello World') names no entity: the heading is the block's caption
(ingest.codeblocks.code_caption / heading_over_result)."""

from __future__ import annotations

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.codeblocks import code_caption, heading_over_result

from tests.ingest.parsing import text_claims

PAGE = """# Alpha Hello World
**laptop 4281 req/sec**
```
Running 30s test @ http://localhost:5000/
  4 threads and 1000 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   231.13ms   57.32ms 455.20ms   60.53%
    Req/Sec     1.08k   327.31     2.05k    65.66%
  128863 requests in 30.10s, 19.42MB read
Requests/sec:   4281.16
Transfer/sec:    660.57KB
```
"""


def test_wrk_block_under_a_result_line_takes_the_heading() -> None:
    claims = [c for c in text_claims(PAGE) if c["label"] == "Requests/sec"]
    assert [(c["entity_raw"], c["raw_value"]) for c in claims] == [("Alpha", "4281.16")]


def test_heading_over_result_only_for_a_figure_line() -> None:
    lines = ["# Beta Query", "", "**laptop 3358 req/sec**"]
    assert heading_over_result(lines, 2) == "Beta Query"
    assert heading_over_result(["# Beta", "Results for beta:"], 1) is None  # no figure stated


def test_code_caption_from_blocks() -> None:
    heading = Block(BlockKind.LINE, text="Gamma Hello World", is_heading=True, heading_level=1)
    result = Block(BlockKind.LINE, text="p53 38342 req/sec")
    plain = Block(BlockKind.LINE, text="Results for gamma:")
    assert code_caption([heading, result]) == "Gamma Hello World"
    assert code_caption([heading, plain]) == "Results for gamma:"
    assert code_caption([]) is None
