"""Copies by content: a page that repeats another's wording is linked to it, once, as one voice;
pages that only share a subject, boilerplate or some figures are not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.reconcile import reconcile_facts
from crosscheck.reconcile.duplicates import TextCopyConfig, copy_findings, text_copies

from crosscheck.common.passages import PassageConfig, page_passages
from crosscheck.contracts import PASSAGE_COLUMNS, FindingKind
from tests.analysis import analyze_paths
from tests.reconcile.facts_factory import fact, facts_frame

# An article of our own about two message queues (figures only, own sentences).
ARTICLE = """Queue shoot-out: Lapin vs Corbeau

Lapin® is a broker many teams pick for its simple setup and its small memory footprint.
We ran both brokers on three identical machines with local disks and a ten gigabit network.
The producer sent messages of one kilobyte in batches while the consumers kept up at all times.
Our runs show that Lapin moves more data per second while Corbeau answers faster at low load.
Corbeau keeps its tail latency low only while the offered load stays under a third of its peak.
Every run lasted fifteen minutes after a warm-up of five minutes that we did not count.
The configuration files and the scripts are published so that anyone can repeat the runs.
| | Lapin | Corbeau |
|---|---|---|
| Peak throughput | 640 MB/s | 290 MB/s |
| p99 latency | 6 ms | 21 ms |

A later post will look at replication, disk failures and the cost of running each broker.
"""

# The same article as a scraper site re-posts it: header gone, ® lost to '?', one word
# edited, the end cut.
COPY = """Lapin? is a broker many teams pick for its simple setup and its small memory footprint.
We ran both brokers on three identical machines with local disks and a ten gigabit network.
The producer sent messages of one kilobyte in batches while the consumers kept up at all times.
Our runs show that Lapin moves more data per second while Corbeau answers faster at low load.
Corbeau keeps its tail latency low only while the offered load stays under a third of its maximum.
Every run lasted fifteen minutes after a warm-up of five minutes that we did not count.
| | Lapin | Corbeau |
|---|---|---|
| Peak throughput | 640 MB/s | 290 MB/s |
| p99 latency | 6 ms | 21 ms |
The configuration files and the scripts are published so that anyone can rep
"""

# Another site reporting the same benchmark in its own words (same figures: agreement).
RETOLD = """Lapin beats Corbeau on raw throughput

A recent benchmark put Lapin at 640 MB/s of peak throughput against 290 MB/s for Corbeau.
Corbeau still wins on latency when the cluster is lightly loaded, with a p99 of 21 ms.
If your workload is bursty, the numbers suggest looking at Lapin first and tuning it later.
Readers asked whether the test used replication; the authors say it did not.
"""

FOOTER = (
    "Subscribe to our newsletter for a weekly digest of engineering articles and tutorials.\n"
    "All content on this site is provided as is without any warranty of any kind whatsoever.\n"
    "Follow us on social media to hear about new posts as soon as they are published.\n"
)
# Two different articles of one site: only the footer is shared.
SITE_A = (
    "Lapin under a million small messages\n"
    "We pushed one million messages of sixty four bytes through Lapin and timed each stage.\n"
    "The broker stayed at 410 MB/s while the consumers drained the queue in order.\n" + FOOTER
)
SITE_B = (
    "Corbeau with persistent queues\n"
    "Turning persistence on cost Corbeau a third of its throughput in our small lab.\n"
    "It settled at 190 MB/s and the p99 latency rose to 35 ms during the longest run.\n" + FOOTER
)


def _passages(pages: dict[str, str], config: PassageConfig | None = None) -> pd.DataFrame:
    rows = []
    for source, text in pages.items():
        p = page_passages(source, text, ["Lapin", "Corbeau"], config)
        rows.append((p.source, p.sketch, p.shingles, p.quotes))
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def test_a_reposted_article_is_a_copy_of_the_original_and_says_which_is_which() -> None:
    pairs = text_copies(_passages({"orig.example": ARTICLE, "mirror.example": COPY}))
    assert len(pairs) == 1
    pair = pairs[0]
    assert (pair.copy, pair.original) == ("mirror.example", "orig.example")
    assert 0.6 <= pair.containment <= 1.0


def test_the_finding_quotes_shared_statements_and_rests_on_the_copied_figures() -> None:
    passages = _passages({"orig.example": ARTICLE, "mirror.example": COPY})
    facts = facts_frame(
        [
            fact(src, e, "throughput", v, unit="B/s", raw=raw)
            for src in ("orig.example", "mirror.example")
            for e, v, raw in (("Lapin", 640e6, "640 MB/s"), ("Corbeau", 290e6, "290 MB/s"))
        ]
        + [fact("orig.example", "Lapin", "latency", 0.006, unit="s", raw="6 ms")]
    )
    found = copy_findings(passages, facts)
    assert len(found) == 1
    row = found.iloc[0]
    assert row["kind"] == FindingKind.NEAR_DUPLICATE.value and row["scope"] == "cross_source"
    assert row["explanation"].startswith("mirror.example repeats orig.example")
    # the longest statements both pages hold, as the copy writes them
    assert "Our runs show that Lapin moves more data per second" in row["explanation"]
    assert "2 of its figures" in row["explanation"]
    copied = set(facts.loc[facts["raw_value"] != "6 ms", "claim_id"])
    assert set(row["claim_ids"]) == copied


def test_a_copy_votes_with_its_original_as_one_voice() -> None:
    passages = _passages({"orig.example": ARTICLE, "mirror.example": COPY})
    facts = facts_frame(
        [
            fact(s, "Lapin", "throughput", 640e6, unit="B/s")
            for s in ("orig.example", "mirror.example")
        ]
        + [fact("other.example", "Lapin", "throughput", 300e6, unit="B/s")]
    )
    result = reconcile_facts(facts, passages=passages)
    groups = result.copy_groups
    assert sorted(groups["source"]) == ["mirror.example", "orig.example"]
    assert groups["group_id"].nunique() == 1
    assert len(result.copy_findings) == 1
    reliability = result.source_reliability.set_index("source")
    assert reliability.loc["mirror.example", "copy_group"] == groups["group_id"].iloc[0]
    assert reliability.loc["other.example", "copy_group"] is None


def test_trap_same_figures_in_other_words_are_agreement_not_a_copy() -> None:
    assert text_copies(_passages({"orig.example": ARTICLE, "retold.example": RETOLD})) == []


def test_trap_two_articles_of_one_site_sharing_a_footer_are_not_copies() -> None:
    assert text_copies(_passages({"site/a": SITE_A, "site/b": SITE_B})) == []


def test_trap_a_footer_on_many_pages_is_furniture_not_evidence() -> None:
    pages = {f"site/{i}": f"Post {i}: note number {i} about brokers.\n" + FOOTER for i in range(6)}
    config = TextCopyConfig(max_pages_per_shingle=4, min_shared=5)
    assert text_copies(_passages(pages), config) == []


def test_large_pages_are_compared_by_their_sketches() -> None:
    # well over the sketch size: the estimate still finds the copy and not the stranger
    body = " ".join(
        f"Paragraph {i} tells how Lapin run {i} went on day {i % 7}." for i in range(400)
    )
    other = " ".join(
        f"Section {i} lists what vendor {i} charged in month {i % 12}." for i in range(400)
    )
    passages = _passages(
        {"big.example": body, "big-copy.example": body[: len(body) * 3 // 4], "x.example": other}
    )
    assert passages["shingles"].min() > PassageConfig().sketch_size
    pairs = text_copies(passages)
    assert [(p.copy, p.original) for p in pairs] == [("big-copy.example", "big.example")]


def test_a_run_links_the_copy_to_the_original(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "original.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "mirror.txt").write_text(COPY, encoding="utf-8")
    (pages / "retold.txt").write_text(RETOLD, encoding="utf-8")
    paths = sorted(pages.iterdir())
    analysis = analyze_paths(paths, tmp_path / "store")
    dups = analysis.findings[analysis.findings["kind"] == FindingKind.NEAR_DUPLICATE.value]
    assert len(dups) == 1
    text = dups.iloc[0]["explanation"]
    assert "mirror.txt repeats" in text and "original.txt" in text and "retold" not in text
    sources = set(
        analysis.facts.set_index("claim_id").loc[list(dups.iloc[0]["claim_ids"]), "source"]
    )
    assert {Path(s).name for s in sources} == {"mirror.txt", "original.txt"}
    assert {Path(s).name for s in analysis.copy_groups["source"]} == {"mirror.txt", "original.txt"}


def test_a_cross_source_finding_resting_on_a_copy_and_its_original_says_they_count_once() -> None:
    from crosscheck.reconcile import note_copies

    from crosscheck.contracts import FINDING_COLUMNS

    facts = facts_frame(
        [
            fact("orig.example", "Lapin", "throughput", 640e6, unit="B/s"),
            fact("mirror.example", "Lapin", "throughput", 640e6, unit="B/s"),
            fact("other.example", "Lapin", "throughput", 200e6, unit="B/s"),
        ]
    )
    ids = list(facts["claim_id"])
    groups = reconcile_facts(
        facts, passages=_passages({"orig.example": ARTICLE, "mirror.example": COPY})
    ).copy_groups
    rows = [
        dict.fromkeys(FINDING_COLUMNS) | {"finding_id": "f1", "kind": "conflict",
         "scope": "cross_source", "explanation": "Disagree.", "claim_ids": ids},
        dict.fromkeys(FINDING_COLUMNS) | {"finding_id": "f2", "kind": "conflict",
         "scope": "cross_source", "explanation": "Trap.", "claim_ids": [ids[0], ids[2]]},
    ]  # fmt: skip
    noted = note_copies(pd.DataFrame(rows, columns=FINDING_COLUMNS), facts, groups)
    first, second = noted["explanation"]
    assert first == "Disagree. Copies of one page count once here: mirror.example and orig.example."
    assert second == "Trap."  # only one member of the group: nothing to say
    # A finding carried from an earlier run already holds the note: it is not doubled, and a
    # note whose copy group is gone is taken off.
    again = note_copies(noted, facts, groups)
    assert list(again["explanation"]) == [first, second]
    no_groups = groups.iloc[0:0]
    assert note_copies(noted, facts, no_groups.assign()) is noted  # nothing to compare with
    regrouped = groups.assign(group_id=[f"g{i}" for i in range(len(groups))])
    assert list(note_copies(noted, facts, regrouped)["explanation"]) == ["Disagree.", "Trap."]


def test_trap_a_text_copy_without_a_figure_in_common_is_not_grouped() -> None:
    passages = _passages({"orig.example": ARTICLE, "mirror.example": COPY})
    facts = facts_frame(
        [
            fact("orig.example", "Lapin", "throughput", 640e6, unit="B/s", raw="640 MB/s"),
            fact("mirror.example", "Lapin", "throughput", 650e6, unit="B/s", raw="650 MB/s"),
        ]
    )
    result = reconcile_facts(facts, passages=passages)
    assert result.copy_groups.empty and result.copy_findings.empty


def test_a_rerun_that_reuses_both_pages_still_finds_the_copy(tmp_path: Path) -> None:
    import duckdb

    from crosscheck.cli import main

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "original.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "mirror.txt").write_text(COPY, encoding="utf-8")
    (pages / "retold.txt").write_text(RETOLD, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    args = ["run", *map(str, sorted(pages.iterdir())), "--db", str(db), "--no-validate"]
    args += ["--snapshots", str(tmp_path / "snaps")]
    assert main(args) in (0, 1)
    # a third page changes: the copy and its original are reused from the warehouse
    (pages / "retold.txt").write_text(RETOLD + "\nOne more note on Corbeau.\n", encoding="utf-8")
    assert main(args) in (0, 1)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT status FROM findings WHERE kind = 'near_duplicate'").fetchall()
        stored = con.execute("SELECT count(*) FROM page_passages").fetchall()[0][0]
    finally:
        con.close()
    assert rows == [("open",)]
    assert stored == 3
