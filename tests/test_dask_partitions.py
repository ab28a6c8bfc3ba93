"""Checks and reconcile cut into partitions give exactly what the one-process run gives:
findings (with their explanations), consensus, categories, source reliability and copy
groups, however many partitions, in this process and on a LocalCluster of 2 processes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crosscheck.checks import CheckConfig, run_checks
from crosscheck.checks.comparable import comparable_rows
from crosscheck.checks.partitioned import relation_facts, statement_pair
from crosscheck.checks.rules import Family
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import expand_sources, iter_snapshots, read_file
from crosscheck.reconcile.copies import CopyConfig, detect_copies

from crosscheck.batches import PreparedBatch
from crosscheck.contracts import PAGE_COLUMNS
from crosscheck.dask_checks import partitioned_checks, relations_task
from crosscheck.dask_shuffle import InProcess, Runner, buckets, split
from crosscheck.engines import DaskPool, DaskRunner, NormalizerSpec
from crosscheck.pipeline import (
    Analysis,
    RunConfig,
    StageTimer,
    _vocabulary,
    analyze_snapshots,
    check_and_reconcile,
)
from tests.engine_results import assert_same_frames, seeds_and_examples


def _config(tmp_path: Path, **extra: object) -> RunConfig:
    return RunConfig(
        sources=[],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=tmp_path,
        reference_year=2026,
        workers=2,
        **extra,  # type: ignore[arg-type]
    )


def _partitioned(expected: Analysis, config: RunConfig, runner: Runner) -> Analysis:
    """Checks and reconcile again from the expected run's parsed frames, on `runner`."""
    batch = PreparedBatch(
        expected.pages, expected.claims, expected.facts, expected.quarantine, expected.passages
    )
    return check_and_reconcile([batch], _vocabulary(config), config, StageTimer(), runner=runner)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("small")
    return seeds_and_examples(tmp, seed_files, _config(tmp))


@pytest.mark.parametrize("partitions", [1, 2, 3, 5, 8])
def test_any_number_of_partitions_gives_the_one_process_result(
    small: Analysis, tmp_path: Path, partitions: int
) -> None:
    assert len(small.findings) > 50 and len(small.reconciled) > 50
    kinds = set(small.findings["kind"])
    # the rules of every family have something to say here (page, entity, metric, statements)
    assert {"conflict", "identical_columns", "diff_mismatch", "unit_scale"} <= kinds
    assert_same_frames(small, _partitioned(small, _config(tmp_path), InProcess(partitions)))


def test_root_causes_join_findings_of_both_cuts(small: Analysis, tmp_path: Path) -> None:
    """A same-page finding (page cut) and the cross-source conflict it feeds (entity cut) get
    one root cause in the partitioned run too: root causes are a pass over the findings."""
    groups = small.findings.groupby("root_cause")["scope"].agg(lambda s: frozenset(s))
    assert (groups == frozenset({"same_page", "cross_source"})).sum() >= 3
    got = _partitioned(small, _config(tmp_path), InProcess(4))
    pd.testing.assert_series_equal(
        small.findings.set_index("finding_id")["root_cause"].sort_index(),
        got.findings.set_index("finding_id")["root_cause"].sort_index(),
    )


def _latency_page(path: Path, step: int) -> Path:
    """A table of twelve servers' latencies: two such pages with different steps disagree
    on eleven servers (one cross-source conflict each, every one in its entity's cut)."""
    rows = "".join(f"| Engine{chr(65 + i)} | {10 + i * step} |\n" for i in range(12))
    path.write_text(
        f"# Server latency\n\n| Server | Latency (ms) |\n|---|---|\n{rows}", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("partitions", [1, 2, 3, 5, 8])
def test_the_findings_cap_over_conflicts_of_many_entity_partitions(
    tmp_path: Path, partitions: int
) -> None:
    """Eleven conflicts between one pair of pages, cut by entity into several partitions,
    capped at 3: the same three are kept and the same summary stands for the other eight."""
    pages = [_latency_page(tmp_path / "a.md", 1), _latency_page(tmp_path / "b.md", 7)]
    config = _config(tmp_path, max_findings_per_page=3)
    store = SnapshotStore(tmp_path / "snapshots")
    expected = analyze_snapshots([read_file(str(p), store) for p in pages], config)
    conflicts = expected.findings[expected.findings["kind"] == "conflict"]
    summary = conflicts[conflicts["explanation"].str.startswith("8 more conflict findings on 2")]
    assert len(conflicts) == 4 and len(summary) == 1
    entities = buckets(expected.facts["entity"].drop_duplicates(), partitions)
    assert len(set(entities)) >= min(partitions, 2)  # the conflicts are cut apart
    assert_same_frames(expected, _partitioned(expected, config, InProcess(partitions)))


JOINT = """Express and Koa under one load

We drove 48,000 requests per second through both frameworks on one host.

Run A: JSON echo

Koa 2.x:  12,400 req/s  |  avg: 1.5ms
Express 4.x:  13,900 req/s  |  avg: 7.1ms
"""


@pytest.mark.parametrize("partitions", [7, 9])
def test_a_figure_stated_for_two_entities_is_annotated_with_both_consensuses(
    tmp_path: Path, partitions: int
) -> None:
    """A joint figure's conflict rests on claims of two entities, which may sit in two
    entity partitions: its consensus sentence reads both, as in one process."""
    page = tmp_path / "joint.txt"
    page.write_text(JOINT, encoding="utf-8")
    config = _config(tmp_path)
    expected = analyze_snapshots([read_file(str(page), SnapshotStore(tmp_path / "s"))], config)
    joint = expected.findings[expected.findings["explanation"].str.contains("together")]
    assert len(joint) == 1
    facts = expected.facts[expected.facts["claim_id"].isin(joint.iloc[0]["claim_ids"])]
    assert facts["entity"].nunique() >= 2
    assert len(set(buckets(facts["entity"].drop_duplicates(), partitions))) >= 2  # apart
    assert_same_frames(expected, _partitioned(expected, config, InProcess(partitions)))


def test_reviewed_pins_and_flagged_figures_partition_too(small: Analysis, tmp_path: Path) -> None:
    row = small.reconciled.iloc[0]
    pin = (row["entity"], row["metric"], row["qualifier"], row["unit"], float(row["value"]) * 3)
    config = _config(tmp_path, pins=(pin,))
    batch = PreparedBatch(small.pages, small.claims, small.facts, small.quarantine, small.passages)
    expected = check_and_reconcile([batch], _vocabulary(config), config, StageTimer())
    pinned = expected.reconciled.iloc[0]
    assert pinned["value"] == pytest.approx(pin[4]) and pinned["confidence"] == 1.0
    assert_same_frames(expected, _partitioned(expected, config, InProcess(3)))


def test_buckets_are_stable_and_split_keeps_every_row_once() -> None:
    frame = pd.DataFrame({"entity": ["Flask", "Django", None, "Flask", "Bun"], "n": range(5)})
    first = buckets(frame["entity"], 4)
    assert list(first) == list(buckets(frame["entity"].copy(), 4))
    assert first[0] == first[3]  # one entity, one partition
    parts = list(split(frame, "entity", 4))
    assert sorted(n for p in parts for n in p["n"]) == [0, 1, 2, 3, 4]
    assert all(list(p["n"]) == sorted(p["n"]) for p in parts)  # row order kept


def test_a_2000_page_corpus_on_a_local_cluster_equals_the_local_engine(
    small: Analysis, tmp_path: Path
) -> None:
    """The seeds with the example pages, and the synthetic corpus (bench/corpus.py, seed 7):
    parsed once, checked and reconciled by the local engine and again on one LocalCluster
    of 2 process workers (findings with their ids, severities and root causes, consensus,
    categories, reliability, copy groups)."""
    from bench.corpus import generate_corpus

    corpus = tmp_path / "corpus"
    truth = generate_corpus(corpus, 2000)
    config = _config(tmp_path)
    specs = expand_sources([str(corpus)])
    snapshots = list(iter_snapshots(specs, config.fetch, SnapshotStore(tmp_path / "snaps")))
    assert len(snapshots) == 2000
    expected = analyze_snapshots(snapshots, config)
    del snapshots
    assert len(expected.findings) > 1000 and len(expected.copy_groups) > 50
    assert len(expected.source_reliability) == 2000
    _assert_copies_found(expected, truth.copies, corpus)
    pool = DaskPool(2, NormalizerSpec())
    try:
        runner = DaskRunner(pool.start(), 4)
        got_small = _partitioned(small, replace(_config(tmp_path), engine="dask"), runner)
        got = _partitioned(expected, replace(config, engine="dask"), runner)
    finally:
        pool.close()
    assert_same_frames(small, got_small)
    assert_same_frames(expected, got)


def _assert_copies_found(analysis: Analysis, copies: list[list[str]], corpus: Path) -> None:
    """Every copy the corpus injected is grouped with its original, and the MinHash bands used
    above 500 distinct pages give exactly the groups of the exact join."""
    groups = analysis.copy_groups
    group_of = {
        Path(s).resolve().relative_to(corpus.resolve()).as_posix(): g
        for s, g in zip(groups["source"], groups["group_id"], strict=True)
    }
    assert len(copies) > 40
    assert [
        c for c in copies if group_of.get(c[0]) is None or group_of.get(c[0]) != group_of.get(c[1])
    ] == []
    banded = detect_copies(analysis.facts, CopyConfig())
    exact = detect_copies(analysis.facts, CopyConfig(exact_max_sources=10**9))
    assert banded.groups["group_id"].nunique() > 50
    pd.testing.assert_frame_equal(banded.groups, exact.groups)


def test_stored_facts_of_sources_not_read_vote_in_the_partitioned_consensus_too(
    small: Analysis, tmp_path: Path
) -> None:
    """An incremental run's consensus is over every current fact: `context` adds the stored
    facts of sources this run did not read (here: the run's facts under other page names)."""
    stored = small.facts.assign(source=small.facts["source"] + "#stored").iloc[::2]
    flags = frozenset(small.findings["claim_ids"].iloc[0])

    def context(read: set[str], entities: set[str]) -> tuple[pd.DataFrame, frozenset[str]]:
        assert read and entities
        return stored.reset_index(drop=True), flags

    config = _config(tmp_path)
    batch = PreparedBatch(small.pages, small.claims, small.facts, small.quarantine, small.passages)
    expected = check_and_reconcile([batch], _vocabulary(config), config, StageTimer(), context)
    assert len(expected.source_reliability) > len(small.source_reliability)
    got = check_and_reconcile(
        [batch], _vocabulary(config), config, StageTimer(), context, runner=InProcess(3)
    )
    assert_same_frames(expected, got)


def _statement_pages() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Facts and comparative statements of every shape the statement rules flag: against the
    page's figures, a "next best", a verdict, two statements about one pair on one page and
    across pages, another page's figures turning a statement around, a chain of three."""
    from crosscheck.normalize.relations import relation_facts

    from crosscheck.contracts import CLAIM_COLUMNS
    from tests.checks.test_relations import go_bench, statement, value
    from tests.reconcile.facts_factory import facts_frame

    values = [
        *go_bench("go.md"),
        value("n.md", "Quick", "throughput", 80000, "req/s", "80,000"),
        value("n.md", "Steady", "throughput", 10000, "req/s", "10,000"),
        value("n.md", "Slow", "throughput", 4000, "req/s", "4,000"),
        value("vendor-a.txt", "Kafka", "throughput", 605e6, "B/s", "605 MB/s"),
        value("vendor-a.txt", "Pulsar", "throughput", 305e6, "B/s", "305 MB/s"),
        value("rt.md", "Bun", "memory_usage", 45e6, "B", "45 MB"),
        value("rt.md", "Node.js", "memory_usage", 60e6, "B", "60 MB"),
    ]
    said = [
        ("go.md", "4 times", "faster", "Client: up to 4 times faster.", "fasthttp", "net/http"),
        ("n.md", "2-3x", "faster", "Quick is 2-3x faster than the next library.", "Quick", None),
        ("vendor-b.txt", "2.5x", "higher throughput", "Pulsar: 2.5x Kafka.", "Pulsar", "Kafka"),
        ("rt.md", "less", "less memory", "Node.js uses less memory than Bun.", "Node.js", "Bun"),
        ("kv.txt", "25x", "faster", "Dragonfly is 25x faster than Redis.", "Dragonfly", "Redis"),
        ("kv.txt", "18% - 40%", "higher throughput", "Redis: 18%-40% more.", "Redis", "Dragonfly"),
        ("b.txt", "30x", "faster", "Redis is 30x faster than Dragonfly.", "Redis", "Dragonfly"),
        ("c.md", "40%", "faster", "A is 40% faster than B.", "A", "B"),
        ("c.md", "200%", "faster", "B is 200% faster than C.", "B", "C"),
        ("c.md", "150%", "faster", "A is 150% faster than C.", "A", "C"),
        ("d.md", "2x", "faster", "Dragonfly is 2x faster than Redis.", "Dragonfly", "Redis"),
    ]  # fmt: skip
    facts = facts_frame(values)
    facts["conditions"] = [v.get("conditions") for v in values]
    claims = pd.DataFrame([statement(*s) for s in said], columns=CLAIM_COLUMNS)
    relations = relation_facts(claims, lambda raw: raw or None)
    # as the vocabulary maps "higher throughput": a named metric is looked for on other pages
    relations.loc[relations["source"] == "vendor-b.txt", "metric"] = "throughput"
    return facts, relations


class _Recording(InProcess):
    """In this process, keeping the facts each statement task was given."""

    def __init__(self, partitions: int) -> None:
        super().__init__(partitions)
        self.statement_facts: list[pd.DataFrame] = []

    def submit(self, function: Any, *args: Any) -> Any:
        if function is relations_task:  # each page partition's share of the figures
            self.statement_facts.append(pd.concat([share.figures for share in args[3:]]))
        return function(*args)


@pytest.mark.parametrize("partitions", [1, 2, 3, 4, 6])
def test_statements_cut_by_pair_of_entities_give_the_one_process_findings(
    partitions: int,
) -> None:
    """Statements are cut by the unordered pair of entities they name (chains by page); the
    findings, their order, ids and cited facts are `run_checks`' for any number of cuts."""
    facts, relations = _statement_pages()
    pages = pd.DataFrame(columns=PAGE_COLUMNS)
    expected = run_checks(facts, pages, CheckConfig(), relations).findings
    rules = expected["explanation"].str.extract(
        r"(should be|cannot both hold|other way round|page's own figures go|closest|gap)"
    )[0]
    # every statement rule has a finding here, so the cut is tested on each of them
    assert set(rules.dropna()) == {
        "should be", "cannot both hold", "other way round", "page's own figures go", "gap",
        "closest",
    }  # fmt: skip
    assert (expected["kind"] == "relation_mismatch").all()
    runner = _Recording(partitions)
    got = partitioned_checks(runner, facts, pages, relations, CheckConfig())
    pd.testing.assert_frame_equal(expected, got, check_dtype=False)
    if partitions >= 3:
        # no statement task holds every figure of the entities the statements name
        every = relation_facts(facts, relations)
        every = every[comparable_rows(every)]
        assert len(runner.statement_facts) >= 2
        assert all(len(part) < len(every) for part in runner.statement_facts)


def test_the_pair_of_entities_is_unordered() -> None:
    relations = pd.DataFrame(
        {"a": ["Redis", "Dragonfly", "Quick"], "b": ["Dragonfly", "Redis", None]}
    )
    keys = statement_pair(relations)
    assert keys[0] == keys[1] and keys[2] == "\x1fQuick"


class _Ordering(InProcess):
    """In this process, noting each task's name, its priority and the handles gathered."""

    def __init__(self, partitions: int) -> None:
        super().__init__(partitions)
        self.priority = 0
        self.events: list[tuple[str, object]] = []

    def submit(self, function: Any, *args: Any) -> Any:
        family = next((a.value for a in args if isinstance(a, Family)), "")
        self.events.append(("submit", (function.__name__, family, self.priority)))
        return function(*args)

    def gather(self, handles: Any) -> list[Any]:
        self.events.append(("gather", len(handles)))
        return list(handles)


def test_the_page_cut_goes_first_and_the_statements_do_not_wait_for_the_other_cuts() -> None:
    """The statements read the page rules' diff_mismatch findings only: they are submitted
    once the page cut is gathered, before the entity and metric cuts are, and the page cut's
    tasks run first on a worker (a higher priority)."""
    facts, relations = _statement_pages()
    pages = pd.DataFrame(columns=PAGE_COLUMNS)
    runner = _Ordering(2)
    got = partitioned_checks(runner, facts, pages, relations, CheckConfig())
    expected = run_checks(facts, pages, CheckConfig(), relations).findings
    pd.testing.assert_frame_equal(expected, got, check_dtype=False)
    assert runner.priority == 0  # restored
    submitted = [e[1] for e in runner.events if e[0] == "submit"]
    priority = {(name, family): p for name, family, p in submitted}  # type: ignore[misc]
    assert priority[("check_page_partition", "")] == 1  # the page cut (and the statements'
    assert priority[("_checked_of", "")] == 1  # figures it cuts), its findings
    assert priority[("check_partition", "entity")] == 0
    # no table row holds figures far apart: the metric cut has nothing to judge, no task
    assert ("check_partition", "metric") not in priority
    names = [e[1][0] if e[0] == "submit" else "gather" for e in runner.events]  # type: ignore[index]
    statements = names.index("relations_task")
    # page cut gathered, then the statements submitted, then the other cuts gathered
    assert names[:statements].count("gather") == 1
    assert "gather" in names[statements:]


@pytest.mark.parametrize("partitions", [2, 3])
def test_the_consensus_kept_by_entity_partition_is_the_gathered_one(
    small: Analysis, tmp_path: Path, partitions: int
) -> None:
    """With `keep_consensus` (the Dask engine writing a lake) each entity partition keeps its
    numeric and categorical consensus: the client gathers neither, the findings are annotated
    alike (the conflicts of several partitions included), and the partitions' rows written
    to the lake are the consensus gathered otherwise (issue 19)."""
    import duckdb
    from crosscheck.reconcile import ReconcileConfig, flagged_claims

    from crosscheck.contracts import CLAIM_COLUMNS
    from crosscheck.dask_lake import lake_glob, write_lake
    from crosscheck.dask_reconcile import partitioned_reconcile

    config = _config(tmp_path)
    vocabulary = _vocabulary(config)
    tolerances = {m.id: m.tolerance for m in vocabulary.metrics.values()}
    reconcile = ReconcileConfig(config.intervals, tolerances)
    flagged = flagged_claims(small.findings)
    runner = InProcess(partitions)
    args = (small.facts, small.findings, flagged, reconcile)
    gathered = partitioned_reconcile(runner, *args)
    kept = partitioned_reconcile(runner, *args, keep_consensus=True)
    assert gathered.consensus_parts is None and kept.consensus_parts is not None
    assert kept.reconciled.empty and kept.consensus_rows == len(gathered.reconciled) > 50
    assert gathered.category_parts is None and kept.reconciled_categories.empty
    assert kept.category_rows == len(gathered.reconciled_categories) > 0
    pd.testing.assert_frame_equal(kept.findings, gathered.findings)
    lake = tmp_path / "lake"
    no_claims = pd.DataFrame(columns=CLAIM_COLUMNS)
    written = write_lake(
        runner, lake, "r1", small.facts.iloc[0:0], no_claims,
        consensus_parts=kept.consensus_parts, category_parts=kept.category_parts,
    )  # fmt: skip
    assert written["consensus"] == len(gathered.reconciled)
    assert written["categories"] == len(gathered.reconciled_categories)
    con = duckdb.connect()
    columns = "entity, metric, coalesce(qualifier, ''), low, high, value, unit, support, sources"
    in_lake = con.execute(
        f"SELECT {columns} FROM read_parquet(?) ORDER BY ALL", [lake_glob(lake, "consensus")]
    ).fetchall()
    expected = gathered.reconciled
    con.register("expected", expected.assign(sources=expected["sources"].map(list)))
    want = con.execute(f"SELECT {columns} FROM expected ORDER BY ALL").fetchall()
    assert in_lake == want
    columns = "entity, metric, coalesce(qualifier, ''), value_text, support, dissent, sources"
    in_lake = con.execute(
        f"SELECT {columns} FROM read_parquet(?) ORDER BY ALL", [lake_glob(lake, "categories")]
    ).fetchall()
    voted = gathered.reconciled_categories
    con.register("voted", voted.assign(sources=voted["sources"].map(list)))
    assert in_lake == con.execute(f"SELECT {columns} FROM voted ORDER BY ALL").fetchall() != []


class _MetricCut(InProcess):
    """In this process, keeping the facts each metric-cut task is given."""

    def __init__(self, partitions: int) -> None:
        super().__init__(partitions)
        self.metric_parts: list[pd.DataFrame] = []

    def submit(self, function: Any, *args: Any) -> Any:
        if any(a is Family.METRIC for a in args):
            self.metric_parts.append(args[0])
        return function(*args)


def _outlier_row() -> pd.DataFrame:
    """A table row whose '28,000' (MB) stands beside a '40' (MB), other pages' memory
    figures, and throughput figures no row spreads: only the memory figures may be flagged."""
    from tests.reconcile.facts_factory import fact, facts_frame

    rows = [
        fact("a.md", "Alpha", "memory_usage", 28e9, unit="B", raw="28,000"),
        fact("a.md", "Beta", "memory_usage", 40e6, unit="B", raw="40"),
        *(
            fact(page, name, "memory_usage", mb * 1e6, unit="B", raw=f"{mb}")
            for page, name, mb in [("b.md", "Alpha", 38), ("b.md", "Beta", 42), ("c.md", "Zed", 45)]
        ),
        *(
            fact(page, name, "throughput", rate, raw=f"{rate:g}")
            for page in ("a.md", "b.md", "c.md")
            for name, rate in [("Alpha", 900.0), ("Beta", 1000.0)]
        ),
    ]
    facts = facts_frame(rows)
    facts.loc[:1, "row_key"] = "table 1 / row 1"  # the two a.md memory figures share a row
    facts.loc[:4, "unit_hint"] = "MB"
    return facts


@pytest.mark.parametrize("partitions", [1, 2, 3])
def test_the_metric_cut_holds_only_the_metrics_of_far_apart_rows(partitions: int) -> None:
    """Row outliers (the metric cut's one rule) judge a table row's far-apart figures against
    their metric's other figures: the page partitions name those metrics, and the metric cut
    gets those metrics' figures only, with the one-process findings."""
    facts, pages = _outlier_row(), pd.DataFrame(columns=PAGE_COLUMNS)
    expected = run_checks(facts, pages, CheckConfig()).findings
    assert expected["explanation"].str.contains("in the same row and far from the usual").any()
    runner = _MetricCut(partitions)
    got = partitioned_checks(runner, facts, pages, None, CheckConfig())
    pd.testing.assert_frame_equal(expected, got, check_dtype=False)
    held = pd.concat(runner.metric_parts)
    assert set(held["metric"]) == {"memory_usage"} and len(held) == 5
