"""checks.peaks: a peak's runs are only the same entity's, in the peak's unit, on other pages
(the rows of each entity and unit are grouped once for every peak)."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.peaks import find_exceeded_peaks


def _rates(rows: list[tuple[str, str, str, float, str, str]]) -> pd.DataFrame:
    """Comparable rate figures: (page, entity, label, point, qualifier, unit)."""
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(rows))],
            "source": [r[0] for r in rows],
            "entity": [r[1] for r in rows],
            "metric": ["throughput"] * len(rows),
            "qualifier": [r[4] for r in rows],
            "unit": [r[5] for r in rows],
            "label": [r[2] for r in rows],
            "raw_value": [f"{r[3]:g}" for r in rows],
            "point": [r[3] for r in rows],
        }
    )


def _runs(
    page: str, entity: str, unit: str, points: tuple[float, ...]
) -> list[tuple[str, str, str, float, str, str]]:
    return [(page, entity, "Throughput", p, f"{2**i} clients", unit) for i, p in enumerate(points)]


def test_another_entity_unit_or_the_peaks_own_page_gives_no_runs() -> None:
    peak = [("a.md", "Alpha", "Peak rate", 68.4, "", "req/s")]
    others = [
        *_runs("b.md", "Beta", "req/s", (68.4, 74.1)),  # another entity
        *_runs("c.md", "Alpha", "tokens/s", (68.4, 74.1)),  # another unit
        *_runs("a.md", "Alpha", "req/s", (68.4, 74.1)),  # the peak's own page
        (None, None, "Throughput", 74.1, "9 clients", "req/s"),  # no entity
    ]
    assert find_exceeded_peaks(_rates(peak + others), CheckConfig()) == []


def test_each_peak_is_judged_against_its_own_entitys_runs_in_order() -> None:
    rows = [
        ("a.md", "Alpha", "Peak rate", 68.4, "", "req/s"),
        ("a.md", "Beta", "Peak rate", 51.3, "", "req/s"),
        *_runs("b.md", "Beta", "req/s", (51.3, 55.0)),
        *_runs("c.md", "Alpha", "req/s", (68.4, 74.1)),
        *_runs("d.md", "Alpha", "req/s", (68.4, 70.2)),
    ]
    findings = find_exceeded_peaks(_rates(rows), CheckConfig())
    assert [(f.entity, f.claim_ids) for f in findings] == [
        ("Alpha", ("c0", "c4", "c5")),  # c.md's runs, then d.md's: pages in name order
        ("Alpha", ("c0", "c6", "c7")),
        ("Beta", ("c1", "c2", "c3")),
    ]
