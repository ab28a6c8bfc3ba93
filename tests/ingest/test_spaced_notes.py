"""A space-separated table with a trailing notes column (realcond21): the words after each
row's figures are its note, the figures go to the named columns in order."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

TABLE = """Package installers timed

Install Task pip Poetry uv Speed Notes
Flask 3.0.3 + deps 11s 6s 1.4s uv clearly ahead
Data stack (numpy/scipy) 52s 27s 3.9s pip blocks the shell
Warm cache 6s 2s 0.2s uv cache hits

Everything ran twice.
"""


def test_a_notes_column_leaves_the_figures_to_their_columns() -> None:
    claims = claims_by_raw(text_claims(TABLE))
    assert claims["11s"]["entity_raw"] == "pip"
    assert claims["1.4s"]["entity_raw"] == "uv"
    assert claims["27s"]["entity_raw"] == "Poetry"
    assert claims["3.9s"]["label"] == "Data stack (numpy/scipy)"
    assert claims["1.4s"]["label"] == "Flask 3.0.3 + deps"
