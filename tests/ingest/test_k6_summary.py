"""k6's end-of-test summary in a code block (ingest.k6_out): duration statistics and
per-second rates are figures of the caption's entity; totals and VUs are not."""

from __future__ import annotations

from crosscheck.ingest.k6_out import k6_table

from tests.ingest.parsing import text_claims

K6 = """# Omega API under load

```
     checks.........................: 100.00% ✓ 2400      ✗ 0
     data_received..................: 1.2 MB  40 kB/s
     http_req_duration...: avg=1.2ms min=501µs med=1.1ms max=15.3ms p(90)=1.7ms p(95)=2.01ms
     http_reqs......................: 412345  13744.52/s
     vus............................: 50      min=50     max=50
```
"""


def test_k6_figures_and_conditions() -> None:
    claims = text_claims(K6)
    got = {(c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert ("http_req_duration p95", "2.01ms", None) in got
    assert ("http_reqs rate", "13744.52", "req/s") in got
    assert ("data_received rate", "40 kB/s", None) in got
    assert all(c["conditions"] and "50 VUs" in c["conditions"] for c in claims)
    assert not any(c["raw_value"] in ("412345", "2400", "50") for c in claims)


def test_not_k6() -> None:
    assert k6_table(["loading.........: done", "saving..........: 3 files"], None) is None
