"""ApacheBench's report (ingest.ab_out): pasted without a fence under a heading and the `ab`
command, each figure with its unit (brackets, ms tables, 1024-byte Kbytes); a value cut by a
stray line break is no figure."""

from __future__ import annotations

from crosscheck.normalize.quantity import parse_quantity

from tests.ingest.parsing import text_claims

PAGE = """# Omega

$ ab -n 5000 -c 100 localhost:8080/index.html
This is ApacheBench, Version 2.3 <$Revision: 1901567 $>
Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/

Benchmarking localhost (be patient)
Completed 500 requests
Finished 5000 requests


Server Software:        omega/2.1
Server Port:            8080

Document Length:        4120 bytes

Concurrency Level:      100
Time taken for tests:   1.274 seconds
Complete requests:      5000
Failed requests:        0
Total transferred:      21940000 bytes
Requests per second:    3924.65 [#/sec] (mean)
Time per request:       25.480 [ms] (mean)
Time per request:       0.255 [ms] (mean, across all concurrent requests)
Transfer rate:          16817.33 [Kbytes/sec] received

Connection Times (ms)
              min  mean[+/-sd] median   max
Connect:        0    1   0.9      1       7
Total:          3   25   4.1     24      61

Percentage of the requests served within a certain time (ms)
  50%     24
  99%     41
 100%     61 (longest request)

# Sigma

$ ab -n 5000 -c 100 localhost:8081/index.html
This is ApacheBench, Version 2.3 <$Revision: 1901567 $>

Requests per second:    812.4

 1 [#/sec] (mean)
Time per request:       123.090 [ms] (mean)
"""


def _read(claim: dict[str, str]) -> tuple[float | None, str | None]:
    quantity = parse_quantity(claim["raw_value"], claim["unit_hint"])
    low = None if quantity.low is None else round(quantity.low, 9)
    return low, quantity.unit


def test_ab_report_figures_with_their_units() -> None:
    claims = {(c["entity_raw"], c["label"]): c for c in text_claims(PAGE)}
    assert _read(claims["Omega", "Requests per second"]) == (3924.65, "req/s")
    assert _read(claims["Omega", "time per request (mean)"]) == (0.02548, "s")
    assert _read(claims["Omega", "transfer rate received"]) == (round(16817.33 * 1024, 9), "B/s")
    assert _read(claims["Omega", "total transferred"]) == (21940000.0, "B")
    assert _read(claims["Omega", "total time stddev"]) == (0.0041, "s")
    assert _read(claims["Omega", "latency p99"]) == (0.041, "s")
    assert _read(claims["Omega", "latency max"]) == (0.061, "s")
    assert claims["Omega", "failed request count"]["raw_value"] == "0"
    assert "concurrency 100" in claims["Omega", "Requests per second"]["conditions"]


def test_ab_setup_lines_and_a_cut_value_are_no_figures() -> None:
    claims = text_claims(PAGE)
    raws = {c["raw_value"] for c in claims}
    assert not raws & {"4120", "4120 bytes", "8080", "500", "2.3", "812.4"}
    sigma = [(c["label"], c["raw_value"]) for c in claims if c["entity_raw"] == "Sigma"]
    assert sigma == [("time per request (mean)", "123.090")]
