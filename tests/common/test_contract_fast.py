"""The contracts' fast pass returns what pandera returns, or hands the frame to pandera."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crosscheck.ingest import claims_frame, parse_snapshot
from crosscheck.ingest.decode import decode_body
from crosscheck.normalize import Normalizer, load_vocabulary, normalize_claims

from crosscheck.common import validation
from crosscheck.common.contract_fast import validate_fast
from crosscheck.common.schemas import ClaimModel, FactModel, FindingModel
from crosscheck.common.validation import validate_frame
from crosscheck.contracts import Snapshot

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The example pages' claims and facts, as the parse task builds them."""
    pages = []
    for path in sorted(EXAMPLES.iterdir()):
        raw = path.read_bytes()
        text, _ = decode_body(raw, None)
        kind = "text/html" if path.suffix == ".html" else "text/plain"
        digest = hashlib.sha256(raw).hexdigest()
        pages.append(parse_snapshot(Snapshot(str(path), digest, text, kind, "now")))
    claims = claims_frame(pages)
    facts = normalize_claims(claims, normalizer=Normalizer(load_vocabulary()).prepare()).facts
    assert len(claims) > 100 and len(facts) > 100
    return claims, facts


def _same(fast: pd.DataFrame | None, slow: pd.DataFrame) -> None:
    assert fast is not None
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    assert [repr(t) for t in fast.dtypes] == [repr(t) for t in slow.dtypes]


def test_valid_claims_and_facts_come_back_as_pandera_returns_them(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    claims, facts = frames
    _same(validate_fast(claims, ClaimModel), ClaimModel.validate(claims, lazy=True))
    _same(validate_fast(facts, FactModel), FactModel.validate(facts, lazy=True))
    # by name, as a run asks: the kept rules (common.contract_rules), not the pandera model
    _same(validate_fast(claims, "ClaimModel"), ClaimModel.validate(claims, lazy=True))
    _same(validate_fast(facts, "FactModel"), FactModel.validate(facts, lazy=True))


def test_a_dtype_the_kept_rules_do_not_list_is_asked_of_pandera(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    facts = frames[1].astype({"alt_low": "float32", "repairs": "int32"})
    slow = FactModel.validate(facts, lazy=True)
    for model in ("FactModel", FactModel):
        fast = validate_fast(facts, model)
        if fast is not None:  # pandera's coercion changes these dtypes: here or in pandera
            _same(fast, slow)


def test_an_all_none_object_column_is_coerced_as_pandera_coerces_it(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    claims = frames[0].assign(conditions=pd.Series([None] * len(frames[0]), dtype=object))
    for model in ("ClaimModel", ClaimModel):
        fast = validate_fast(claims, model)
        _same(fast, ClaimModel.validate(claims, lazy=True))
        assert fast is not None and fast["conditions"].dtype != object


@pytest.mark.parametrize(
    "column, value",
    [
        ("claim_id", ""),  # str_length min 1
        ("page_sha256", "abc"),  # str_length 64
        ("role", "guess"),  # isin
        ("entity_raw", None),  # not nullable
        ("bound", "nearly"),  # isin on a nullable column
        ("repairs", -1),  # ge 0
    ],
)
def test_a_broken_rule_sends_the_frame_to_pandera(
    frames: tuple[pd.DataFrame, pd.DataFrame], column: str, value: object
) -> None:
    facts = frames[1].copy()
    facts.loc[3, column] = value
    assert validate_fast(facts, FactModel) is None
    checked = validate_frame(facts, FactModel, "normalize")
    assert checked.quarantine["claim_id"].tolist() == [facts.loc[3, "claim_id"]]


def test_duplicates_missing_columns_and_frame_checks_go_to_pandera(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    claims, facts = frames
    twice = pd.concat([claims, claims.head(1)], ignore_index=True)
    assert validate_fast(twice, ClaimModel) is None
    assert validate_fast(claims.drop(columns=["label"]), ClaimModel) is None
    numeric = facts.index[facts["value_type"] == "numeric"][0]
    upside_down = facts.copy()
    upside_down.loc[numeric, ["low", "high"]] = [np.float64(9.0), np.float64(1.0)]
    assert validate_fast(upside_down, FactModel) is None


def _findings(claim_ids: list[object]) -> pd.DataFrame:
    n = len(claim_ids)
    return pd.DataFrame(
        {
            "finding_id": [f"f{i}" for i in range(n)],
            "kind": ["conflict"] * n,
            "scope": ["same_page"] * n,
            "severity": ["low"] * n,
            "entity": ["Flask", None, *["Django"] * (n - 2)][:n],
            "metric": ["throughput"] * n,
            "qualifier": [""] * n,
            "explanation": ["why"] * n,
            "claim_ids": claim_ids,
            "root_cause": [None, "f0", *[None] * (n - 2)][:n],
        }
    )


def test_a_models_own_column_check_runs_in_the_fast_pass() -> None:
    """FindingModel's `rests_on_claims` (a `@pa.check` method) is evaluated as pandera
    evaluates it: valid findings come back as pandera returns them, without pandera."""
    findings = _findings([["c0"], ("c1", "c2"), ["c3"]])
    _same(validate_fast(findings, FindingModel), FindingModel.validate(findings, lazy=True))


def test_a_finding_resting_on_no_claim_is_quarantined_as_pandera_quarantines_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    findings = _findings([["c0"], [], ["c3"], "c4"])
    assert validate_fast(findings, FindingModel) is None
    assert validate_fast(findings, "FindingModel") is None
    fast = validate_frame(findings, "FindingModel", "checks")
    monkeypatch.setattr(validation, "fast_pass", lambda frame, model: None)
    slow = validate_frame(findings, FindingModel, "checks")
    assert fast.quarantine["claim_id"].tolist() == slow.quarantine["claim_id"].tolist()
    assert len(fast.quarantine) == 2 and fast.error_counts == slow.error_counts
    pd.testing.assert_frame_equal(fast.valid, slow.valid, check_exact=True)


@pytest.mark.parametrize("by_name", [True, False])
def test_rows_breaking_rules_are_quarantined_as_pandera_alone_quarantines_them(
    frames: tuple[pd.DataFrame, pd.DataFrame], monkeypatch: pytest.MonkeyPatch, by_name: bool
) -> None:
    facts = frames[1].copy()
    facts.loc[3, "role"] = "guess"
    facts.loc[[5, 9], "claim_id"] = facts.loc[4, "claim_id"]  # three rows share an id
    facts.loc[7, "entity"] = ""
    facts.loc[7, "unit"] = "furlong"
    numeric = facts.index[facts["value_type"] == "numeric"][-1]
    facts.loc[numeric, ["low", "high"]] = [np.float64(9.0), np.float64(1.0)]
    fast = validate_frame(facts, "FactModel" if by_name else FactModel, "normalize")
    monkeypatch.setattr(validation, "fast_pass", lambda frame, model: None)
    slow = validate_frame(facts, FactModel, "normalize")
    assert len(fast.quarantine) == 6
    pd.testing.assert_frame_equal(fast.valid, slow.valid, check_exact=True)
    pd.testing.assert_frame_equal(fast.quarantine, slow.quarantine, check_exact=True)
    assert fast.error_counts == slow.error_counts
