"""Findings on unseen pages (realfind): a size measured gzipped is not the plain bundle size,
a page cut after "the RTX 4" gives no figure 4, and each has a look-alike that is still a
disagreement.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _conflicts(analysis: Analysis, metric: str) -> int:
    found = analysis.findings
    return int(((found["kind"] == "conflict") & (found["metric"] == metric)).sum())


SIZES = """# Prisma vs Drizzle

## Prisma

- Its query engine adds to the bundle size ({size} gzipped)

| Metric | Prisma (v6) | Prisma 7 (Projected) | Drizzle |
|---|---|---|---|
| Bundle size | ~4.6 MB | ~1.6 MB (est.) | 55.7 kB |
"""


def test_a_gzipped_size_is_not_set_against_the_plain_bundle_size(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"orm.md": SIZES.format(size="~400 kB")})
    assert _conflicts(analysis, "bundle_size") == 0


def test_a_plain_size_outside_the_table_is_still_flagged(tmp_path: Path) -> None:
    page = SIZES.replace(" ({size} gzipped)", ": {size}").format(size="~400 kB")
    analysis = analyze_pages(tmp_path, {"orm.md": page})
    assert _conflicts(analysis, "bundle_size") == 1


CUT = """# RTX 4080 vs RTX 4090

| Spec | RTX 4080 | RTX 4090 |
|---|---|---|
| Transistors | 45,900 million | 76,300 million |

The RTX 4080 has {figure} million transistors, whereas the RTX 4"""


def test_a_name_cut_by_the_page_end_is_no_figure(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"gpu.txt": CUT.format(figure="45,900")})
    assert len(analysis.findings) == 0


def test_a_wrong_figure_before_the_cut_is_still_flagged(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"gpu.txt": CUT.format(figure="59,400")})
    found = analysis.findings
    assert (found["kind"] == "conflict").sum() == 1


SPEEDUPS = """# Faster installs for pnpm

The result is a pnpm that installs {claim} faster {scope}.

| Scenario | Stock (median) | Patched (median) | Speedup |
|---|---|---|---|
| small (10 packages) | 12.56s | 6.64s | 1.89x |
| chain (35 packages) | 35.14s | {chain} | {chain_ratio} |
| wide (70 packages) | 17.20s | 7.61s | 2.26x |
| medium (50 packages) | 55.66s | 36.29s | 1.53x |
"""


def _ranges(analysis: Analysis) -> list[str]:
    found = analysis.findings
    rows = found[found["kind"] == "relation_mismatch"]
    return [e for e in rows["explanation"] if "every case" in e]


def test_a_covering_range_its_own_column_leaves_is_flagged(tmp_path: Path) -> None:
    page = SPEEDUPS.format(
        claim="1.5-2.5x", scope="across workloads", chain="30.72s", chain_ratio="1.14x"
    )
    flagged = _ranges(analyze_pages(tmp_path, {"installs.md": page}))
    assert len(flagged) == 1 and "1.14x" in flagged[0]


def test_a_covering_range_its_column_stays_inside_is_not(tmp_path: Path) -> None:
    page = SPEEDUPS.format(
        claim="1.5-2.5x", scope="across workloads", chain="20.72s", chain_ratio="1.70x"
    )
    assert _ranges(analyze_pages(tmp_path, {"installs.md": page})) == []


def test_a_range_that_does_not_say_it_covers_every_case_is_not(tmp_path: Path) -> None:
    """'1.5-2.5x faster on large projects' speaks of some cases: a 1.14x row is no
    contradiction."""
    page = SPEEDUPS.format(
        claim="1.5-2.5x", scope="on large projects", chain="30.72s", chain_ratio="1.14x"
    )
    assert _ranges(analyze_pages(tmp_path, {"installs.md": page})) == []


SCORES = """# Pixel 9 Pro vs Galaxy S24 Ultra: Geekbench

Galaxy S24 Ultra vs Pixel 9 Pro: the leaked scores.

In the leak, the Galaxy S24 Ultra gained a single-core score of 1480. The Pixel 9 Pro, on
the other hand, scored 1874. The Pixel 9 Pro is {gap} faster than the Galaxy S24 Ultra in
single-core score.
"""


def _statements(analysis: Analysis) -> int:
    return int((analysis.findings["kind"] == "relation_mismatch").sum())


def test_a_score_named_in_the_sentence_before_pairs_with_a_wrong_base_gap(
    tmp_path: Path,
) -> None:
    """1874 against 1480 is 26.6 % higher; '21 %' is the gap taken on the higher score."""
    assert _statements(analyze_pages(tmp_path, {"phones.md": SCORES.format(gap="21%")})) == 1


def test_the_right_gap_on_scores_of_two_sentences_is_not_flagged(tmp_path: Path) -> None:
    assert _statements(analyze_pages(tmp_path, {"phones.md": SCORES.format(gap="26.6%")})) == 0
