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
