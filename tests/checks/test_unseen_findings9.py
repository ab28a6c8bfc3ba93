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


BAND = """# Relay vs Hopper: picking a message broker

With one producer, Relay and Hopper reach nearly identical throughput, within 3% of each
other on one machine.
"""
MEASURED = """# Broker bench, one producer

| Broker | Throughput (msg/s) | p99 latency (ms) |
|---|---|---|
| Relay | {relay} | 4.1 |
| Hopper | {hopper} | 4.4 |
"""


def _bands(analysis: Analysis) -> pd.DataFrame:
    found = _of_kind(analysis, "relation_mismatch")
    return found[found["scope"] == "cross_source"]


def test_a_band_another_page_measures_far_wider_is_flagged(tmp_path: Path) -> None:
    pages = {"band.md": BAND, "bench.md": MEASURED.format(relay="41,500", hopper="36,200")}
    found = _bands(analyze_pages(tmp_path, pages))
    assert len(found) == 1, found["explanation"].tolist()
    assert "within 3 %" in found["explanation"].iloc[0]
    assert "14.6 % apart" in found["explanation"].iloc[0]


def test_a_band_another_page_measures_a_little_wider_holds(tmp_path: Path) -> None:
    # 5.2 % apart: beyond 3 %, but within what another run on another machine may give
    pages = {"band.md": BAND, "bench.md": MEASURED.format(relay="41,500", hopper="39,450")}
    assert _bands(analyze_pages(tmp_path, pages)).empty


def test_a_band_holds_when_one_pair_of_the_other_page_fits(tmp_path: Path) -> None:
    second = (
        "\n| Broker | Throughput (msg/s), 8 producers |\n|---|---|\n"
        "| Relay | 90,000 |\n| Hopper | 89,100 |\n"
    )
    pages = {
        "band.md": BAND,
        "bench.md": MEASURED.format(relay="41,500", hopper="36,200") + second,
    }
    assert _bands(analyze_pages(tmp_path, pages)).empty


ENGINES = """# Quill vs Sparrow

For a single request, Quill and Sparrow reach nearly identical throughput, within 2% of each
other.
"""
ENGINE_TABLE = """# Local inference engines, one request

| Engine | Tokens/sec | VRAM Used |
|---|---|---|
| Quill | {quill} | 5.1 GB |
| Sparrow | 52 | 6.4 GB |
"""


def test_a_band_meets_an_open_metric_of_its_dimension(tmp_path: Path) -> None:
    # "Tokens/sec" is no vocabulary metric: a rate, as the statement's throughput is
    pages = {"band.md": ENGINES, "engines.md": ENGINE_TABLE.format(quill="61")}
    found = _bands(analyze_pages(tmp_path, pages))
    assert len(found) == 1, found["explanation"].tolist()
    assert "'61' vs '52'" in found["explanation"].iloc[0]
    # the memory column is of another dimension: never set against a throughput band
    assert "GB" not in found["explanation"].iloc[0]


def test_a_band_with_a_near_open_metric_holds(tmp_path: Path) -> None:
    pages = {"band.md": ENGINES, "engines.md": ENGINE_TABLE.format(quill="53")}
    assert _bands(analyze_pages(tmp_path, pages)).empty


def _suite(blocks: list[tuple[str, list[tuple[str, str, bool]]]]) -> str:
    """A suite report: per case a title, a rule and 'tool mean +/- sd (hits: n)' lines, the
    marked ones starred the way such reports star the fastest."""
    out = ["Search tool timings, seconds.", ""]
    for title, lines in blocks:
        out += [f"{title} (needle: FOO_BAR)", "-" * (len(title) + 16)]
        for tool, mean, marked in lines:
            star = "*" if marked else ""
            out.append(f"{tool}{star} {mean} +/- 0.004 (hits: 12){star}")
    return "\n".join(out) + "\n"


def _marked(analysis: Analysis) -> pd.DataFrame:
    found = _of_kind(analysis, "logic")
    return found[found["explanation"].str.contains("marked as the winner")]


SOUND = [
    ("plain_word", [("seek", "0.081", True), ("hunt", "0.240", False), ("comb", "0.410", False)]),
    ("plain_casei", [("seek", "0.094", True), ("hunt", "0.262", False), ("comb", "0.388", False)]),
    ("regex_tail", [("seek", "0.120", True), ("comb", "0.301", False), ("hunt", "0.990", False)]),
]


def test_a_starred_line_another_line_beats_is_flagged(tmp_path: Path) -> None:
    shuffled = ("unicode_word", [("seek", "0.910", True), ("hunt", "0.105", False)])
    analysis = analyze_pages(tmp_path, {"suite.txt": _suite([*SOUND, shuffled])})
    # every tool line is a figure of its tool, the case its condition
    facts = analysis.facts
    assert set(facts.loc[facts["raw_value"] == "0.910", "entity"]) == {"seek"}
    found = _marked(analysis)
    assert len(found) == 1, found["explanation"].tolist()
    assert "hunt with '0.105'" in found["explanation"].iloc[0]


def test_stars_that_sit_on_the_fastest_line_are_not_flagged(tmp_path: Path) -> None:
    tie = ("unicode_word", [("seek", "0.300", True), ("hunt", "0.300", False)])
    assert _marked(analyze_pages(tmp_path, {"suite.txt": _suite([*SOUND, tie])})).empty


def test_a_footnote_star_is_not_read_as_a_winner(tmp_path: Path) -> None:
    # the star sits on a middle line in every case: it marks something else
    footnoted = [
        (title, [(t, m, i == 1) for i, (t, m, _) in enumerate(lines)]) for title, lines in SOUND
    ]
    assert _marked(analyze_pages(tmp_path, {"suite.txt": _suite(footnoted)})).empty


def test_a_fastest_word_on_a_slower_row_is_flagged(tmp_path: Path) -> None:
    page = """# Cold start of three runtimes

| Runtime | Cold start (ms) | Note |
|---|---|---|
| Ember | 48 | fastest of the three |
| Flint | 31 | |
| Gale | 95 | |
"""
    found = _marked(analyze_pages(tmp_path, {"cold.md": page}))
    assert len(found) == 1, found["explanation"].tolist()
    assert "Flint with '31'" in found["explanation"].iloc[0]


def test_a_fastest_word_on_a_row_of_two_times_is_not_read(tmp_path: Path) -> None:
    # 'fastest' may be about the first response only: the row has two times
    page = """# Cold start of three runtimes

| Runtime | First response (ms) | Full run (ms) | Note |
|---|---|---|---|
| Ember | 12 | 480 | fastest first response |
| Flint | 19 | 310 | |
| Gale | 25 | 515 | |
"""
    assert _marked(analyze_pages(tmp_path, {"cold.md": page})).empty


SETUP = """# Engines on one GPU

{lead}
| Engine | Tokens/sec | VRAM Used |
|---|---|---|
| Quill | {tok} | {vram} |
| Sparrow | {tok2} | {vram2} |
"""


def _setups(lead_a: str, lead_b: str) -> dict[str, str]:
    big = SETUP.format(lead=lead_a, tok="40", vram="41 GB", tok2="37", vram2="40 GB")
    small = SETUP.format(lead=lead_b, tok="61", vram="5.6 GB", tok2="55", vram2="5.9 GB")
    return {"big.md": big, "small.md": small}


def test_a_set_up_line_over_a_table_is_its_condition(tmp_path: Path) -> None:
    pages = _setups(
        "Measured on an RTX 4090 24 GB, Mistral 70B Q4, one request:",
        "Measured on an RTX 3060 12 GB, Mistral 8B Q4, one request:",
    )
    analysis = analyze_pages(tmp_path, pages)
    assert _of_kind(analysis, "conflict").empty, _of_kind(analysis, "conflict")["explanation"]
    vram = analysis.facts[analysis.facts["raw_value"] == "5.6 GB"]
    assert "mistral 8b" in str(vram["qualifier"].iloc[0]).lower()


def test_a_plain_line_over_a_table_is_no_condition(tmp_path: Path) -> None:
    # without a set-up line the two pages give one engine two memory figures: a conflict
    analysis = analyze_pages(tmp_path, _setups("Our numbers:", "Our numbers:"))
    assert not _of_kind(analysis, "conflict").empty
