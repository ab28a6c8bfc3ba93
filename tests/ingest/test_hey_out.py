"""hey's and oha's reports (ingest.hey_out): each report is its label line's figures, fenced
or pasted as plain lines, with sizes in bytes and a size per second as a rate."""

from __future__ import annotations

from crosscheck.ingest.hey_out import hey_run_end
from crosscheck.normalize.quantity import parse_quantity

from tests.ingest.parsing import text_claims

REPORT = """Summary:
  Success rate: 1.0000
  Total:        {total} secs
  Slowest:      0.0412 secs
  Fastest:      0.0002 secs
  Average:      0.0031 secs
  Requests/sec: {rps}

  Total data:   35.12 MiB
  Size/request: 37 B
  Size/sec:     1.01 MiB

Response time histogram:
  0.000 [1]      |
  0.004 [902311] |■■■■■■■■■■■■■■■■■■■■■■■■■■■■■

Latency distribution:
  50% in 0.0029 secs
  99% in 0.0071 secs

Status code distribution:
  [200] 1000000 responses
"""

PAGE = (
    "Bun JS\n"
    + REPORT.format(total="35.0101", rps="28563.1120")
    + "\n\nDeno JS\n"
    + REPORT.format(total="61.4412", rps="16275.7731")
)


def test_each_report_is_its_label_lines_entity() -> None:
    claims = text_claims(PAGE)
    rates = [(c["entity_raw"], c["raw_value"]) for c in claims if c["label"] == "Requests/sec"]
    assert rates == [("Bun", "28563.1120"), ("Deno", "16275.7731")]
    labels = [c["label"] for c in claims if c["entity_raw"] == "Bun"]
    assert labels == [
        "success rate",
        "total time",
        "latency max",
        "latency min",
        "latency avg",
        "Requests/sec",
        "total data",
        "size per request",
        "size per second",
        "latency p50",
        "latency p99",
    ]


def test_report_sizes_are_bytes_and_a_rate() -> None:
    claims = {c["label"]: c for c in text_claims(PAGE) if c["entity_raw"] == "Bun"}

    def read(label: str) -> tuple[float | None, str | None]:
        quantity = parse_quantity(claims[label]["raw_value"], claims[label]["unit_hint"])
        return quantity.low, quantity.unit

    assert read("size per request") == (37.0, "B")  # not 37 billion
    assert read("size per second") == (1.01 * 1024**2, "B/s")
    assert read("success rate") == (1.0, "x")


def test_report_end_stops_at_the_next_label_line() -> None:
    lines = PAGE.splitlines()
    end = hey_run_end(lines, 1)
    assert end is not None and lines[end - 1].strip() == "[200] 1000000 responses"
    assert hey_run_end(["Summary:", "plain text"], 0) is None
