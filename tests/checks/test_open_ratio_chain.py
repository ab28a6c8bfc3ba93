"""An open-ended ratio ("at least 10x") whose first entity sorts after the second must not
crash the page's chain check (it aborted a whole run; figures from a streaming benchmark)."""

from __future__ import annotations

from tests.checks.test_relations import check, statement

PAGE = "streaming.txt"


def test_at_least_ratio_with_entities_in_reverse_order_is_checked() -> None:
    sentence = "Redpanda delivers at least 10x faster tail latencies than Apache Kafka."
    other = "Zookeeperless Kafka is 2x faster than Apache Kafka in the same test."
    found, relations = check(
        [],
        [
            statement(PAGE, "at least 10x", "tail latency", sentence, "Redpanda", "Apache Kafka"),
            statement(PAGE, "2x", "tail latency", other, "Zookeeperless Kafka", "Apache Kafka"),
        ],
    )
    assert len(relations) == 2
    assert found == []
