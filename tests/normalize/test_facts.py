"""normalize_claims: column-wise decisions give every claim its own fact, in order, and the
per-process caches never change an answer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crosscheck.ingest import claims_frame, parse_snapshot
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file
from crosscheck.normalize import Normalizer, load_vocabulary, normalize_claims, repair_text
from crosscheck.normalize.verdicts import verdict_claims

from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS, QuarantineReason
from tests.conftest import EXAMPLES_DIR, SEEDS_DIR


def _claims(tmp_path: Path) -> pd.DataFrame:
    store = SnapshotStore(tmp_path / "snapshots")
    paths = sorted(SEEDS_DIR.glob("*.txt")) + sorted(p for p in EXAMPLES_DIR.iterdir())
    return claims_frame(parse_snapshot(read_file(str(p), store)) for p in paths)


def _claim(**fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "claim_id": "c1",
        "source": "page.html",
        "page_sha256": "0" * 64,
        "page_title": "Flask vs FastAPI",
        "entity_raw": "Flask",
        "counterpart_raw": None,
        "label": "Requests per second",
        "unit_hint": None,
        "raw_value": "~2,500 req/sec",
        "role": "value",
        "location_kind": "table_cell",
        "locator": "table 1 / row 1 / column Flask",
        "row_key": "table 1 / row 1",
        "evidence": "~2,500 req/sec",
        "value_start": 0,
    }
    row.update(fields)
    return row


def _frame(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)


@pytest.fixture(scope="module")
def vocabulary():  # type: ignore[no-untyped-def]
    return load_vocabulary()


def test_warm_caches_and_batches_change_nothing(tmp_path: Path, vocabulary) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(tmp_path)
    assert len(claims) > 600
    whole = normalize_claims(claims, normalizer=Normalizer(vocabulary))
    shared = Normalizer(vocabulary)
    halves = [claims.iloc[: len(claims) // 2], claims.iloc[len(claims) // 2 :]]
    parts = [normalize_claims(half, normalizer=shared) for half in reversed(halves)]
    again = pd.concat([parts[1].facts, parts[0].facts], ignore_index=True)
    pd.testing.assert_frame_equal(whole.facts, again)
    rerun = normalize_claims(claims, normalizer=shared)  # every key now comes from the cache
    pd.testing.assert_frame_equal(whole.facts, rerun.facts)
    pd.testing.assert_frame_equal(whole.quarantine, rerun.quarantine)
    assert list(whole.facts.columns) == FACT_COLUMNS
    # every claim is a fact or a quarantine row, in claim order; a verdict without a number
    # ("A uses less memory than B") is neither: it is a relation (normalize.verdicts)
    verdicts = verdict_claims(claims)
    assert len(whole.facts) + len(whole.quarantine) + int(verdicts.sum()) == len(claims)
    kept = claims[~claims["claim_id"].isin(whole.quarantine["claim_id"]) & ~verdicts]
    assert whole.facts["claim_id"].tolist() == kept["claim_id"].tolist()


def test_same_text_in_two_places_gets_the_fields_of_each_place(vocabulary) -> None:  # type: ignore[no-untyped-def]
    table = _claim(claim_id="t", unit_hint="ms", raw_value="175", label="Cold Start Latency")
    prose = _claim(
        claim_id="p",
        raw_value="175",
        location_kind="prose",
        label="FastAPI starts cold in 175 ms on our machine",
        evidence="FastAPI starts cold in 175 ms on our machine",
        entity_raw="FastAPI's",
    )
    facts = normalize_claims(_frame(table, prose), normalizer=Normalizer(vocabulary)).facts
    by_id = facts.set_index("claim_id")
    assert by_id.loc["t", "unit"] == "s" and by_id.loc["t", "low"] == pytest.approx(0.175)
    assert by_id.loc["p", "entity"] == "FastAPI" and by_id.loc["t", "entity"] == "Flask"
    assert by_id.loc["p", "unit"] == "count"  # no unit in the cell and none in the sentence


def test_quarantine_rows_keep_claim_order_and_say_why(vocabulary) -> None:  # type: ignore[no-untyped-def]
    rows = [
        _claim(claim_id="a", raw_value="€55/month"),
        _claim(claim_id="b"),
        _claim(claim_id="c", entity_raw="column 4", locator="table 1 / row 1 / column 4"),
        _claim(claim_id="d", raw_value="12 to 5"),
    ]
    result = normalize_claims(_frame(*rows), normalizer=Normalizer(vocabulary))
    assert result.facts["claim_id"].tolist() == ["b"]
    quarantine = result.quarantine.set_index("claim_id")
    assert quarantine.index.tolist() == ["a", "c", "d"]
    assert quarantine.loc["a", "reason"] == QuarantineReason.UNKNOWN_UNIT.value
    assert quarantine.loc["c", "reason"] == QuarantineReason.UNMAPPED_ENTITY.value
    assert "table 1 / row 1 / column 4" in quarantine.loc["c", "message"]
    assert "backwards" in quarantine.loc["d", "message"]
    assert result.counts == {"claims": 4, "facts": 1, "quarantined": 3, "unmapped": 0}


def test_repairs_count_mojibake_in_the_evidence_only(vocabulary) -> None:  # type: ignore[no-untyped-def]
    rows = [
        _claim(claim_id="clean", evidence="Flask — ~2,500 req/sec\u00a0(with gunicorn)"),
        _claim(claim_id="greek", evidence="Flask β ~2,500 req/sec"),
        _claim(claim_id="entity", evidence="Flask &#946; ~2,500 req/sec"),
        _claim(claim_id="empty", evidence="", raw_value="~2,500 req/secβ"),
    ]
    facts = normalize_claims(_frame(*rows), normalizer=Normalizer(vocabulary)).facts
    repairs = dict(zip(facts["claim_id"], facts["repairs"], strict=True))
    assert repairs == {"clean": 0, "greek": 1, "entity": 1, "empty": 1}


def test_evidence_counts_per_shape_stay_those_of_each_text(vocabulary) -> None:  # type: ignore[no-untyped-def]
    """Counts are cached per text shape (digits as zeros) only where digits cannot matter."""
    evidence = [
        "Cold Start (ms) | 1β2 | β",  # a range and an empty cell: 2
        "Cold Start (ms) | 3β4 | β",  # the same shape: 2
        "Cold Start (ms) | 5 | β",  # another shape: 1
        "Stars (k) | 12 | &#946;",  # a numeric entity spells β, an empty cell: 1
        "Stars (k) | 12 | &#947;",  # the same shape but γ, a real Greek letter: 0
    ]
    rows = [_claim(claim_id=f"e{i}", evidence=text) for i, text in enumerate(evidence)]
    normalizer = Normalizer(vocabulary)
    for _ in range(2):  # cold, then from the caches
        facts = normalize_claims(_frame(*rows), normalizer=normalizer).facts
        assert facts["repairs"].tolist() == [repair_text(t).mojibake for t in evidence]
    assert facts["repairs"].tolist() == [2, 2, 1, 1, 0]


def test_empty_frame(vocabulary) -> None:  # type: ignore[no-untyped-def]
    result = normalize_claims(_frame(), normalizer=Normalizer(vocabulary))
    assert result.facts.empty and result.quarantine.empty
    assert list(result.facts.columns) == FACT_COLUMNS
