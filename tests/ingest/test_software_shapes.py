"""Shapes of software comparison pages (realacc3: CI services, hosting plans, Kubernetes
distributions, JVM frameworks, ORMs): spec tables whose cells lost their borders to single
spaces with the entities as columns, variant words after the names ('Quarkus JVM'), footnote
marks glued to values, notes in parentheses inside a header, and one table repeated under
several parent headings.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.cell_grid import read_cell_grid
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.spaced_rows import is_spaced_row, name_labels, read_spaced_rows

from crosscheck.contracts import Snapshot


def _parse(text: str) -> tuple[list[str], list[dict[str, Any]]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    page = parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now"))
    return page.entities, page.claims


def _owner(claims: list[dict[str, Any]], raw: str) -> str:
    found = [c for c in claims if c["raw_value"] == raw]
    assert found, f"no claim {raw!r}"
    return str(found[0]["entity_raw"])


VARIANTS = """How fast do JVM services start?

Numbers from one laptop, five runs each.

  Quarkus JVM Micronaut JVM Spring Boot JVM Quarkus Native Micronaut Native Spring Boot Native
Startup (sec) 1.21 0.71 2.05 0.052 0.061 0.118
Heap Used MB 15.1 18.3 29.9 3.4 6.6 12.2
"""


def test_known_names_split_a_spaced_header_into_entity_columns() -> None:
    """Fourteen header words, six columns: each column starts at a known name, and a name
    that only ever follows another one ('JVM') is that column's variant."""
    header = VARIANTS.splitlines()[4]
    labels = name_labels(header, 6)
    assert labels == [
        "",
        *("Quarkus JVM", "Micronaut JVM", "Spring Boot JVM"),
        *("Quarkus Native", "Micronaut Native", "Spring Boot Native"),
    ]
    _, claims = _parse(VARIANTS)
    assert _owner(claims, "1.21") == "Quarkus JVM"
    assert _owner(claims, "0.118") == "Spring Boot Native"
    assert _owner(claims, "29.9") == "Spring Boot JVM"
    assert _owner(claims, "6.6") == "Micronaut Native"


REQUIREMENTS = """Three small Kubernetes distributions side by side

What each one asks of a single node.

Parameter microk8s k3s k0s
Memory (minimal) 3GiB¹ 768MiB² 1GiB
Memory (suggested) 6GiB 2GiB 2GiB
vCPU 2 1 1

¹ measured by us
"""


def test_footnote_marks_and_entity_columns_of_a_spaced_spec_table() -> None:
    assert is_spaced_row("Memory (minimal) 3GiB¹ 768MiB² 1GiB")
    _, claims = _parse(REQUIREMENTS)
    assert _owner(claims, "3GiB¹") == "microk8s"
    assert _owner(claims, "768MiB²") == "k3s"
    assert _owner(claims, "6GiB") == "microk8s"


def test_a_parenthesised_note_stays_with_its_header_label() -> None:
    lines = [
        "Case Before (median) After (median) Speedup",
        "small 12.1s 6.2s 1.95x",
        "wide 17.4s 7.9s 2.20x",
    ]
    found = read_spaced_rows(lines, 0, 1)
    assert found is not None
    block, end = found
    assert end == 3
    assert block.header == ["Case", "Before (median)", "After (median)", "Speedup"]


CI_PRICES = """Guides / GitHub Actions vs GitLab CI

Both bill build minutes, in different ways.

GitHub Actions charges $0.006 per minute on Linux; GitLab CI charges $0.010 per minute.
"""


def test_hosted_ci_services_are_known_names() -> None:
    entities, claims = _parse(CI_PRICES)
    assert entities == ["GitHub Actions", "GitLab CI"]
    assert _owner(claims, "$0.010") == "GitLab CI"


REPEATED = """# Throughput of three ORMs

## Results: PostgreSQL

### Test 1

| Operation | Alpha | Beta | Gamma |
|---|---|---|---|
| Insert | 776 | 651 | 3,455 |
| Get | 2,183 | 2,590 | 6,420 |

## Results: MySQL

### Test 1

| Operation | Alpha | Beta | Gamma |
|---|---|---|---|
| Insert | 460 | 475 | 2,226 |
| Get | 2,058 | 2,065 | 6,891 |
"""


def test_a_table_repeated_under_another_parent_heading_keeps_it_as_a_condition() -> None:
    _, claims = _parse(REPEATED)
    by_raw = {c["raw_value"]: c for c in claims}
    first, second = by_raw["3,455"], by_raw["2,226"]
    assert "MySQL" in (second.get("conditions") or "")  # the heading came before elsewhere
    assert first.get("conditions") != second.get("conditions")


BEFORE_AFTER = """# Install times of a package manager, before and after a change

| Scenario | Stock (median) | Patched (median) | Speedup |
|---|---|---|---|
| small (10 gems) | 12.2s | 6.1s | 2.00x |
| chain (35 gems, deep deps) | 34.0s | 30.0s | 1.13x |
"""


def test_a_before_after_table_has_its_builds_as_columns_and_a_speedup_diff() -> None:
    """The corner names conditions and figures follow it: the columns are what is compared,
    and the speed-up column is the ratio of the two (a diff claim, not a third entity)."""
    _, claims = _parse(BEFORE_AFTER)
    assert _owner(claims, "12.2s") == "Stock (median)"
    assert _owner(claims, "30.0s") == "Patched (median)"
    speedup = next(c for c in claims if c["raw_value"] == "2.00x")
    assert speedup["role"] == "diff"
    assert "small (10 gems)" in (speedup.get("conditions") or "")
    spaced = [
        "Scenario Stock (median) Patched (median) Speedup",
        "small (10 gems) 12.2s 6.1s 2.00x",
        "chain (35 gems, deep deps) 34.0s 30.0s 1.13x",
    ]
    found = read_spaced_rows(spaced, 0, 1)
    assert found is not None and not found[0].entities_as_rows


PRICE_PAIRS = """GitHub Actions vs CircleCI

GitHub Actions costs less on macOS ($0.070/min vs CircleCI's $0.110/min) and Windows ($0.012/min
vs $0.030/min).
"""


def test_prices_in_a_vs_pair_after_an_operating_system_are_figures_of_each_side() -> None:
    """'macOS (' before a price is no OS release (a price is never a setting), and the values
    of '(X vs B's Y)' and '(X vs Y)' go to the sentence's names in order."""
    _, claims = _parse(PRICE_PAIRS)
    assert _owner(claims, "$0.070") == "GitHub Actions"
    assert _owner(claims, "$0.110") == "CircleCI"
    assert _owner(claims, "$0.012") == "GitHub Actions"
    assert _owner(claims, "$0.030") == "CircleCI"


GRID = """Three 1GB servers

Provider

Plan

vCPU

Price/mo

Read IOPS

Acme Cloud

small-1 (s1)

1

$6

11,000

Beta Host

b1-1gb

1

$5

26,500

Gamma VPS

g-1c-1gb

2

$7

9,500

The numbers above come from our own runs, repeated three times.
"""


def test_a_table_flattened_to_one_cell_per_line_keeps_its_column_labels() -> None:
    lines = GRID.splitlines()
    start = lines.index("Provider")
    found = read_cell_grid(lines, start, 1)
    assert found is not None
    block, end = found
    assert block.header == ["Provider", "Plan", "vCPU", "Price/mo", "Read IOPS"]
    assert [row[0] for row in block.rows] == ["Acme Cloud", "Beta Host", "Gamma VPS"]
    assert lines[end - 1] == "9,500"
    _, claims = _parse(GRID)
    iops = next(c for c in claims if c["raw_value"] == "26,500")
    assert iops["entity_raw"] == "Beta Host" and "IOPS" in iops["label"]


def test_short_lines_that_do_not_line_up_are_no_grid() -> None:
    cards = ["Weekly", "77.1M", "Monthly", "340.0M", "Stars", "230k", "Forks", "47k"]
    assert read_cell_grid(cards, 0, 1) is None
    menu = ["Home", "Docs", "Blog", "Pricing", "About", "Careers", "Contact", "Legal", "Status"]
    assert read_cell_grid(menu, 0, 1) is None


def test_the_memory_of_the_test_machine_is_no_figure() -> None:
    text = "Startup of two services\n\nWe ran Quarkus and Micronaut on a Macbook with 16GB RAM.\n"
    _, claims = _parse(text)
    assert not [c for c in claims if c["raw_value"].startswith("16")]


def test_stat_cards_alternating_two_names_are_no_grid() -> None:
    cards = ["Alpha", "Full native support", "Beta", "Manual integration required"]
    cards += ["Alpha", "950+ extensions", "Beta", "190+ extensions"]
    cards += ["Alpha", "23,000+ stars", "Beta", "5,000+ stars"]
    assert read_cell_grid(cards, 0, 1) is None


def _grid(names: list[str]) -> list[str]:
    """A one-cell-per-line table of four columns, one row a name (figures of our own)."""
    lines = ["Host", "Cores", "RAM", "Price"]
    for at, name in enumerate(names):
        lines += [name, str(at % 8 + 1), f"{at % 4 + 1}GB", f"${at + 3}"]
    return lines


def test_a_grid_longer_than_the_first_look_is_read_to_its_last_row() -> None:
    """The reader decides on the header and the first two rows, then reads the whole run."""
    names = [f"Host {chr(65 + i)}" for i in range(20)]
    found = read_cell_grid(_grid(names), 0, 1)
    assert found is not None
    block, end = found
    assert [row[0] for row in block.rows] == names and end == 4 * 21


def test_a_name_repeated_after_the_first_rows_still_makes_no_grid() -> None:
    """Distinct row names are checked over the whole run, not only the first rows."""
    names = [f"Host {chr(65 + i)}" for i in range(15)] + ["Host A"]
    assert read_cell_grid(_grid(names), 0, 1) is None
