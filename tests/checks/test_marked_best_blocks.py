"""checks.marked_best on frames of facts: the blocks its vectorised front keeps must decide as
all of them did (a page's other figures of a marked line, the page order, a repeated
entity), issue 20."""

from __future__ import annotations

from typing import Any

import pandas as pd
from crosscheck.checks.marked_best import find_marked_best


def _row(source: str, entity: str, metric: str, value: float, line: str, **more: Any) -> dict:
    return {
        "claim_id": f"{source}-{entity}-{metric}-{more.get('qualifier', '')}",
        "source": source, "entity": entity, "metric": metric,
        "qualifier": more.get("qualifier", ""), "low": value, "high": value,
        "raw_value": f"{value:g}", "evidence": line, "dimension": more.get("dimension", "time"),
        "conditions": None, "entity_qualifier": more.get("entity_qualifier"),
    }  # fmt: skip


def _timed(source: str, marked_value: float = 48.0) -> list[dict]:
    """A block of three cold-start times, the slowest line saying 'fastest'."""
    return [
        _row(source, "Ember", "cold_start", marked_value, f"Ember {marked_value:g} fastest"),
        _row(source, "Birch", "cold_start", 12.0, "Birch 12"),
        _row(source, "Cedar", "cold_start", 20.0, "Cedar 20"),
    ]


def test_a_speed_word_is_flagged_on_the_slower_line() -> None:
    found = find_marked_best(pd.DataFrame(_timed("a.md")))
    assert [f.entity for f in found] == ["Ember"]


def test_a_second_time_of_the_marked_line_in_a_block_of_its_own_stops_the_word() -> None:
    # the line's other time is alone in its block (no mark can be read there), yet it makes
    # 'fastest' ambiguous: the page's count of the line's time figures is two
    other = _row("a.md", "Ember", "warm_start", 3.0, "Ember 48 fastest")
    assert find_marked_best(pd.DataFrame([*_timed("a.md"), other])) == []


def test_findings_keep_the_pages_first_row_order() -> None:
    # page b's first row is in a block that holds nothing; its finding still comes first
    lone = _row("b.md", "Alder", "size", 5.0, "Alder 5", dimension="bytes")
    frame = pd.DataFrame([lone, *_timed("a.md", 40.0), *_timed("b.md")])
    assert [f.explanation.split(" on ")[1][:4] for f in find_marked_best(frame)] == ["b.md", "a.md"]


def test_an_entity_twice_in_a_block_reads_no_mark() -> None:
    rows = _timed("a.md")
    rows[1]["entity"], rows[1]["entity_qualifier"] = "Ember", "v2"
    rows[0]["entity_qualifier"] = "v2"
    assert find_marked_best(pd.DataFrame(rows)) == []


def test_stars_read_from_other_blocks_of_the_metric() -> None:
    rows = []
    for case, (a, b, c) in enumerate([(1.0, 2.0, 3.0), (4.0, 5.0, 6.0), (9.0, 7.0, 8.0)]):
        q = f"case {case}"
        rows += [
            _row("s.txt", "rg", "runtime", a, f"rg* {a}" if case < 2 else f"rg {a}", qualifier=q),
            _row("s.txt", "ag", "runtime", b, f"ag {b}", qualifier=q),
            _row(
                "s.txt", "ack", "runtime", c, f"ack* {c}" if case == 2 else f"ack {c}", qualifier=q
            ),
        ]
    found = find_marked_best(pd.DataFrame(rows))
    assert [(f.entity, f.qualifier) for f in found] == [("ack", "case 2")]
