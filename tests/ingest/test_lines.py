"""The shared line record and the shape readers' first-line gate, on real lines.

The record must answer exactly what each reader's own test answers (they were asked of the
text separately before), and a line the gate turns away must start no shape in any context.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from crosscheck.ingest.blocks import strip_trophy
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.lines import SECTION, is_code_line, is_heading_like, line_record
from crosscheck.ingest.prose import list_lead_metric
from crosscheck.ingest.spaced_rows import read_spaced_rows
from crosscheck.ingest.textshapes import may_start_shape, read_shape, shape_at
from crosscheck.ingest.verdicts import has_verdict_word
from crosscheck.ingest.vertical import read_ruled_cells

from tests.conftest import SHARED_DIR

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"


def _text_lines() -> list[str]:
    """Every line of the example and shared real text pages (HTML pages skipped)."""
    paths = sorted(EXAMPLES.glob("*")) + sorted((SHARED_DIR / "real-pages").glob("*"))
    lines: list[str] = []
    for path in paths:
        if path.suffix in (".txt", ".md"):
            lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return lines


LINES = _text_lines()


def test_the_pages_are_there() -> None:
    assert len(LINES) > 500  # the examples alone hold hundreds of lines


@pytest.mark.parametrize(
    "text",
    [
        "Pros",
        "Key Differences 🏆",
        "Throughput 🏆",
        "Bun is faster than Node.js: 52,000 req/s",
        "wrk -t4 -c100 -d30s http://localhost:3000",
        "Requests per second (higher is better):",
        "| a | b | c |",
        "  indented  ",
        "",
    ],
)
def test_record_answers_as_each_reader_did(text: str) -> None:
    record = line_record(text)
    assert record.text == text
    assert record.plain == strip_trophy(text)[0]
    assert record.section == bool(SECTION.match(text))
    assert record.heading_like == is_heading_like(text)
    assert record.has_digit == any(ch.isdigit() for ch in text)
    assert record.pipes == text.count("|")
    assert record.verdict == has_verdict_word(text)
    assert record.code == (record.has_digit and is_code_line(text))
    assert record.lead_metric == list_lead_metric(text, load_lexicon())


def test_record_of_every_real_line() -> None:
    for text in LINES:
        record = line_record(text)
        assert record.plain == strip_trophy(text)[0]
        assert record.heading_like == is_heading_like(text)
        assert record.code == (record.has_digit and is_code_line(text))
        assert record.lead_metric == list_lead_metric(text, load_lexicon())


def test_trophy_and_section_read_on_the_plain_text() -> None:
    record = line_record("Pros 🏆")
    assert record.plain == "Pros"
    assert line_record(record.plain).section
    assert line_record("Throughput: 52k 🏆").has_digit


def test_gate_turns_away_only_lines_that_start_no_shape() -> None:
    turned_away = 0
    for i, line in enumerate(LINES):
        if may_start_shape(line):
            continue
        turned_away += 1
        # the same line after every neighbour the pages give it, and alone
        assert shape_at(LINES, i, 1) is None, line
        assert shape_at([line], 0, 1) is None, line
        assert shape_at(["", line, *LINES[i + 1 : i + 8]], 1, 1) is None, line
        # past the gate only the readers that look at the lines below: a header line over
        # space-separated rows, header cells one a line over a rule (docs/architecture.md)
        if read_shape(LINES, i, 1) is not None:
            assert (
                read_spaced_rows(LINES, i, 1) is not None
                or read_ruled_cells(LINES, i, 1) is not None
            ), line
    assert turned_away > len(LINES) // 3  # most prose lines pass no first-line test


def test_gate_lets_each_shape_through() -> None:
    assert may_start_shape("```python")
    assert may_start_shape("    indented code")
    assert may_start_shape("const x = 1;")
    assert may_start_shape("Name   Requests   Latency")
    assert may_start_shape("Bun  ████████ 52,000")
    assert may_start_shape("Bun | 52,000 | 1.2 ms")
    assert may_start_shape("1. Bun 52,000")
    assert may_start_shape("Kafka Pulsar RabbitMQ")
    assert not may_start_shape("Bun serves more requests than Node.js on this machine.")
