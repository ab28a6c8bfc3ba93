"""Precision on pages that give one key several figures under conditions they do not name
(a vendor's claim and a production run) and on tables whose second column names the rows.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages

MEASURED = """# Runtime test on one VM

In our run Bun served 14,320 requests per second and Node.js served 5,240 req/s.
"""

SEVERAL = """# Marketing numbers against real traffic

The vendor says Bun reaches 52,000 requests per second and Node.js 14,000 requests per second.

Behind a real database Bun served 12,400 RPS and Node.js served 12,000 RPS.
"""

SINGLE = """# Marketing numbers

The vendor says Bun reaches 52,000 requests per second and Node.js 14,000 requests per second.
"""


def _cross_source(analysis: Analysis) -> list[str]:
    found = analysis.findings
    return sorted(found.loc[found["scope"] == "cross_source", "entity"])


def test_a_page_with_several_figures_for_a_key_is_no_side_across_sources(
    tmp_path: Path,
) -> None:
    analysis = analyze_pages(tmp_path, {"a.md": MEASURED, "b.md": SEVERAL})
    assert "Bun" not in _cross_source(analysis)
    assert "Node.js" not in _cross_source(analysis)


def test_a_page_with_one_figure_per_key_is_still_compared_across_sources(
    tmp_path: Path,
) -> None:
    analysis = analyze_pages(tmp_path, {"a.md": MEASURED, "b.md": SINGLE})
    assert "Bun" in _cross_source(analysis)


THRESHOLDS = """# Load test

| Test | Measure | Alpha 1.0 | Beta 2.0 |
|---|---|---|---|
| insert users | Time in ms | 254.646 | 6860.102 |
| insert users | Limit = 500 ms | 49.07% | -1272.02% |
| insert rows | Time in ms | 21936.422 | 30000.5 |
| insert rows | Limit = 125000 ms | 82.45% | 75.99% |
"""


def test_a_column_of_row_labels_with_thresholds_is_no_entity(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"t.md": THRESHOLDS})
    facts = analysis.facts
    assert "Measure" not in set(facts["entity"])
    assert {"254.646", "6860.102"} <= set(facts["raw_value"])
    assert "conflict" not in set(analysis.findings["kind"])
    # the label beside the figures is a condition of the row, so time and score stay apart
    limits = facts.loc[facts["raw_value"] == "49.07%", "qualifier"]
    assert limits.str.contains("limit = 500 ms").all()


CARDS = """Hopper H100 vs Ampere A100 specifications

NVIDIA H100
NVIDIA A100
Half precision
FP16
102.4 TFLOPS
750.5 TFLOPS Tensor (FP16 Accumulate)
1.50 PFLOPS Tensor (FP16 Accumulate) Sparse
FP16
78.0 TFLOPS
312.0 TFLOPS Tensor (FP16 Accumulate)
624.0 TFLOPS Tensor (FP16 Accumulate) Sparse
"""


def test_a_plain_rate_beside_tensor_and_sparse_rates_is_no_conflict(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"gpu.txt": CARDS})
    assert {"102.4 TFLOPS", "78.0 TFLOPS"} <= set(analysis.facts["raw_value"])
    assert "conflict" not in set(analysis.findings["kind"])


CLAIMS_MORE = """Beta vs. Alpha benchmark

We measured Beta and Alpha in terms of throughput and latency.

Key findings

2.5x Maximum Throughput Compared to Alpha

Beta reaches 2.5 times the maximum throughput compared to Alpha.
"""

MEASURES = """# Alpha vs Beta benchmark

| Metric | Alpha | Beta |
|---|---|---|
| Peak throughput | 605 MB/s | 305 MB/s |
"""


def test_a_statement_turned_around_by_other_pages_is_one_finding(tmp_path: Path) -> None:
    analysis = analyze_pages(
        tmp_path, {"claims.txt": CLAIMS_MORE, "bench.md": MEASURES, "copy.md": MEASURES}
    )
    found = analysis.findings
    turned = found[(found["kind"] == "relation_mismatch") & (found["scope"] == "cross_source")]
    assert len(turned) == 1
    claims = analysis.claims.set_index("claim_id")
    sources = {claims.loc[c, "source"].rsplit("/", 1)[-1] for c in turned["claim_ids"].iloc[0]}
    assert sources == {"claims.txt", "bench.md", "copy.md"}


ONE_SENTENCE = """Sizing for Acme vs Bolt

Sizing: the team wants a store able to handle 1M patients for 4000 doctors with Acme.

CUDA Cores (FP32) 6,912 16,896
"""


def test_one_prose_sentence_never_contradicts_itself(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"sizing.txt": ONE_SENTENCE})
    assert len(analysis.facts) >= 2
    assert "conflict" not in set(analysis.findings["kind"])
