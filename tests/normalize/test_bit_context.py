"""A column headed in bits is read in bytes only when the page's own request rates rule bits
out; otherwise "Mb" stays a megabit. Fixtures written here (figures only)."""

from __future__ import annotations

import hashlib

import pytest
from crosscheck.ingest import claims_frame, parse_snapshot
from crosscheck.normalize import normalize_claims
from crosscheck.normalize.bit_context import byte_twin

from crosscheck.contracts import Snapshot

SMALL = """# Hello-world servers

| | Version | Requests/s | Latency (ms) | Throughput/Mb |
| :-- | --: | :-: | --: | --: |
| quarry | 1.2.0 | 41000.5 | 24.10 | 7.35 |
| basalt | 3.0.1 | 30250.0 | 33.02 | 5.42 |
| slate-big-body | 3.0.1 | 9800.0 | 101.5 | 120.80 |
"""


def _throughput(text: str) -> dict[str, tuple[float, str]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    page = parse_snapshot(Snapshot("http://t.example/servers", sha, text, "text/markdown", "now"))
    facts = normalize_claims(claims_frame([page])).facts
    rows = facts[facts["label"].str.startswith("Throughput")]
    return {str(r.entity): (float(r.low), str(r.unit)) for r in rows.itertuples()}


def test_bits_that_leave_a_response_too_few_bytes_are_read_as_bytes() -> None:
    # 7.35 megabits at 41,000 req/s would be 22 bytes a response: shorter than any HTTP reply
    found = _throughput(SMALL)
    assert found["quarry"] == pytest.approx((7.35e6, "B/s"))
    assert found["basalt"] == pytest.approx((5.42e6, "B/s"))
    assert found["slate-big-body"] == pytest.approx((120.8e6, "B/s"))  # the whole column


def test_bits_stay_bits_when_the_rows_allow_them() -> None:
    plausible = SMALL.replace("7.35", "73.5").replace("5.42", "54.2")  # ≥ 180 bytes a response
    found = _throughput(plausible)
    assert found["quarry"] == pytest.approx((73.5e6 / 8, "B/s"))
    assert found["slate-big-body"] == pytest.approx((120.8e6 / 8, "B/s"))


def test_bits_stay_bits_beside_a_rate_that_is_not_of_requests() -> None:
    messages = SMALL.replace("Requests/s", "Messages/s")  # a message may be a few bytes
    found = _throughput(messages)
    assert found["quarry"] == pytest.approx((7.35e6 / 8, "B/s"))


@pytest.mark.parametrize(
    ("hint", "twin"),
    [("Mb/s", "MB/s"), ("Gbps", "GBps"), ("kb/s", "kB/s"), ("Mbit/s", None), ("MB/s", None),
     ("ms", None), (None, None)],
)  # fmt: skip
def test_byte_twin_of_a_bit_hint(hint: str | None, twin: str | None) -> None:
    assert byte_twin(hint) == twin
