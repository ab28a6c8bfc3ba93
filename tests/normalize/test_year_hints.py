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


def test_the_cjk_year_sign_is_a_duration_unless_it_follows_a_calendar_year() -> None:
    """'13 年' is 13 years; '2024年' is the year 2024, whatever value of its shape came first."""
    import pandas as pd
    from crosscheck.normalize import Normalizer, load_vocabulary, normalize_claims

    from crosscheck.contracts import CLAIM_COLUMNS

    def claim(number: int, raw: str) -> dict[str, object]:
        return {
            "claim_id": f"c{number}", "source": "page.md", "page_sha256": "0" * 64,
            "page_title": None, "entity_raw": "Alpha", "counterpart_raw": None,
            "label": "Widget age", "unit_hint": None, "raw_value": raw, "role": "value",
            "location_kind": "prose", "locator": f"paragraph {number}", "row_key": None,
            "evidence": "", "value_start": -1, "conditions": None,
        }  # fmt: skip

    rows = [claim(1, "3000年"), claim(2, "2024年"), claim(3, "13 年"), claim(4, "2019 年")]
    claims = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    facts = normalize_claims(claims, normalizer=Normalizer(load_vocabulary())).facts
    read = dict(zip(facts["claim_id"], zip(facts["low"], facts["unit"], strict=True), strict=True))
    assert read["c2"] == (2024.0, "year") and read["c4"] == (2019.0, "year")
    assert read["c3"][1] == "s" and read["c3"][0] == pytest.approx(13 * 365.25 * 86400)
    assert read["c1"][1] == "s"  # 3000 is no calendar year of a release
