"""A 'Format' column beside the engine column (realcond21): the file format is a condition of
the engine's figure, so one engine's two formats are never one entity's conflict."""

from __future__ import annotations

from tests.ingest.parsing import text_claims

TABLE = """Reading a column subset

| Rank | Engine | Format | Median |
|---|---|---|---|
| 1 | polars | parquet-zstd | 0.041 s |
| 2 | polars | feather | 0.057 s |
| 3 | pandas-pyarrow | feather | 0.120 s |
"""


def test_a_format_column_is_a_condition_of_the_engine_figure() -> None:
    claims = {c["raw_value"]: c for c in text_claims(TABLE, "mem://t.md")}
    assert claims["0.041 s"]["entity_raw"] == "polars"
    assert claims["0.041 s"]["conditions"] == "Format: parquet-zstd"
    assert claims["0.057 s"]["conditions"] == "Format: feather"


def test_a_format_column_alone_still_names_the_rows() -> None:
    text = "Formats\n\n| Format | Size |\n|---|---|\n| JSON | 120 KB |\n| Protobuf | 42 KB |\n"
    claims = {c["raw_value"]: c for c in text_claims(text, "mem://f.md")}
    assert claims["42 KB"]["entity_raw"] == "Protobuf"
