"""Whose figures a code block holds: a runtime named in a code span of the line above it
(ingest.recovered.caption_entity) and libtest names with a shared prefix (ingest.benchout)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.benchout import bench_table
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.recovered import caption_entity

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page.md", sha, text, "text/markdown", "now")).claims


def test_code_span_ending_in_a_page_name_names_the_block() -> None:
    names = ["Lang", "alpha", "alpha-fast", "beta"]
    assert caption_entity("The best run of `rt-alpha-fast`", ["Lang"], None, names) == (
        "alpha-fast",
        None,
    )
    assert caption_entity("The best run of `rt-beta`", ["Lang"], None, names) == ("beta", None)
    # no page name ends the span: none is taken from it ('rt-alphabet' is no 'alpha')
    assert caption_entity("The best run of `rt-alphabet`", ["Lang"], None, names)[0] not in names


PAGE = """# Alpha Lang vs. Beta

| alpha | beta |
| :---: | :---: |
| 3 ms | 40 ms |
| 3 ms | 41 ms |

- The best sample of `run-alpha`

  ```bash
  cost of setup: 1 ms
  cost of load: 2 ms
  ```

- The best sample of `run-beta`

  ```bash
  cost of setup: 0 ms
  cost of load: 39 ms
  ```
"""


def test_blocks_under_code_span_captions_go_to_their_runtimes() -> None:
    got = {(c["entity_raw"].lower(), c["label"], c["raw_value"]) for c in _claims(PAGE)}
    assert ("alpha", "cost of load", "2 ms") in got
    assert ("beta", "cost of load", "39 ms") in got
    assert not any("lang" in e for e, label, _ in got if "cost of" in label)


def test_libtest_names_with_a_shared_prefix_carry_the_implementation() -> None:
    lines = [
        "test bench_fastre_small ... bench:   5,000 ns/iter (+/- 40)",
        "test bench_fastre_large ... bench:  12,000 ns/iter (+/- 300)",
        "test bench_fastre_empty ... bench:     200 ns/iter (+/- 9)",
        "test bench_slowre_small ... bench:  23,000 ns/iter (+/- 900)",
        "test bench_slowre_large ... bench:  38,000 ns/iter (+/- 2,000)",
    ]
    table = bench_table(lines, None)
    assert table is not None and table.entities_as_rows
    assert [row[0] for row in table.rows] == ["fastre"] * 3 + ["slowre"] * 2


def test_one_implementations_cases_stay_the_captions() -> None:
    lines = [
        "test bench_parse_small ... bench:   1,234 ns/iter (+/- 56)",
        "test bench_parse_large ... bench:  98,765 ns/iter (+/- 1,002)",
    ]
    table = bench_table(lines, "fastser:")
    assert table is not None and table.caption_entity and not table.entities_as_rows
