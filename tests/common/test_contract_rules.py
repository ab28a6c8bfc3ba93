"""The contracts' rules are read from the pandera models once per content and kept: read back
as they were, read again when a model's source changes, and a cache that cannot be written or
read changes nothing but the time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.common import contract_rules
from crosscheck.common.contract_rules import MODEL_NAMES, describe, rules_of
from crosscheck.common.schemas import ClaimModel, FactModel, FindingModel


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    contract_rules._all_rules.cache_clear()
    yield tmp_path / "cache" / "crosscheck" / "contracts"
    contract_rules._all_rules.cache_clear()


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the reads of the pandera models from now on."""
    reads: list[int] = []
    read = contract_rules._describe_all

    def counting() -> dict[str, contract_rules.ModelRules | None]:
        reads.append(1)
        return read()

    monkeypatch.setattr(contract_rules, "_describe_all", counting)
    return reads


def test_every_contract_is_described_and_kept_as_its_schema_says(
    _own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = {"ClaimModel": ClaimModel, "FactModel": FactModel, "FindingModel": FindingModel}
    first = {name: rules_of(name) for name in MODEL_NAMES}
    assert first == {name: describe(model) for name, model in models.items()}
    assert all(rules is not None for rules in first.values())  # no frame needs pandera to pass
    fact_rules = first["FactModel"]
    assert fact_rules is not None
    assert fact_rules.frame_checks == ("low_not_above_high", "numeric_has_interval")
    assert len(list(_own_cache.glob("*.pickle"))) == 1
    reads = _counted(monkeypatch)
    contract_rules._all_rules.cache_clear()  # a new process: the rules from the file
    assert {name: rules_of(name) for name in MODEL_NAMES} == first and reads == []


def test_an_edited_model_is_read_again(_own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules_of("FindingModel")
    reads = _counted(monkeypatch)
    source = contract_rules._source

    def edited(module: str) -> bytes:
        text = source(module)
        return text + b"\n# a new rule\n" if module.endswith(".schemas") else text

    monkeypatch.setattr(contract_rules, "_source", edited)
    contract_rules._all_rules.cache_clear()
    assert rules_of("FindingModel") == describe(FindingModel) and reads == [1]
    assert len(list(_own_cache.glob("*.pickle"))) == 2


def test_a_damaged_file_or_an_unwritable_folder_changes_nothing(
    _own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = describe(FactModel)
    rules_of("FactModel")
    (kept,) = _own_cache.glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    contract_rules._all_rules.cache_clear()
    assert rules_of("FactModel") == expected
    (tmp_path / "blocked").write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    contract_rules._all_rules.cache_clear()
    assert rules_of("FactModel") == expected
