"""Software leaderboards: which cell names a row's entity when a language column repeats
beside a framework column, and rows named by a bare version. Fixtures written here (figures
only, invented names)."""

from __future__ import annotations

from typing import Any

import pytest
from crosscheck.ingest import table_rows
from crosscheck.ingest.page_product_words import without_bylines

from tests.ingest.parsing import parse_snapshot_text

ROUTERS = """# Router speed

| Language (Runtime) | Framework (Middleware) | Requests / s | Throughput |
|---|---|---:|---:|
| zeta (1.4) | [quill](http://quill.example) (0.2) | 120500.00 | 310.20 MB |
| omega (3.1) | [brisk](http://brisk.example) (2.5) | 110400.33 | 290.10 MB |
| zeta (1.4) | [tarn](http://tarn.example) (0.9) | 98000.67 | 150.50 MB |
| omega (3.1) | [fjord](http://fjord.example) (1.1) | 87000.00 | 140.00 MB |
"""


def _owners(text: str) -> dict[str, Any]:
    return {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}


def test_a_repeated_language_column_classes_the_frameworks_after_it() -> None:
    owners = _owners(ROUTERS)
    assert owners["120500.00"] == "quill (0.2)"
    assert owners["290.10 MB"] == "brisk (2.5)"
    assert owners["98000.67"] == "tarn (0.9)"
    assert "zeta (1.4)" not in owners.values()


def test_distinct_first_names_stay_the_entities() -> None:
    # every language once: the first column names the rows, the second is a value
    text = ROUTERS.replace("| zeta (1.4) | [tarn]", "| kappa (2.0) | [tarn]").replace(
        "| omega (3.1) | [fjord]", "| sigma (0.7) | [fjord]"
    )
    owners = _owners(text)
    assert owners["98000.67"] == "kappa (2.0)"
    assert owners["87000.00"] == "sigma (0.7)"


@pytest.mark.parametrize(
    ("cells", "repeated"),
    [
        (["zeta (1.4)", "omega (3.1)", "zeta (1.4)", "omega (3.1)"], True),
        (["zeta std", "", "omega web", ""], False),  # a row-span: _sub_key joins those
        (["zeta", "omega", "kappa", "zeta"], False),  # mostly distinct: names
        (["zeta", "zeta", "zeta"], False),  # too few rows to tell
        (["1.4", "1.4", "3.1", "3.1"], False),  # versions, no names
    ],
)
def test_repeated_names(cells: list[str], repeated: bool) -> None:
    assert table_rows._repeated_names("Language", cells) is repeated


LINES = """Python 4.2 speed check

Results on the small laptop:

4.2.0    - ~31 sec
4.1.6    - ~29 sec
3.9.6     - ~48 sec
Brill VM   - ~0.52 sec
tcc       - ~0.21 sec

That is all.
"""


def test_name_dash_figure_lines_are_one_row_each() -> None:
    claims = parse_snapshot_text(LINES).claims
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["~0.52 sec"] == "Brill VM"
    assert owners["~0.21 sec"] == "tcc"


def test_a_bare_version_row_is_that_version_of_the_titles_subject() -> None:
    claims = parse_snapshot_text(LINES).claims
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["~31 sec"] == "Python 4.2.0"
    assert owners["~48 sec"] == "Python 3.9.6"
    raws = {c["raw_value"] for c in claims}
    assert not raws & {"4.2", "4.1", "3.9", "4.2.0"}  # the versions are names, no figures


def test_a_bare_version_with_no_known_subject_stays_the_name() -> None:
    claims = parse_snapshot_text(LINES.replace("Python 4.2", "Quux 4.2")).claims
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["~31 sec"] == "4.2.0"


def test_one_dash_line_stays_prose() -> None:
    claims = parse_snapshot_text("Quick note\n\ntcc       - ~0.21 sec\n\nThat is all.\n").claims
    assert all(c["entity_raw"] != "tcc" or "table" not in c["locator"] for c in claims)


RUNS = """# Loop speed

```text
===== Comparison =====
Rounds used: 500000

> Quill
Version: quill 2.1.0
Time: 640 ms
Result: 3.14159

> Brisk 3 (fast)
Version: 0.9.1
Time: 71 ms
Result: 3.14159

> C++
Version: cc 6.4.0
Time: 5 ms
Result: 3.14159
```
"""


def test_quoted_run_headings_name_their_summary_lines() -> None:
    claims = parse_snapshot_text(RUNS).claims
    owners = {c["raw_value"]: (c["entity_raw"], c["conditions"]) for c in claims}
    assert owners["640 ms"] == ("Quill", "Rounds used: 500000")
    assert owners["71 ms"][0] == "Brisk 3 (fast)"
    assert owners["5 ms"][0] == "C++"
    raws = {c["raw_value"] for c in claims}
    assert not raws & {"0.9.1", "500000"}  # a version line and the set-up are no figures


def test_a_shell_prompt_block_stays_code() -> None:
    text = RUNS.replace("> Quill", "> quill run --bench").replace("> Brisk 3 (fast)", "> brisk go")
    claims = parse_snapshot_text(text).claims
    assert not any(c["entity_raw"] == "Quill" for c in claims)
    assert not any("Brisk" in c["entity_raw"] for c in claims)


def test_a_lead_in_line_is_the_condition_of_the_lines_below_it() -> None:
    text = LINES + (
        "\nOn the big server:\n\n4.2.0    - ~12 sec\n4.1.6    - ~11 sec\ntcc       - ~0.08 sec\n"
    )
    claims = parse_snapshot_text(text).claims
    conditions = {c["raw_value"]: c["conditions"] for c in claims}
    assert conditions["~31 sec"] == "Results on the small laptop"
    assert conditions["~12 sec"] == "On the big server"


BYLINE = """Tech Notes

Quillan
Quillan

Posted on Mar 3

Brisk-web: first in 12 of 20 tests

Brisk-web is a web framework. Brisk-web served 2.61M requests/sec at 4,096 connections.
Brisk-web used 158MB of memory.
"""


def test_an_authors_byline_names_no_subject() -> None:
    claims = parse_snapshot_text(BYLINE).claims
    assert claims
    assert not any(c["entity_raw"] == "Quillan" for c in claims)


def test_without_bylines_keeps_names_not_above_a_marker() -> None:
    texts = ["Quillan", "Quillan", "Posted on Mar 3", "Brisk-web", "Published results"]
    assert without_bylines(texts) == ["Posted on Mar 3", "Brisk-web", "Published results"]
    assert without_bylines(["Quillan", "Brisk 2 served 5 ms"]) == ["Quillan", "Brisk 2 served 5 ms"]


VERSUS = """Go vs Rust: web servers in 2026

We tested Go and Rust servers over HTTP/2.

Go served 120,000 req/s with a p99 of 4.1 ms.
Rust served 150,000 req/s with a p99 of 3.2 ms.
Java 21 reached 98,000 req/s.
The Java 21 build used 410 MB of memory.
Node 20 reached 61,000 req/s.
Node 20 used 180 MB.
"""


def test_known_names_with_versions_own_their_figures_beside_a_vs_title() -> None:
    owners = _owners(VERSUS)
    assert owners["150,000 req/s"] == "Rust"
    assert owners["98,000 req/s"] == "Java 21"
    assert owners["410 MB"] == "Java 21"
    assert owners["61,000 req/s"] == "Node 20"


def test_a_known_version_named_as_a_condition_owns_nothing() -> None:
    text = VERSUS.replace(
        "Node 20 reached 61,000 req/s.", "Rust reached 61,000 req/s running Node 20."
    )
    text = text.replace("Node 20 used 180 MB.", "Go used 180 MB running Node 20.")
    owners = _owners(text)
    assert owners["61,000 req/s"] == "Rust"
    assert owners["180 MB"] == "Go"
