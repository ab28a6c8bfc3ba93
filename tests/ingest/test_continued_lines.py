"""Text snapshots break sentences where an inline element was (a line starting in lower case,
or after one ending in a comma, continues it), lists take their metric from the line that
introduces them (issue 16), and a percentage before a difference noun ("a 70% edge") states a
difference between two entities. Pages are written for the test."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.blocks import BlockKind
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


def test_a_line_ending_in_a_comma_is_continued_by_a_capitalised_line() -> None:
    blocks = text_to_blocks(
        "When we moved to the largest instance we had (a c6gn.16xlarge),\n"
        "Koa answered 250,000 requests per second.\n"
    )
    lines = [b for b in blocks if b.kind is BlockKind.LINE]
    assert len(lines) == 1
    assert lines[0].text.endswith("Koa answered 250,000 requests per second.")


def test_a_line_ending_in_a_full_stop_is_not_continued() -> None:
    blocks = text_to_blocks("Koa was tested first.\nExpress answered 36,000 requests per second.\n")
    assert len([b for b in blocks if b.kind is BlockKind.LINE]) == 2


def test_a_percentage_before_a_difference_noun_is_no_figure_of_one_entity() -> None:
    claims = _claims(
        "Koa's 70% Edge Over Express\n\n"
        "The 70% tax: where the requests go\n\n"
        "Koa served 61,300 req/s and Express 36,000 req/s.\n"
    )
    seventy = [c for c in claims if c["raw_value"] == "70%"]
    assert seventy, claims
    assert all(c["counterpart_raw"] == "Express" for c in seventy), seventy
    plain = {c["raw_value"]: c["counterpart_raw"] for c in claims if c["raw_value"] != "70%"}
    assert plain == {"61,300 req/s": None, "36,000 req/s": None}
