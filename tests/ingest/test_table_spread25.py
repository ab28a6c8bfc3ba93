"""A cell 'N ms ± M ms' under a header naming both statistics (realunits25): 'Time (mean ±
σ)' gives a mean and a spread labelled 'stddev' (never compared with a mean), 'Range (min …
max)' a min and a max. A header naming neither keeps the cell as one figure.

Cells are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.table_cells import split_figures

from crosscheck.contracts import Snapshot


def test_mean_and_sigma_header_gives_two_figures() -> None:
    pieces = split_figures("52.3 ms ± 4.1 ms", "Time (mean ± σ)", None)
    assert [(p.raw, p.label) for p in pieces] == [
        ("52.3 ms", "Time mean"),
        ("4.1 ms", "Time stddev"),
    ]


def test_min_max_header_taken_for_a_unit_gives_two_figures() -> None:
    pieces = split_figures("40.2 ms ± 61.7 ms", "Range", "min … max")
    assert [(p.raw, p.label, p.unit_hint) for p in pieces] == [
        ("40.2 ms", "Range min", "ms"),
        ("61.7 ms", "Range max", "ms"),
    ]


def test_shared_unit_after_the_spread() -> None:
    pieces = split_figures("20.8 ± 1.1 ms", "Time (mean ± sd)", None)
    assert [(p.raw, p.label, p.unit_hint) for p in pieces] == [
        ("20.8", "Time mean", "ms"),
        ("1.1 ms", "Time stddev", "ms"),
    ]


def test_plain_header_keeps_one_figure() -> None:
    assert [p.raw for p in split_figures("84.0 ± 1.5", "Time (ms)", "ms")] == ["84.0"]


def test_winner_cell_naming_a_column_is_that_ones_ratio() -> None:
    text = (
        "# Graph engines\n\n| Query | Alpha | Beta | Gamma | Winner |\n|---|---|---|---|---|\n"
        "| bfs | 0.3ms | 610ms | 702ms | Alpha 2,033x |\n"
        "| wcc | 0.5ms | 455ms | 512ms | Alpha 910x |\n"
    )
    sha = hashlib.sha256(text.encode()).hexdigest()
    claims = parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims
    wins = [(c["entity_raw"], c["raw_value"], c["role"], c["counterpart_raw"]) for c in claims]
    assert ("Alpha", "2,033x", "ratio", None) in wins
    assert ("Alpha", "910x", "ratio", None) in wins
