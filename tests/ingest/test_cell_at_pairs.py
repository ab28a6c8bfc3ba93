"""A cell listing figures each 'at' another ('10GB @ 560 GB/s, 6GB @ 336 GB/s': two memory
pools, each with its bandwidth): every figure is its own, the other its condition; one pair
alone ('5 ms at 200 MB/s') stays one figure under a condition."""

from __future__ import annotations

from crosscheck.ingest.cell_lists import unit_list


def test_each_figure_of_a_list_of_at_pairs_is_read() -> None:
    found = unit_list("12GB @ 600 GB/s, 4GB at 330 GB/s")
    assert found is not None
    assert [raw for raw, _ in found] == ["12GB", "600 GB/s", "4GB", "330 GB/s"]
    assert dict(found)["330 GB/s"] == "4GB"


def test_a_lone_at_pair_is_no_list() -> None:
    assert unit_list("5 ms at 200 MB/s") is None
