"""A table whose corner is 'Scale' (realent26): its rows are scale factors of a benchmark, the
conditions of the named columns' figures ('SF1 (27K nodes)' is no entity)."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

TABLE = """Graphora conclusions

Graphora keeps its memory small at every scale:

| Scale | Graphora | FalkorDB |
|-------|----------|----------|
| SF1 (27K nodes) | 412.5 MB | 96.1 MB |
| SF10 (270K nodes) | 1,204 MB | 388.7 MB |
"""


def test_scale_rows_are_conditions_of_the_named_columns() -> None:
    claims = claims_by_raw(text_claims(TABLE))
    assert claims["412.5 MB"]["entity_raw"] == "Graphora"
    assert claims["96.1 MB"]["entity_raw"] == "FalkorDB"
    assert claims["388.7 MB"]["entity_raw"] == "FalkorDB"
