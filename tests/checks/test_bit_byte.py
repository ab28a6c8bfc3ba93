"""Bits vs bytes (checks/bit_byte.py): one page writing one figure as "1Gbps" and "1GBps" is a
low unit_scale finding; two notations ("1 Gbps" network, "1 GB/s" disk) or two different
figures are not.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, text: str) -> Analysis:
    page = tmp_path / "setup.md"
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _slips(analysis: Analysis) -> pd.DataFrame:
    findings = analysis.findings
    return findings[(findings["kind"] == "unit_scale")]


SLIP = """# Web benchmark of Go and Rust servers

* Gzip is on because the responses would saturate the 1Gbps uplink otherwise.

# Machines

The Postgres host talks to the load generator over a 1GBps link through a home switch.
"""


def test_one_figure_in_bits_and_in_bytes_is_flagged(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, SLIP)
    slips = _slips(analysis)
    assert len(slips) == 1, analysis.findings[["kind", "explanation"]]
    assert slips.iloc[0]["severity"] == "low"
    facts = analysis.facts
    raws = set(facts.loc[facts["claim_id"].isin(slips.iloc[0]["claim_ids"]), "raw_value"])
    assert raws == {"1Gbps", "1GBps"}


@pytest.mark.parametrize(
    "text",
    [
        # two notations: a network in Gbps, a disk in GB/s
        "# Go and Rust servers\n\nThe servers share a 1 Gbps network.\n\n"
        "# Machines\n\nEach Postgres disk reads 1 GB/s sequentially.\n",
        # one notation, two different figures
        "# Go and Rust servers\n\nThe uplink is 10Gbps.\n\n"
        "# Machines\n\nThe Postgres storage array moves 1GBps.\n",
    ],
)
def test_look_alikes_are_not_flagged(tmp_path: Path, text: str) -> None:
    analysis = _analyze(tmp_path, text)
    assert (analysis.facts["unit"] == "B/s").sum() == 2, "both figures are read"
    assert _slips(analysis).empty, analysis.findings[["kind", "explanation"]]


def test_sizes_in_bits_and_bytes_are_not_flagged(tmp_path: Path) -> None:
    """A 16Gb memory die inside a 16GB module: sizes, legitimately in both units."""
    text = (
        "# H100 memory\n\nThe H100 stacks use 16Gb dies.\n\n"
        "# Cards\n\nThe H100 card carries 16GB per stack.\n"
    )
    analysis = _analyze(tmp_path, text)
    assert _slips(analysis).empty, analysis.findings[["kind", "explanation"]]
