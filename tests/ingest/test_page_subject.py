"""Who a page is about when its title names nobody: a status or section line the site repeats
("Closed" on a pull request, "Overview" over each database's results) is never the subject;
the one known name the page uses is. Numbers naming which test ("Test 1 — simple model") are
no figures.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from hashlib import sha256

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot
from tests.ingest.parsing import text_claims

PULL_REQUEST = """source: https://example.org/acme/pnpm/pull/42
Skip to content

pnpm: 3x faster cold installs

Closed
someone wants to merge 9 commits into main

Closed

Summary

With this change pnpm installs 3x faster on a cold cache.
"""

REPEATED_NAME = """source: https://example.org/valkey-notes
Valkey

Notes from a week of load tests.

Valkey

It served 180,000 requests per second on one core.
"""

SECTIONS = """source: https://example.org/orm-bench
## PostgreSQL results

### Overview

Peewee and Piccolo lead the simple tests.

### Test 1: Simple Model (4 fields)

**Test 1 — Simple model**: one table. Same as Test 2 and Test 3, minus the relations.

## MySQL results

### Overview

Piccolo wins Test 3, with 5,210 rows per second.
"""


def _page(text: str) -> list[str]:
    snapshot = Snapshot("mem://page", sha256(text.encode()).hexdigest(), text, "text/plain", "now")
    return parse_snapshot(snapshot).entities


def test_a_repeated_status_line_is_no_subject_the_named_product_is() -> None:
    """'pnpm' starts the headline: used twice on the page, it is a name there too."""
    assert "Closed" not in _page(PULL_REQUEST)
    claims = text_claims(PULL_REQUEST)
    assert {c["entity_raw"] for c in claims if c["raw_value"] == "3x"} == {"pnpm"}


def test_a_repeated_name_line_stays_the_subject() -> None:
    """The look-alike: a product name repeated on its own line is still the page's subject."""
    assert _page(REPEATED_NAME) == ["Valkey"]


def test_a_repeated_section_heading_is_no_subject() -> None:
    assert "Overview" not in _page(SECTIONS)
    claims = text_claims(SECTIONS)
    assert all(c["entity_raw"] != "Overview" for c in claims)


def test_numbers_naming_a_test_are_no_figures() -> None:
    raws = [c["raw_value"] for c in text_claims(SECTIONS)]
    assert "1" not in raws and "2" not in raws
    assert "5,210 rows per second" in raws  # a figure of the same sentence as "Test 3" stays


def test_a_step_number_with_a_unit_after_it_stays_a_figure() -> None:
    """'Phase 2:' names a phase; the figures after it stay."""
    page = "source: x\n\nRedis answered in Phase 2: 14 ms, against 9 ms for KeyDB in phase one.\n"
    raws = [c["raw_value"] for c in text_claims(page)]
    assert "2" not in raws and "14 ms" in raws


SHORT_NAME = """source: https://example.org/phones
Galaxy S24 Ultra vs iPhone 15 Pro: benchmark leak

The Galaxy S24 Ultra and the iPhone 15 Pro met in a new leak.

In the single-core test the Samsung Galaxy S24 reached a score of 2,150.

The iPhone 15 Pro is still ahead, and the Galaxy S24 Ultra trails it.
"""

BOTH_NAMES = """source: https://example.org/phones
Galaxy S24 vs Galaxy S24 Ultra

The Galaxy S24 scored 2,010 in the single-core test. The Galaxy S24 Ultra scored 2,150.

The Galaxy S24 is the smaller phone; the Galaxy S24 Ultra the larger one.
"""


def test_a_subject_written_short_once_is_that_subject() -> None:
    owners = {c["raw_value"]: c["entity_raw"] for c in text_claims(SHORT_NAME)}
    assert owners["2,150"] == "Galaxy S24 Ultra"


def test_two_subjects_one_the_start_of_the_other_stay_apart() -> None:
    owners = {c["raw_value"]: c["entity_raw"] for c in text_claims(BOTH_NAMES)}
    assert owners["2,010"] == "Galaxy S24" and owners["2,150"] == "Galaxy S24 Ultra"


CARDS = """source: https://example.org/model
Whisper Large V3

Speech recognition for many languages.

Whisper Large V3

Model Size
1.55B
Parameters
VRAM Usage
4-6GB
FP16 GPU inference
Languages
99
Supported
"""


def test_a_card_value_may_be_a_range_with_its_unit() -> None:
    claims = {c["raw_value"]: c for c in text_claims(CARDS)}
    assert claims["4-6GB"]["label"] == "VRAM Usage"
    assert claims["4-6GB"]["location_kind"] == "card"


TOOL_BELOW = """source: https://example.org/api-bench
Two web servers under load

We wrote two small servers and pushed them hard.

## Set-up of the servers

Both run on one core with the default settings.

## Results

The first one answered 41,000 requests per second.

The second one kept up until the queue filled.

## How we measured

Each run lasted one minute after a warm-up.

Numbers were taken with autocannon, ten runs each; autocannon ran on a second machine.
"""


def test_a_name_used_only_further_down_is_no_subject() -> None:
    """A known name used twice (a load tool) does not become the page's subject."""
    assert _page(TOOL_BELOW) == []
