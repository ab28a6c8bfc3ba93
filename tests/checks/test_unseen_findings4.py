"""Findings on unseen pages (realfind4): conditions a figure's sentence names (a share per
part, a sweep's ends, a runtime), a gap that names no winner, a claim restated in the page's
words, a sentence's figures as whole numbers, a total worked out at the wrong scale; each
with the look-alike that is (or is not) a finding.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.checks.figure_rows import _written_in
from crosscheck.checks.relation_pairs import FigurePair
from crosscheck.checks.relations import _against_figures
from crosscheck.checks.statement_readings import is_gap
from crosscheck.checks.unit_costs import find_unit_cost_slips

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _kinds(analysis: Analysis, kind: str) -> pd.DataFrame:
    found = analysis.findings
    return found[found["kind"] == kind]


DISKS = """Broker disk limits

We pushed Kafka to the limit of its disks with acks=1.

Kafka sustained 1900 MB/s of producer throughput in the final step.

{sentence}
"""


def test_a_share_per_drive_is_no_side_of_a_conflict(tmp_path: Path) -> None:
    page = DISKS.format(sentence="On the brokers this was 1000 MB/s per drive of disk throughput.")
    assert _kinds(analyze_pages(tmp_path, {"disks.txt": page}), "conflict").empty


def test_the_same_figures_without_the_part_still_conflict(tmp_path: Path) -> None:
    page = DISKS.format(sentence="Kafka sustained 1000 MB/s of producer throughput at best.")
    assert len(_kinds(analyze_pages(tmp_path, {"disks.txt": page}), "conflict")) == 1


STARTS = """AWS Lambda vs Cloudflare Workers

AWS Lambda runs code in containers. Its INIT phase costs 200-350 ms at p50{first}.

Its INIT phase costs 1-3 seconds at p50{second}.
"""


def test_figures_of_two_runtimes_are_two_measurements(tmp_path: Path) -> None:
    page = STARTS.format(first=" for Node.js 20", second=" for Java 21 without SnapStart")
    assert _kinds(analyze_pages(tmp_path, {"starts.txt": page}), "conflict").empty


def test_figures_of_one_unnamed_setup_still_conflict(tmp_path: Path) -> None:
    page = STARTS.format(first="", second=" in our tests")
    assert len(_kinds(analyze_pages(tmp_path, {"starts.txt": page}), "conflict")) == 1


def _gap_statement(raw: str, sentence: str) -> pd.Series:
    return pd.Series(
        {
            "claim_id": "s", "source": "olap.md", "a": "ClickHouse", "b": "DuckDB",
            "raw_value": raw, "label": "median", "aspect": "amount", "direction": "higher",
            "low": float(raw.split()[-1].rstrip("x")), "high": float(raw.split()[-1].rstrip("x")),
            "bound": "approximate", "evidence": sentence,
        }
    )  # fmt: skip


_MEDIANS = FigurePair(
    "c1", "c2", "0.148 s", "0.348 s", 0.148, 0.348, (0.148, 0.148), (0.348, 0.348),
    "DuckDB", "auto:median_hot:time", "s", "", True,
)  # fmt: skip
_GAP = (
    "The gap between the fastest (ClickHouse) and the second fastest (DuckDB) is {} on the median."
)


def test_a_gap_names_no_winner() -> None:
    rel = _gap_statement("roughly 2x", _GAP.format("roughly 2x"))
    assert is_gap(rel) and _against_figures(rel, [_MEDIANS]) is None  # 0.348 / 0.148 = 2.35


def test_a_gap_of_the_wrong_size_or_a_winner_named_is_still_flagged() -> None:
    wrong = _gap_statement("roughly 8x", _GAP.format("roughly 8x"))
    assert _against_figures(wrong, [_MEDIANS]) is not None
    named = _gap_statement("2x", "ClickHouse takes 2x more time than DuckDB on the median.")
    assert not is_gap(named) and _against_figures(named, [_MEDIANS]) is not None


NODES = """Streaming brokers compared

Redpanda delivers lower tail latencies than Apache Kafka and uses up to 3x fewer nodes.

The setup used three brokers on each side.

{summary}
"""


def test_a_claim_restated_in_its_words_is_no_contradiction(tmp_path: Path) -> None:
    summary = (
        "To sum up, Redpanda delivers lower tail latencies than Apache Kafka—with up to 3x "
        "fewer nodes!"
    )  # read as Kafka's "fewer nodes": the same claim, not a second one
    analysis = analyze_pages(tmp_path, {"nodes.txt": NODES.format(summary=summary)})
    assert _kinds(analysis, "relation_mismatch").empty


def test_the_claim_turned_around_is_a_contradiction(tmp_path: Path) -> None:
    summary = "Apache Kafka uses up to 3x fewer nodes than Redpanda."
    analysis = analyze_pages(tmp_path, {"nodes.txt": NODES.format(summary=summary)})
    assert len(_kinds(analysis, "relation_mismatch")) == 1


def test_a_sentence_figure_is_a_whole_number_outside_the_statement() -> None:
    sentence = "68% faster in single-core GeekBench 6 test: 2513 and 1500 points"
    own = (0, 3)  # the statement's "68%"
    assert _written_in("2513", sentence, own) and _written_in("1500", sentence, own)
    assert not _written_in("513", sentence, own)  # inside 2513
    assert not _written_in("68", sentence, own)  # the statement's own number
    assert not _written_in("1.5", "a 21.5 ms run", (-1, -1))
    assert _written_in("6", sentence, own)  # "GeekBench 6" stands alone (a name, not a figure)


BILL = (
    "AWS Lambda vs Cloudflare Workers: one bill\n\n"
    "Our AWS Lambda metrics showed 150 ms per call across 2 million invocations per month. "
    "That is 300,000 GB-seconds, which at $0.00001667 per GB-second costs about $5 per month, "
    "and the request charge of $0.20 per million requests adds {requests}.\n\n"
    "Cloudflare Workers bills $0.50 per million requests after the first 100 k free requests. "
    "The same 2 million calls cost {workers} total.\n"
)


def _bill(tmp_path: Path, requests: str, workers: str) -> pd.DataFrame:
    analysis = analyze_pages(
        tmp_path, {"bill.txt": BILL.format(requests=requests, workers=workers)}
    )
    found = _kinds(analysis, "diff_mismatch")
    return found[found["explanation"].str.contains("a slip of scale", regex=False)]


def test_a_total_off_by_a_thousand_is_flagged(tmp_path: Path) -> None:
    found = _bill(tmp_path, "$400", "$950")
    assert len(found) == 2
    text = " ".join(found["explanation"])
    assert "'$0.20 per million requests' for '2 million invocations' comes to $0.40" in text
    assert "less 100,000 free comes to $0.95" in text and "1,000 times more" in text


def test_right_and_rounded_totals_are_no_finding(tmp_path: Path) -> None:
    assert _bill(tmp_path, "$0.40", "about $1").empty


def test_a_total_of_other_things_is_no_finding() -> None:
    page = pd.DataFrame(
        [
            {
                "claim_id": "c1",
                "source": "p.txt",
                "entity": "Lambda",
                "locator": "paragraph 1 sentence at 0 chars 0-4",
                "evidence": "Storage is $0.02 per GB and 2 million requests add $400 of traffic.",
            }
        ]
    )
    assert find_unit_cost_slips(page) == []


MEASURED = (
    "Redis and Dragonfly on one server\n\nIn the new benchmark Redis showed 40% higher "
    "throughput than Dragonfly on the same instance.\n"
)


def _across(tmp_path: Path, claim: str) -> pd.DataFrame:
    analysis = analyze_pages(
        tmp_path, {"a.txt": f"Dragonfly or Redis?\n\n{claim}\n", "b.txt": MEASURED}
    )
    return _kinds(analysis, "relation_mismatch")


def test_a_page_reporting_a_vendors_claim_does_not_contradict_another_page(tmp_path: Path) -> None:
    claim = "Dragonfly markets itself as a Redis replacement that is 25x faster."
    assert _across(tmp_path, claim).empty


def test_a_page_stating_the_claim_itself_still_does(tmp_path: Path) -> None:
    found = _across(tmp_path, "Dragonfly is a Redis replacement that is 25x faster.")
    assert len(found) == 1 and found["scope"].iat[0] == "cross_source"
