"""vegeta and bombardier reports in code blocks (ingest.load_reports): every value under its own
label, of the heading's entity; bombardier's sampled spread and peak keep their own qualifiers."""

from __future__ import annotations

from crosscheck.normalize.vocabulary import default_vocabulary

from tests.ingest.parsing import text_claims

PAGE = """# Probe

## Gamma

```
Requests      [total, rate, throughput]         3000, 100.03, 99.98
Duration      [total, attack, wait]             30.006s, 29.99s, 15.867ms
Latencies  [min, mean, 50, 90, 95, 99, max]  9.01ms, 17.4ms, 16.1ms, 22.8ms, 25.9ms, 38.441ms, 120ms
Bytes In      [total, mean]                     1371000, 457.00
Bytes Out     [total, mean]                     0, 0.00
Success       [ratio]                           100.00%
Status Codes  [code:count]                      200:3000
Error Set:
```

## Delta

```
Bombarding http://127.0.0.1:8080 for 10s using 125 connection(s)
[===========================================================] 10s
Done!
Statistics        Avg      Stdev        Max
  Reqs/sec     51234.87    4021.55   60123.00
  Latency        2.44ms   512.30us    41.02ms
  Latency Distribution
     50%     2.31ms
     99%     5.12ms
  HTTP codes:
    1xx - 0, 2xx - 512400, 3xx - 0, 4xx - 0, 5xx - 0
    others - 0
  Throughput:    11.23MB/s
```
"""


def _claims() -> dict[tuple[str, str], str]:
    return {(c["entity_raw"], c["label"]): c["raw_value"] for c in text_claims(PAGE)}


def test_vegeta_bracketed_keys_name_the_values() -> None:
    claims = _claims()
    assert claims["Gamma", "latency p99"] == "38.441ms"
    assert claims["Gamma", "latency mean"] == "17.4ms"
    assert claims["Gamma", "Requests/sec"] == "99.98"  # vegeta's throughput
    assert claims["Gamma", "attack rate"] == "100.03"
    assert claims["Gamma", "success ratio"] == "100.00%"
    assert claims["Gamma", "bytes in mean"] == "457.00"


def test_bombardier_statistics_rows_are_the_headings_entity() -> None:
    claims = _claims()
    assert {e for e, _ in claims} == {"Gamma", "Delta"}  # not the progress bar
    assert claims["Delta", "Requests/sec"] == "51234.87"
    assert claims["Delta", "latency stddev"] == "512.30us"
    assert claims["Delta", "transfer rate"] == "11.23MB/s"
    vocabulary = default_vocabulary()
    peak = vocabulary.match_label("Requests/sec sampled max", None, "rate")
    assert (peak.metric, peak.qualifier) == ("throughput", "sampled max")
