"""Findings on unseen pages, sixth pass: a peak below its own continuous rating in one spec
(checks/peak_ratings.py), a sentence about another product (checks/subjects.py), a statement
whose sentence names neither entity (checks/statement_readings.py), one ratio on two pages
with the decimal point moved (checks/decimal_slips.py).

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.peak_ratings import find_peaks_below_ratings
from crosscheck.checks.statement_readings import unnamed
from crosscheck.checks.subjects import other_subject

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _of(analysis: Analysis, kind: str) -> pd.DataFrame:
    findings = analysis.findings
    return findings[findings["kind"] == kind]


SPEC = """# Home batteries side by side

| Spec | Acme Cell X | Volta Home 3 |
|---|---|---|
| Storage Capacity | 13.6kWh | 13.5kWh |
| Max Continuous Power | 5kW | 11.5 kW |
| Peak Power | 10kW | {peak} |
| Round-trip Efficiency | 89% | 97.5% |
"""


def test_a_peak_below_its_continuous_rating_is_flagged(tmp_path: Path) -> None:
    logic = _of(analyze_pages(tmp_path, {"spec.md": SPEC.format(peak="7kW")}), "logic")
    assert list(logic["entity"]) == ["Volta Home"], logic["explanation"].tolist()
    explanation = logic["explanation"].iloc[0]
    assert "'7kW'" in explanation and "'11.5 kW'" in explanation
    assert "believe the continuous figure" in explanation


def test_a_peak_above_its_continuous_rating_is_not(tmp_path: Path) -> None:
    assert _of(analyze_pages(tmp_path, {"spec.md": SPEC.format(peak="15kW")}), "logic").empty


def _spec_rows(labels: list[str], points: list[float], entities: list[str]) -> pd.DataFrame:
    n = len(labels)
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(n)],
            "source": ["spec.md"] * n,
            "entity": entities,
            "entity_qualifier": [None] * n,
            "metric": [f"auto:{label.lower().replace(' ', '_')}" for label in labels],
            "qualifier": [""] * n,
            "unit": ["W"] * n,
            "label": labels,
            "raw_value": [f"{p:g} W" for p in points],
            "point": points,
            "low": points,
            "high": points,
        }
    )


def test_a_peak_pairs_only_with_the_same_quantity_of_the_same_product() -> None:
    # another product's continuous power, and another quantity of the same product
    rows = _spec_rows(
        ["Peak Power", "Continuous Power", "Peak Output", "Sustained Charge Rate"],
        [7000, 11500, 7000, 9000],
        ["Volta", "Acme", "Volta", "Volta"],
    )
    assert find_peaks_below_ratings(rows, CheckConfig()) == []
    same = _spec_rows(["Surge Power", "Nominal Power"], [3000, 5000], ["Volta", "Volta"])
    assert len(find_peaks_below_ratings(same, CheckConfig())) == 1


OTHER_PRODUCT = """Acme Cell X versus the Zephyr Wall 2

Acme Cell X batteries have a 10.08 kWh storage capacity and 20A continuous output current.

Zephyr Wall 2 packs a punch with 13.5 kWh storage capacity and a continuous output current of 30A.
"""

SAME_PRODUCT = """Acme Cell X versus the Zephyr Wall 2

Acme Cell X batteries have a 10.08 kWh storage capacity and 20A continuous output current.

In the installer's brochure, Acme Cell X is listed with 13.5 kWh storage capacity.
"""


def test_a_sentence_about_another_product_is_no_conflict_side(tmp_path: Path) -> None:
    # the second product's name is not read as an entity: its figure falls to Acme Cell X
    analysis = analyze_pages(tmp_path, {"cells.txt": OTHER_PRODUCT})
    assert {"10.08 kWh", "13.5 kWh"} <= set(analysis.facts["raw_value"])
    assert _of(analysis, "conflict").empty, _of(analysis, "conflict")["explanation"].tolist()


def test_two_figures_of_one_named_product_still_conflict(tmp_path: Path) -> None:
    conflicts = _of(analyze_pages(tmp_path, {"cells.txt": SAME_PRODUCT}), "conflict")
    assert list(conflicts["entity"]) == ["Acme Cell X"], conflicts["explanation"].tolist()


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Zephyr Wall 2 packs 13.5 kWh of storage.", "zephyr wall 2"),
        ("Acme Cell X batteries have 10.08 kWh.", ""),  # names the entity
        ("The Zephyr Wall 2 packs 13.5 kWh.", ""),  # opens with an article
        ("In Zephyr Wall 2 tests it held 13.5 kWh.", ""),
        ("Storage reaches 13.5 kWh.", ""),  # one capitalised word names nothing
    ],
)
def test_other_subject(sentence: str, subject: str) -> None:
    assert other_subject(sentence, "Acme Cell X") == subject


def _statement(evidence: str) -> dict[str, str]:
    return {"evidence": evidence, "a": "Caddy", "b": "Nginx", "a_raw": "Caddy", "b_raw": "NGINX"}


def test_a_statement_naming_neither_entity_reads_as_unnamed() -> None:
    assert unnamed(_statement("It's not 2x faster, it's 4x faster!"))
    assert not unnamed(_statement("Caddy outperforms NGINX by 4x."))
    assert not unnamed(_statement("NGINX was 2x faster on plain HTTP."))


SLIPPED = """Brokers at rest

We started each broker in Docker and read its memory after a cold start.
Right after start, Kafka needed {times} times more memory than RabbitMQ.
"""

MEASURED = """Idle memory of three brokers

Measured with docker stats, one node each.

| Broker | Idle memory |
|---|---|
| RabbitMQ | 122 MiB |
| Kafka | 327 MiB |

Kafka's memory at idle is 2.7x that of RabbitMQ.
"""


def test_a_ratio_with_its_decimal_point_moved_is_flagged(tmp_path: Path) -> None:
    pages = {"a_brokers.txt": SLIPPED.format(times=27), "b_brokers.txt": MEASURED}
    found = _of(analyze_pages(tmp_path, pages), "relation_mismatch")
    assert len(found) == 1, found["explanation"].tolist()
    explanation = found["explanation"].iloc[0]
    assert "decimal point" in explanation and "'327 MiB' vs '122 MiB'" in explanation
    assert explanation.endswith("believe " + str(tmp_path / "b_brokers.txt") + ".")


def test_another_size_on_another_page_is_not(tmp_path: Path) -> None:
    # another benchmark may give another size: only the moved decimal point is a slip
    pages = {"a_brokers.txt": SLIPPED.format(times=25), "b_brokers.txt": MEASURED}
    assert _of(analyze_pages(tmp_path, pages), "relation_mismatch").empty
