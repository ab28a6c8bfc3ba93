"""Findings on unseen pages (realfind2): a tool's output line repeated once per benchmarked
thing, and the sizes of the input files a page times, are no disagreement of one entity; each
has a look-alike that still is one.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _conflicts(analysis: Analysis, metric: str) -> int:
    found = analysis.findings
    return int(((found["kind"] == "conflict") & (found["metric"] == metric)).sum())


# ab's summary line once per server; the server lines name nothing the page knows, so every
# figure falls to the page's subject.
AB = """Fastify and its neighbours under ab

Numbers from one laptop run of the hello app.

{lines}
Measured with ab -c 10 -t 1 -k.
"""
_SERVERS = [
    ("fastify-a", "6849.16"),
    ("koa-b", "3911.78"),
    ("tiny-c", "2738.49"),
    ("loop", "503.59"),
]


def _ab_page(servers: list[tuple[str, str]]) -> str:
    lines = "".join(
        f"  -- server: {name}\n  Requests per second:    {rate} [#/sec] (mean)\n"
        for name, rate in servers
    )
    return AB.format(lines=lines)


def test_a_tool_line_repeated_per_server_is_no_conflict(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"ab.txt": _ab_page(_SERVERS)})
    assert _conflicts(analysis, "throughput") == 0


def test_one_figure_given_twice_on_such_lines_is_still_flagged(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"ab.txt": _ab_page(_SERVERS[:2])})
    assert _conflicts(analysis, "throughput") == 1


FILES = """# Formatter timings for Haskell

### src/Big.hs

{big}

Haskell formatting took 1.09 s.

### src/Small.hs

{small}

Haskell formatting took 0.39 s.
"""


def test_the_sizes_of_two_input_files_are_no_conflict(tmp_path: Path) -> None:
    page = FILES.format(
        big="A very large (2087 lines), but simple file.",
        small="A very small (121 lines) file with one complex expression.",
    )
    analysis = analyze_pages(tmp_path, {"fmt.md": page})
    assert _conflicts(analysis, "boilerplate_lines") == 0


def test_two_counts_of_code_lines_without_a_file_still_disagree(tmp_path: Path) -> None:
    page = FILES.format(
        big="A Haskell hello app takes 12 lines of code.",
        small="Our Haskell hello app took 40 lines of code.",
    )
    analysis = analyze_pages(tmp_path, {"fmt.md": page})
    assert _conflicts(analysis, "boilerplate_lines") == 1


# A model card page whose title names no entity, its figures on stat cards; and a spec table
# of the same model on another page.
CARDS = """Speech to text, on your own machine

Whisper Large V3 runs offline and transcribes in many languages.
Whisper Large V3 needs a GPU for real-time use.

Parameters
1.55B
Weights
VRAM Usage
{vram}
GPU inference in FP16
Languages
99
Supported
"""
SPECS = """# Whisper large-v3 requirements

| Spec | Whisper large-v3 |
|---|---|
| Parameters | ~1.5 billion |
| VRAM Required | ~10 GB (FP16) |
"""


def test_a_card_range_below_a_rounded_ten_is_flagged(tmp_path: Path) -> None:
    pages = {"cards.txt": CARDS.format(vram="4-6GB"), "specs.md": SPECS}
    analysis = analyze_pages(tmp_path, pages)
    assert _conflicts(analysis, "memory_usage") == 1


def test_a_card_figure_near_a_rounded_ten_is_not(tmp_path: Path) -> None:
    pages = {"cards.txt": CARDS.format(vram="8GB"), "specs.md": SPECS}
    analysis = analyze_pages(tmp_path, pages)
    assert _conflicts(analysis, "memory_usage") == 0


PROS = """# Nuxt vs Preact

Nuxt
Pros
- {first}+ GitHub stars, plus many answered questions
- Simple to test with its own client
- 70,000+ GitHub stars, plus many answered questions
Preact
Pros
- 12,000+ GitHub stars, plus many answered questions
- Quick to start
"""


def test_two_alike_lines_of_one_entity_beside_a_third_of_another_still_disagree(
    tmp_path: Path,
) -> None:
    analysis = analyze_pages(tmp_path, {"pros.md": PROS.format(first="16,000")})
    assert _conflicts(analysis, "github_stars") == 1


# A spec table copied as text into one line, and another site's table of the same cards.
FLAT = """How the two cards compare

Nvidia RTX 4090 Nvidia RTX 4080 CUDA core count 16,384 9,728 Tensor cores {tensor} 304 RT cores \
{rt} 76 Boost clock 2,520 MHz 2,505 MHz Total board power (TBP) 450 W 320 W
"""
TABLE = """# RTX 4080 vs RTX 4090 specs

| Spec | RTX 4080 | RTX 4090 |
|---|---|---|
| CUDA Cores | 9728 | 16384 |
| Tensor Cores | 304 | 512 |
| RT Cores | 76 | 128 |
"""


def test_a_flattened_spec_line_is_read_by_row_and_column(tmp_path: Path) -> None:
    pages = {"flat.txt": FLAT.format(tensor="576", rt="144"), "table.md": TABLE}
    analysis = analyze_pages(tmp_path, pages)
    assert _conflicts(analysis, "tensor_cores") == 1
    assert _conflicts(analysis, "rt_cores") == 1
    facts = analysis.facts
    boost = facts[facts["metric"] == "boost_clock"].set_index("entity")["low"].to_dict()
    assert boost == {"RTX 4090": 2.52e9, "RTX 4080": 2.505e9}


def test_the_same_counts_in_a_flattened_line_agree(tmp_path: Path) -> None:
    pages = {"flat.txt": FLAT.format(tensor="512", rt="128"), "table.md": TABLE}
    analysis = analyze_pages(tmp_path, pages)
    assert len(analysis.findings) == 0


def test_a_line_of_two_names_and_loose_figures_is_no_spec_line(tmp_path: Path) -> None:
    page = "Two cards\n\nNvidia RTX 4090 Nvidia RTX 4080 owners filed 3 reports in 2 weeks.\n"
    analysis = analyze_pages(tmp_path, {"loose.txt": page})
    claims = analysis.claims
    assert not (claims["location_kind"] == "collapsed_row").any()
