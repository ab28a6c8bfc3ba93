"""Years, versions and dates take no unit from a neighbour (issue 16).

A unit or scale carried from the figure before ("54 billion transistors ... launched in 2021")
or from another cell belongs to measures; a calendar year, a version or a date is none."""

from __future__ import annotations

import hashlib

import pytest
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.normalize.label_units import effective_hint
from crosscheck.normalize.quantity import parse_quantity

from crosscheck.contracts import Snapshot
from tests.analysis import analyze_paths


def test_a_year_label_beats_a_scale_carried_from_elsewhere() -> None:
    assert effective_hint("billion transistors", "launched") == "release year"
    parsed = parse_quantity("2021", effective_hint("billion transistors", "launched"))
    assert (parsed.low, parsed.unit) == (2021, "year")
    # a scale hint under a measure's label still scales it
    assert effective_hint("thousands", "RPS") == "thousands RPS"


def _claims(text: str) -> list[dict[str, object]]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("gpu.md", digest, text, "text/markdown", "now")).claims


@pytest.mark.parametrize(
    ("sentence", "raw"),
    [
        ("The Zeta chip holds some 61 billion transistors and was launched in 2021.", "2021"),
        ("Zeta moves 41 GB/s on the copy test and ships with firmware 2.4.1 today.", "2.4.1"),
    ],
)
def test_a_year_or_version_after_a_measure_takes_no_unit_hint(sentence: str, raw: str) -> None:
    claims = _claims(f"# Zeta vs Omega GPUs\n\n{sentence}\n")
    mine = [c for c in claims if c["raw_value"] == raw]
    assert all(c["unit_hint"] is None for c in mine), mine


def test_the_release_year_of_a_sentence_is_a_year(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "gpu.md"
    page.write_text(
        "# Zeta vs Omega GPUs\n\n"
        "- **Zeta**: about 61 billion transistors, first released in 2021.\n"
        "- **Omega**: about 47 billion transistors, first released in 2019.\n",
        encoding="utf-8",
    )
    facts = analyze_paths([page], tmp_path / "store").facts
    years = facts[facts["raw_value"].isin(["2021", "2019"])]
    assert sorted(zip(years["entity"], years["low"], years["unit"], strict=True)) == [
        ("Omega", 2019.0, "year"),
        ("Zeta", 2021.0, "year"),
    ]


def test_a_qualifying_word_before_a_rate_keeps_the_rate() -> None:
    """'HTTP requests per second' carried to a bare '6,180' is a rate, not a count of requests."""
    parsed = parse_quantity("6,180", effective_hint("HTTP requests per second", "throughput"))
    assert (parsed.low, parsed.unit) == (6180, "req/s")
    assert parse_quantity("12", effective_hint("HTTP requests", None)).unit == "count"


def test_reaching_a_version_in_a_year_labels_a_calendar_year() -> None:
    assert effective_hint(None, "reaching") == "release year"
    assert parse_quantity("2022", effective_hint(None, "reaching")).unit == "year"


def test_a_scale_is_never_carried_to_the_next_figure() -> None:
    """'Zeta 1M, Omega 4000': Omega's 4000 is four thousand, not four billion."""
    claims = _claims("# Zeta vs Omega\n\nMemory: Zeta 1M, Omega 4000.\n")
    assert [c["unit_hint"] for c in claims if c["raw_value"] == "4000"] == [None]
