"""rewrk and pgbench reports in code blocks (ingest.rate_tools): every figure of the
caption's entity with its unit; repeated pgbench runs are rows of their own."""

from __future__ import annotations

from crosscheck.normalize.quantity import parse_quantity

from tests.ingest.parsing import text_claims

REWRK = """## Theta

```
Benchmarking 256 connections @ http://127.0.0.1:4000 for 15 second(s)
  Latencies:
    Avg      Stdev    Min      Max
    0.91ms   0.40ms   0.05ms   48.30ms
  Requests:
    Total: 4201337 Req/Sec: 280089.13
  Transfer:
    Total: 512.77 MB Transfer Rate: 34.18 MB/Sec
```
"""

PGBENCH = """client => pooler => db

```bash
$ pgbench -c 8 -T 30 bench
number of clients: 8
number of threads: 2
duration: 30 s
number of transactions actually processed: 9120
latency average = 26.316 ms
tps = 303.982211 (including connections establishing)
tps = 310.550012 (excluding connections establishing)
$ pgbench -c 8 -T 30 bench
number of clients: 8
number of threads: 2
duration: 30 s
number of transactions actually processed: 9577
latency average = 25.060 ms
tps = 319.201180 (including connections establishing)
tps = 326.871003 (excluding connections establishing)
```
"""


def _read(claim: dict[str, str]) -> tuple[float | None, str | None]:
    quantity = parse_quantity(claim["raw_value"], claim["unit_hint"])
    return (None if quantity.low is None else round(quantity.low, 9)), quantity.unit


def test_rewrk_statistics_under_their_names_and_totals_lines() -> None:
    claims = {c["label"]: c for c in text_claims(REWRK)}
    assert {c["entity_raw"] for c in claims.values()} == {"Theta"}
    assert _read(claims["latency stddev"]) == (0.0004, "s")
    assert _read(claims["latency max"]) == (0.0483, "s")
    assert claims["total requests"]["raw_value"] == "4201337"  # a count, not a rate
    assert _read(claims["Requests/sec"])[0] == 280089.13
    assert _read(claims["transfer rate"]) == (34180000.0, "B/s")
    assert "256 connections" in claims["Requests/sec"]["conditions"]


def test_pgbench_runs_are_rows_of_the_chain() -> None:
    claims = text_claims(PGBENCH)
    assert {c["entity_raw"] for c in claims} == {"client => pooler => db"}
    tps = [
        (c["raw_value"], c["conditions"].split("; ")[-1])
        for c in claims
        if c["label"] == "tps (including connections establishing)"
    ]
    assert tps == [("303.982211", "run 1"), ("319.201180", "run 2")]
    latency = next(c for c in claims if c["label"] == "latency average")
    assert _read(latency) == (0.026316, "s")
    assert "number of clients 8" in latency["conditions"]
