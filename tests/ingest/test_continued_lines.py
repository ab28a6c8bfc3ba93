"""Text snapshots break sentences where an inline element was, and lists take their metric
from the line that introduces them (issue 16). Pages are written for the test."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.text_parser import text_to_blocks

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, object]]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("proxies.txt", digest, text, "text/plain", "now")).claims


def test_a_line_starting_in_lower_case_continues_the_sentence_above() -> None:
    blocks = text_to_blocks(
        "Proxy results\nThe Envoy proxy sustains about ~52k\nrequests per second on two cores.\n"
        "Its p99\n, however, is higher.\nNext Section\n"
    )
    texts = [b.text for b in blocks]
    assert texts == [
        "Proxy results",
        "The Envoy proxy sustains about ~52k requests per second on two cores.",
        "Its p99, however, is higher.",
        "Next Section",
    ]


def test_a_finished_sentence_or_a_list_is_not_continued() -> None:
    blocks = text_to_blocks("Envoy is fast.\nand this line stands alone\n- envoy 3 ms\nnext one\n")
    assert [b.text for b in blocks] == [
        "Envoy is fast.",
        "and this line stands alone",
        "envoy 3 ms",
        "next one",
    ]


def test_list_items_take_the_metric_their_lead_in_line_names() -> None:
    claims = _claims(
        "Envoy vs HAProxy vs Nginx\n"
        "Nginx alone handles ~61k\n"
        "requests per second (on two cores!), the proxies differ (HAProxy serves more requests):\n"
        "- Envoy - 41k\n"
        "- HAProxy - 47.5k\n"
        "Memory\n"
        "- Envoy - 12k\n"
    )
    listed = {(c["entity_raw"], c["raw_value"]): c["label"] for c in claims}
    assert listed[("Nginx", "~61k requests per second")] == "requests per second"
    assert listed[("Envoy", "41k")] == "requests per second"
    assert listed[("HAProxy", "47.5k")] == "requests per second"
    assert listed[("Envoy", "12k")] != "requests per second"  # a heading ends the list's metric


def test_row_labels_beside_known_names_become_page_names() -> None:
    from crosscheck.ingest.blocks import Block, BlockKind
    from crosscheck.ingest.entities import finder_for_page
    from crosscheck.ingest.parse import _unknown_row_names

    finder = finder_for_page()
    mixed = Block(
        BlockKind.TABLE,
        header=["Proxy", "CPU"],
        rows=[["Baseline", "97%"], ["Nginx", "90%"], ["Envoy", "96%"], ["Total", "1"]],
    )
    assert _unknown_row_names(mixed, finder) == ["Baseline"]  # "Total" is a metric word
    unknown = Block(
        BlockKind.TABLE,
        header=["Step", "Time"],
        rows=[["Warmup", "1 s"], ["Parse", "2 s"], ["Nginx", "3 s"]],
    )
    assert _unknown_row_names(unknown, finder) == []  # one known name among three: no list
