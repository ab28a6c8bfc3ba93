"""Criterion lines whose benchmark ids are written with spaces ('bool serde_json 2^20') under a
heading that names no library: the one segment that varies names the row's library
(realacc10; figures echo the page, the README text is our own)."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

PAGE = """# Reading arrays

### Array of flags
```
flag fastjson 2^20      time:   [26.022 ms 26.056 ms 26.090 ms]
flag slowjson 2^20      time:   [30.419 ms 30.468 ms 30.516 ms]
flag simdish 2^20       time:   [31.440 ms 31.486 ms 31.531 ms]
```
"""


def test_the_varying_segment_of_spaced_ids_is_the_entity() -> None:
    claims = claims_by_raw(text_claims(PAGE))
    assert claims["26.056 ms"]["entity_raw"] == "fastjson"
    assert claims["30.468 ms"]["entity_raw"] == "slowjson"
    assert "flag simdish 2^20" in str(claims["31.486 ms"]["conditions"])


SWITCHED = """### Array of words
```
word fastjson 2^18      time:   [10.106 ms 10.138 ms 10.173 ms]
word simdish 2^18       time:   [10.924 ms 10.941 ms 10.959 ms]

# built with `RUSTFLAGS='-C target-cpu=native'`
word simdish 2^18       time:   [8.0735 ms 8.0887 ms 8.1046 ms]
```
"""


def test_a_comment_between_rows_is_the_setting_of_the_rows_after_it() -> None:
    claims = claims_by_raw(text_claims(SWITCHED))
    assert "target-cpu=native" in str(claims["8.0887 ms"]["conditions"])
    assert "target-cpu" not in str(claims["10.941 ms"]["conditions"])
