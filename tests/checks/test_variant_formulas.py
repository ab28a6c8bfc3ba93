"""checks.variant_formulas: per-variant lines of one product ("N TB for the 1TB model") that
break DWPD x capacity / TBW, the same for every capacity; lines that hold, a single shared
variant, or another product's line never fire. Figures echo real spec pages; lines are made up."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.variant_formulas import find_variant_formula_breaks

from crosscheck.contracts import FindingKind

TBW = "- Endurance: 300 TB for the 512GB drive, 600 TB for the 1TB drive"
DWPD = "- DWPD: {a} for the 512GB, {b} for the 1TB"


def _facts(dwpd: tuple[str, str], entity_of_dwpd: str = "Drive X") -> pd.DataFrame:
    line = DWPD.format(a=dwpd[0], b=dwpd[1])
    rows = [
        ("Drive X", "Endurance", "300 TB", 3e14, "B", TBW),
        ("Drive X", "Endurance", "600 TB", 6e14, "B", TBW),
        (entity_of_dwpd, "DWPD", dwpd[0], float(dwpd[0]), "count", line),
        (entity_of_dwpd, "DWPD", dwpd[1], float(dwpd[1]), "count", line),
    ]
    starts = [TBW.find("300 TB"), TBW.find("600 TB"), line.find(dwpd[0]), line.rfind(dwpd[1])]
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(rows))],
            "source": ["a.md"] * len(rows),
            "entity": [r[0] for r in rows],
            "label": [r[1] for r in rows],
            "raw_value": [r[2] for r in rows],
            "low": [r[3] for r in rows],
            "high": [r[3] for r in rows],
            "bound": [None] * len(rows),
            "unit": [r[4] for r in rows],
            "evidence": [r[5] for r in rows],
            "value_start": starts,
        }
    )


def test_per_capacity_dwpd_that_follows_the_tbw_is_not_flagged() -> None:
    assert find_variant_formula_breaks(_facts(("0.33", "0.33"))) == []


def test_a_doubled_dwpd_for_one_capacity_is_flagged() -> None:
    findings = find_variant_formula_breaks(_facts(("0.33", "0.66")))
    assert [(f.kind, f.entity, f.claim_ids) for f in findings] == [
        (FindingKind.LOGIC, "Drive X", ("c0", "c1", "c2", "c3"))
    ]


def test_another_products_line_is_never_set_against_it() -> None:
    assert find_variant_formula_breaks(_facts(("0.33", "0.66"), "Drive Y")) == []


def test_one_shared_variant_tells_nothing() -> None:
    facts = _facts(("0.33", "0.66"))
    facts.loc[3, "evidence"] = "- DWPD: 0.33 for the 512GB, 0.66 overall"
    facts.loc[3, "value_start"] = facts.loc[3, "evidence"].rfind("0.66")
    assert find_variant_formula_breaks(facts) == []
