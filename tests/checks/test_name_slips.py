"""checks.name_slips end to end on a page written for the test (figures echo a real GPU page): a
takeaway that gives one card's table figures to a name one model number away is flagged; the
same takeaway under the card's own name is not, nor are capacity variants or names apart by more."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.checks.name_slips import _one_number_apart

from tests.analysis import analyze_pages

PAGE = """# RTX 4080 vs RTX 4090

| Spec | RTX 4080 | RTX 4090 |
|---|---|---|
| CUDA Cores | 9728 | 16384 |
| Memory | 16 GB | 24 GB |
| TDP | 320 W | 450 W |

## Takeaways

- The RTX 4090 brings 24 GB of memory and 16384 CUDA cores.
- Meanwhile the {name} brings 16 GB of memory and 9728 CUDA cores.
"""


def _slips(tmp_path: Path, name: str) -> pd.DataFrame:
    found = analyze_pages(tmp_path, {"cards.md": PAGE.format(name=name)}).findings
    return found[found["explanation"].str.contains("likely a slip for")]


def test_a_takeaway_under_a_mistyped_model_number_is_flagged(tmp_path: Path) -> None:
    found = _slips(tmp_path, "RTX 2080")
    assert found[["kind", "entity"]].values.tolist() == [["misattribution", "RTX 2080"]]
    assert "RTX 4080" in found["explanation"].iloc[0]


def test_the_slip_finding_rests_on_the_table_cells_it_copies(tmp_path: Path) -> None:
    """The finding cites both sides: the takeaway's figures and the owner's table cells."""
    analysis = analyze_pages(tmp_path, {"cards.md": PAGE.format(name="RTX 2080")})
    found = analysis.findings[analysis.findings["explanation"].str.contains("likely a slip")]
    cited = set(found["claim_ids"].iloc[0])
    claims = analysis.claims.set_index("claim_id")
    kinds = set(claims.loc[sorted(cited), "location_kind"])
    assert "table_cell" in kinds and len(kinds) == 2
    cells = claims.loc[sorted(cited)]
    in_table = cells[cells["location_kind"] == "table_cell"]
    assert sorted(in_table["raw_value"]) == ["16 GB", "9728"]


def test_the_same_takeaway_under_its_own_name_is_not(tmp_path: Path) -> None:
    assert _slips(tmp_path, "RTX 4080").empty


def test_names_apart_by_more_than_one_model_number_are_not_paired() -> None:
    assert _one_number_apart("RTX 2080", "RTX 4080")
    assert not _one_number_apart("RTX 2080", "RTX 4080 Ti")
    assert not _one_number_apart("990 Pro 1TB", "990 Pro 2TB")  # capacity variants
    assert not _one_number_apart("Card 80", "Card 800")
