"""Benchmark tool output read as a family (figures made up, the README text our own): tasty's
name line over its value line with a spread and a ratio to the baseline, libtest's '(+/- N)'
spread and the implementation its test names lead with, and a caption's possessive ('my
laptop') naming the machine, never the entity."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

TASTY = """# Sorting in Haskell

```
All
  Sorting a big vector
    Baseline:                  OK (0.50s)
      400  μs ±  20 μs
    Merge ST:                  OK (0.30s)
      300  μs ±  15 μs, 0.75x
    Heap IO:                   OK (0.20s)
      2.40 ms ± 120 μs, 6.00x
```
"""


def test_tasty_name_and_value_lines_are_one_row_each() -> None:
    claims = claims_by_raw(text_claims(TASTY))
    assert claims["300  μs"]["entity_raw"] == "Merge ST"
    assert claims["2.40 ms"]["entity_raw"] == "Heap IO"
    assert claims["0.75x"]["entity_raw"] == "Merge ST"
    assert "relative to Baseline" in str(claims["0.75x"]["conditions"])
    assert claims["20 μs"]["entity_raw"] == "Baseline"
    assert "0.50s" not in claims  # the time the harness spent measuring


LIBTEST = """# fastsort

Benchmark results on my old laptop:

```sh
test tests::bench_fast_sort_u64      ... bench:     100,000 ns/iter (+/- 5,000)
test tests::bench_bubble_sort_u64    ... bench:   9,000,000 ns/iter (+/- 300,000)
test tests::bench_std_sort_u64       ... bench:     120,000 ns/iter (+/- 6,000)
```
"""


def test_libtest_rows_lead_with_their_implementation_and_keep_the_spread() -> None:
    claims = claims_by_raw(text_claims(LIBTEST))
    assert claims["100,000 ns/iter"]["entity_raw"] == "fast_sort"
    assert claims["9,000,000 ns/iter"]["entity_raw"] == "bubble_sort"
    assert claims["5,000 ns/iter"]["entity_raw"] == "fast_sort"
    assert all(c["entity_raw"] != "my" for c in claims.values())


MEMORY = """# Parsing in Haskell

```
All
  Parsing a log
    Handwritten:   OK (1.10s)
      1.20 ms ±  40 μs, 2.5 MB allocated, 300 KB copied
    Combinators:   OK (0.90s)
      1.50 ms ±  60 μs, 3.1 MB allocated, 410 KB copied, 1.25x
```
"""


def test_the_ratio_after_the_memory_figures_is_read() -> None:
    claims = claims_by_raw(text_claims(MEMORY))
    assert claims["1.25x"]["entity_raw"] == "Combinators"
    assert claims["1.50 ms"]["entity_raw"] == "Combinators"
