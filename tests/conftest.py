"""Shared fixtures: where the repository, its examples and the shared seed pages are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("CROSSCHECK_SHARED", REPO_ROOT.parent / "shared"))
SEEDS_DIR = SHARED_DIR / "seeds"
EXAMPLES_DIR = REPO_ROOT / "examples" / "pages"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shared seed snapshots; CI always has ../shared beside the checkout."""
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"seed pages not found at {SEEDS_DIR}; set CROSSCHECK_SHARED")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_files(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_000(seeds_dir: Path) -> Path:
    return next(seeds_dir.glob("000_*.txt"))


@pytest.fixture(scope="session")
def seed_002(seeds_dir: Path) -> Path:
    return next(seeds_dir.glob("002_*.txt"))
