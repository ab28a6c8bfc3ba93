"""The import arrows of docs/architecture.md: ground floor ← stages ← roof, never back up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STAGES = ("ingest", "normalize", "checks", "reconcile", "warehouse")
# One-release shims that re-export the ground floor under the old names.
SHIMS = {
    "crosscheck.contracts", "crosscheck.intervals", "crosscheck.formatting", "checks.contracts",
}  # fmt: skip


def _imports(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports stay inside their package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package.replace(".", "/")).rglob("*.py"))


def _top(name: str) -> str:
    """The layer a module belongs to: a stage's name, "common" or "crosscheck" (the roof).

    The stages live in top-level folders but install as ``crosscheck.<stage>``."""
    parts = name.split(".")
    if parts[0] == "crosscheck" and len(parts) > 1 and parts[1] in (*STAGES, "common"):
        return parts[1]
    return parts[0]


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_other_stage_and_not_the_roof(stage: str) -> None:
    bad = []
    for path in _modules(stage):
        for name in _imports(path):
            other_stage = _top(name) in STAGES and _top(name) != stage
            roof = _top(name) == "crosscheck" and name not in SHIMS
            if other_stage or roof:
                bad.append(f"{path.relative_to(REPO)} imports {name}")
    assert not bad, "\n".join(bad)


def test_the_ground_floor_imports_no_stage_and_no_roof() -> None:
    bad = []
    for path in _modules("crosscheck.common"):
        for name in _imports(path):
            if _top(name) in (*STAGES, "crosscheck"):
                bad.append(f"{path.relative_to(REPO)} imports {name}")
    assert not bad, "\n".join(bad)


def test_importing_the_contracts_loads_neither_pandas_nor_pandera() -> None:
    code = (
        "import sys, crosscheck.common, crosscheck.common.contracts, crosscheck.common.errors, "
        "crosscheck.common.units\n"
        "print(sorted(m for m in ('pandas', 'pandera', 'numpy', 'duckdb') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout.strip()
    assert out == "[]"


def test_every_stage_error_shares_the_root_and_pickles() -> None:
    import pickle

    from crosscheck.checks.errors import ChecksError, ContractError
    from crosscheck.ingest.errors import FetchError, IngestError
    from crosscheck.normalize.errors import NormalizeError, VocabularyError
    from crosscheck.reconcile.errors import ReconcileError
    from crosscheck.warehouse.errors import WarehouseError, WarehouseLocked

    from crosscheck.common.errors import CrosscheckError, StepFailed, TransientError

    for root in (IngestError, NormalizeError, ChecksError, ReconcileError, WarehouseError):
        assert issubclass(root, CrosscheckError)
    assert issubclass(ContractError, CrosscheckError)
    errors = [
        FetchError("timed out", http_status=504),
        VocabularyError("metrics.toml", "metric.x", "bad regex"),
        StepFailed("normalize", WarehouseLocked("busy")),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)
        assert copy.__dict__.keys() == error.__dict__.keys()
    assert isinstance(errors[0], TransientError)
    assert pickle.loads(pickle.dumps(errors[2])).is_transient
