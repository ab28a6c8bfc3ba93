"""Findings precision on software spec and plan tables (realacc3): plans of one price tier
share coarse values, a table of driver names repeats across rows, and a requirement row's
'minimal' and 'suggested' memory are two figures, not a conflict.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, name: str, text: str) -> Analysis:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


PLANS = """# Five-dollar plans: DigitalOcean vs Vultr

| Spec | DigitalOcean | Vultr |
|---|---|---|
| Memory | 1GB | 1GB |
| Price | $5/month | $5/month |
| Disk | 25GB | 32GB |
| Geekbench 6 multi | 1,240 | 1,050 |
"""


def test_coarse_values_shared_by_plans_of_one_tier_are_no_copied_column(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "plans.md", PLANS)
    assert "identical_columns" not in set(analysis.findings["kind"])


COPIED = """# Startup of two frameworks

| Metric | Quarkus | Micronaut |
|---|---|---|
| Startup time (s) | 1.154 | 1.154 |
| Heap used (MB) | 14.4 | 17.6 |
"""


def test_a_precise_value_copied_across_a_row_is_still_flagged(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "copied.md", COPIED)
    assert "identical_columns" in set(analysis.findings["kind"])


DRIVERS = """# Python ORMs and their drivers

| ORM | Type | PostgreSQL | MySQL | SQLite |
|---|---|---|---|---|
| Tortoise ORM | async | asyncpg | asyncmy | aiosqlite |
| SQLModel | async | asyncpg | aiomysql | aiosqlite |
| ormar | async | asyncpg | aiomysql | aiosqlite |
| peewee | sync | psycopg2 | pymysql | sqlite3 |
"""


def test_rows_of_the_same_driver_names_are_no_copied_figures(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "drivers.md", DRIVERS)
    assert "identical_columns" not in set(analysis.findings["kind"])


REQUIREMENTS = """# Small Kubernetes distributions

| Parameter | MicroK8s | k3s | k0s |
|---|---|---|---|
| Memory (minimal) | 2GiB | 512MiB | 1GiB |
| Memory (suggested) | 4GiB | 1GiB | 1GiB |
"""


def test_minimal_and_suggested_memory_are_two_figures(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "k8s.md", REQUIREMENTS)
    assert "conflict" not in set(analysis.findings["kind"])


RELEASES = """# Five bundlers side by side

| Feature | Vite | Webpack | Rollup | Parcel | esbuild |
|---|---|---|---|---|---|
| First release year | 2020 | 2012 | 2015 | 2017 | 2020 |
| Bundle time (s) | 1.31 | 7.52 | 4.06 | 3.37 | 0.39 |
"""

TWO_RELEASES = """# Two bundlers side by side

| Feature | Vite | esbuild |
|---|---|---|
| First release year | 2020 | 2020 |
| Bundle time (s) | 1.31 | 0.39 |
"""


def test_two_of_several_products_released_the_same_year_is_chance(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "releases.md", RELEASES)
    assert "identical_columns" not in set(analysis.findings["kind"])


def test_two_columns_alone_sharing_a_release_year_are_still_a_copy(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "two.md", TWO_RELEASES)
    assert "identical_columns" in set(analysis.findings["kind"])
