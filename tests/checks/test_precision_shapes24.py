"""Findings precision on shapes of real pages (twenty-fourth session): a value that writes its
header's own scale, two figures of one sentence, a bare one-digit count two columns share,
blocks of a load tool's output repeated per run, and a load tool's "across all concurrent
requests" line; and the errors that must still be flagged.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, name: str, text: str) -> Analysis:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _kinds(analysis: Analysis) -> list[str]:
    return sorted(analysis.findings["kind"])


# --- traps: nothing may be flagged -----------------------------------------------------------


def test_a_value_that_writes_its_headers_scale_has_one_reading(tmp_path: Path) -> None:
    page = """# Drive IOPS

| Random IOPS (k) | Driveone | Drivetwo |
|---|---|---|
| read | 270k | 300k |
| write | 85k | 110k |
"""
    analysis = _analyze(tmp_path, "iops.md", page)
    assert 270_000 in set(analysis.facts["low"])  # read as written
    assert "unit_scale" not in _kinds(analysis)


def test_a_value_with_another_scale_than_its_header_is_still_flagged(tmp_path: Path) -> None:
    page = """# Community

| Metric | Alpha | Beta |
|---|---|---|
| Downloads (thousands) | 1.2M | 12 |
"""
    analysis = _analyze(tmp_path, "downloads.md", page)
    assert "unit_scale" in _kinds(analysis)


def test_two_figures_of_one_sentence_are_no_conflict(tmp_path: Path) -> None:
    page = """# The Camone Mark II

The first Camone reached 20 fps with its fast shutter.

The Camone Mark II still shoots at 12 fps with its mechanical shutter but now can hit 40 fps
with the electronic shutter.
"""
    analysis = _analyze(tmp_path, "camera.md", page)
    assert "conflict" not in _kinds(analysis)


def test_two_sentences_that_disagree_are_still_a_conflict(tmp_path: Path) -> None:
    page = """# Storeone review

Storeone handles 48,000 requests per second on our test machine.

In the summary, Storeone handles 12,000 requests per second on our test machine.
"""
    analysis = _analyze(tmp_path, "store.md", page)
    assert "conflict" in _kinds(analysis)


def test_a_one_digit_count_two_columns_share_is_chance(tmp_path: Path) -> None:
    page = """# Databases compared

| Requirement | Baseone | Basetwo |
|---|---|---|
| Min CPU cores | 1 | 1 |
| Max connections | 500 | 120 |
"""
    analysis = _analyze(tmp_path, "reqs.md", page)
    assert "identical_columns" not in _kinds(analysis)


TOOL_OUTPUT = """# Runtime servers under load

{blocks}
"""
_BLOCK = """{name}
Summary:
  Success rate: 1.0000
  Total:        {total} secs
  Slowest:      {slowest} secs
  Requests/sec: {rps}
"""


def _tool_page(runs: list[tuple[str, str, str, str]]) -> str:
    blocks = "\n\n".join(_BLOCK.format(name=n, total=t, slowest=s, rps=r) for n, t, s, r in runs)
    return TOOL_OUTPUT.format(blocks=blocks)


def test_a_load_tools_output_repeated_per_run_is_no_conflict(tmp_path: Path) -> None:
    runs = [
        ("Runone JS", "9.1863", "0.0150", "108857.6134"),
        ("Runtwo JS", "54.3073", "0.0352", "18413.7329"),
        ("Runtwo JS STD", "62.0131", "0.0584", "16125.6191"),
        ("Runthree", "258.8892", "0.1843", "3862.6559"),
    ]
    analysis = _analyze(tmp_path, "runs.md", _tool_page(runs))
    assert len(analysis.facts) >= 8
    assert "conflict" not in _kinds(analysis)


AB_RUN = """Server Software:        nginx/1.16.1
Concurrency Level:      {c}
Time taken for tests:   {t} seconds
Complete requests:      20000
Requests per second:    {rps} [#/sec] (mean)
Time per request:       {mean} [ms] (mean)
Time per request:       {across} [ms] (mean, across all concurrent requests)
"""


def test_a_time_across_all_concurrent_requests_is_another_measure(tmp_path: Path) -> None:
    page = "# NGINX\n\n" + "\n\n".join(
        AB_RUN.format(c=c, t=t, rps=r, mean=m, across=a)
        for c, t, r, m, a in [
            ("500", "3.468", "5766.82", "86.703", "0.173"),
            ("100", "2.210", "9049.77", "11.050", "0.110"),
            ("1000", "6.125", "3265.31", "306.250", "0.306"),
        ]
    )
    analysis = _analyze(tmp_path, "ab.md", page)
    times = analysis.facts[analysis.facts["label"] == "Time per request"]
    assert len(times) == 6
    assert "conflict" not in _kinds(analysis)
