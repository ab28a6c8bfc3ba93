"""The HTML and text fixtures are extracted completely: every figure a human sees, no more."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import FIXTURES_DIR
from tests.ingest.parsing import parse_file

EXPECTED = sorted(FIXTURES_DIR.glob("*/*.expected.json"))


def _page_for(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    return next(p for p in expected.parent.glob(f"{stem}.*") if not p.name.endswith(".json"))


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.parent.name + "/" + p.name)
def test_fixture_claims_match_expectation(expected: Path) -> None:
    data = json.loads(expected.read_text(encoding="utf-8"))
    claims = data["claims"] if isinstance(data, dict) else data
    want = Counter((c["entity"], c["label"], c["raw_value"]) for c in claims)
    page = parse_file(_page_for(expected))
    # Cells beyond the header's columns are kept (entity "column N") so that normalize can
    # quarantine them with a reason; the fixtures list only what a human attributes.
    got = Counter(
        (c["entity_raw"], c["label"], c["raw_value"])
        for c in page.claims
        if not c["entity_raw"].startswith("column ")
    )
    assert got == want


def test_fixture_count_is_meaningful() -> None:
    assert len(EXPECTED) >= 10


def test_cell_beyond_header_is_kept_for_quarantine() -> None:
    page = parse_file(FIXTURES_DIR / "html" / "table_header_in_body.html")
    extra = [c for c in page.claims if c["entity_raw"].startswith("column ")]
    assert [(c["label"], c["raw_value"]) for c in extra] == [("Ecosystem Extensions", "PyPI")]


def test_diff_cells_are_derived_claims_with_counterpart() -> None:
    page = parse_file(FIXTURES_DIR / "html" / "table_basic.html")
    diffs = [c for c in page.claims if c["role"] == "diff"]
    assert diffs, "the Diff column yields claims"
    assert {c["entity_raw"] for c in diffs} == {"Flask"}
    assert {c["counterpart_raw"] for c in diffs} == {"FastAPI"}
    assert all(c["locator"].endswith("/ column Diff") for c in diffs)


def test_xss_payloads_stay_text() -> None:
    page = parse_file(FIXTURES_DIR / "html" / "xss.html")
    texts = " ".join(c["entity_raw"] + c["label"] + c["raw_value"] for c in page.claims)
    assert "<script>" in texts  # kept verbatim as data, escaped later wherever it is shown
    assert all("99,999" not in c["raw_value"] for c in page.claims)  # real <script> ignored


def test_nbsp_is_kept_as_written() -> None:
    page = parse_file(FIXTURES_DIR / "html" / "cp1252.html")
    assert any("\u00a0" in c["raw_value"] for c in page.claims)


def test_div_rows_are_attribute_rows() -> None:
    page = parse_file(FIXTURES_DIR / "html" / "div_rows.html")
    kinds = {c["location_kind"] for c in page.claims}
    assert "attribute_row" in kinds
    rows = [c for c in page.claims if c["location_kind"] == "attribute_row"]
    assert all(c["locator"].startswith("attribute rows ") for c in rows)
