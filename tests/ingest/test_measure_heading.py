"""A heading or lead-in that names a measure with its unit ('#### Requests/sec', 'Latency
(ms)') right above a table whose own labels name none gives the table's metric and unit; the
labels ('plaintext', 'json') become conditions. Pages written for these tests."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import ParsedPage, parse_snapshot

from crosscheck.contracts import Snapshot


def _parse(text: str, name: str = "page.md") -> ParsedPage:
    digest = hashlib.sha256(text.encode()).hexdigest()
    kind = "text/html" if name.endswith(".html") else "text/plain"
    return parse_snapshot(Snapshot(f"/tmp/{name}", digest, text, kind, "now"))


def _by_value(page: ParsedPage) -> dict[str, dict]:
    return {c["raw_value"]: c for c in page.claims if c["role"] == "value"}


COLUMNS = """# Web framework benchmark

Results on a 4-core VM.

#### Requests/sec

| Test | fastify | koa |
|---|---|---|
| plaintext | 71,240 | 52,310 |
| json | 65,100 | 48,900 |

#### Latency (ms)

| Test | fastify | koa |
|---|---|---|
| plaintext | 13.6 | 18.7 |
| json | 14.2 | 19.9 |
"""


def test_a_measure_heading_labels_a_table_of_entity_columns() -> None:
    claims = _by_value(_parse(COLUMNS))
    rate, latency = claims["71,240"], claims["19.9"]
    assert (rate["entity_raw"], rate["label"], rate["unit_hint"]) == (
        "fastify",
        "Requests/sec",
        "Requests/sec",
    )
    assert rate["conditions"] == "Test: plaintext"
    assert "conditions as rows" in rate["locator"]
    assert (latency["entity_raw"], latency["label"], latency["unit_hint"]) == (
        "koa",
        "Latency",
        "ms",
    )
    assert latency["conditions"] == "Test: json"  # the heading is the label, no condition


ROWS_HTML = """<html><body><h1>Web framework benchmark</h1>
<h4>Requests/sec</h4>
<table><tr><th>Framework</th><th>plaintext</th><th>json</th></tr>
<tr><td>fastify</td><td>71,240</td><td>65,100</td></tr>
<tr><td>koa</td><td>52,310</td><td>48,900</td></tr></table>
</body></html>"""


def test_a_measure_heading_labels_a_table_of_entity_rows() -> None:
    claims = _by_value(_parse(ROWS_HTML, "page.html"))
    json_rate = claims["48,900"]
    assert (json_rate["entity_raw"], json_rate["label"], json_rate["unit_hint"]) == (
        "koa",
        "Requests/sec",
        "Requests/sec",
    )
    assert json_rate["conditions"] == "json"


def test_labels_that_name_a_measure_or_a_heading_apart_from_the_table_keep_theirs() -> None:
    named = COLUMNS.replace("| plaintext |", "| Memory (MB) |", 1)
    assert _by_value(_parse(named))["71,240"]["label"] == "Memory"
    apart = COLUMNS.replace("#### Requests/sec\n", "#### Requests/sec\n\nWe ran each test twice.\n")
    assert _by_value(_parse(apart))["71,240"]["label"] == "plaintext"
    plain = COLUMNS.replace("#### Requests/sec", "#### Plaintext and JSON")
    assert _by_value(_parse(plain))["71,240"]["label"] == "plaintext"


WORDS = """# Three servers

#### Average Latency

| Endpoint | Rust Axum | Go Chi |
|---|---|---|
| GET /health | 0.48 ms | 0.70 ms |
| GET /items | 0.90 ms | 1.30 ms |

#### Memory usage

| Feature | Rust Axum | Go Chi |
|---|---|---|
| Hot reload | Yes | No |
| Middleware | Built in | Built in |
"""


def test_a_heading_of_metric_words_labels_figures_but_not_a_feature_matrix() -> None:
    page = _parse(WORDS)
    latency = _by_value(page)["1.30 ms"]
    assert (latency["entity_raw"], latency["label"]) == ("Go Chi", "Average Latency")
    assert latency["conditions"] == "Endpoint: GET /items"
    # the cells under 'Memory usage' are words, not figures: the rows keep their labels
    texts = {c["label"] for c in page.claims if c["raw_value"] in ("Yes", "No", "Built in")}
    assert texts == {"Hot reload", "Middleware"}
    results = WORDS.replace("#### Average Latency", "#### Latency results")
    assert _by_value(_parse(results))["1.30 ms"]["label"] == "GET /items"
