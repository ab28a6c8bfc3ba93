"""Set-up lists and labelled set-up lines (realcond21): a benchmark's host, dataset and cost
numbers are conditions of its measurements, never figures of a compared product."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

CARD = """Leaderboard
| # | Solution | Score |
|---|---|---|
| 1 | Polars | 0.62 s |
| 2 | pandas | 3.10 s |
Benchmark setup
Group-by over one wide CSV file
- Dataset
- Generated 40-million-row CSV fixture, 812,004,113 bytes
- Setup
- Polars 1.2 and pandas 2.2 on a laptop, 32 GB RAM, 1 TB NVMe SSD, Linux 6.5.
- Cost
- 12,500 tokens · $0.0410
Summary
Polars finished the group-by in 0.62 s and pandas in 3.10 s.
"""


def test_a_set_up_list_gives_no_product_its_host_dataset_or_cost() -> None:
    raws = {c["raw_value"] for c in text_claims(CARD, "mem://card.md")}
    assert not any("GB" in r or "TB" in r or "$" in r or "tokens" in r for r in raws), raws
    assert "812,004,113 bytes" not in raws and "12,500" not in raws


def test_the_results_around_a_set_up_list_are_still_read() -> None:
    claims = [c for c in text_claims(CARD, "mem://card.md") if c["raw_value"] == "3.10 s"]
    assert claims and all(c["entity_raw"] == "pandas" for c in claims)


LABELS = """Polars vs pandas: grouping speed

Polars grouped the rows in 0.41 seconds, while pandas needed 2.87 seconds.

Test machine: 64 GB RAM, Ryzen 9 7950X, 2 TB NVMe

- Hardware
- 16 GB RAM, 512 GB SSD
- Dataset
- 50 million rows, 3.4 GB
- Result
- Polars 1.9 s
"""


def test_labelled_set_up_lines_and_label_items_are_no_figures() -> None:
    claims = claims_by_raw(text_claims(LABELS))
    assert set(claims) == {"0.41 seconds", "2.87 seconds", "1.9 s"}
    assert claims["1.9 s"]["entity_raw"] == "Polars"


def test_a_dataset_size_with_a_scale_word_is_a_condition() -> None:
    text = (
        "Polars vs pandas\n\nEach library read a dataset of 10 million rows, and Polars "
        "finished in 0.8 seconds.\n"
    )
    claims = claims_by_raw(text_claims(text))
    assert "10 million" not in claims
    assert claims["0.8 seconds"]["entity_raw"] == "Polars"


SENTENCES = "\n\n".join(
    [
        "Polars vs pandas: reading a CSV file",
        "The benchmarks were executed on a laptop with an Intel Core i7-12700H processor, "
        "24GB of RAM and a 2TB NVMe SSD.",
        "We generated a dataset with 8 columns (about 2.3 GB on disk).",
        "Polars read the file in 1.87 seconds, whereas pandas took 9.42 seconds.",
        "Polars, run on the same laptop, used 3.1 GB at peak.",
    ]
)


def test_sizes_in_a_set_up_sentence_are_conditions_but_results_stay() -> None:
    claims = claims_by_raw(text_claims(SENTENCES))
    assert "24GB" not in claims and "2TB" not in claims
    assert "about 2.3 GB" not in claims
    assert claims["1.87 seconds"]["entity_raw"] == "Polars"
    assert claims["3.1 GB"]["entity_raw"] == "Polars"  # a product's own "run on": a result
