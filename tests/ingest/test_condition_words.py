"""Load and setting words of engine and broker pages (realcond21): a batch size, a partition
count and "N+ requests" are conditions, never an engine's figure."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

TEXT = """Serving engines compared

vLLM batches requests (batch=64 by default) and Kafka ran with 3 partition replicas on 1 partition.

Ollama: one request at a time. It cannot serve 4+ requests in parallel. Throughput: 41 tok/s.
"""


def test_batch_partition_and_parallel_requests_are_no_figures() -> None:
    claims = claims_by_raw(text_claims(TEXT))
    assert set(claims) == {"41 tok/s"}
