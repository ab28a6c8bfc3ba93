"""Findings on unseen pages, ninth pass: UTF-8 punctuation read in the Greek code page (a
capital gamma left of "×", "Γ—", "β€”"), flagged as an encoding fault (normalize/repair.py);
a "within N %" statement against another page's figures of the same engines
(checks/stated_bands.py).

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.normalize.repair import count_mojibake, repair_text

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _of_kind(analysis: Analysis, kind: str) -> pd.DataFrame:
    findings = analysis.findings
    return findings[findings["kind"] == kind]


QUEUES = """# Queue shoot-out

- Relay: up to 2-4Γ more messages than Hopper under fan-out.
- Both keep ordering per partition β delivery differs.

| Broker | Messages/s |
|---|---|
| Relay | 120,000 |
| Hopper | 45,000 |
"""


def test_a_gamma_left_of_a_times_sign_is_an_encoding_fault(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"queues.md": QUEUES})
    assert len(_of_kind(analysis, "encoding")) == 1
    # the figures are read after the repair
    assert repair_text("2-4Γ more").text == "2-4\u00d7 more"


def test_greek_code_page_signs_with_their_tail_are_undone() -> None:
    assert repair_text("a 3Γ— gain").text == "a 3\u00d7 gain"
    assert repair_text("fast β€” and small").text == "fast \u2014 and small"
    assert repair_text("chat β†’ server").text == "chat \u2192 server"
    assert repair_text("9 minΒ·By me").text == "9 min\u00b7By me"


def test_a_real_gamma_is_left_alone() -> None:
    # a gamma in Greek words, or standing as a symbol, is not a fault
    for text in ("Γεια σου, 3Γ δίκτυο", "the Γ function of 5", "ΓΆΜΟΣ 2024"):
        assert count_mojibake(text) == 0, text
        assert repair_text(text).text == text


def test_a_page_with_a_real_gamma_gets_no_encoding_finding(tmp_path: Path) -> None:
    page = QUEUES.replace("2-4Γ more", "twice as many").replace(" β delivery", ", the Γ delivery")
    analysis = analyze_pages(tmp_path, {"queues.md": page})
    assert _of_kind(analysis, "encoding").empty
