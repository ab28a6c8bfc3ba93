"""More page shapes the real-page keys missed (docs/benchmarks.md, realacc4): header cells one a
line over a markdown rule, compound durations, 'name: N bytes' lists, file-led list items,
dated ranked rows, figures set against each other, scores that look like years, numbers
inside names, bounded emphasised figures and spec rows under a header of known names.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import claims_by_raw, text_claims

RULED = """Qdrant vs Milvus at scale

How long each store took to build its index.

Store
Build Time
Peak Memory
Disk Used

|------|------|------|------|

Qdrant
4h 12m
89 GB
142 GB
Milvus
6h 47m
112 GB
168 GB
Weav
"""


def test_header_cells_one_a_line_over_a_rule_make_a_table() -> None:
    tables = [b for b in text_to_blocks(RULED) if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].header == ["Store", "Build Time", "Peak Memory", "Disk Used"]
    assert tables[0].rows == [
        ["Qdrant", "4h 12m", "89 GB", "142 GB"],
        ["Milvus", "6h 47m", "112 GB", "168 GB"],
    ]  # the row cut by the page's end is dropped
    claims = claims_by_raw(text_claims(RULED))
    assert claims["4h 12m"]["entity_raw"] == "Qdrant"
    assert claims["4h 12m"]["label"] == "Build Time"
    assert claims["168 GB"]["entity_raw"] == "Milvus"


def test_a_rule_of_another_width_makes_no_table() -> None:
    text = RULED.replace("|------|------|------|------|", "|------|------|------|")
    tables = [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]
    assert not any("Qdrant" in row for t in tables for row in t.rows)


def test_a_duration_in_falling_units_is_one_figure() -> None:
    text = "The first load took 2h 05m, a rebuild 1m 30s, and a warm start 25 min 4.5 sec."
    assert [f.text for f in find_prose_figures(text)] == ["2h 05m", "1m 30s", "25 min 4.5 sec"]
    # parts joined by "and" are one duration too; rising parts are two figures
    assert [f.text for f in find_prose_figures("It ran for 3 hours and 20 minutes.")] == [
        "3 hours and 20 minutes"
    ]
    assert [f.text for f in find_prose_figures("It ran 20 minutes and 3 hours.")] == [
        "20 minutes",
        "3 hours",
    ]


LISTED_SIZES = """Protocol Buffers vs JSON payloads

Encoded size
json: 137,248,217 bytes
json + gzip: 45,170,640 bytes
protobuf: 84,959,431 bytes
protobuf + lz4: 61,381,468 bytes

Latency
p50: 4.1 ms
p90: 6.3 ms
p99: 9.8 ms
"""


def test_name_colon_figure_lines_under_a_title_list_entities() -> None:
    claims = claims_by_raw(text_claims(LISTED_SIZES))
    assert claims["137,248,217 bytes"]["entity_raw"] == "json"
    assert claims["45,170,640 bytes"]["entity_raw"] == "json + gzip"
    assert claims["61,381,468 bytes"]["entity_raw"].startswith("protobuf")
    assert claims["84,959,431 bytes"]["label"] == "Encoded size"
    # percentiles are metrics, not names: those lines keep their labels
    assert claims["9.8 ms"]["label"] == "p99"


FILE_ITEMS = """# fastjson

The library is measured on two inputs:

* orders.json, 631.5KiB, a dump of a shop's orders with nested arrays.
* events.json, 55.8KiB, an activity feed, not indented.
"""


def test_a_list_item_led_by_a_file_name_speaks_of_the_file() -> None:
    claims = claims_by_raw(text_claims(FILE_ITEMS))
    assert claims["631.5KiB"]["entity_raw"] == "orders.json"
    assert claims["55.8KiB"]["entity_raw"] == "events.json"


DATED_RANKS = """MMLU

RankModelVendorScoreDate
1 GPT-4o OpenAI 88.7 2024-05-13
2 Llama 3.3 70B Meta 86.0 2024-12-06
3 Mistral Large 2 Mistral AI 84.0 2024-07-24
"""


def test_rank_name_score_date_rows_are_a_ranked_list() -> None:
    claims = claims_by_raw(text_claims(DATED_RANKS))
    assert claims["88.7"]["entity_raw"] == "GPT-4o"
    assert claims["86.0"]["entity_raw"] == "Llama 3.3 70B"
    assert "Meta" in (claims["86.0"]["conditions"] or "")
    assert claims["84.0"]["entity_raw"] == "Mistral Large 2"
    raws = {c["raw_value"] for c in text_claims(DATED_RANKS)}
    assert not raws & {"2024-05-13", "1", "2", "3", "2024"}


CONTRASTED = """H100 vs A100

In our lab the newer board raised its tensor core count to 528 per GPU (versus 432 tensor
cores on A100).
The H100 reached 51 TFLOPS versus 19 TFLOPS in last year's test.
"""
LAPTOPS = """Laptop chips in Cinebench

While the Snapdragon X Elite trailed the M3 MacBook Air, with a single-core score of 126
to the M3's 142, it led the multi-core run.
The Snapdragon X Elite posted 1,040 points compared to Quillbook's 980 in a battery test.
"""


def test_two_figures_set_against_each_other_belong_to_two_entities() -> None:
    claims = claims_by_raw(text_claims(CONTRASTED))
    assert claims["528"]["entity_raw"] == "H100"
    assert claims["432"]["entity_raw"] == "A100"
    # without an owner of its own the second figure says nothing of the first's entity
    assert claims["51 TFLOPS"]["entity_raw"] == "H100"
    laptops = claims_by_raw(text_claims(LAPTOPS))
    assert laptops["126"]["entity_raw"] == "Snapdragon X Elite"
    assert laptops["142"]["entity_raw"] == "M3"
    # an owner the page does not know ("Quillbook's") moves nothing
    assert laptops["1,040"]["entity_raw"] == "Snapdragon X Elite"


SCORES = """Tensor G3 results

The Tensor G3 reached a single-core score of 1760. The Snapdragon 8 Gen 2 gets a
single-core score of 2003 and 5427 in the multi-core test, a lead the 2022 chip kept.
"""


def test_a_score_that_looks_like_a_year_is_a_figure_and_a_name_keeps_its_digits() -> None:
    claims = claims_by_raw(text_claims(SCORES))
    assert claims["2003"]["entity_raw"] == "Snapdragon 8 Gen 2"
    assert claims["5427"]["entity_raw"] == "Snapdragon 8 Gen 2"
    assert not {"8", "2", "2022"} & set(claims)


def test_a_bound_before_an_emphasised_figure_is_kept() -> None:
    text = "The card offers bandwidth up to **3 TB/s** and **80GB** of memory."
    assert [f.text for f in find_prose_figures(text)] == ["up to **3 TB/s**", "80GB"]


SPEC_ROW = """NVIDIA A100 vs H100

Main specifications of the SXM boards:

Specification NVIDIA A100 (Ampere) NVIDIA H100 (Hopper)
CUDA Cores (FP32) 6,912 16,896
Tensor Cores 432 (3r"""


def test_one_spec_row_under_a_header_of_known_names_is_a_table() -> None:
    claims = claims_by_raw(text_claims(SPEC_ROW))
    assert claims["6,912"]["entity_raw"] == "NVIDIA A100"
    assert claims["16,896"]["entity_raw"] == "NVIDIA H100"
    assert claims["16,896"]["label"] == "CUDA Cores (FP32)"
    # the row the page's end cut keeps its first figure in the first column
    assert claims["432"]["entity_raw"] == "NVIDIA A100"


SET_UP = """Qdrant vs Milvus

Both stores ran with replication factor 1 and each was given 72 hours to index. A typical
document holds 640 words and the suite spans 57 subjects. The phone chip, built on a 4 nm
process and fitted to the Pixel 8 Pro, scored 1760.
"""


def test_set_up_numbers_and_names_hold_no_figures() -> None:
    raws = {c["raw_value"] for c in text_claims(SET_UP)}
    assert "1760" in raws
    assert not raws & {"1", "72 hours", "640", "57", "4", "8"}, raws
